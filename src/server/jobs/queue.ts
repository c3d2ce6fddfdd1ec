/**
 * The job layer: one queue per open database, pg-boss on PostgreSQL and the in-process runner on the
 * embedded database, behind one `send`. Modules define their jobs (define.ts) and publish them from
 * their door; `modules/jobs.ts` lists them and the process that starts (main.ts, `caunoi worker`,
 * buildApp) opens the queue with that list.
 */

import type { Database } from "#server/db/client.ts";
import { bossQueue } from "./boss.ts";
import { DEFAULT_LEASE, type JobDef, type LeaseOptions } from "./define.ts";
import { localQueue } from "./local.ts";
import type { JobQueue, SendOptions } from "./queue.types.ts";

interface Opened {
  queue: JobQueue;
  /** Workers start on the first job this process sends (tests), not at once. */
  lazy: boolean;
  workers: boolean;
  working: Promise<void> | null;
}

const queues = new WeakMap<Database, Opened>();

export interface JobsOptions {
  /** Whether this process runs jobs (false: WORKER=off, a web-only server that only enqueues). */
  workers: boolean;
  /** Start workers only when this process first sends a job (the test apps), or at once (servers). */
  lazy?: boolean;
  lease?: Partial<LeaseOptions>;
  log?: (line: string) => void;
}

/** Opens the database's queue with every job defined; a second call returns the first queue. */
export async function openJobs(database: Database, defs: JobDef[], opts: JobsOptions): Promise<JobQueue> {
  const known = queues.get(database);
  if (known) return known.queue;
  const lease = { ...DEFAULT_LEASE, ...opts.lease };
  const byName = new Map(defs.map((d) => [d.name, d]));
  const log = opts.log ?? (() => undefined);
  const queue = database.pool ? bossQueue(database, byName, lease, log, opts.workers) : localQueue(database, byName, lease, log);
  const opened: Opened = { queue, lazy: opts.lazy === true, workers: opts.workers, working: null };
  queues.set(database, opened);
  if (opts.workers && !opened.lazy) await startWorking(opened);
  return queue;
}

function startWorking(opened: Opened): Promise<void> {
  opened.working ??= opened.queue.work();
  return opened.working;
}

/** The database's queue; throws when no process opened one (a programming error). */
export function jobQueue(database: Database): JobQueue {
  const opened = queues.get(database);
  if (!opened) throw new Error("job queue not opened for this database (openJobs)");
  return opened.queue;
}

/**
 * Enqueues a run of `def`. With `{ tx }` the job is written in the caller's transaction, so the
 * event and its job commit (or vanish) together.
 */
export async function send<T extends object>(database: Database, def: JobDef<T>, data: T, opts: SendOptions = {}): Promise<string> {
  const opened = queues.get(database);
  if (!opened) throw new Error("job queue not opened for this database (openJobs)");
  const id = await opened.queue.send(def as unknown as JobDef, data, opts);
  if (opened.workers && opened.lazy) await startWorking(opened);
  return id;
}

/** After a transaction that enqueued commits: this process's workers look for it at once. */
export function nudgeJobs(database: Database): void {
  queues.get(database)?.queue.nudge();
}

/** Stops the database's queue (workers finish the runs in hand) and forgets it. */
export async function closeJobs(database: Database): Promise<void> {
  const opened = queues.get(database);
  if (!opened) return;
  queues.delete(database);
  await opened.queue.stop();
}
