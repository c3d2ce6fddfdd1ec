/** What other modules (dashboard, reporting, relations, enterprise) may use from worker voice. */
export { voiceFigures, voiceRiskSignals, kindLabels, topicLabels } from "./figures.ts";
export { addWorkingDays, holidays } from "./calendar.ts";
export { type ForwardedRequest, forwardedRequests, mayDecideForwarded, noteEnterpriseStep, routeEnterpriseDifficulty } from "./enterprise.ts";
export { topics as voiceTopics } from "./voice.schema.ts";
