import { z } from "zod";
import { type ActivityKind, activityKinds } from "#shared/activities.ts";
import { itemStatuses, metrics, planAreas, yearlyMetrics } from "#shared/enums.ts";

/** Zod shapes of the coordination API (plans, targets, activities, models, referrals). Messages reach people: Vietnamese. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd");
const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max, `Tối đa ${max} ký tự`);

export { itemStatuses, metrics, planAreas, yearlyMetrics };
export type ItemStatus = (typeof itemStatuses)[number];
export const itemStatusLabel: Record<ItemStatus, string> = {
  not_started: "Chưa triển khai",
  in_progress: "Đang thực hiện",
  done: "Hoàn thành",
  not_done: "Không hoàn thành",
  carried_over: "Chuyển sang năm sau",
};

export type PlanArea = (typeof planAreas)[number];

/** An absolute http(s) address: a relative path, javascript:, data: or file: link is not evidence anyone can open. */
export const isHttpUrl = (v: string) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(v) && URL.canParse(v);

export const evidenceSchema = z.object({
  label: text(300, "Nhập tên minh chứng"),
  url: z
    .string()
    .trim()
    .max(1000, "Đường dẫn tối đa 1.000 ký tự")
    .refine((v) => v === "" || isHttpUrl(v), "Đường dẫn minh chứng phải là địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://")
    .optional()
    .transform((v) => v || undefined),
});

export const planItemInput = z.object({
  no: z.number().int().min(1, "Số thứ tự từ 1").optional(),
  area: z.enum(planAreas, { message: "Lĩnh vực không hợp lệ" }).default("general"),
  content: text(4000, "Nhập nội dung phối hợp"),
  leadBodyId: z.number({ message: "Chọn cơ quan chủ trì" }).int().positive(),
  coBodyIds: z.array(z.number().int().positive()).max(20).default([]),
  deadline: isoDate.nullable().optional(),
  status: z.enum(itemStatuses, { message: "Trạng thái không hợp lệ" }).default("not_started"),
  evidence: z.array(evidenceSchema).max(50).default([]),
  reasonNotDone: z.string().trim().max(4000).nullable().optional(),
});
export const planItemPatch = planItemInput.partial();

export const planInput = z.object({
  year: z.number({ message: "Nhập năm" }).int().min(2000, "Năm không hợp lệ").max(2200, "Năm không hợp lệ"),
  code: text(200, "Nhập số kế hoạch"),
  title: text(1000, "Nhập tên kế hoạch"),
  issuedOn: isoDate.nullable().optional(),
  parties: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một cơ quan tham gia").max(10).optional(),
  items: z.array(planItemInput).max(200).default([]),
});
export const planPatch = z.object({
  year: planInput.shape.year.optional(),
  code: planInput.shape.code.optional(),
  title: planInput.shape.title.optional(),
  issuedOn: isoDate.nullable().optional(),
  parties: planInput.shape.parties,
});

export type Metric = (typeof metrics)[number];

export const targetInput = z
  .object({
    program: text(300, "Nhập chương trình, nghị quyết"),
    title: text(1000, "Nhập tên chỉ tiêu"),
    metric: z.enum(metrics, { message: "Cách tính không hợp lệ" }),
    unit: z.enum(["count", "percent"]).default("count"),
    targetValue: z.number({ message: "Nhập giá trị chỉ tiêu" }).positive("Chỉ tiêu phải lớn hơn 0"),
    year: z.number().int().min(2000).max(2200).nullable().optional(),
    deadline: isoDate,
    zoneId: z.number().int().positive().nullable().optional(),
    baselineValue: z.number().min(0).nullable().optional(),
    baselineDate: isoDate.nullable().optional(),
    /** A manual target whose figure the records can also give: the metric that computes it. */
    computedMetric: z
      .enum(metrics, { message: "Cách tính không hợp lệ" })
      .refine((m) => m !== "manual", { message: "Chọn một cách tính từ bản ghi" })
      .nullable()
      .optional(),
    /** Which of the two the dashboard, the targets page and the report use: computed (default) or entered. */
    prefer: z.enum(["computed", "entered"], { message: "Chọn số liệu dùng: computed (tính từ bản ghi) hoặc entered (nhập tay)" }).default("computed"),
  })
  .refine((t) => !t.computedMetric || t.metric === "manual", {
    message: "Chỉ chỉ tiêu nhập tay mới cần cách tính đối chiếu",
    path: ["computedMetric"],
  })
  .refine((t) => !yearlyMetrics.includes(t.metric) || (t.year !== undefined && t.year !== null), {
    message: "Chỉ tiêu theo năm cần nhập năm",
    path: ["year"],
  })
  .refine((t) => t.unit !== "percent" || t.targetValue <= 100, { message: "Tỷ lệ tối đa 100%", path: ["targetValue"] });

export const targetValueInput = z.object({
  asOf: isoDate,
  value: z.number({ message: "Nhập giá trị" }).min(0, "Giá trị không âm"),
  note: z.string().trim().max(1000).optional(),
});

export { type ActivityKind, activityKinds };
export const activityKindLabel: Record<ActivityKind, string> = {
  training: "Tập huấn, bồi dưỡng",
  propaganda: "Tuyên truyền",
  dialogue: "Hội nghị đối thoại",
  cultural: "Văn hóa, văn nghệ",
  job_fair: "Phiên giao dịch việc làm",
  tet_market: "Chợ Tết Công đoàn",
  supervision: "Kiểm tra, giám sát",
  party_cell: "Thành lập tổ chức đảng tại doanh nghiệp",
  youth_org: "Thành lập tổ chức Đoàn thanh niên",
  party_admission: "Kết nạp quần chúng ưu tú vào Đảng",
};

export const questionInput = z.object({
  text: text(4000, "Nhập nội dung câu hỏi"),
  asker: z.string().trim().max(300).nullable().optional(),
  enterpriseId: z.number().int().positive().nullable().optional(),
  topic: z.string().trim().max(200).nullable().optional(),
  answer: z.string().trim().max(4000).nullable().optional(),
});

export const activityInput = z
  .object({
    kind: z.enum(activityKinds, { message: "Loại hoạt động không hợp lệ" }),
    title: text(1000, "Nhập tên hoạt động"),
    heldOn: isoDate,
    endedOn: isoDate.nullable().optional(),
    bodyId: z.number().int().positive().optional(),
    zoneId: z.number().int().positive().nullable().optional(),
    unionId: z.number().int().positive().nullable().optional(),
    enterpriseId: z.number().int().positive().nullable().optional(),
    sessions: z.number().int().min(0, "Số lớp/buổi không âm").default(1),
    participants: z.number().int().min(0, "Số người tham gia không âm").default(0),
    units: z.number().int().min(0).nullable().optional(),
    stalls: z.number().int().min(0).nullable().optional(),
    visitors: z.number().int().min(0).nullable().optional(),
    copies: z.number().int().min(0).nullable().optional(),
    notes: z.string().trim().max(4000).nullable().optional(),
    questions: z.array(questionInput).max(500).optional(),
  })
  .refine((a) => !a.endedOn || a.endedOn >= a.heldOn, { message: "Ngày kết thúc phải sau ngày bắt đầu", path: ["endedOn"] })
  .refine((a) => a.kind !== "supervision" || a.enterpriseId, { message: "Giám sát cần chọn doanh nghiệp", path: ["enterpriseId"] })
  .refine((a) => a.kind === "dialogue" || !a.questions?.length, { message: "Chỉ hội nghị đối thoại mới ghi câu hỏi", path: ["questions"] });

export const activityQuery = z.object({
  kind: z.enum(activityKinds).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  enterpriseOwnership: z.enum(["fdi", "domestic_private", "state", "cooperative"]).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const modelInput = z.object({
  name: text(1000, "Nhập tên mô hình"),
  bodyId: z.number().int().positive().optional(),
  zoneId: z.number().int().positive().nullable().optional(),
  year: z.number().int().min(2000).max(2200),
  field: z.string().trim().max(300).nullable().optional(),
  description: z.string().trim().max(4000).nullable().optional(),
  awards: z
    .array(z.object({ year: z.number().int().min(2000).max(2200), level: z.string().trim().max(100), title: text(500, "Nhập tên khen thưởng") }))
    .max(50)
    .default([]),
});

export const referralInput = z.object({
  personId: z.number({ message: "Chọn đoàn viên" }).int().positive(),
  unionId: z.number({ message: "Chọn công đoàn giới thiệu" }).int().positive(),
  referredOn: isoDate,
  note: z.string().trim().max(2000).nullable().optional(),
});
export const referralOutcome = z
  .object({
    outcome: z.enum(["pending", "admitted", "not_admitted"], { message: "Kết quả không hợp lệ" }),
    admittedOn: isoDate.nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((o) => (o.outcome === "admitted") === Boolean(o.admittedOn), {
    message: "Ngày kết nạp chỉ nhập khi đã kết nạp, và bắt buộc khi đó",
    path: ["admittedOn"],
  });

export const periodQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}(-H[12])?$/, "Kỳ báo cáo có dạng 2025 hoặc 2025-H1")
    .optional(),
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });
