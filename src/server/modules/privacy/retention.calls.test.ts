import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { buildCity, buildUser } from "../../../../test/support/factories.ts";
import { runRetention } from "./retention.ts";

const SECRET = "hotline-secret-for-retention-tests";
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HOTLINE_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => t.close());

/** A call as the PBX reports it, signed as voice's webhook expects. */
function call(body: object) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", SECRET).update(`${ts}.${raw}`).digest("hex");
  return t.app.inject({
    method: "POST",
    url: "/api/voice/calls",
    payload: raw,
    headers: { "content-type": "application/json", "x-hotline-signature": signature, "x-hotline-timestamp": ts },
  });
}

describe("retention of hotline calls", () => {
  it("clears an old call's number but keeps the row, and keeps an open call-back's number", async () => {
    const city = await buildCity(t.database);
    const u = await buildUser(t.database, "system_admin", city.federation);
    const admin = new Client(t.app);
    await admin.login(u.username, u.password);
    const line = `02253${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    expect((await admin.put(`/api/voice/hotline-lines/${line}`, { bodyId: city.zoneUnion, opensAt: "07:00", closesAt: "17:00" })).statusCode).toBe(200);
    const id = () => `ret-${Math.random().toString(36).slice(2)}`;
    const old = await call({ callId: id(), caller: "0912555666", line, at: "2024-01-02T09:00:00+07:00", status: "answered" });
    const pending = await call({ callId: id(), caller: "0912555667", line, at: "2024-01-02T20:00:00+07:00", status: "missed" });
    const recent = await call({ callId: id(), caller: "0912555668", line, at: new Date().toISOString(), status: "answered" });
    const done = await runRetention(t.database, new Date());
    expect(done).toContainEqual({ kind: "voice_calls", action: "deidentified", rows: 1 });
    const rows = await t.database.rows<{ id: number; phone: string | null }>(
      sql`SELECT id, caller_phone AS phone FROM voice_calls WHERE id IN (${old.json().id}, ${pending.json().id}, ${recent.json().id}) ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: old.json().id, phone: null },
      { id: pending.json().id, phone: "0912555667" },
      { id: recent.json().id, phone: "0912555668" },
    ]);
  });
});
