/** What other modules may use from the enterprise side's home (docs/ARCHITECTURE.md). */
export { enterpriseHomeRoutes } from "./home.routes.ts";
export { AGREEMENT_WARNING_DAYS, nextLabourDeadline } from "./home.service.ts";
