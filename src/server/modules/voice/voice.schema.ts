import { checkCitizenIdProvince } from "#shared/identifiers.ts";
import { z } from "zod";
import { canonicalCode } from "#shared/secrets.ts";
import { noticeFor, noticeText } from "#server/modules/privacy/index.ts";

/** Zod shapes of the worker-voice API, shared with the web forms. Messages that reach people are Vietnamese. */

// The enums and the answers' shapes are the contract with the web (src/shared/contract/voice.ts); the request shapes stay here.
export {
  channels,
  enterpriseViewSchema,
  historySchema,
  identitySchema,
  publicEnterpriseSchema,
  publicQaSchema,
  publicStatusSchema,
  receiptSchema,
  qaSchema,
  requestDetailSchema,
  requestKinds,
  requestSummarySchema,
  statuses,
  topics,
  type EnterpriseView,
  type QaEntry,
  type RequestDetail,
  type RequestStatus,
  type RequestSummary,
} from "#shared/contract/voice.ts";
import { intakeChannels, requestKinds, statuses, topics } from "#shared/contract/voice.ts";

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
  /** A phone or e-mail for notices only (also when anonymous): kept apart, never shown to staff or the employer. */
  notice: z
    .object({
      phone: phone.optional(),
      email: z.string().trim().email("Email không hợp lệ").max(200).optional(),
    })
    .optional(),
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
    /**
     * Drawn once by the form (≥ 128 random bits, base64url): the same submission sent again — a retry
     * after a lost answer — is stored once and answers the same code and secret.
     */
    submissionKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22,64}$/, "Mã gửi phải gồm 22–64 ký tự A–Z, a–z, 0–9, _ hoặc -")
      .optional(),
  })
  .superRefine(identityRules);
export type PublicRequestBody = z.infer<typeof publicRequestBody>;

export const intakeBody = z
  .object({
    ...baseRequest,
    channel: z.enum(intakeChannels, { message: "Chọn kênh tiếp nhận" }),
    requesterKind: z.enum(["worker", "enterprise"]).default("worker"),
    /** The caller found in the registry by phone or citizen ID. */
    personId: z.number().int().positive().optional(),
    consent: z.boolean().refine((v) => v, "Người gửi cần đồng ý (đọc điều khoản qua điện thoại)"),
    receivedAt: z.string().datetime({ offset: true, message: "Thời điểm tiếp nhận không hợp lệ" }).optional(),
    /** The hotline call (voice_calls.id) the request is taken from: the call log links to it. */
    callId: z.number().int().positive().optional(),
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

export const forwardBody = z.object({
  summary: z.string().trim().min(20, "Tóm tắt cho doanh nghiệp ít nhất 20 ký tự").max(2000, "Tối đa 2.000 ký tự"),
  /** The worker asked that the content be kept from the employer: the officer confirms the summary respects it. */
  acknowledgePrivate: z.boolean().optional(),
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
