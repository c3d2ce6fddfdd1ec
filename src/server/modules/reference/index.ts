/** What other modules may use from reference: its door (docs/ARCHITECTURE.md). */
export { deadlineKinds, voiceDeadlineBasis } from "./deadlines.ts";
