import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import { type Database, openDatabase } from "#server/db/client.ts";
import { reportImportProgress } from "#server/modules/registry/import.jobs.ts";
import { Client } from "../support/app.ts";
import { freshDatabase } from "../support/db.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../support/factories.ts";

/**
 * Two app servers on one database, as behind a proxy (issue #20, item 2): what one server counts or
 * learns, the other knows at once. On PostgreSQL each server has its own connection pool, as two
 * processes would; on the embedded database (one process by nature) they share the handle.
 */
let first: FastifyInstance;
let second: FastifyInstance;
let secondDatabase: Database;
let database: Database;
let drop: () => Promise<void>;
let city: TestCity;

const env = {
  LOG_LEVEL: "silent",
  SESSION_SECRET: "t".repeat(40),
  LOGIN_RATE_LIMIT: "3",
  PUBLIC_CHALLENGE_DIFFICULTY: "0",
  PUBLIC_RATE_LIMIT: "4",
};
const server = async (db: Database) => {
  const app = await buildApp({ config: loadConfig({ ...env, DATA_DIR: `/tmp/caunoi-test-${randomBytes(4).toString("hex")}` }), database: db });
  await app.ready();
  return app;
};

beforeAll(async () => {
  const fresh = await freshDatabase();
  database = fresh.database;
  drop = fresh.drop;
  secondDatabase = fresh.url ? await openDatabase({ url: fresh.url }) : database;
  first = await server(database);
  second = await server(secondDatabase);
  city = await buildCity(database);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  if (secondDatabase !== database) await secondDatabase.close();
  await drop?.();
});

const login = (app: FastifyInstance, ip: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "khong.co.ai", password: "Sai-mat-khau-1" }, remoteAddress: ip });

describe("two servers, one limit", () => {
  it("counts one address's logins across both servers: the fourth attempt in the minute is refused, in Vietnamese", async () => {
    const ip = "203.0.113.7";
    const codes = [(await login(first, ip)).statusCode, (await login(second, ip)).statusCode, (await login(first, ip)).statusCode];
    expect(codes.every((c) => c !== 429)).toBe(true);
    const fourth = await login(second, ip);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers["retry-after"]).toMatch(/^\d+$/);
    expect(fourth.json().title).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    // Another address is not held back by the first one's attempts.
    expect((await login(second, "203.0.113.8")).statusCode).not.toBe(429);
  });

  it("counts public submissions apart from logins, per route, across both servers", async () => {
    const ip = "198.51.100.20";
    const submit = (app: FastifyInstance) => app.inject({ method: "POST", url: "/api/public/requests", payload: { kind: "complaint" }, remoteAddress: ip });
    const codes: number[] = [];
    for (const app of [first, second, first, second, first]) codes.push((await submit(app)).statusCode);
    // Four (invalid, so 400) answered, the fifth refused: the limit is 4 a minute whoever answers.
    expect(codes.slice(0, 4).every((c) => c === 400)).toBe(true);
    expect(codes[4]).toBe(429);
    // The login counter of this address is untouched by its submissions.
    expect((await login(first, ip)).statusCode).not.toBe(429);
  });

  it("keeps the counters in the database, expiring with their window", async () => {
    const rows = await database.rows<{ n: number; future: boolean }>(
      sql`SELECT count(*)::int AS n, bool_and(resets_at > now()) AS future FROM rate_limit_hits WHERE key LIKE ${"%203.0.113.7%"}`,
    );
    expect(rows[0]?.n).toBe(1);
    expect(rows[0]?.future).toBe(true);
  });
});

describe("two servers, one routing", () => {
  it("routes on the second server to a union the first just founded, without waiting out the second's cache", async () => {
    const ent = await buildEnterprise(database, city);
    const routedTo = async () => {
      const res = await second.inject({
        method: "POST",
        url: "/api/public/requests",
        remoteAddress: `192.0.2.${Math.floor(Math.random() * 200) + 1}`,
        payload: {
          kind: "complaint",
          topic: "overtime",
          title: "Không được trả tiền làm thêm giờ tháng 11",
          description: "Công ty bắt làm thêm giờ mỗi ngày 3 tiếng nhưng không trả lương làm thêm giờ theo quy định.",
          anonymous: true,
          consent: true,
          enterpriseId: ent.id,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const [r] = await database.rows<{ b: number }>(sql`SELECT responsible_body_id AS b FROM voice_requests WHERE code = ${res.json().code}`);
      return r?.b;
    };
    // The second server remembers: no union there, the zone union answers.
    expect(await routedTo()).toBe(city.zoneUnion);
    const u = await buildUser(database, "officer", city.federation);
    const officer = new Client(first);
    expect((await officer.login(u.username, u.password)).statusCode).toBe(200);
    const founded = await officer.post("/api/registry/unions", { name: "Công đoàn cơ sở vừa thành lập", enterpriseIds: [ent.id], foundedOn: "01/11/2026" });
    expect(founded.statusCode, founded.body).toBe(201);
    // The notification crosses in milliseconds; allow a second for a loaded machine.
    let body: number | undefined;
    for (let i = 0; i < 20; i++) {
      body = await routedTo();
      if (body === founded.json().id) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toBe(founded.json().id);
  });
});

describe("two servers, one import's progress", () => {
  it("shows on the second server the phase and count of an import the first one runs", async () => {
    const u = await buildUser(database, "officer", city.federation);
    const [job] = await database.rows<{ id: number }>(
      sql`INSERT INTO import_jobs (kind, dry_run, file_name, user_id, body_id) VALUES ('members', false, 'doan-vien.xlsx', ${u.id}, ${city.federation}) RETURNING id`,
    );
    const id = job?.id ?? 0;
    reportImportProgress(database, id, { processed: 0, phase: "reading" });
    reportImportProgress(database, id, { processed: 41_000, phase: "checking" });
    if (secondDatabase !== database) {
      // Two processes share no memory: once the row has it, this process forgets it, as the other never knew.
      for (let i = 0; i < 40; i++) {
        const [row] = await database.rows<{ phase: string | null }>(sql`SELECT phase FROM import_jobs WHERE id = ${id}`);
        if (row?.phase === "checking") break;
        await new Promise((r) => setTimeout(r, 25));
      }
      reportImportProgress(database, id, null);
    }
    const officer = new Client(second);
    expect((await officer.login(u.username, u.password)).statusCode).toBe(200);
    let seen: { processed: number; phase: string } | undefined;
    for (let i = 0; i < 20; i++) {
      seen = (await officer.get(`/api/registry/imports/${id}`)).json();
      if (seen?.phase === "checking") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toMatchObject({ processed: 41_000, phase: "checking" });
    // Once it has ended, a late progress write changes nothing: the job reads as done.
    await database.rows(sql`UPDATE import_jobs SET status = 'done', processed = 50000, finished_at = now() WHERE id = ${id}`);
    reportImportProgress(database, id, { processed: 42_000, phase: "saving" });
    reportImportProgress(database, id, null);
    await new Promise((r) => setTimeout(r, 100));
    expect((await officer.get(`/api/registry/imports/${id}`)).json()).toMatchObject({ processed: 50_000, phase: "done" });
  });
});
