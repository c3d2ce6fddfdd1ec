import { careFigures } from "./care/care.figures.ts";
import type { FigureProvider, RiskSignalProvider } from "./contracts.ts";

/** Figures for the dashboards and the joint report, from every module. A module adds one line. */
export const figureProviders: FigureProvider[] = [careFigures];

/** Early-warning signals from every module. A module adds one line. */
export const riskSignalProviders: RiskSignalProvider[] = [];
