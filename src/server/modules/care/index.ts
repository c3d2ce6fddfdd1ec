/** What other modules may use from care: its door (docs/ARCHITECTURE.md). */
export { careFigures } from "./care.figures.ts";
// Its background job (src/server/modules/jobs.ts lists every module's).
export { carePayoutCountsJob, compactCarePayoutCounts } from "./payout-counts.ts";
