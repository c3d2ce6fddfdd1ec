import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { defineJob } from "#server/jobs/define.ts";
import { now } from "#shared/clock.ts";
import { deidentifyRequests } from "./erase.ts";
import { eraseSurveyText, forgetCallers, forgetDeclinedJoins, trimImportReports } from "./retention.steps.ts";
import { type RetentionKind, retentionSettings } from "./retention.settings.ts";

// Messages still pending wait for their channel (notify's outbox); sent and dead ones go.
const unsentKept = sql`AND status <> 'pending'`;

/**
 * Keeps personal data no longer than needed (issue #15.4): past each kind's retention (settings
 * `privacy.retention`), erases it, or de-identifies it where figures count the row — so that every
 * figure and report reads the same after a run. Writes one `retention_runs` row per kind it touched.
 * A plain function of (database, now): the daily job (retentionJob) calls it.
 */
export async function runRetention(database: Database, now: Date): Promise<{ kind: RetentionKind; action: "erased" | "deidentified"; rows: number }[]> {
  const r = await retentionSettings(database);
  const before = (months: number) => {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() - months);
    return d.toISOString();
  };
  const done: { kind: RetentionKind; action: "erased" | "deidentified"; rows: number; cutoff: string }[] = [];
  await database.db.transaction(async (tx) => {
    const step = async (kind: RetentionKind, action: "erased" | "deidentified", run: (cutoff: string, tx: Tx) => Promise<number>) => {
      const cutoff = before(r[kind]);
      const rows = await run(cutoff, tx);
      if (rows > 0) done.push({ kind, action, rows, cutoff });
    };
    // A request's retention counts from its end (closed, else answered); open requests are never touched.
    const ended = sql`coalesce(closed_at, answered_at)`;
    await step("closed_requests", "deidentified", async (cutoff) => {
      const ids = await deidentifyRequests(
        database,
        tx,
        sql`SELECT id FROM voice_requests WHERE status IN ('answered','closed') AND ${ended} < ${cutoff}::timestamptz AND deidentified_at IS NULL`,
      );
      return ids.length;
    });
    await step("anonymous_contacts", "deidentified", async (cutoff) => {
      const ids = await deidentifyRequests(
        database,
        tx,
        sql`SELECT id FROM voice_requests WHERE anonymous AND status IN ('answered','closed') AND ${ended} < ${cutoff}::timestamptz AND deidentified_at IS NULL`,
      );
      return ids.length;
    });
    await step("attachments", "erased", async (cutoff) => {
      const rows = await database.rows<{ id: number }>(
        sql`DELETE FROM voice_attachments a USING voice_requests r WHERE r.id = a.request_id AND r.status IN ('answered','closed')
              AND coalesce(r.closed_at, r.answered_at) < ${cutoff}::timestamptz RETURNING a.id`,
        tx,
      );
      return rows.length;
    });
    await step("survey_answers", "deidentified", (cutoff) => eraseSurveyText(database, tx, cutoff));
    await step("import_files", "deidentified", (cutoff) => trimImportReports(database, tx, cutoff));
    await step("sessions", "erased", async (cutoff) => {
      const rows = await database.rows<{ id: string }>(sql`DELETE FROM sessions WHERE expires_at < ${cutoff}::timestamptz RETURNING id_hash AS id`, tx);
      return rows.length;
    });
    await step("join_requests", "deidentified", (cutoff) => forgetDeclinedJoins(database, tx, cutoff));
    await step("outbound_messages", "erased", async (cutoff) => {
      const rows = await database.rows(sql`DELETE FROM outbound_messages WHERE created_at < ${cutoff}::timestamptz ${unsentKept} RETURNING id`, tx);
      return rows.length;
    });
    await step("voice_calls", "deidentified", (cutoff) => forgetCallers(database, tx, cutoff, now));
    // The audit log is append-only for everyone else; the retention job alone may prune it.
    await step("audit", "erased", async (cutoff) => {
      await database.rows(sql`SELECT set_config('caunoi.retention', 'on', true)`, tx);
      const rows = await database.rows<{ id: number }>(sql`DELETE FROM audit_log WHERE at < ${cutoff}::timestamptz RETURNING id`, tx);
      await database.rows(sql`SELECT set_config('caunoi.retention', 'off', true)`, tx);
      return rows.length;
    });
    for (const d of done)
      await database.rows(
        sql`INSERT INTO retention_runs (ran_at, kind, action, cutoff, rows) VALUES (${now.toISOString()}, ${d.kind}, ${d.action}, ${d.cutoff}, ${d.rows})`,
        tx,
      );
    await database.rows(
      sql`INSERT INTO audit_log (action, object_type, detail) VALUES ('privacy_retention_run', 'retention', ${JSON.stringify({ at: now.toISOString(), done })}::jsonb)`,
      tx,
    );
  });
  return done.map(({ kind, action, rows }) => ({ kind, action, rows }));
}

/**
 * Retention as a queued job, daily at 02:30 Vietnam time, on whichever server's worker takes it: a
 * run is one transaction and erases only what is past its date, so a run again after a crash is harmless.
 */
export const retentionJob = defineJob({
  name: "privacy.retention",
  cron: "30 2 * * *",
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  run: async (job) => {
    const done = await runRetention(job.database, now());
    job.log(`retention: ${JSON.stringify(done)}`);
  },
});
