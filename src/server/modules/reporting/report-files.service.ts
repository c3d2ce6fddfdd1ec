/**
 * The joint report generated as a queued job (issue #20, item 1): the request writes a `report_files`
 * row and enqueues `reporting.generate` in one transaction; any worker builds the file as the
 * requester (their scope), from the same code as the direct download, and stores its bytes with status
 * 'done' in one transaction under its claim — all or nothing, marked done once. `reporting.cleanup`
 * deletes the files past their expiry, daily.
 */

import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, errorCatalogue } from "#server/http/errors.ts";
import { defineJob, type JobRun } from "#server/jobs/define.ts";
import { nudgeJobs, send } from "#server/jobs/queue.ts";
import { actorForUser, audit } from "#server/modules/access/index.ts";
import { renderJointReportDocx } from "./joint-report.docx.ts";
import { renderJointReportXlsx } from "./joint-report.xlsx.ts";
import { parsePeriod } from "./period.ts";
import { buildJointReport, withReportSlot } from "./reporting.service.ts";
import { now } from "#shared/clock.ts";
import { fold } from "#shared/text.ts";
import { DOCX, XLSX } from "#shared/contract/common.ts";
import type { ReportFile } from "#shared/contract/reporting.ts";

/** How long a generated file is kept for its requester. */
export const REPORT_FILE_DAYS = 7;

export type ReportFormat = "docx" | "xlsx";

export interface ReportFileRequest {
  period?: string | undefined;
  format: ReportFormat;
  version: "draft" | "final";
  number?: string | undefined;
}

const columns = sql`id, period, format, version, doc_number AS "number", status, error, file_name AS "fileName", size_bytes AS "sizeBytes",
  created_at AS "createdAt", finished_at AS "finishedAt", expires_at AS "expiresAt"`;

type Row = Omit<ReportFile, "createdAt" | "finishedAt" | "expiresAt"> & {
  createdAt: Date | string;
  finishedAt: Date | string | null;
  expiresAt: Date | string;
};

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const shape = (r: Row): ReportFile => ({ ...r, createdAt: iso(r.createdAt) ?? "", finishedAt: iso(r.finishedAt), expiresAt: iso(r.expiresAt) ?? "" });

/** The name the file is downloaded under: Vietnamese, as an office files it. */
export function reportFileName(f: { period: string; format: ReportFormat; version: string }): string {
  const period = f.period.replace(/[^\w.-]+/g, "_");
  if (f.format === "xlsx") return `Phụ lục số liệu ${period}.xlsx`;
  return `Báo cáo liên tịch ${period}${f.version === "final" ? "" : " (dự thảo)"}.docx`;
}

/** The same name without diacritics or spaces, for clients that do not read `filename*`. */
export function asciiFileName(name: string): string {
  return fold(name)
    .replace(/[^\w.-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/-\./, ".");
}

/** Writes the request and enqueues its generation together; the period is checked here (a 400 in Vietnamese). */
export async function requestReportFile(database: Database, ctx: RequestContext, req: ReportFileRequest, publicUrl: string): Promise<ReportFile> {
  const period = parsePeriod(req.period);
  const label = (req.period ?? period.from.slice(0, 4)).trim().toUpperCase();
  const expires = new Date(now().getTime() + REPORT_FILE_DAYS * 86_400_000).toISOString();
  const row = await database.db.transaction(async (tx) => {
    const [r] = await database.rows<Row>(
      sql`INSERT INTO report_files (requested_by, body_id, period, format, version, doc_number, expires_at)
          VALUES (${ctx.actor.userId}, ${ctx.actor.bodyId}, ${label}, ${req.format}, ${req.version}, ${req.version === "final" ? (req.number ?? null) : null}, ${expires})
          RETURNING ${columns}`,
      tx,
    );
    if (!r) throw new Error("report_files: no row");
    await send(database, generateJob(publicUrl), { fileId: r.id }, { tx });
    return r;
  });
  nudgeJobs(database);
  return shape(row);
}

/** The requester's own files, newest first (a file is its requester's alone). */
export async function listReportFiles(database: Database, ctx: RequestContext, limit = 20): Promise<ReportFile[]> {
  const rows = await database.rows<Row>(sql`SELECT ${columns} FROM report_files WHERE requested_by = ${ctx.actor.userId} ORDER BY id DESC LIMIT ${limit}`);
  return rows.map(shape);
}

/** One of the requester's files; 404 for anyone else's (not 403: its existence is not theirs to know). */
export async function getReportFile(database: Database, ctx: RequestContext, id: number): Promise<ReportFile> {
  const [row] = await database.rows<Row>(sql`SELECT ${columns} FROM report_files WHERE id = ${id} AND requested_by = ${ctx.actor.userId}`);
  if (!row) throw new AppError("not_found", "Không tìm thấy tệp báo cáo");
  return shape(row);
}

/** The file's bytes, audited as the direct downloads are; 409 report_not_ready until it is done. */
export async function reportFileContent(database: Database, ctx: RequestContext, id: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const file = await getReportFile(database, ctx, id);
  if (file.status !== "done") {
    throw new AppError(
      "report_not_ready",
      file.status === "failed" ? "Tạo tệp không thành công, vui lòng tạo lại" : "Tệp đang được tạo, vui lòng chờ trong giây lát",
      { extra: { status: file.status } },
    );
  }
  const [row] = await database.rows<{ content: string }>(
    sql`SELECT encode(content, 'base64') AS content FROM report_files WHERE id = ${id} AND status = 'done'`,
  );
  if (!row) throw new AppError("not_found", "Không tìm thấy tệp báo cáo");
  await audit(database, database.db, ctx, {
    action: "export",
    objectType: "joint_report",
    objectId: file.period,
    detail: { period: file.period, format: file.format, version: file.version, reportFileId: id },
  });
  return { fileName: file.fileName ?? reportFileName(file), contentType: file.format === "docx" ? DOCX : XLSX, data: Buffer.from(row.content, "base64") };
}

/** Thrown when a run finds its claim taken by another (its server was presumed dead): it stores nothing. */
class ClaimLost extends Error {}

/**
 * One run of a file's generation. The claim (a new token on the row) is taken first; the document is
 * built outside any transaction; then bytes, size and 'done' are written in one statement that holds
 * only while the row is still this run's — so a run that lost its lease stores nothing, and a file is
 * done exactly once. A failure throws, so the queue retries; the last attempt marks the file failed.
 */
export async function generateReportFile(
  job: Pick<JobRun, "database" | "token" | "attempt" | "log">,
  fileId: number,
  lastAttempt: boolean,
  publicUrl: string,
): Promise<void> {
  const { database } = job;
  const [row] = await database.rows<{ userId: number; period: string; format: ReportFormat; version: "draft" | "final"; number: string | null }>(
    sql`UPDATE report_files SET status = 'running', claim_token = ${job.token}, attempts = attempts + 1, error = NULL
        WHERE id = ${fileId} AND status IN ('queued', 'running')
        RETURNING requested_by AS "userId", period, format, version, doc_number AS "number"`,
  );
  // Done already (a run before a crash committed it), failed, or expired and deleted: nothing to do.
  if (!row) return;
  job.log(`report file ${fileId}: claimed by process ${process.pid} (run ${job.attempt})`);
  try {
    const ctx: RequestContext = { actor: await actorForUser(database, row.userId), ip: "worker", requestId: `report-file-${fileId}` };
    const period = parsePeriod(row.period);
    const opts = { draft: row.version !== "final", number: row.number ?? undefined };
    const data = await withReportSlot(async () => {
      const report = await buildJointReport(database, ctx, period, undefined, opts);
      return row.format === "docx" ? renderJointReportDocx(report) : renderJointReportXlsx(report, publicUrl);
    });
    const stored = await database.rows(
      sql`UPDATE report_files SET status = 'done', content = decode(${data.toString("base64")}, 'base64'), size_bytes = ${data.length},
            file_name = ${reportFileName(row)}, finished_at = ${now().toISOString()}
          WHERE id = ${fileId} AND status = 'running' AND claim_token = ${job.token} RETURNING id`,
    );
    if (!stored.length) throw new ClaimLost();
    job.log(`report file ${fileId}: done, ${data.length} bytes`);
  } catch (err) {
    if (err instanceof ClaimLost) return;
    // A bad request (a period no longer valid, a user gone) will not mend on a retry: failed at once.
    if (lastAttempt || err instanceof AppError) {
      const message = err instanceof AppError ? (err.errors?.[0]?.message ?? err.detail ?? errorCatalogue[err.code].vi) : "Lỗi khi tạo tệp báo cáo";
      await database.rows(
        sql`UPDATE report_files SET status = 'failed', error = ${message}, finished_at = ${now().toISOString()}
            WHERE id = ${fileId} AND status = 'running' AND claim_token = ${job.token}`,
      );
      if (err instanceof AppError) return;
    }
    throw err;
  }
}

const GENERATE_RETRIES = 3;

/**
 * `reporting.generate`: builds one requested file; retried soon (a retry is mostly a run after a dead
 * worker). The Excel annex prints links to the site: the job list passes its address from the configuration.
 */
export function generateJob(publicUrl: string) {
  return defineJob<{ fileId: number }>({
    name: "reporting.generate",
    retry: { limit: GENERATE_RETRIES, delaySeconds: 2, backoff: true },
    run: (job, data) => generateReportFile(job, data.fileId, job.attempt > GENERATE_RETRIES, publicUrl),
  });
}

/** Deletes the files past their expiry; returns how many. Idempotent, so a run again after a crash is harmless. */
export async function cleanupReportFiles(database: Database, at: Date = now()): Promise<number> {
  const rows = await database.rows(sql`DELETE FROM report_files WHERE expires_at <= ${at.toISOString()} RETURNING id`);
  return rows.length;
}

/** `reporting.cleanup`: daily at 03:15 Vietnam time. */
export const cleanupJob = defineJob({
  name: "reporting.cleanup",
  cron: "15 3 * * *",
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  run: async (job) => {
    const n = await cleanupReportFiles(job.database);
    job.log(`report files: ${n} expired deleted`);
  },
});
