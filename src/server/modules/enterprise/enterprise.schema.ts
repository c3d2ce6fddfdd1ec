import { z } from "zod";
import { voiceTopics } from "#server/modules/voice/index.ts";

/** What reaches an enterprise's inbox: a forwarded worker's request, an inspection's finding, a notice of the authority. */
export const itemKinds = ["request", "finding", "notice"] as const;
export type ItemKind = (typeof itemKinds)[number];

/**
 * Where an item stands, derived from its exchanges: waiting for the enterprise's answer, waiting for
 * the officer's decision on it, accepted (a finding closed), or a notice given for information.
 */
export const itemStates = ["awaiting_answer", "awaiting_decision", "accepted", "info"] as const;
export type ItemState = (typeof itemStates)[number];

export const exchangeKinds = ["answer", "extension_request", "accepted", "reopened", "extension_granted", "extension_refused"] as const;
export type ExchangeKind = (typeof exchangeKinds)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày theo dạng yyyy-mm-dd");

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
export type Exchange = z.infer<typeof exchangeSchema>;

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
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxItemDetailSchema = inboxItemSchema.extend({ exchanges: z.array(exchangeSchema) });

export const itemParams = z.object({ kind: z.enum(itemKinds), key: z.string().trim().min(1).max(40) });
export const officerItemParams = z.object({ kind: z.enum(itemKinds), id: z.coerce.number().int().positive() });
export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const answerBody = z.object({
  body: z.string().trim().min(10, "Câu trả lời cần ít nhất 10 ký tự").max(10000, "Tối đa 10.000 ký tự"),
});
export const extensionBody = z.object({
  until: isoDate,
  reason: z.string().trim().min(10, "Nêu lý do xin gia hạn (ít nhất 10 ký tự)").max(2000, "Tối đa 2.000 ký tự"),
});
export const decisionBody = z
  .object({
    decision: z.enum(["accept", "reopen", "grant", "refuse"]),
    reason: z.string().trim().max(2000, "Tối đa 2.000 ký tự").default(""),
    /** grant: another day than the one asked for (optional). */
    until: isoDate.optional(),
  })
  .superRefine((v, c) => {
    if ((v.decision === "reopen" || v.decision === "refuse") && v.reason.length < 5)
      c.addIssue({ code: "custom", path: ["reason"], message: v.decision === "reopen" ? "Nêu lý do mở lại" : "Nêu lý do không gia hạn" });
  });

/** An item awaiting the officer: the answer to accept or reopen, the extension to grant or refuse, or both. */
export const decisionItemSchema = inboxItemSchema.extend({
  id: z.number(),
  answer: exchangeSchema.nullable(),
  extension: exchangeSchema.nullable(),
});

export const noticeBody = z.object({
  title: z.string().trim().min(3, "Nhập tiêu đề (ít nhất 3 ký tự)").max(300, "Tối đa 300 ký tự"),
  body: z.string().trim().min(3, "Nhập nội dung thông báo").max(10000, "Tối đa 10.000 ký tự"),
  answerBy: isoDate.nullable().optional(),
  enterpriseIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một doanh nghiệp").max(5000),
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

export const difficultyBody = z.object({
  kind: z.enum(["consultation", "petition"], { message: "Chọn loại: hỏi hay kiến nghị" }),
  topic: z.enum(voiceTopics, { message: "Chọn lĩnh vực" }),
  title: z.string().trim().min(3, "Nhập tiêu đề (ít nhất 3 ký tự)").max(300, "Tối đa 300 ký tự"),
  body: z.string().trim().min(10, "Nêu nội dung khó khăn, vướng mắc (ít nhất 10 ký tự)").max(10000, "Tối đa 10.000 ký tự"),
});
export const difficultyAnswerBody = z.object({
  answer: z.string().trim().min(10, "Câu trả lời cần ít nhất 10 ký tự").max(10000, "Tối đa 10.000 ký tự"),
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
export type Difficulty = z.infer<typeof difficultySchema>;
export const difficultyListQuery = z.object({ status: z.enum(["open", "answered"]).optional() });
