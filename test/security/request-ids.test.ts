import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import type { Database } from "#server/db/client.ts";
import { isStaffUrl } from "#server/http/request-id.ts";
import { Client } from "../support/app.ts";
import { freshDatabase } from "../support/db.ts";
import { buildCity, buildUser } from "../support/factories.ts";

/**
 * Anonymous submissions cannot be linked through ids or logs: a public caller's X-Request-Id is
 * ignored (the audit row and the log carry the server's own id), and no log line about a public
 * call carries the caller's address. Staff integrations keep their own ids, and their address is logged.
 */
let app: FastifyInstance;
let database: Database;
let drop: () => Promise<void>;
let federation: number;
const lines: string[] = [];

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const config = loadConfig({
    LOG_LEVEL: "info",
    DATA_DIR: `/tmp/caunoi-test-${randomBytes(4).toString("hex")}`,
    SESSION_SECRET: "t".repeat(40),
    LOGIN_RATE_LIMIT: "10000",
    PUBLIC_CHALLENGE_DIFFICULTY: "0",
  });
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  app = await buildApp({ config, database, logStream });
  await app.ready();
  federation = (await buildCity(database)).federation;
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

const logOf = (requestId: string) => lines.filter((l) => l.includes(requestId));

describe("request ids and logs", () => {
  it("tells public routes from the staff API by the same rule the ids and logs use", () => {
    const fill = (url: string) => url.replace(/:[A-Za-z]+/g, "1");
    const wrong = app.routeTable.filter((r) => isStaffUrl(fill(r.url)) === r.public).map((r) => `${r.method} ${r.url}`);
    expect(wrong).toEqual([]);
    expect(app.routeTable.filter((r) => r.public).length).toBeGreaterThan(5);
  });

  it("ignores the id an anonymous submitter chose, keeps it out of the audit, and logs no address beside the submission", async () => {
    const chosen = `tracker-${randomBytes(6).toString("hex")}`;
    const res = await app.inject({
      method: "POST",
      url: "/api/public/requests",
      headers: { "x-request-id": chosen, "x-forwarded-for": "203.0.113.77" },
      remoteAddress: "198.51.100.23",
      payload: { kind: "complaint", topic: "wages", title: "Chậm lương", description: "Công ty chậm lương hai tháng liền", anonymous: true, consent: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = String(res.headers["x-request-id"]);
    expect(id).not.toBe(chosen);
    const [audited] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE request_id = ${chosen}`);
    expect(audited?.n).toBe(0);
    const [stored] = await database.rows<{ requestId: string; ip: string | null }>(
      sql`SELECT request_id AS "requestId", ip FROM audit_log
          WHERE object_type = 'voice_request' AND object_id = (SELECT id::text FROM voice_requests WHERE code = ${res.json().code})`,
    );
    expect(stored).toEqual({ requestId: id, ip: null });
    expect(lines.some((l) => l.includes(chosen))).toBe(false);
    const mine = logOf(id);
    expect(mine.length).toBeGreaterThan(0);
    for (const l of mine) {
      expect(l).not.toContain("198.51.100.23");
      expect(l).not.toContain("remoteAddress");
    }
    // Following it by code (another public call) is not linked either.
    const follow = await app.inject({
      method: "GET",
      url: `/api/public/requests/${res.json().code}`,
      headers: { "x-request-id": chosen },
      remoteAddress: "198.51.100.23",
    });
    expect(follow.headers["x-request-id"]).not.toBe(chosen);
    for (const l of logOf(String(follow.headers["x-request-id"]))) expect(l).not.toContain("198.51.100.23");
  });

  it("keeps a staff integration's own id and logs where staff calls come from", async () => {
    const u = await buildUser(database, "officer", federation);
    const c = new Client(app);
    await c.login(u.username, u.password);
    const chosen = `integration-${randomBytes(6).toString("hex")}`;
    const res = await c.request({ method: "GET", url: "/api/auth/me", headers: { "x-request-id": chosen }, remoteAddress: "192.0.2.10" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-request-id"]).toBe(chosen);
    expect(logOf(chosen).some((l) => l.includes("192.0.2.10"))).toBe(true);
  });
});
