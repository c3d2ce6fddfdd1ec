/** What other modules (dashboard, reporting, relations) may use from worker voice. */
export { voiceFigures, voiceRiskSignals, kindLabels, topicLabels } from "./figures.ts";
export { addWorkingDays, holidays } from "./calendar.ts";
