/** What other modules may use from coordination: its door (docs/ARCHITECTURE.md). */
export { intArray } from "./coordination.scope.ts";
export { membersAsOf, membersSeries, withMetricMemo } from "./metrics.ts";
export { listTargets } from "./targets.service.ts";
export { SUPERVISION_SENTENCE, coordinationFigures, planOfYear, ratioText, sectionTitles } from "./coordination.figures.ts";
export { planAreas } from "./coordination.schema.ts";
export type { PlanArea } from "./coordination.schema.ts";
export { summarize } from "./plans.service.ts";
