/** What other modules may use from registry: its door (docs/ARCHITECTURE.md). */
export { readRows } from "./import.reader.ts";
export type { Cell } from "./import.reader.ts";
export { agreementCoverage } from "./agreements.service.ts";
export { countsByUnion, countsInScope } from "./membership-counts.ts";
export { completePerson, openMembership, registerPeople } from "./people.writes.ts";
export type { NewPerson } from "./people.writes.ts";
export { registryFigures, registryRiskSignals } from "./registry.figures.ts";
// Last: labor-reports.service reaches the providers list, which needs registryFigures above already defined.
export { checkWorkbook } from "./import.limits.ts";
export { recordReportOfRecord } from "./labor-reports.service.ts";
// Its background jobs (src/server/modules/jobs.ts lists every module's).
export { importJob } from "./import.queue.ts";
export { membershipCountsJob } from "./membership-counts.ts";
