import { z } from "zod";
import { exchangeKinds, itemKinds, itemStates } from "../enums.ts";

/** Answers of the enterprise inbox API: the server serializes through them, the web reads their types (z.input). */

export const evidenceSchema = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), sizeBytes: z.number() });

export const exchangeSchema = z.object({
  id: z.number(),
  itemKind: z.enum(itemKinds),
  itemKey: z.string(),
  itemTitle: z.string(),
  kind: z.enum(exchangeKinds),
  side: z.enum(["enterprise", "authority"]),
  body: z.string(),
  until: z.string().nullable(),
  byName: z.string().nullable(),
  byBody: z.string(),
  at: z.string(),
  evidence: z.array(evidenceSchema),
});

export const inboxItemSchema = z.object({
  kind: z.enum(itemKinds),
  /** The enterprise's reference of a forwarded request (CV-…), or the id of a finding or notice. */
  key: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  title: z.string(),
  summary: z.string(),
  from: z.string(),
  receivedOn: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  state: z.enum(itemStates),
  pendingExtension: z.object({ until: z.string(), reason: z.string() }).nullable(),
});

export const inboxItemDetailSchema = inboxItemSchema.extend({ exchanges: z.array(exchangeSchema) });

/** An item awaiting the officer: the answer to accept or reopen, the extension to grant or refuse, or both. */
export const decisionItemSchema = inboxItemSchema.extend({
  id: z.number(),
  answer: exchangeSchema.nullable(),
  extension: exchangeSchema.nullable(),
});

export const noticeSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  answerBy: z.string().nullable(),
  fromBody: z.string(),
  createdAt: z.string(),
  recipients: z.number(),
  answered: z.number(),
});

export const difficultySchema = z.object({
  id: z.number(),
  code: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  kind: z.enum(["consultation", "petition"]),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  responsibleBody: z.string(),
  receivedOn: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  status: z.enum(["open", "answered"]),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
});

/** An enterprise's timeline, newest first: an item reaching its inbox, an exchange about one, a difficulty filed or answered. */
export const timelineSchema = z.array(
  z.object({
    at: z.string(),
    kind: z.enum(["exchange", "item", "difficulty_filed", "difficulty_answered"]),
    itemKind: z.enum(["request", "finding", "notice", "difficulty"]),
    itemKey: z.string(),
    itemTitle: z.string(),
    exchange: exchangeSchema.nullable(),
    text: z.string(),
  }),
);

/** An answer or an extension request recorded: the exchange to attach evidence to. */
export const exchangeCreatedSchema = z.object({ exchangeId: z.number() });
export const difficultyFiledSchema = z.object({ id: z.number(), code: z.string(), deadline: z.string(), responsibleBodyId: z.number() });
export const noticeSentSchema = z.object({ id: z.number(), recipients: z.number() });
