import type { FigureProvider, LabourReportStandingProvider, RegistryChangeListener, RiskSignalProvider } from "./contracts.ts";
import { careFigures } from "./care/care.figures.ts";
import { registryFigures, registryRiskSignals } from "./registry/registry.figures.ts";
import { relationsFigures } from "./relations/relations.figures.ts";
import { voiceFigures, voiceRiskSignals } from "./voice/figures.ts";
import { forgetRoutingFacts } from "./voice/routing.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [registryFigures, voiceFigures, relationsFigures, careFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [registryRiskSignals, voiceRiskSignals];

/**
 * THE PLACE TO PLUG `labourReportStanding(db, enterpriseId)` of the labour-report module: the
 * enterprise's home page (GET /api/enterprise/home) shows its answer as `labourReport.standing`.
 * Until a provider is listed here the page shows the last report on record and the next deadline
 * only, and says the standing is not computed: it never guesses "late". A module adds one line.
 */
export const labourReportStandingProviders: LabourReportStandingProvider[] = [];

/** Told when the registry's routing facts change (contracts.ts). A module adds one line. */
export const registryChangeListeners: RegistryChangeListener[] = [forgetRoutingFacts];

/** Tells every listener; called after the registry's transaction commits. */
export function registryChanged(database: Parameters<RegistryChangeListener>[0]): void {
  for (const listen of registryChangeListeners) listen(database);
}
