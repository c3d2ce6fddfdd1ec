/** What other modules (dashboard, reporting, relations, enterprise) may use from worker voice. */
export { voiceFigures, voiceRiskSignals, kindLabels, topicLabels } from "./figures.ts";
export { addWorkingDays, holidays, vnToday } from "./calendar.ts";
export { spendChallenge } from "./challenge.service.ts";
export { iso } from "./requests.shared.ts";
export { tracked } from "./tracking.service.ts";
export { codeParams, topics as voiceTopics } from "./voice.schema.ts";
export { forgetRoutingFacts } from "./routing.ts";
export { forwardedRequests, mayDecideForwarded, noteEnterpriseStep, routeEnterpriseDifficulty } from "./enterprise.ts";
export type { ForwardedRequest } from "./enterprise.ts";
export { sweepDeadlineNotices } from "./notices.ts";
export { escalationJob } from "./deadlines.service.ts";
export { compactVoiceRequestCounts, voiceRequestCountsJob } from "./request-counts.ts";
