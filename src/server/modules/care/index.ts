/** What other modules may use from care: its door (docs/ARCHITECTURE.md). */
export { careFigures } from "./care.figures.ts";
