/** What other modules may use from reporting: its door (docs/ARCHITECTURE.md). */
export { measureDate } from "./period.ts";
export { cleanupJob as reportCleanupJob, generateJob as reportGenerateJob } from "./report-files.service.ts";
