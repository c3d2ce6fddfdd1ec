import type { importReport } from "#shared/contract/care.ts";
import type { importIssueSchema } from "#shared/contract/common.ts";
import { z } from "zod";
import { refuseFutureDate } from "#shared/dates.ts";
import { campaignPurposes, payoutKinds } from "./care.text.ts";

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải theo dạng yyyy-mm-dd");
export const idParams = z.object({ id: z.coerce.number().int().positive("Mã không hợp lệ") });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const money = z.number({ error: "Số tiền phải là số" }).int("Số tiền phải là số nguyên (đồng)").min(0, "Số tiền không được âm").max(1e15);
const positiveMoney = money.min(1, "Số tiền phải lớn hơn 0");
const kind = z.enum(payoutKinds, { error: "Hình thức phải là một trong: cash, gift, ticket, voucher, house" });

export const eligibilitySchema = z.object({
  membersOnly: z.boolean().default(false),
  hardshipOnly: z.boolean().default(false),
  enterpriseIds: z.array(z.number().int()).max(5000).default([]),
  zoneIds: z.array(z.number().int()).max(200).default([]),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const campaignBody = z
  .object({
    name: z.string().trim().min(3, "Tên đợt hỗ trợ phải có ít nhất 3 ký tự").max(300),
    purpose: z.enum(campaignPurposes, { error: "Loại đợt hỗ trợ không hợp lệ" }),
    startsOn: isoDate,
    endsOn: isoDate,
    kinds: z.array(kind).min(1, "Chọn ít nhất một hình thức hỗ trợ"),
    budget: money.default(0),
    sources: z
      .array(z.object({ source: z.string().trim().min(1, "Nhập nguồn kinh phí").max(300), amount: money }))
      .max(50)
      .default([]),
    eligibility: eligibilitySchema.default({ membersOnly: false, hardshipOnly: false, enterpriseIds: [], zoneIds: [] }),
    allocations: z
      .array(z.object({ unionId: z.number().int().positive(), amount: money.default(0), quota: z.number().int().min(0).default(0) }))
      .max(5000)
      .default([]),
    status: z.enum(["draft", "open", "closed"]).default("open"),
    description: z.string().trim().max(4000).nullish(),
  })
  .refine((b) => b.endsOn >= b.startsOn, { message: "Ngày kết thúc phải sau ngày bắt đầu", path: ["endsOn"] });
export type CampaignInput = z.infer<typeof campaignBody>;

export const campaignPatch = z.object({
  name: z.string().trim().min(3).max(300).optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  budget: money.optional(),
  status: z.enum(["draft", "open", "closed"]).optional(),
  description: z.string().trim().max(4000).nullish(),
  sources: z
    .array(z.object({ source: z.string().trim().min(1).max(300), amount: money }))
    .max(50)
    .optional(),
  allocations: z
    .array(z.object({ unionId: z.number().int().positive(), amount: money.default(0), quota: z.number().int().min(0).default(0) }))
    .max(5000)
    .optional(),
  eligibility: eligibilitySchema.optional(),
});
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const payoutBody = z.object({
  personId: z.number().int().positive("Chọn người nhận"),
  unionId: z.number().int().positive().nullish(),
  kind,
  amount: positiveMoney,
  // A payout received in the future is a typing mistake (2027 for 2026), never a plan.
  paidOn: isoDate.superRefine(refuseFutureDate),
  note: z.string().trim().max(1000).nullish(),
});
export type PayoutInput = z.infer<typeof payoutBody>;

export const nominationBody = z.object({
  personId: z.number().int().positive("Chọn người được đề nghị"),
  kind,
  amount: positiveMoney,
  reason: z.string().trim().min(3, "Nêu lý do đề nghị (ít nhất 3 ký tự)").max(2000),
});

export const decisionBody = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), paidOn: isoDate.superRefine(refuseFutureDate).optional(), note: z.string().trim().max(1000).optional() }),
  z.object({ decision: z.literal("decline"), note: z.string().trim().min(3, "Nêu lý do từ chối (ít nhất 3 ký tự)").max(1000) }),
]);

/** The import's answer is part of the contract the web reads (src/shared/contract/care.ts). */
export { importReport } from "#shared/contract/care.ts";
export { importIssueSchema as issueSchema } from "#shared/contract/common.ts";
export type ImportIssue = z.infer<typeof importIssueSchema>;
export type ImportReport = z.infer<typeof importReport>;
