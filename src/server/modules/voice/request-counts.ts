import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { defineJob } from "#server/jobs/define.ts";

/**
 * Requests counted per month as they are written (migration 0980): every statement writing requests
 * appends its counts, the figures sum them. This folds the appended rows into one per key. Returns
 * the rows left.
 */
export async function compactVoiceRequestCounts(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT compact_voice_request_counts() AS n`);
  return row?.n ?? 0;
}

/** The fold every 10 minutes, on one server's worker for all: one statement, safe to run twice. */
export const voiceRequestCountsJob = defineJob({
  name: "voice.request-counts",
  cron: "*/10 * * * *",
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  run: async (job) => {
    await compactVoiceRequestCounts(job.database);
  },
});
