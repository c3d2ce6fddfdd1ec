import type { FigureProvider, RiskSignalProvider } from "./contracts.ts";
import { careFigures } from "./care/care.figures.ts";
import { registryFigures, registryRiskSignals } from "./registry/registry.figures.ts";
import { relationsFigures } from "./relations/relations.figures.ts";
import { voiceFigures, voiceRiskSignals } from "./voice/figures.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [registryFigures, voiceFigures, relationsFigures, careFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [registryRiskSignals, voiceRiskSignals];
