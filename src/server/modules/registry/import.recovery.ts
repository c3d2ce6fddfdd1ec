import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";

/**
 * At start-up: imports that ran inside a request (not queued) when the process died are marked failed
 * (their rows never reached the registry: the apply step is one transaction) and their staging rows
 * are dropped, so the import page does not show a progress bar that never moves. On a PostgreSQL
 * server shared by several app servers another server may be importing right now, so there only
 * jobs older than two hours count as dead. A queued import is the queue's: a worker runs it again
 * from its file; only one still not done after a day (its job out of retries) is failed here.
 */
export async function recoverInterruptedImports(database: Database): Promise<number> {
  return database.db.transaction(async (tx) => {
    const rows = await database.rows<{ id: number }>(
      sql`UPDATE import_jobs SET status = 'failed', finished_at = now(),
            error = 'Lượt nhập bị gián đoạn do máy chủ dừng; không dòng nào được ghi. Hãy nhập lại tệp.'
          WHERE status = 'running' AND CASE WHEN file_path IS NULL THEN ${database.kind === "pglite"} OR created_at < now() - interval '2 hours'
                                            ELSE created_at < now() - interval '1 day' END RETURNING id`,
      tx,
    );
    if (rows.length) await database.rows(sql`DELETE FROM import_rows WHERE job_id = ANY(${`{${rows.map((r) => r.id).join(",")}}`}::int[])`, tx);
    return rows.length;
  });
}
