import type { Tx } from "#server/db/client.ts";
import type { JobDef, JobRow } from "./define.ts";

export interface SendOptions {
  /** The caller's transaction: the job is enqueued only if it commits (the event and its job together). */
  tx?: Tx;
  /** Not before this many seconds from now. */
  afterSeconds?: number;
}

/** The queue a server uses: pg-boss on PostgreSQL, the in-process runner on the embedded database. */
export interface JobQueue {
  kind: "local" | "pg-boss";
  /** Enqueues a run of `def` with `data`; returns the job's id. */
  send(def: JobDef, data: object, opts?: SendOptions): Promise<string>;
  /** Looks for work at once (after a transaction that enqueued committed). */
  nudge(): void;
  /** Starts the workers (and the recurring schedules) of every job defined. */
  work(): Promise<void>;
  /** Stops taking work and waits for the runs in hand. */
  stop(): Promise<void>;
  /** The newest jobs in these states, for the admin page. */
  list(states: JobRow["state"][], limit: number): Promise<JobRow[]>;
  /** A failed job queued again; false when there is no such failed job. */
  retry(name: string, id: string): Promise<boolean>;
}
