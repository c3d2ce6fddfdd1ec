import { z } from "zod";
import { answerResults, disputeOutcomes, disputeSteps, incidentKinds, incidentStatuses } from "#shared/enums.ts";
import { refuseFutureDate } from "#shared/dates.ts";

export { incidentKinds, incidentStatuses };
export type IncidentKind = (typeof incidentKinds)[number];

/** Vietnamese labels of incident kinds, for figures and evidence texts. */
export const incidentKindLabels: Record<IncidentKind, string> = {
  work_stoppage: "Ngừng việc tập thể",
  dispute_rights: "Tranh chấp lao động tập thể về quyền",
  dispute_interests: "Tranh chấp lao động tập thể về lợi ích",
  wage_arrears: "Nợ lương",
  si_arrears: "Nợ bảo hiểm xã hội",
  employer_absconded: "Chủ doanh nghiệp bỏ trốn",
  mass_layoff: "Cắt giảm lao động hàng loạt",
  bankruptcy: "Phá sản, đóng cửa",
  serious_accident: "Tai nạn lao động nghiêm trọng",
  other: "Khác",
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd")
  .refine((s) => !Number.isNaN(Date.parse(s)), "Ngày không hợp lệ");
const id = z.coerce.number().int("Mã không hợp lệ").positive("Mã không hợp lệ");
const text = (max: number, msg = "Không được để trống") => z.string().trim().min(1, msg).max(max, `Tối đa ${max} ký tự`);

export const idParams = z.object({ id });
export const pageQuery = {
  page: z.coerce.number().int().min(1, "Trang phải từ 1").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "Tối đa 200 dòng mỗi trang").default(50),
};

export const incidentInput = z.object({
  enterpriseId: id,
  kind: z.enum(incidentKinds, "Loại sự việc không hợp lệ"),
  title: text(300, "Nhập tiêu đề sự việc"),
  // An incident is reported once it has begun: a start after today is a mistyped year.
  startedOn: isoDate.superRefine(refuseFutureDate),
  endedOn: isoDate.superRefine(refuseFutureDate).nullish(),
  workersAffected: z.number().int("Số người phải là số nguyên").min(0, "Số người không được âm").max(1_000_000).default(0),
  amountOwed: z.number().int("Số tiền phải là số nguyên (đồng)").min(0, "Số tiền không được âm").max(1e15).default(0),
  arrearsMonths: z.number().int().min(0, "Số tháng không được âm").max(240).default(0),
  demands: z.string().trim().max(5000).default(""),
  bodyIds: z.array(id).max(20).default([]),
  resolution: z.string().trim().max(5000).default(""),
  status: z.enum(incidentStatuses, "Trạng thái không hợp lệ").default("open"),
});
export type IncidentInput = z.infer<typeof incidentInput>;
export const incidentPatch = incidentInput
  .omit({ enterpriseId: true })
  .partial()
  .extend({
    // Defaults must not apply on a partial update.
    workersAffected: z.number().int().min(0, "Số người không được âm").max(1_000_000).optional(),
    amountOwed: z.number().int().min(0, "Số tiền không được âm").max(1e15).optional(),
    arrearsMonths: z.number().int().min(0).max(240).optional(),
    demands: z.string().trim().max(5000).optional(),
    bodyIds: z.array(id).max(20).optional(),
    resolution: z.string().trim().max(5000).optional(),
    status: z.enum(incidentStatuses, "Trạng thái không hợp lệ").optional(),
  });
export type IncidentPatch = z.infer<typeof incidentPatch>;
export const incidentQuery = z.object({
  enterpriseId: id.optional(),
  zoneId: id.optional(),
  kind: z.enum(incidentKinds, "Loại sự việc không hợp lệ").optional(),
  status: z.enum(incidentStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});
export type IncidentQuery = z.infer<typeof incidentQuery>;
export const incidentActionInput = z.object({ actedOn: isoDate, bodyId: id.optional(), note: text(5000, "Nhập nội dung xử lý") });

export const disputeStepInput = z.object({
  step: z.enum(disputeSteps, "Bước phải là: hòa giải, trọng tài, tòa án hoặc đình công"),
  startedOn: isoDate,
  endedOn: isoDate.nullish(),
  outcome: z.enum(disputeOutcomes, "Kết quả không hợp lệ").nullish(),
  note: z.string().trim().max(5000, "Tối đa 5000 ký tự").optional(),
});

export const wageRegionInput = z.object({
  region: z.number({ error: "Chọn vùng I–IV" }).int("Chọn vùng I–IV").min(1, "Chọn vùng I–IV").max(4, "Chọn vùng I–IV"),
  effectiveFrom: isoDate,
  reason: text(2000, "Nêu căn cứ xác định vùng (địa bàn trong phụ lục nghị định)"),
});

export const minimumWageQuery = z.object({
  province: z.string().trim().max(200, "Tối đa 200 ký tự").optional(),
  commune: text(200, "Nhập tên phường/xã"),
  date: isoDate,
});
export const wageCheckInput = z
  .object({
    enterpriseId: id.optional(),
    province: z.string().trim().max(200, "Tối đa 200 ký tự").optional(),
    commune: z.string().trim().min(1, "Nhập tên phường/xã").max(200, "Tối đa 200 ký tự").optional(),
    date: isoDate,
    wage: z.number().int("Mức lương phải là số nguyên (đồng)").positive("Mức lương phải lớn hơn 0"),
  })
  .refine((v) => v.enterpriseId !== undefined || v.commune !== undefined, { message: "Chọn doanh nghiệp hoặc nhập phường/xã", path: ["commune"] });

export const planInput = z
  .object({
    year: z.number().int().min(2000, "Năm không hợp lệ").max(2100, "Năm không hợp lệ"),
    title: text(300, "Nhập tên kế hoạch"),
    leadBodyId: id,
    coBodyIds: z.array(id).max(20).default([]),
    startsOn: isoDate,
    endsOn: isoDate,
    note: z.string().trim().max(5000).default(""),
    targets: z
      .array(z.object({ enterpriseId: id, plannedOn: isoDate.nullish() }))
      .max(500)
      .default([]),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: "Ngày kết thúc không được trước ngày bắt đầu", path: ["endsOn"] });
export type PlanInput = z.infer<typeof planInput>;

export { answerResults };
export const answerInput = z.object({
  itemId: id,
  result: z.enum(answerResults, "Kết quả phải là: đạt, không đạt hoặc không áp dụng").optional(),
  evidence: z.string().trim().max(5000).default(""),
  observedValue: z.number().int().positive("Giá trị quan sát phải lớn hơn 0").nullish(),
});
export const findingInput = z.object({
  itemId: id.nullish(),
  text: text(2000, "Nhập nội dung kiến nghị"),
  deadline: isoDate,
});
export const inspectionInput = z.object({
  planId: id.nullish(),
  enterpriseId: id,
  inspectedOn: isoDate,
  leadBodyId: id,
  kind: z.enum(["inspection", "supervision", "reinspection"]).default("inspection"),
  previousId: id.nullish(),
  summary: z.string().trim().max(10000).default(""),
  answers: z.array(answerInput).max(500).default([]),
  findings: z.array(findingInput).max(200).default([]),
  complete: z.boolean().default(false),
});
export type InspectionInput = z.infer<typeof inspectionInput>;
export const inspectionUpdate = z.object({
  summary: z.string().trim().max(10000).optional(),
  answers: z.array(answerInput).max(500).default([]),
  findings: z.array(findingInput).max(200).default([]),
  complete: z.boolean().default(false),
});
export type InspectionUpdate = z.infer<typeof inspectionUpdate>;
export const followupInput = z.object({
  outcome: z.enum(["progress", "closed", "reinspect", "reopened"], "Kết quả theo dõi không hợp lệ"),
  onDate: isoDate,
  note: z.string().trim().max(5000).default(""),
});

export const watchlistQuery = z.object({
  zone: id.optional(),
  limit: z.coerce.number().int().min(1).max(500, "Tối đa 500 doanh nghiệp").default(50),
  minScore: z.coerce.number().min(0).default(0.01),
});
export const riskSettingsInput = z.object({
  weights: z.record(
    z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "Tên tín hiệu không hợp lệ"),
    z.number().min(0, "Trọng số không được âm").max(100, "Trọng số tối đa 100"),
  ),
  caps: z
    .record(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "Tên tín hiệu không hợp lệ"), z.number().positive("Ngưỡng bão hòa phải lớn hơn 0").max(1e12))
    .default({}),
  defaultWeight: z.number().min(0).max(100).default(5),
  threshold: z.number().min(1, "Ngưỡng cảnh báo phải từ 1").max(1000),
  recentDays: z.number().int().min(7, "Tối thiểu 7 ngày").max(730).default(90),
});
export type RiskSettings = z.infer<typeof riskSettingsInput>;
export const actionInput = z.object({
  title: text(300, "Nhập tên hoạt động phối hợp"),
  leadBodyId: id,
  coBodyIds: z.array(id).max(20).default([]),
  deadline: isoDate,
  note: z.string().trim().max(5000).default(""),
});
export const evaluationQuery = z.object({
  k: z.coerce.number().int().min(1).max(500).default(10),
  horizonDays: z.coerce.number().int().min(7).max(365).default(60),
  leadDays: z.coerce.number().int().min(0).max(365).default(30),
});
