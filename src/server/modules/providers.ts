import { invalidate, onInvalidate } from "#server/db/invalidation.ts";
import type { EnterpriseSignalsListener, FigureProvider, LabourReportStandingProvider, RegistryChangeListener, RiskSignalProvider } from "./contracts.ts";
import { careFigures } from "./care/care.figures.ts";
import { registryFigures, registryRiskSignals } from "./registry/registry.figures.ts";
import { relationsFigures } from "./relations/relations.figures.ts";
import { voiceFigures, voiceRiskSignals } from "./voice/figures.ts";
import { forgetRoutingFacts } from "./voice/routing.ts";
import { labourFigures, labourRiskSignals } from "./labour/labour.figures.ts";
import { labourStandingForHome } from "./labour/labour.standing.ts";
import { refreshEnterpriseScores } from "./relations/risk.service.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [registryFigures, voiceFigures, relationsFigures, careFigures, labourFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [registryRiskSignals, voiceRiskSignals, labourRiskSignals];

/**
 * Where an enterprise stands with its half-year labour report, for its home page
 * (GET /api/enterprise/home → `labourReport.standing`): the labour module judges it.
 */
export const labourReportStandingProviders: LabourReportStandingProvider[] = [labourStandingForHome];

/** Told when the registry's routing facts change (contracts.ts). A module adds one line. */
export const registryChangeListeners: RegistryChangeListener[] = [forgetRoutingFacts];

/**
 * Tells every listener, on this server at once and on the others sharing the database through
 * PostgreSQL's NOTIFY (src/server/db/invalidation.ts); called after the registry's transaction commits.
 */
export function registryChanged(database: Parameters<RegistryChangeListener>[0]): void {
  invalidate(database, "registry");
}
onInvalidate("registry", (database) => {
  for (const listen of registryChangeListeners) listen(database);
});

/** Told when a write changes some enterprises' early-warning signals (contracts.ts). */
export const enterpriseSignalsListeners: EnterpriseSignalsListener[] = [(database, ids) => refreshEnterpriseScores(database, ids)];

/** Tells every listener; called after the writing module's transaction commits. */
export async function enterpriseSignalsChanged(database: Parameters<EnterpriseSignalsListener>[0], enterpriseIds: number[]): Promise<void> {
  const ids = [...new Set(enterpriseIds)].filter((id) => Number.isInteger(id) && id > 0);
  if (ids.length === 0) return;
  for (const listen of enterpriseSignalsListeners) await listen(database, ids);
}
