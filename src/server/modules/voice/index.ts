/** What other modules (dashboard, reporting, relations) may use from worker voice. */
export { voiceFigures, voiceRiskSignals, kindLabels, topicLabels } from "./figures.ts";
export { addWorkingDays, holidays } from "./calendar.ts";
export { spendChallenge } from "./challenge.service.ts";
export { iso, tracked } from "./requests.service.ts";
export { codeParams } from "./voice.schema.ts";
export { vnToday } from "./calendar.ts";
export { forgetRoutingFacts } from "./routing.ts";
