/** An import's job row: created, polled for progress, its problems saved, marked failed, read back. */

import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import type { ImportKind } from "./import.columns.ts";

export interface ImportIssue {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  jobId: number;
  dryRun: boolean;
  /** False when the file had bad rows and the commit was refused (all-or-nothing), or on a dry run. */
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  transferred: number;
  unchanged: number;
  rejected: number;
  errors: ImportIssue[];
  /** How many errors there were in all (the list stops at ERROR_LIST_LIMIT). */
  errorCount: number;
  warnings: ImportIssue[];
}

export const ERROR_LIST_LIMIT = 10_000;
export const WARNING_LIST_LIMIT = 2_000;

/** Progress of the imports this server runs, read by the page's poll at once. */
const progress = new Map<number, { processed: number; phase: string }>();
/** When each running job's row last got its progress (PostgreSQL), so a large file writes it twice a second at most. */
const written = new Map<number, { at: number; phase: string; chain: Promise<void> }>();
const WRITE_EVERY_MS = 500;

export function importProgress(jobId: number) {
  return progress.get(jobId) ?? null;
}

/**
 * Progress of a running import (members, enterprises, unions), for the page's poll; null when it ends.
 * On PostgreSQL it also goes on the job's row, outside the import's transaction, so another app server
 * polled by the same page shows it too (a new phase at once, counts twice a second). Only while the job
 * runs: a write that waited for the import's commit finds it done and changes nothing. On the embedded
 * database there is one server, and the row would wait for the import's transaction: memory only.
 */
export function reportImportProgress(database: Database, jobId: number, state: { processed: number; phase: string } | null) {
  if (!state) {
    progress.delete(jobId);
    written.delete(jobId);
    return;
  }
  progress.set(jobId, state);
  if (database.kind !== "postgres") return;
  const last = written.get(jobId);
  if (last && last.phase === state.phase && Date.now() - last.at < WRITE_EVERY_MS) return;
  // One write after the other: two in flight on two connections could land out of order (a phase going back).
  const previous = last?.chain ?? Promise.resolve();
  const chain = previous.then(() =>
    database.rows(sql`UPDATE import_jobs SET processed = ${state.processed}, phase = ${state.phase} WHERE id = ${jobId} AND status = 'running'`).then(
      () => undefined,
      () => undefined,
    ),
  );
  written.set(jobId, { at: Date.now(), phase: state.phase, chain });
}

export async function saveIssues(database: Database, jobId: number, issues: ImportIssue[]) {
  if (!issues.length) return;
  await database.rows(
    sql`INSERT INTO import_errors (job_id, row_no, col, code, message) SELECT ${jobId}, x.row, x.column, x.code, x.message
        FROM jsonb_to_recordset(${JSON.stringify(issues)}::jsonb) AS x("row" int, "column" text, code text, message text)`,
  );
}

/** Creates the job row that the page polls. */
export async function createImportJob(
  database: Database,
  ctx: RequestContext,
  kind: "members" | "enterprises" | "unions",
  dryRun: boolean,
  fileName: string | null,
): Promise<number> {
  // A previous import killed midway left its staged rows: they belong to no running job any more.
  await database.rows(
    sql`DELETE FROM import_rows WHERE job_id IN (SELECT id FROM import_jobs WHERE status <> 'running' OR created_at < now() - interval '1 day')`,
  );
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO import_jobs (kind, dry_run, file_name, user_id, body_id) VALUES (${kind}, ${dryRun}, ${fileName}, ${ctx.actor.userId}, ${ctx.actor.bodyId}) RETURNING id`,
  );
  return row?.id ?? 0;
}

/** Where an import writes how long each step took (benchmarks pass console.log). */
export type ImportLog = (line: string) => void;

/** Marks a job failed with what went wrong (a Vietnamese message, or "internal"); a failure to record it is not the caller's error. */
export async function markImportFailed(database: Database, jobId: number, processed: number, err: unknown, claim?: string): Promise<void> {
  // A run that lost its claim says nothing: the job is another run's now.
  if (err instanceof ClaimLostError) return;
  await database
    .rows(
      sql`UPDATE import_jobs SET status = 'failed', processed = ${processed}, finished_at = now(), error = ${err instanceof AppError ? (err.detail ?? err.code) : "internal"}
          WHERE id = ${jobId} AND status = 'running' AND (${claim ?? null}::text IS NULL OR claim_token = ${claim ?? null})`,
    )
    .catch(() => undefined);
}

/** Thrown inside an import's transaction when its claim is no longer the job's: it rolls back, nothing applied. */
export class ClaimLostError extends Error {
  constructor(jobId: number) {
    super(`import ${jobId}: claimed by another run`);
  }
}

/**
 * Inside the import's one transaction, before it writes the registry: the job is still running and
 * still this run's claim, and its row stays locked until the commit. A second run (the worker that
 * took over from one presumed dead) waits on that lock to claim the job, then finds it done; a run
 * whose claim was taken finds another token and rolls back. So an import is applied once.
 */
export async function holdImportClaim(database: Database, tx: Tx, jobId: number, claim: string | undefined): Promise<void> {
  if (claim === undefined) return;
  const rows = await database.rows(sql`SELECT 1 FROM import_jobs WHERE id = ${jobId} AND status = 'running' AND claim_token = ${claim} FOR UPDATE`, tx);
  if (!rows.length) throw new ClaimLostError(jobId);
}

/** What an import's transaction answers: its counts and whether it committed. */
export interface ImportOutcome {
  created: number;
  updated: number;
  transferred?: number;
  unchanged: number;
  rejected: number;
  committed: boolean;
}

/**
 * The import's one transaction, under its claim (holdImportClaim). Before it commits, the job is
 * marked done with its counts, with the rows it wrote: a run that dies between this commit and the
 * full result is never run again.
 */
export function importTransaction<T extends ImportOutcome>(
  database: Database,
  jobId: number,
  total: number,
  opts: { dryRun: boolean; claim?: string | undefined },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
    await holdImportClaim(database, tx, jobId, opts.claim);
    const out = await work(tx);
    const result = { jobId, dryRun: opts.dryRun, total, transferred: 0, ...out, errors: [], errorCount: out.rejected, warnings: [] };
    await database.rows(
      sql`UPDATE import_jobs SET status = 'done', processed = ${total}, finished_at = now(), result = ${JSON.stringify(result)}::jsonb WHERE id = ${jobId}`,
      tx,
    );
    return out;
  });
}

export async function getImportJob(database: Database, ctx: RequestContext, id: number) {
  const [job] = await database.rows<{
    id: number;
    kind: ImportKind;
    dryRun: boolean;
    fileName: string | null;
    status: "running" | "done" | "failed";
    processed: number;
    result: ImportResult | null;
    error: string | null;
    phase: string | null;
    createdAt: string;
    finishedAt: string | null;
  }>(
    sql`SELECT id, kind, dry_run AS "dryRun", file_name AS "fileName", status, processed, phase, result, error, created_at::text AS "createdAt", finished_at::text AS "finishedAt"
        FROM import_jobs WHERE id = ${id} AND (user_id = ${ctx.actor.userId} OR ${ctx.actor.role === "system_admin"})`,
  );
  if (!job) throw notFound("Không tìm thấy lượt nhập dữ liệu");
  // On PostgreSQL the row is the truth for every server (a queued import runs on any worker); the
  // embedded database has one process, whose memory holds what the import's transaction keeps from the row.
  const live = database.kind === "pglite" ? importProgress(id) : null;
  const phase = job.status === "running" ? (live?.phase ?? job.phase ?? job.status) : job.status;
  const { phase: _stored, ...rest } = job;
  return { ...rest, processed: live?.processed ?? job.processed, phase };
}
