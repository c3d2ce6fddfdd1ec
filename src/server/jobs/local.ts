/**
 * The embedded database's queue: one process, so an in-process runner over `queue_jobs`
 * (migration 0870) with pg-boss's semantics — a claim takes a lease and a token, a live run renews
 * its lease, a lease that runs out frees the job again (the process died), a failed run is retried
 * after a back-off, and a job out of retries is kept as failed for the admin's list.
 */

import { randomUUID } from "node:crypto";
import cronParser from "cron-parser";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { now } from "#shared/clock.ts";
import { JOB_TIME_ZONE, type JobDef, type JobRow, type LeaseOptions, retryDelay } from "./define.ts";
import type { JobQueue, SendOptions } from "./queue.types.ts";

interface Claimed {
  id: number;
  name: string;
  data: Record<string, unknown>;
  attempts: number;
  token: string;
}

/** The next time a cron expression fires after `from`, in Vietnam's time zone. */
export function nextCron(cron: string, from: Date): Date {
  return cronParser.parseExpression(cron, { currentDate: from, tz: JOB_TIME_ZONE }).next().toDate();
}

/** The in-process runner (see the file's comment). */
export function localQueue(database: Database, defs: Map<string, JobDef>, lease: LeaseOptions, log: (line: string) => void): JobQueue {
  return new LocalQueue(database, defs, lease, log);
}

class LocalQueue implements JobQueue {
  readonly kind = "local";
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private readonly busy = new Set<string>();
  private stopped = false;
  private working = false;

  constructor(
    private readonly database: Database,
    private readonly defs: Map<string, JobDef>,
    private readonly lease: LeaseOptions,
    private readonly log: (line: string) => void,
  ) {}

  async send(def: JobDef, data: object, opts: SendOptions = {}): Promise<string> {
    const [row] = await this.database.rows<{ id: number }>(
      sql`INSERT INTO queue_jobs (name, data, retry_limit, retry_delay, retry_backoff, run_after)
          VALUES (${def.name}, ${JSON.stringify(data)}::jsonb, ${def.retry.limit}, ${def.retry.delaySeconds}, ${def.retry.backoff},
                  now() + make_interval(secs => ${opts.afterSeconds ?? 0}))
          RETURNING id`,
      opts.tx,
    );
    if (!opts.tx) this.nudge();
    return String(row?.id);
  }

  nudge(): void {
    if (this.working && !this.stopped) setImmediate(() => void this.poll());
  }

  async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    this.timer = setInterval(() => void this.poll(), this.lease.pollSeconds * 1000);
    this.timer.unref();
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // Runs in hand finish, for 30 s at most (a hung one is left to its lease, as a dead process's).
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 30_000).unref())]);
  }

  list(states: JobRow["state"][], limit: number): Promise<JobRow[]> {
    return listLocal(this.database, states, limit);
  }

  async retry(name: string, id: string): Promise<boolean> {
    if (!/^\d+$/.test(id)) return false;
    const rows = await this.database.rows(
      sql`UPDATE queue_jobs SET state = 'created', attempts = 0, run_after = now(), finished_at = NULL, token = NULL
          WHERE id = ${Number(id)} AND name = ${name} AND state = 'failed' RETURNING id`,
    );
    if (rows.length) this.nudge();
    return rows.length > 0;
  }

  /** Jobs whose lease ran out with no retry left fail; the others are free to claim at once. */
  private async claim(name: string): Promise<Claimed | null> {
    const token = randomUUID();
    await this.database.rows(
      sql`UPDATE queue_jobs SET state = 'failed', finished_at = now(), token = NULL,
            error = 'Máy chủ chạy việc này đã dừng và việc đã hết lượt chạy lại'
          WHERE name = ${name} AND state = 'active' AND lease_until < now() AND attempts > retry_limit`,
    );
    const [row] = await this.database.rows<Omit<Claimed, "token">>(
      sql`UPDATE queue_jobs SET state = 'active', attempts = attempts + 1, token = ${token}, started_at = now(),
            lease_until = now() + make_interval(secs => ${this.lease.leaseSeconds})
          WHERE id = (SELECT id FROM queue_jobs WHERE name = ${name}
                        AND ((state = 'created' AND run_after <= now()) OR (state = 'active' AND lease_until < now()))
                      ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id::int AS id, name, data, attempts`,
    );
    return row ? { ...row, token } : null;
  }

  /** One run: its lease renewed while it works, then completed, or retried after a back-off, or failed. */
  private async runOne(def: JobDef, job: Claimed): Promise<void> {
    const { database, lease } = this;
    const beat = setInterval(() => {
      database
        .rows(sql`UPDATE queue_jobs SET lease_until = now() + make_interval(secs => ${lease.leaseSeconds}) WHERE id = ${job.id} AND token = ${job.token}`)
        .catch(() => undefined);
    }, lease.heartbeatSeconds * 1000);
    beat.unref();
    try {
      await def.run({ database, id: String(job.id), attempt: job.attempts, token: job.token, log: this.log }, job.data);
      await database.rows(sql`UPDATE queue_jobs SET state = 'completed', finished_at = now(), error = NULL WHERE id = ${job.id} AND token = ${job.token}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`job ${def.name} ${job.id} failed (attempt ${job.attempts}): ${message}`);
      await database
        .rows(
          sql`UPDATE queue_jobs SET error = ${message.slice(0, 2000)},
                state = CASE WHEN attempts > retry_limit THEN 'failed' ELSE 'created' END,
                finished_at = CASE WHEN attempts > retry_limit THEN now() END,
                run_after = now() + make_interval(secs => ${retryDelay(def, job.attempts)})
              WHERE id = ${job.id} AND token = ${job.token}`,
        )
        .catch(() => undefined);
    } finally {
      clearInterval(beat);
    }
  }

  /** Recurring jobs: the first runner to see a schedule due moves it on and enqueues one run. */
  private async fireSchedules(): Promise<void> {
    const { database } = this;
    for (const def of this.defs.values()) {
      if (!def.cron) continue;
      const next = nextCron(def.cron, now()).toISOString();
      await database.db.transaction(async (tx) => {
        await database.rows(sql`INSERT INTO queue_schedules (name, next_at) VALUES (${def.name}, ${next}) ON CONFLICT (name) DO NOTHING`, tx);
        const fired = await database.rows(sql`UPDATE queue_schedules SET next_at = ${next} WHERE name = ${def.name} AND next_at <= now() RETURNING name`, tx);
        if (fired.length) await this.send(def, {}, { tx });
      });
    }
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.fireSchedules();
      for (const def of this.defs.values()) {
        if (this.busy.has(def.name) || this.stopped) continue;
        const job = await this.claim(def.name);
        if (!job) continue;
        this.busy.add(def.name);
        const p = this.runOne(def, job).finally(() => {
          this.busy.delete(def.name);
          this.running.delete(p);
          this.nudge();
        });
        this.running.add(p);
      }
    } catch (err) {
      if (!this.stopped) this.log(`job queue poll failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function listLocal(database: Database, states: JobRow["state"][], limit: number, tx?: Tx): Promise<JobRow[]> {
  const raw = states.map((s) => (s === "queued" ? "created" : s));
  return database.rows<JobRow>(
    sql`SELECT id::text AS id, name, CASE state WHEN 'created' THEN 'queued' ELSE state END AS state, attempts,
               created_at::text AS "createdAt", started_at::text AS "startedAt", finished_at::text AS "finishedAt",
               CASE WHEN state = 'created' THEN run_after::text END AS "runAfter", error, data
        FROM queue_jobs WHERE state = ANY(${`{${raw.join(",")}}`}::text[]) ORDER BY id DESC LIMIT ${limit}`,
    tx,
  );
}
