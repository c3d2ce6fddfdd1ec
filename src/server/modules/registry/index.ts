/** What other modules may use from registry: its door (docs/ARCHITECTURE.md). */
export { readRows } from "./import.reader.ts";
export { checkWorkbook } from "./import.limits.ts";
export { recordReportOfRecord } from "./labor-reports.service.ts";
export type { Cell } from "./import.reader.ts";
export { agreementCoverage } from "./agreements.service.ts";
export { countsByUnion, countsInScope } from "./membership-counts.ts";
export { completePerson, openMembership, registerPeople } from "./people.writes.ts";
export type { NewPerson } from "./people.writes.ts";
export { registryFigures, registryRiskSignals } from "./registry.figures.ts";
