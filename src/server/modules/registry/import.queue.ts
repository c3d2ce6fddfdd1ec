/**
 * An import as a queued job: the route keeps the file where every worker reads it (IMPORT_DIR), writes
 * the import's row and enqueues the job in one transaction; any worker runs it, as its uploader, and a
 * worker that takes over from a dead one runs it again from the file — all-or-nothing, applied once.
 */

import { unlink } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { defineJob, type JobRun } from "#server/jobs/define.ts";
import { nudgeJobs, send } from "#server/jobs/queue.ts";
import { actorForUser } from "#server/modules/access/index.ts";
import type { ImportKind } from "./import.columns.ts";
import { importEnterprises } from "./import.enterprises.ts";
import { ClaimLostError } from "./import.jobs.ts";
import type { ImportRunner } from "./import.organizations.ts";
import { importMembers } from "./import.service.ts";
import { importUnions } from "./import.unions.ts";

export const importRunners: Record<ImportKind, ImportRunner> = { members: importMembers, enterprises: importEnterprises, unions: importUnions };

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
}

/** The queued import: `importId` is the import's row (import_jobs). */
export const importJob = defineJob<{ importId: number }>({
  name: "registry.import",
  // A retry is a run after a worker died (a failing file fails the import itself, not the job): soon.
  retry: { limit: 3, delaySeconds: 2, backoff: true },
  run: (job, data) => runQueuedImport(job, data.importId),
});

/** The import's row, its file and options, and its job, written together. */
export async function enqueueImport(
  database: Database,
  ctx: RequestContext,
  kind: ImportKind,
  file: { path: string; name: string | null },
  options: ImportOptions,
): Promise<number> {
  const id = await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO import_jobs (kind, dry_run, file_name, user_id, body_id, file_path, options, phase)
          VALUES (${kind}, ${options.dryRun}, ${file.name}, ${ctx.actor.userId}, ${ctx.actor.bodyId}, ${file.path}, ${JSON.stringify(options)}::jsonb, 'queued')
          RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await send(database, importJob, { importId: id }, { tx });
    return id;
  });
  nudgeJobs(database);
  return id;
}

async function runQueuedImport(job: JobRun, importId: number): Promise<void> {
  const { database } = job;
  // The claim: waits while an earlier run's apply transaction holds the row, and then finds it done.
  const [row] = await database.rows<{ kind: ImportKind; filePath: string; options: ImportOptions; userId: number }>(
    sql`UPDATE import_jobs SET claim_token = ${job.token}, attempts = attempts + 1, processed = 0, phase = 'reading'
        WHERE id = ${importId} AND status = 'running' AND file_path IS NOT NULL
        RETURNING kind, file_path AS "filePath", options, user_id AS "userId"`,
  );
  if (!row) return;
  job.log(`import ${importId}: claimed by process ${process.pid} (run ${job.attempt}${job.attempt > 1 ? ", again from its file" : ""})`);
  // What an earlier run staged or found is dropped: this run reads the file from the start.
  await database.rows(sql`DELETE FROM import_rows WHERE job_id = ${importId}`);
  await database.rows(sql`DELETE FROM import_errors WHERE job_id = ${importId}`);
  const ctx: RequestContext = { actor: await actorForUser(database, row.userId), ip: "worker", requestId: `job-${job.id}` };
  try {
    await importRunners[row.kind](database, ctx, importId, row.filePath, { ...row.options, claim: job.token });
  } catch (err) {
    // Another run holds the job now: it keeps the file.
    if (err instanceof ClaimLostError) return;
    // Otherwise the import recorded its failure on its row (a bad file is the user's to fix, not a retry's).
  }
  await unlink(row.filePath).catch(() => undefined);
}
