import type { FigureProvider, RegistryChangeListener, RiskSignalProvider } from "./contracts.ts";
import { careFigures } from "./care/index.ts";
import { labourFigures, labourRiskSignals } from "./labour/index.ts";
import { registryFigures, registryRiskSignals } from "./registry/index.ts";
import { relationsFigures } from "./relations/index.ts";
import { forgetRoutingFacts, voiceFigures, voiceRiskSignals } from "./voice/index.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [registryFigures, voiceFigures, relationsFigures, careFigures, labourFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [registryRiskSignals, voiceRiskSignals, labourRiskSignals];

/** Told when the registry's routing facts change (contracts.ts). A module adds one line. */
export const registryChangeListeners: RegistryChangeListener[] = [forgetRoutingFacts];

/** Tells every listener; called after the registry's transaction commits. */
export function registryChanged(database: Parameters<RegistryChangeListener>[0]): void {
  for (const listen of registryChangeListeners) listen(database);
}
