import type { FigureProvider, RiskSignalProvider } from "./contracts.ts";
import { voiceFigures, voiceRiskSignals } from "./voice/figures.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [voiceFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [voiceRiskSignals];
