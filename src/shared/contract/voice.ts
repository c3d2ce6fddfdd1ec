import { z } from "zod";
import { requestKinds, topics, channels, statuses, answerStatuses } from "../enums.ts";
export {
  requestKinds,
  topics,
  channels,
  intakeChannels,
  statuses,
  answerStatuses,
  type RequestKind,
  type Topic,
  type Channel,
  type RequestStatus,
} from "../enums.ts";

/** The worker-voice contract: enums and answers, declared once; the server serializes through them, the web reads their types. */

export const publicStatusSchema = z.object({
  code: z.string(),
  kind: z.enum(requestKinds),
  topic: z.enum(topics),
  title: z.string(),
  status: z.enum(statuses),
  receivedAt: z.string(),
  deadline: z.string(),
  responsibleBody: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rating: z.number().nullable(),
  canRate: z.boolean(),
  history: z.array(z.object({ at: z.string(), status: z.string().nullable(), action: z.string() })),
  additions: z.array(z.object({ at: z.string(), body: z.string(), source: z.string() })),
});

/** What a worker gets back on sending a request: the code and secret to follow it, and the answer's deadline. */
export const receiptSchema = z.object({ code: z.string(), secret: z.string(), deadline: z.string() });

/** An enterprise the public form offers to pick: no more than its name and zone. */
export const publicEnterpriseSchema = z.object({ id: z.number(), name: z.string(), zone: z.string().nullable() });

export const historySchema = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  bodyName: z.string().nullable(),
  userName: z.string().nullable(),
  detail: z.string().nullable(),
});

export const requestSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(requestKinds),
  topic: z.enum(topics),
  channel: z.enum(channels),
  requesterKind: z.enum(["worker", "enterprise"]),
  title: z.string(),
  status: z.enum(statuses),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  responsibleBodyId: z.number(),
  responsibleBodyName: z.string(),
  assignedUserId: z.number().nullable(),
  assignedUserName: z.string().nullable(),
  anonymous: z.boolean(),
  collective: z.boolean(),
  signatoryCount: z.number().nullable(),
  receivedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  answerStatus: z.enum(answerStatuses),
  escalated: z.boolean(),
  rating: z.number().nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestDetailSchema = requestSummarySchema.extend({
  description: z.string(),
  descriptionPrivate: z.boolean(),
  consentAt: z.string().nullable(),
  hasIdentity: z.boolean(),
  publicAnswer: z.string().nullable(),
  answerDraftedBy: z.string().nullable(),
  answerReviewedBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ratingComment: z.string().nullable(),
  canReopenUntil: z.string().nullable(),
  /** The caller may take it on ("Nhận xử lý"): it is open, not theirs yet, and they belong to its responsible body or below. */
  canTakeOn: z.boolean(),
  canReview: z.boolean(),
  /** What was forwarded to the enterprise, by whom and when (null: the enterprise knows nothing of it). */
  forward: z.object({ at: z.string(), by: z.string().nullable(), summary: z.string(), ref: z.string() }).nullable(),
  /** The caller may forward it to the enterprise ("Chuyển doanh nghiệp"). */
  canForward: z.boolean(),
  /** The hotline call it was taken from ("Tạo yêu cầu" on the call's card), or null. */
  fromCall: z.object({ id: z.number(), line: z.string(), calledAt: z.string() }).nullable(),
  history: z.array(historySchema),
  notes: z.array(z.object({ id: z.number(), body: z.string(), userName: z.string(), createdAt: z.string() })),
  transfers: z.array(
    z.object({
      fromBody: z.string(),
      toBody: z.string(),
      reason: z.string(),
      oldDeadline: z.string(),
      newDeadline: z.string(),
      at: z.string(),
    }),
  ),
  additions: z.array(z.object({ id: z.number(), body: z.string(), source: z.string(), private: z.boolean(), createdAt: z.string() })),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), source: z.string(), createdAt: z.string() })),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

/**
 * What an enterprise representative may see of a request about it, once an officer forwarded it:
 * the summary the officer wrote, the day (no time) and the body; a random reference to quote.
 */
export const enterpriseViewSchema = z.object({
  ref: z.string(),
  summary: z.string(),
  forwardedOn: z.string(),
  responsibleBodyName: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseViewSchema>;

export const identitySchema = z.object({
  requestId: z.number(),
  anonymous: z.boolean(),
  requester: z
    .object({
      personId: z.number().nullable(),
      fullName: z.string(),
      phone: z.string().nullable(),
      citizenId: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  signatories: z.array(z.object({ fullName: z.string(), citizenId: z.string().nullable(), phone: z.string().nullable() })),
});

export const qaSchema = z.object({
  id: z.number(),
  requestId: z.number().nullable(),
  question: z.string(),
  answer: z.string(),
  citations: z.array(z.string()),
  tags: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  publishedAt: z.string().nullable(),
  needsReview: z.boolean(),
  reviewReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type QaEntry = z.infer<typeof qaSchema>;

export const publicQaSchema = qaSchema.pick({ id: true, question: true, answer: true, citations: true, tags: true, validFrom: true, validTo: true });

/** The public forms' proof-of-work challenge: find a counter so SHA-256("<token>:<counter>") starts with `difficulty` zero bits. */
export const challengeSchema = z.object({ token: z.string(), difficulty: z.number(), expiresAt: z.string() });
