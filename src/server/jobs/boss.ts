/**
 * The queue on PostgreSQL: pg-boss 10 (docs/JOBS.md says why this library and this version). It
 * uses the app's pool, its own schema `pgboss`, and a queue per job with the job's retries and a
 * short expiry; a run renews its expiry every few seconds, which pg-boss 10 cannot do by itself.
 */

import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Database, Tx } from "#server/db/client.ts";
import { JOB_TIME_ZONE, type JobDef, type JobRow, type LeaseOptions } from "./define.ts";
import type { JobQueue, SendOptions } from "./queue.types.ts";

const SCHEMA = "pgboss";

/** pg-boss's parameterised text as a drizzle statement, so it runs on the caller's transaction. */
function toSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`));
  return sql.join(chunks);
}

function onTx(database: Database, tx: Tx): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await database.rows(toSql(text, values ?? []), tx) }) };
}

export function bossQueue(database: Database, defs: Map<string, JobDef>, lease: LeaseOptions, log: (line: string) => void, workers: boolean): JobQueue {
  return new BossQueue(database, defs, lease, log, workers);
}

class BossQueue implements JobQueue {
  readonly kind = "pg-boss";
  private readonly boss: PgBoss;
  private readonly pool: NonNullable<Database["pool"]>;
  private started: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly defs: Map<string, JobDef>,
    private readonly lease: LeaseOptions,
    private readonly log: (line: string) => void,
    workers: boolean,
  ) {
    const pool = database.pool;
    if (!pool) throw new Error("pg-boss needs PostgreSQL");
    this.pool = pool;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: SCHEMA,
      supervise: workers,
      schedule: workers,
      maintenanceIntervalSeconds: lease.sweepSeconds,
      // Failed jobs stay a fortnight for the admin's list.
      archiveFailedAfterSeconds: 14 * 24 * 3600,
    });
    this.boss.on("error", (err) => log(`pg-boss: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** pg-boss's schema and a queue per job (its retries, its expiry), once. */
  private start(): Promise<void> {
    this.started ??= (async () => {
      // Servers and workers starting together create pg-boss's schema and queues one after the
      // other: concurrent create_queue calls deadlock on its partitions.
      const lock = await this.pool.connect();
      try {
        await lock.query("SELECT pg_advisory_lock(hashtext('caunoi.pgboss.start'))");
        await this.createQueues();
      } finally {
        await lock.query("SELECT pg_advisory_unlock(hashtext('caunoi.pgboss.start'))").catch(() => undefined);
        lock.release();
      }
    })();
    return this.started;
  }

  private async createQueues(): Promise<void> {
    await this.boss.start();
    for (const def of this.defs.values()) {
      const options = {
        name: def.name,
        retryLimit: def.retry.limit,
        retryDelay: def.retry.delaySeconds,
        retryBackoff: def.retry.backoff,
        expireInSeconds: this.lease.leaseSeconds,
      };
      if (await this.boss.getQueue(def.name)) await this.boss.updateQueue(def.name, options);
      else await this.boss.createQueue(def.name, options);
    }
  }

  async send(def: JobDef, data: object, opts: SendOptions = {}): Promise<string> {
    await this.start();
    const options: PgBoss.SendOptions = opts.tx ? { db: onTx(this.database, opts.tx) } : {};
    if (opts.afterSeconds) options.startAfter = opts.afterSeconds;
    const id = await this.boss.send(def.name, data, options);
    if (!id) throw new Error(`pg-boss refused job ${def.name}`);
    return id;
  }

  nudge(): void {
    // pg-boss's workers poll every pollSeconds.
  }

  async work(): Promise<void> {
    await this.start();
    for (const def of this.defs.values()) {
      await this.boss.work<object>(def.name, { pollingIntervalSeconds: this.lease.pollSeconds, batchSize: 1, includeMetadata: true }, ([job]) =>
        job ? this.runOne(def, job) : Promise.resolve(),
      );
      if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: JOB_TIME_ZONE });
    }
  }

  /** One run with its own token; pg-boss 10 expires a job `expireInSeconds` after it started, so a live run moves its start on. */
  private async runOne(def: JobDef, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const beat = setInterval(() => {
      this.pool
        .query(`UPDATE ${SCHEMA}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [def.name, job.id])
        .catch(() => undefined);
    }, this.lease.heartbeatSeconds * 1000);
    beat.unref();
    const attempt = job.retryCount + 1;
    try {
      await def.run({ database: this.database, id: job.id, attempt, token: randomUUID(), log: this.log }, job.data);
    } catch (err) {
      this.log(`job ${def.name} ${job.id} failed (attempt ${attempt}): ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    } finally {
      clearInterval(beat);
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }

  async list(states: JobRow["state"][], limit: number): Promise<JobRow[]> {
    await this.start();
    const raw = states.flatMap((s) => (s === "queued" ? ["created", "retry"] : [s]));
    return this.database.rows<JobRow>(
      sql`SELECT id::text AS id, name, CASE WHEN state::text IN ('created', 'retry') THEN 'queued' ELSE state::text END AS state,
                 retry_count + CASE WHEN state::text IN ('created', 'retry') THEN 0 ELSE 1 END AS attempts,
                 created_on::text AS "createdAt", started_on::text AS "startedAt", completed_on::text AS "finishedAt",
                 CASE WHEN state::text IN ('created', 'retry') THEN start_after::text END AS "runAfter",
                 CASE WHEN state::text = 'failed' THEN coalesce(output->>'message', output::text) END AS error, data
          FROM ${sql.identifier(SCHEMA)}.job
          WHERE state::text = ANY(${`{${raw.join(",")}}`}::text[]) AND name NOT LIKE '\\_\\_pgboss%'
          ORDER BY created_on DESC LIMIT ${limit}`,
    );
  }

  async retry(name: string, id: string): Promise<boolean> {
    await this.start();
    if (!/^[0-9a-f-]{36}$/.test(id)) return false;
    const job = await this.boss.getJobById(name, id);
    if (job?.state !== "failed") return false;
    await this.boss.retry(name, id);
    return true;
  }
}
