import type { FigureProvider, LabourReportStandingProvider, RegistryChangeListener, RiskSignalProvider } from "./contracts.ts";
import { careFigures } from "./care/care.figures.ts";
import { registryFigures, registryRiskSignals } from "./registry/registry.figures.ts";
import { relationsFigures } from "./relations/relations.figures.ts";
import { voiceFigures, voiceRiskSignals } from "./voice/figures.ts";
import { forgetRoutingFacts } from "./voice/routing.ts";
import { labourFigures, labourRiskSignals } from "./labour/labour.figures.ts";
import { labourStandingForHome } from "./labour/labour.standing.ts";

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

/** Tells every listener; called after the registry's transaction commits. */
export function registryChanged(database: Parameters<RegistryChangeListener>[0]): void {
  for (const listen of registryChangeListeners) listen(database);
}
