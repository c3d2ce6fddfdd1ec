import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "#server/db/client.ts";
import { freshDatabase } from "../../../test/support/db.ts";
import { bossQueue } from "./boss.ts";
import { DEFAULT_LEASE, defineJob, type JobDef, type LeaseOptions } from "./define.ts";
import { localQueue, nextCron } from "./local.ts";
import type { JobQueue } from "./queue.types.ts";

/**
 * The queue under the jobs: pg-boss on PostgreSQL (DATABASE_URL), the in-process runner on the
 * embedded database — the same claims, retries with back-off, failed list and leases on both.
 */
let t: Awaited<ReturnType<typeof freshDatabase>>;
const opened: JobQueue[] = [];
const extra: Database[] = [];
const fast: LeaseOptions = { ...DEFAULT_LEASE, pollSeconds: 0.5, sweepSeconds: 1 };

beforeAll(async () => {
  t = await freshDatabase();
  await t.database.rows(
    sql`CREATE TABLE job_effects (job text NOT NULL, attempt int NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
}, 60_000);
afterAll(async () => {
  for (const q of opened) await q.stop();
  for (const d of extra) await d.close();
  await t.drop();
}, 60_000);

function queueOn(database: Database, defs: JobDef[], lease: LeaseOptions = fast): JobQueue {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const q = database.pool ? bossQueue(database, byName, lease, () => undefined, true) : localQueue(database, byName, lease, () => undefined);
  opened.push(q);
  return q;
}

async function effects(job: string) {
  return t.database.rows<{ attempt: number; worker: string; at: string }>(
    sql`SELECT attempt, worker, at::text AS at FROM job_effects WHERE job = ${job} ORDER BY at`,
  );
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, seconds = 30): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const record = (worker: string) => async (job: { database: Database; attempt: number }, data: { key: string }) => {
  await job.database.rows(sql`INSERT INTO job_effects (job, attempt, worker) VALUES (${data.key}, ${job.attempt}, ${worker})`);
};

describe(`the job queue (${process.env.DATABASE_URL ? "pg-boss on PostgreSQL" : "in-process on PGlite"})`, () => {
  it("claims and runs a job once; a job sent in a transaction that rolls back never runs", async () => {
    const def = defineJob<{ key: string }>({ name: "test.once", run: record("a") });
    const q = queueOn(t.database, [def]);
    await q.work();
    await q.send(def, { key: "once" });
    await t.database.db
      .transaction(async (tx) => {
        await q.send(def, { key: "rolled-back" }, { tx });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await t.database.db.transaction(async (tx) => {
      await q.send(def, { key: "committed" }, { tx });
    });
    q.nudge();
    expect(
      (
        await until(
          () => effects("committed"),
          (r) => r.length > 0,
        )
      ).length,
    ).toBe(1);
    expect(await effects("once")).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await effects("rolled-back")).toHaveLength(0);
    expect(await effects("once")).toHaveLength(1);
  }, 60_000);

  it("retries a failing job with back-off, then keeps it as failed; the admin's retry runs it again", async () => {
    let failing = true;
    const def = defineJob<{ key: string }>({
      name: "test.flaky",
      retry: { limit: 2, delaySeconds: 1, backoff: true },
      run: async (job, data) => {
        await record("a")(job, data);
        if (failing) throw new Error("Không kết nối được (thử)");
      },
    });
    const q = queueOn(t.database, [def]);
    await q.work();
    const id = await q.send(def, { key: "flaky" });
    const failed = await until(
      () => q.list(["failed"], 50),
      (rows) => rows.some((r) => r.id === id),
      40,
    );
    const row = failed.find((r) => r.id === id);
    expect(row).toMatchObject({ name: "test.flaky", state: "failed", attempts: 3 });
    expect(row?.error).toContain("Không kết nối được");
    const runs = await effects("flaky");
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Back-off: the second wait is longer than the first (1 s, then 2 s).
    const gaps = runs.slice(1).map((r, i) => Date.parse(r.at) - Date.parse(runs[i]?.at ?? ""));
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);

    failing = false;
    expect(await q.retry("test.flaky", id)).toBe(true);
    expect(await q.retry("test.flaky", id)).toBe(false);
    await until(
      () => effects("flaky"),
      (r) => r.length === 4,
    );
    await until(
      () => q.list(["completed"], 50),
      (rows) => rows.some((r) => r.id === id),
    );
    expect(await effects("flaky")).toHaveLength(4);
  }, 90_000);

  it("two workers on one database run each of 40 jobs exactly once", async () => {
    const second = process.env.DATABASE_URL ? await openDatabase({ url: t.url }) : t.database;
    if (second !== t.database) extra.push(second);
    const one = defineJob<{ key: string }>({ name: "test.pair", run: record("one") });
    const two = defineJob<{ key: string }>({ name: "test.pair", run: record("two") });
    const a = queueOn(t.database, [one]);
    const b = queueOn(second, [two]);
    await Promise.all([a.work(), b.work()]);
    for (let i = 0; i < 40; i++) await (i % 2 ? a : b).send(one, { key: `pair-${i}` });
    const rows = await until(
      () =>
        t.database.rows<{ job: string; n: number; worker: string }>(
          sql`SELECT job, count(*)::int AS n, min(worker) AS worker FROM job_effects WHERE job LIKE 'pair-%' GROUP BY job`,
        ),
      (r) => r.length === 40,
      60,
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const [again] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM job_effects WHERE job LIKE 'pair-%'`);
    expect(again?.n).toBe(40);
  }, 90_000);

  it("frees a job whose worker stopped renewing its lease; another worker runs it, with a new token", async () => {
    const tokens: string[] = [];
    let hang = true;
    let release: () => void = () => undefined;
    const def = defineJob<{ key: string }>({
      name: "test.lease",
      retry: { limit: 2, delaySeconds: 1, backoff: false },
      run: async (job, data) => {
        tokens.push(job.token);
        if (hang) {
          hang = false;
          // A worker that died: it does not finish, and (lease below) never renews.
          await new Promise<void>((r) => {
            release = r;
          });
          return;
        }
        await record("b")(job, data);
      },
    });
    const dead = queueOn(t.database, [def], { ...fast, leaseSeconds: 2, heartbeatSeconds: 3600 });
    await dead.work();
    const started = Date.now();
    await dead.send(def, { key: "lease" });
    await until(
      async () => tokens.length,
      (n) => n === 1,
    );
    // The dead worker stays "up" with its run hung, as a process that stopped answering.
    const live = queueOn(t.database, [def], { ...fast, leaseSeconds: 2, heartbeatSeconds: 1 });
    await live.work();
    const runs = await until(
      () => effects("lease"),
      (r) => r.length > 0,
      40,
    );
    expect(runs).toHaveLength(1);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(Date.now() - started).toBeLessThan(30_000);
    // The stalled run wakes up at last: its completion, under a token no longer the job's, changes nothing.
    release();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await effects("lease")).toHaveLength(1);
  }, 60_000);
});

describe.skipIf(Boolean(process.env.DATABASE_URL))("schedules on the embedded database", () => {
  it("fires a due schedule once, whichever of two runners sees it, and moves it to the next slot", async () => {
    let runs = 0;
    const def = defineJob({
      name: "test.cron",
      cron: "0 3 * * *",
      run: async () => {
        runs++;
      },
    });
    await t.database.rows(sql`INSERT INTO queue_schedules (name, next_at) VALUES ('test.cron', now() - interval '1 second')`);
    const a = queueOn(t.database, [def]);
    const b = queueOn(t.database, [def]);
    await Promise.all([a.work(), b.work()]);
    await until(
      async () => runs,
      (n) => n > 0,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs).toBe(1);
    const [next] = await t.database.rows<{ at: string }>(sql`SELECT next_at AS at FROM queue_schedules WHERE name = 'test.cron'`);
    // 03:00 in Vietnam is 20:00 UTC.
    expect(new Date(next?.at ?? "").getUTCHours()).toBe(20);
    expect(new Date(next?.at ?? "").getTime()).toBeGreaterThan(Date.now());
  }, 30_000);
});

describe("schedules", () => {
  it("reads cron in Vietnam's time: 02:30 there is 19:30 UTC the day before", () => {
    expect(nextCron("30 2 * * *", new Date("2026-03-10T12:00:00Z")).toISOString()).toBe("2026-03-10T19:30:00.000Z");
    expect(nextCron("*/10 * * * *", new Date("2026-03-10T12:03:00Z")).toISOString()).toBe("2026-03-10T12:10:00.000Z");
  });
});
