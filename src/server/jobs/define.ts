/** What a background job is: its name, its work, its retries and (for a recurring one) its schedule. */

import type { Database } from "#server/db/client.ts";

/** What a run of a job is told. */
export interface JobRun {
  database: Database;
  /** The queue's id of the job (a uuid on PostgreSQL, a number on the embedded database). */
  id: string;
  /** 1 for the first run, 2 for the first retry… */
  attempt: number;
  /**
   * This claim's own token: a run that writes once-only effects records it with them and checks it
   * inside its transaction, so a run that lost its lease (its server presumed dead) cannot apply twice.
   */
  token: string;
  log: (line: string) => void;
}

export interface JobDef<T extends object = object> {
  /** Dotted, module first: `registry.import`, `privacy.retention`. */
  name: string;
  run(job: JobRun, data: T): Promise<void>;
  /** Runs after the first: how many, the first delay in seconds, doubled each time when backoff. */
  retry: { limit: number; delaySeconds: number; backoff: boolean };
  /** A recurring job: a cron expression read in Vietnam's time zone (Asia/Ho_Chi_Minh). */
  cron?: string;
}

/** Declares a job; modules export theirs from their door and `modules/jobs.ts` lists them. */
export function defineJob<T extends object>(def: Omit<JobDef<T>, "retry"> & { retry?: Partial<JobDef<T>["retry"]> }): JobDef<T> {
  return { ...def, retry: { limit: 3, delaySeconds: 30, backoff: true, ...def.retry } };
}

/** The time zone of every schedule: the users' (the server runs in UTC). */
export const JOB_TIME_ZONE = "Asia/Ho_Chi_Minh";

/**
 * Leases: a job claimed by a server that stops renewing it is free again after `leaseSeconds`;
 * a live server renews every `heartbeatSeconds`, so a long import is never taken from it.
 */
export interface LeaseOptions {
  leaseSeconds: number;
  heartbeatSeconds: number;
  /** How often the queue looks for expired leases (PostgreSQL: pg-boss's maintenance). */
  sweepSeconds: number;
  /** How often an idle worker looks for work. */
  pollSeconds: number;
}

export const DEFAULT_LEASE: LeaseOptions = leaseOf(30);

/** A lease of `seconds`, renewed and swept every third of it (30 s: renewed and swept every 10 s). */
export function leaseOf(seconds: number): LeaseOptions {
  const third = Math.max(1, Math.round(seconds / 3));
  return { leaseSeconds: seconds, heartbeatSeconds: third, sweepSeconds: third, pollSeconds: 2 };
}

/** Delay before retry number `retry` (1 = the first retry), in seconds. */
export function retryDelay(def: Pick<JobDef, "retry">, retry: number): number {
  return def.retry.backoff ? def.retry.delaySeconds * 2 ** Math.max(0, retry - 1) : def.retry.delaySeconds;
}

/** A row of the admin's list of jobs. */
export interface JobRow {
  id: string;
  name: string;
  state: "queued" | "active" | "failed" | "completed";
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  runAfter: string | null;
  error: string | null;
  data: Record<string, unknown>;
}
