/** What other modules may use from privacy: its door (docs/ARCHITECTURE.md). */
export { noticeFor, noticeText, noticeVersion } from "./notices.ts";
export { retentionJob } from "./retention.ts";
