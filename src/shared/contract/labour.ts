import { z } from "zod";
import { standingStatuses, submissionStatuses } from "../enums.ts";

/** Answers of the labour API (and the report they carry): the server serializes through them, the web reads their types (z.input). */

/**
 * The half-yearly labour report an enterprise submits: the columns of the officers' report
 * (workforce, women, hires, leavers, wages, social insurance) and those eHeza asks for besides
 * (by contract type, foreign workers, overtime, accidents, collective agreement, union).
 */
const count = (max = 500_000) =>
  z
    .number({ error: "Nhập một số nguyên không âm" })
    .int("Nhập một số nguyên")
    .min(0, "Không được âm")
    .max(max, `Tối đa ${max.toLocaleString("vi-VN")}`);
const wage = z
  .number({ error: "Nhập số tiền (đồng)" })
  .int("Nhập số tiền nguyên (đồng)")
  .min(0, "Không được âm")
  .max(2_000_000_000, "Số tiền quá lớn: nhập lương một tháng, đơn vị đồng");

export const periodSchema = z.string().regex(/^\d{4}-H[12]$/, "Kỳ báo cáo dạng 2026-H1 (6 tháng đầu năm) hoặc 2026-H2 (6 tháng cuối năm)");

export const labourReportInput = z.object({
  period: periodSchema,
  workforce: count(),
  women: count(),
  men: count(),
  contractIndefinite: count(),
  contractFixed: count(),
  contractOther: count(),
  foreigners: count(),
  hires: count(),
  leavers: count(),
  lowestWage: wage,
  averageWage: wage,
  overtimeHours: count(500_000_000),
  insured: count(),
  accidents: count(),
  accidentDeaths: count(),
  hasAgreement: z.boolean(),
  hasUnion: z.boolean(),
  note: z.string().trim().max(2000, "Tối đa 2.000 ký tự").nullable().optional(),
  /** Required when the lowest wage is under the regional minimum: why (at least 10 characters). */
  wageReason: z.string().trim().max(1000, "Tối đa 1.000 ký tự").nullable().optional(),
});
export type LabourReportInput = z.infer<typeof labourReportInput>;

export const issueSchema = z.object({ pointer: z.string(), field: z.string(), code: z.string(), message: z.string() });
export type Issue = z.infer<typeof issueSchema>;

export const minimumSchema = z
  .object({ region: z.number(), monthly: z.number(), decree: z.string(), date: z.string() })
  .nullable()
  .describe("The regional minimum wage that applies on the period's last day, or null when the region is unknown");

export const checkResultSchema = z.object({
  ok: z.boolean().describe("true when nothing blocks the submission"),
  errors: z.array(issueSchema).describe("blocking: the server refuses the submission while any remains"),
  warnings: z.array(issueSchema).describe("shown to the enterprise and to the officer; do not block"),
  minimum: minimumSchema,
  deadline: z.string(),
});

export const uploadResultSchema = checkResultSchema.extend({
  values: labourReportInput.partial().describe("what the template held, for the form to show before submission"),
});

export const standingStatus = z.enum(standingStatuses);
export type StandingStatus = z.infer<typeof standingStatus>;

export const standingSchema = z.object({
  enterpriseId: z.number(),
  period: z.string(),
  periodLabel: z.string(),
  status: standingStatus,
  deadline: z.string().describe("ISO date, the last day to submit (Vietnam time)"),
  remindFrom: z.string(),
  submissionId: z.number().nullable(),
});

export const submissionSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  taxCode: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  version: z.number(),
  status: z.enum(submissionStatuses),
  source: z.enum(["form", "excel", "api"]),
  workforce: z.number(),
  women: z.number(),
  men: z.number(),
  contractIndefinite: z.number(),
  contractFixed: z.number(),
  contractOther: z.number(),
  foreigners: z.number(),
  hires: z.number(),
  leavers: z.number(),
  lowestWage: z.number(),
  averageWage: z.number(),
  overtimeHours: z.number(),
  insured: z.number(),
  accidents: z.number(),
  accidentDeaths: z.number(),
  hasAgreement: z.boolean(),
  hasUnion: z.boolean(),
  note: z.string().nullable(),
  wageReason: z.string().nullable(),
  warnings: z.array(issueSchema),
  submittedBy: z.string().nullable(),
  submittedAt: z.string(),
  submittedLate: z.boolean(),
  deadline: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const submissionsPageSchema = z.object({ total: z.number(), items: z.array(submissionSchema) });

export const submissionDetailSchema = submissionSchema.extend({ versions: z.array(submissionSchema) });

export const overdueRowSchema = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  taxCode: z.string(),
  zoneName: z.string().nullable(),
  status: standingStatus,
  daysLate: z.number(),
  submittedAt: z.string().nullable().describe("the first submission, when it came after the deadline"),
});

export const overdueSchema = z.object({
  period: z.string(),
  periodLabel: z.string(),
  deadline: z.string(),
  today: z.string(),
  expected: z.number().describe("active enterprises in scope that owe the report"),
  items: z.array(overdueRowSchema),
});

export const settingsSchema = z.object({
  firstHalfDue: z.string().regex(/^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/, "Ngày dạng dd/mm, ví dụ 05/07"),
  secondHalfDue: z.string().regex(/^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/, "Ngày dạng dd/mm, ví dụ 05/01"),
  reminderDays: z.number().int().min(0).max(60),
  missingAfterDays: z.number().int().min(1).max(180),
});
export type LabourSettings = z.infer<typeof settingsSchema>;
