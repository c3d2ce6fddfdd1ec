/** What other modules may use from relations: its door (docs/ARCHITECTURE.md). */
export {
  enterpriseWageLookup,
  lookupMinimumWage,
  minimumWageIfBelowTopSql,
  minimumWageSql,
  periodEnd,
  regionName,
  regionUnknownError,
  replacedWageDecrees,
  wageJudgedOnSql,
  wageRegionSql,
} from "./minwage.service.ts";
export { relationsFigures } from "./relations.figures.ts";
export { recommendationChanged, recommendationsInScope, settleRecommendation } from "./recommendations.service.ts";
export type { RecommendationRow } from "./inspections.service.ts";
