import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import { openDatabase } from "#server/db/client.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { buildCity, buildUser } from "../support/factories.ts";

/**
 * The hotline across app servers (issue 21, item 6): the PBX's webhook lands on one server behind the
 * proxy, the officer's event stream is held by another; PostgreSQL's NOTIFY carries the call. The
 * embedded database is one process by nature: nothing to carry there.
 */
const SECRET = "hotline-secret-for-scale-out-tests";
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HOTLINE_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => t.close());

describe("two app servers on one PostgreSQL", () => {
  it.runIf(Boolean(process.env.DATABASE_URL))("a call reported to server A pops on a stream held by server B", async () => {
    const url = ((t.database.pool?.options ?? {}) as { connectionString?: string }).connectionString ?? "";
    const databaseB = await openDatabase({ url });
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: `/tmp/caunoi-test-${randomBytes(4).toString("hex")}`, SESSION_SECRET: "t".repeat(40) });
    const b = await buildApp({ config, database: databaseB });
    try {
      const city = await buildCity(t.database);
      const admin = await buildUser(t.database, "system_admin", city.federation);
      const adminClient = new Client(t.app);
      await adminClient.login(admin.username, admin.password);
      const line = `02254${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
      expect((await adminClient.put(`/api/voice/hotline-lines/${line}`, { bodyId: city.zoneUnion })).statusCode).toBe(200);
      const u = await buildUser(t.database, "officer", city.zoneUnion);
      const officer = new Client(t.app);
      await officer.login(u.username, u.password);

      const address = await b.listen({ port: 0, host: "127.0.0.1" });
      const ac = new AbortController();
      const res = await fetch(`${address}/api/voice/calls/stream`, { headers: { cookie: officer.cookie, accept: "text/event-stream" }, signal: ac.signal });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      const callId = `scale-${Date.now()}`;
      const raw = JSON.stringify({ callId, caller: "0912000222", line, at: new Date().toISOString(), status: "answered" });
      const ts = String(Math.floor(Date.now() / 1000));
      const sent = Date.now();
      const posted = await t.app.inject({
        method: "POST",
        url: "/api/voice/calls",
        payload: raw,
        headers: {
          "content-type": "application/json",
          "x-hotline-timestamp": ts,
          "x-hotline-signature": createHmac("sha256", SECRET).update(`${ts}.${raw}`).digest("hex"),
        },
      });
      expect(posted.statusCode).toBe(201);
      let text = "";
      while (!text.includes(callId)) {
        const r = await reader.read();
        if (r.done) break;
        text += new TextDecoder().decode(r.value);
      }
      expect(text).toContain(callId);
      // Seen on this loaded machine: 30–220 ms from the webhook's answer to the other server's stream.
      console.info(`hotline: webhook on A → event on B's stream in ${Date.now() - sent} ms`);
      ac.abort();
    } finally {
      await b.close();
      await databaseB.close();
    }
  });
});
