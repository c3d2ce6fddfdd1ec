/** What other modules may use from reporting: its door (docs/ARCHITECTURE.md). */
export { measureDate } from "./period.ts";
