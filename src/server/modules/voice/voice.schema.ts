import { checkCitizenIdProvince } from "#shared/identifiers.ts";
import { z } from "zod";
import { canonicalCode } from "#shared/secrets.ts";
import { noticeFor, noticeText } from "#server/modules/privacy/index.ts";

/** Zod shapes of the worker-voice API, shared with the web forms. Messages that reach people are Vietnamese. */

export const requestKinds = ["consultation", "complaint", "petition", "report"] as const;
export const topics = ["wages", "overtime", "social_insurance", "contract", "dismissal", "osh", "union_rights", "housing", "other"] as const;
export const channels = ["web", "app", "hotline", "in_person", "letter", "dialogue"] as const;
export const statuses = ["received", "assigned", "in_progress", "answered", "closed"] as const;
export type RequestStatus = (typeof statuses)[number];

/** The privacy notice of the request form, versioned (Law 91/2025/QH15, Decree 356/2025/NĐ-CP); see privacy/notices.ts. */
export const CONSENT_VERSION = noticeFor("voice_request").version;
export const CONSENT_TEXT = noticeText("voice_request");

const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max, `Tối đa ${max} ký tự`);
const phone = z
  .string()
  .trim()
  .regex(/^(\+84|0)[0-9]{9,10}$/, "Số điện thoại không hợp lệ (ví dụ 0912345678)");
const citizenId = z
  .string()
  .trim()
  .regex(/^[0-9]{12}$/, "Số CCCD gồm 12 chữ số")
  .superRefine(checkCitizenIdProvince);

export const requesterInput = z.object({
  fullName: text(120, "Nhập họ tên"),
  phone: phone.optional(),
  citizenId: citizenId.optional(),
  email: z.string().trim().email("Email không hợp lệ").max(200).optional(),
  address: z.string().trim().max(300).optional(),
});

export const signatoryInput = z.object({
  fullName: text(120, "Nhập họ tên người ký"),
  citizenId: citizenId.optional(),
  phone: phone.optional(),
});

const baseRequest = {
  kind: z.enum(requestKinds, { message: "Chọn loại yêu cầu" }),
  topic: z.enum(topics, { message: "Chọn lĩnh vực" }),
  title: text(200, "Nhập tiêu đề"),
  description: text(8000, "Nhập nội dung"),
  /** Hide the content from the employer; omitted: hidden for everything but a consultation. */
  descriptionPrivate: z.boolean().optional(),
  enterpriseId: z.number().int().positive().optional(),
  enterpriseName: z.string().trim().max(300).optional(),
  anonymous: z.boolean().default(false),
  requester: requesterInput.optional(),
  collective: z.boolean().default(false),
  signatoryCount: z.number().int().min(1, "Ít nhất 1 người").max(100_000).optional(),
  signatories: z.array(signatoryInput).max(2000, "Tối đa 2.000 người ký").optional(),
};

function identityRules(
  v: { anonymous: boolean; requester?: unknown; collective: boolean; signatoryCount?: number | undefined; signatories?: unknown[] | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.anonymous && v.requester) ctx.addIssue({ code: "custom", path: ["requester"], message: "Yêu cầu ẩn danh không kèm thông tin người gửi" });
  if (v.anonymous && v.signatories?.length) ctx.addIssue({ code: "custom", path: ["signatories"], message: "Yêu cầu ẩn danh không kèm danh sách người ký" });
  if (!v.anonymous && !v.requester) ctx.addIssue({ code: "custom", path: ["requester"], message: "Nhập họ tên người gửi, hoặc chọn gửi ẩn danh" });
  if (!v.collective && (v.signatoryCount || v.signatories?.length))
    ctx.addIssue({ code: "custom", path: ["collective"], message: "Chỉ kiến nghị tập thể mới có người ký" });
}

export const publicRequestBody = z
  .object({
    ...baseRequest,
    consent: z.literal(true, { message: "Bạn cần đồng ý với điều khoản xử lý dữ liệu cá nhân" }),
    challenge: z.object({ token: z.string().max(200), counter: z.string().max(12) }).optional(),
  })
  .superRefine(identityRules);
export type PublicRequestBody = z.infer<typeof publicRequestBody>;

export const intakeBody = z
  .object({
    ...baseRequest,
    channel: z.enum(["hotline", "in_person", "letter", "dialogue"], { message: "Chọn kênh tiếp nhận" }),
    requesterKind: z.enum(["worker", "enterprise"]).default("worker"),
    /** The caller found in the registry by phone or citizen ID. */
    personId: z.number().int().positive().optional(),
    consent: z.boolean().refine((v) => v, "Người gửi cần đồng ý (đọc điều khoản qua điện thoại)"),
    receivedAt: z.string().datetime({ offset: true, message: "Thời điểm tiếp nhận không hợp lệ" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.requesterKind === "enterprise") {
      if (!v.enterpriseId) ctx.addIssue({ code: "custom", path: ["enterpriseId"], message: "Chọn doanh nghiệp gửi yêu cầu" });
      return;
    }
    identityRules(v, ctx);
  });
export type IntakeBody = z.infer<typeof intakeBody>;

/** A tracking code as a person types it: any case, with or without dashes and spaces. */
export const codeParams = z.object({
  code: z
    .string()
    .max(40, "Mã theo dõi không hợp lệ")
    .transform(canonicalCode)
    .pipe(z.string().regex(/^[A-Z0-9-]{6,20}$/, "Mã theo dõi không hợp lệ")),
});
export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const listQuery = z.object({
  status: z.enum(statuses).optional(),
  kind: z.enum(requestKinds).optional(),
  topic: z.enum(topics).optional(),
  bodyId: z.coerce.number().int().positive().optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  dueSoon: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  open: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().max(100).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;

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
  answerStatus: z.enum(["none", "in_review", "approved", "published"]),
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

export const forwardBody = z.object({
  summary: z.string().trim().min(20, "Tóm tắt cho doanh nghiệp ít nhất 20 ký tự").max(2000, "Tối đa 2.000 ký tự"),
  /** The worker asked that the content be kept from the employer: the officer confirms the summary respects it. */
  acknowledgePrivate: z.boolean().optional(),
});

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

export const qaInput = z.object({
  requestId: z.number().int().positive().optional(),
  question: text(4000, "Nhập câu hỏi"),
  answer: text(12000, "Nhập câu trả lời"),
  citations: z.array(z.string().trim().min(3, "Trích dẫn quá ngắn").max(200)).max(30).default([]),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  validFrom: z.string().date("Ngày hiệu lực không hợp lệ"),
  validTo: z.string().date("Ngày hết hiệu lực không hợp lệ").nullable().optional(),
});
export type QaInput = z.infer<typeof qaInput>;

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
