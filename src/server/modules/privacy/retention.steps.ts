import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";

/** The retention run's longer steps (retention.ts), each one statement in the run's transaction; each returns the rows it touched. */

/** Free text goes; the choices, which make the survey's results, stay. */
export async function eraseSurveyText(database: Database, tx: Tx, cutoff: string): Promise<number> {
  const rows = await database.rows<{ id: number }>(
    sql`UPDATE care_survey_responses x SET answers = (
          SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(x.answers) AS e(k, v)
          WHERE NOT EXISTS (SELECT 1 FROM care_survey_questions q WHERE q.id::text = e.k AND q.kind = 'text'))
        WHERE x.submitted_on < (${cutoff}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          AND EXISTS (SELECT 1 FROM jsonb_each(x.answers) AS e(k, v) JOIN care_survey_questions q ON q.id::text = e.k AND q.kind = 'text')
        RETURNING x.id`,
    tx,
  );
  return rows.length;
}

/** The row-by-row report of an import names people; the counts of the run stay. */
export async function trimImportReports(database: Database, tx: Tx, cutoff: string): Promise<number> {
  const rows = await database.rows<{ id: number }>(
    sql`UPDATE import_jobs SET result = CASE WHEN jsonb_typeof(result) = 'object' THEN result - 'rows' - 'errors' - 'warnings' - 'preview' ELSE NULL END,
          file_name = NULL
        WHERE coalesce(finished_at, created_at) < ${cutoff}::timestamptz AND (file_name IS NOT NULL OR result ?| ARRAY['rows','errors','warnings','preview'])
        RETURNING id`,
    tx,
  );
  return rows.length;
}

/** forgetDeclinedJoins */
export async function forgetDeclinedJoins(database: Database, tx: Tx, cutoff: string): Promise<number> {
  const rows = await database.rows<{ id: number }>(
    sql`UPDATE care_join_requests SET full_name = '[đã xóa]', phone = '', citizen_id = lpad(id::text, 12, '0'), birth_date = '1900-01-01'
        WHERE status = 'declined' AND decided_at < ${cutoff}::timestamptz AND full_name <> '[đã xóa]' RETURNING id`,
    tx,
  );
  return rows.length;
}

/** A call's row stays (the call log's counts, the request it became); the caller's number goes. An open call-back task keeps it: the number is what the officer needs to call back. */
export async function forgetCallers(database: Database, tx: Tx, cutoff: string, now: Date): Promise<number> {
  const rows = await database.rows<{ id: number }>(
    sql`UPDATE voice_calls SET caller_phone = NULL, callback_note = NULL, deidentified_at = ${now.toISOString()}
        WHERE called_at < ${cutoff}::timestamptz AND deidentified_at IS NULL AND (callback_due IS NULL OR callback_closed_at IS NOT NULL)
        RETURNING id`,
    tx,
  );
  return rows.length;
}
