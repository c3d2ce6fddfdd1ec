import { z } from "zod";
import { voiceTopics } from "#server/modules/voice/index.ts";
import { exchangeKinds, itemKinds, itemStates } from "#shared/enums.ts";
import type { exchangeSchema, inboxItemSchema, difficultySchema } from "#shared/contract/enterprise.ts";

/** The answers are the contract shared with the web (src/shared/contract/enterprise.ts). */
export {
  decisionItemSchema,
  difficultySchema,
  evidenceSchema,
  exchangeSchema,
  inboxItemDetailSchema,
  inboxItemSchema,
  noticeSchema,
  timelineSchema,
} from "#shared/contract/enterprise.ts";

export { exchangeKinds, itemKinds, itemStates };
export type ItemKind = (typeof itemKinds)[number];

export type ItemState = (typeof itemStates)[number];

export type ExchangeKind = (typeof exchangeKinds)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày theo dạng yyyy-mm-dd");

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

export const noticeBody = z.object({
  title: z.string().trim().min(3, "Nhập tiêu đề (ít nhất 3 ký tự)").max(300, "Tối đa 300 ký tự"),
  body: z.string().trim().min(3, "Nhập nội dung thông báo").max(10000, "Tối đa 10.000 ký tự"),
  answerBy: isoDate.nullable().optional(),
  enterpriseIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một doanh nghiệp").max(5000),
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
export const difficultyListQuery = z.object({ status: z.enum(["open", "answered"]).optional() });
export type Exchange = z.infer<typeof exchangeSchema>;
export type InboxItem = z.infer<typeof inboxItemSchema>;
export type Difficulty = z.infer<typeof difficultySchema>;
