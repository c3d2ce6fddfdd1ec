/** The labour module's published functions: other modules (the enterprise home page) call these. */
export { labourReportStanding } from "./labour.service.ts";
export { labourFigures, labourRiskSignals } from "./labour.figures.ts";
export { labourStandingForHome } from "./labour.standing.ts";
