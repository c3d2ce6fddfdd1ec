import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { defineJob } from "#server/jobs/define.ts";

/**
 * Payouts counted per month as they are written (migration 0970): every statement writing payouts
 * appends its counts, the figures sum them. This folds the appended rows into one per key. Returns
 * the rows left.
 */
export async function compactCarePayoutCounts(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT compact_care_payout_counts() AS n`);
  return row?.n ?? 0;
}

/** The fold every 10 minutes, on one server's worker for all: one statement, safe to run twice. */
export const carePayoutCountsJob = defineJob({
  name: "care.payout-counts",
  cron: "*/10 * * * *",
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  run: async (job) => {
    await compactCarePayoutCounts(job.database);
  },
});
