/** What other modules may use from notify: the outbox and the notices they write in their own transaction. */
export { enqueueMessage, messagesToday } from "./outbox.service.ts";
export type { Channel, OutboundMessage } from "./outbox.service.ts";
export { forgetNoticeContact, noticeContactOf, noticeWorker, receiptStatements } from "./workers.service.ts";
export type { NoticeContact, WorkerEvent } from "./workers.service.ts";
export { newRequestStatement, noticeOfficers } from "./officers.service.ts";
export type { Audience, OfficerKind } from "./officers.service.ts";
export { ensureVapidKeys, enqueuePush, pushPayload, subscribePush, unsubscribePush, vapidKeys } from "./push.ts";
export type { PushEvent, PushSubscriptionInput, VapidKeys } from "./push.ts";
export { dailyNoticesJob, deliverOutbox, outboxJob, scheduleOutbox } from "./deliver.ts";
export { configureNotify } from "./channels.ts";
