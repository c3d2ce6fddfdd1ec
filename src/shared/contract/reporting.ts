import { z } from "zod";
import { targetUnits } from "../enums.ts";
import { progressSchema } from "./coordination.ts";

/** Answers of the reporting API: the server serializes through them, the web reads their types (z.input). */

export const periodSchema = z.object({ from: z.string(), to: z.string(), label: z.string() });

export const periodKindSchema = z.enum(["range", "year", "half", "quarter", "nine_months"]);

export const reportPeriodSchema = z.object({
  kind: periodKindSchema,
  year: z.number(),
  half: z.union([z.literal(1), z.literal(2)]).nullable(),
  quarter: z.union([z.literal(1), z.literal(4), z.literal(2), z.literal(3)]).nullable(),
  from: z.string(),
  to: z.string(),
  label: z.string(),
});

export const figureSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  unit: z.enum(["count", "percent", "vnd"]).optional(),
  target: z.number().optional(),
  link: z.string().optional(),
  source: z.string().optional(),
  cityWide: z.boolean().optional(),
});

export { progressSchema };

/** A section of figures: the dashboard's card and the joint report's part share it. */
export const figureSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  order: z.number(),
  figures: z.array(figureSchema),
  paragraphs: z.array(z.string()),
  notes: z.array(z.string().nullable()).optional(),
});

export const zoneRowSchema = z.object({ id: z.number().nullable(), name: z.string(), members: z.number(), newMembers: z.number(), unions: z.number() });

export const dashboardSchema = z.object({
  period: reportPeriodSchema,
  asOf: z.string(),
  asOfText: z.string(),
  drill: z.object({ zoneId: z.number().nullable(), unionId: z.number().nullable() }),
  trail: z.array(z.object({ level: z.enum(["union", "zone"]), id: z.number(), name: z.string() })),
  headline: z.array(figureSchema),
  membersSeries: z.array(z.object({ month: z.string(), members: z.number() })),
  targets: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      program: z.string(),
      unit: z.enum(targetUnits),
      targetValue: z.number(),
      deadline: z.string(),
      progress: progressSchema,
    }),
  ),
  breakdown: z.array(zoneRowSchema),
  /** `more`: figures of the section left out of the dashboard (the detailed breakdowns). */
  sections: z.array(figureSectionSchema.extend({ more: z.number() })),
  topics: z.array(figureSchema),
});

export const reportParagraphSchema = z.object({ text: z.string(), note: z.string().nullable().optional() });

export const issuerSchema = z.object({ kind: z.string(), header: z.string(), name: z.string(), symbol: z.string(), sign: z.array(z.string()) });

export const withReportSlotSchema = z.object({
  /** Each figure with its sentence, each section with its paragraphs and their notes. */
  sections: z.array(figureSectionSchema.extend({ figures: z.array(figureSchema.extend({ text: z.string() })), items: z.array(reportParagraphSchema) })),
  period: reportPeriodSchema,
  place: z.string(),
  dateLine: z.string(),
  number: z.string(),
  draft: z.boolean(),
  issuers: z.array(issuerSchema),
  parent: z.string().nullable(),
  parentName: z.string().nullable(),
  bodies: z.object({ mmc: z.string(), authority: z.string(), federation: z.string() }),
  title: z.array(z.string()),
  intro: z.string(),
  annex: z.array(figureSectionSchema),
  evaluation: z.object({ strengths: z.array(z.string()), limitations: z.array(z.string()), causes: z.array(z.string()) }),
  tasksTitle: z.string(),
  tasks: z.array(z.object({ title: z.string(), items: z.array(z.string()) })),
  sourceRule: z.string(),
});

export const traceFigureSchema = z.union([
  z.object({
    key: z.literal("new_members"),
    title: z.string(),
    total: z.number(),
    byUnion: z.array(z.object({ unionId: z.number(), unionName: z.string(), n: z.number() })),
    people: z.array(z.object({ personId: z.number(), fullName: z.string(), unionName: z.string(), validFrom: z.string(), startReason: z.string() })),
    unions: z.undefined().optional(),
    enterprises: z.undefined().optional(),
  }),
  z.object({
    key: z.literal("members"),
    title: z.string(),
    total: z.number(),
    byUnion: z.array(z.object({ unionId: z.number(), unionName: z.string(), n: z.number() })),
    /** Always empty: the members at a date are counted per union, never listed. */
    people: z.array(z.never()),
    unions: z.undefined().optional(),
    enterprises: z.undefined().optional(),
  }),
  z.object({
    key: z.literal("new_unions"),
    title: z.string(),
    total: z.number(),
    unions: z.array(z.object({ id: z.number(), name: z.string(), foundedOn: z.string() })),
    byUnion: z.undefined().optional(),
    people: z.undefined().optional(),
    enterprises: z.undefined().optional(),
  }),
  z.object({
    key: z.literal("enterprises20"),
    title: z.string(),
    total: z.number(),
    enterprises: z.array(
      z.object({ id: z.number(), name: z.string(), workforce: z.number(), zoneName: z.string().nullable(), unionName: z.string().nullable() }),
    ),
    byUnion: z.undefined().optional(),
    people: z.undefined().optional(),
    unions: z.undefined().optional(),
  }),
]);

/** A joint report file generated by the queue (POST/GET /api/reports/files): its state, never its bytes. */
export const reportFileSchema = z.object({
  id: z.number(),
  /** The period as asked: "2025", "2025-H1", "2025-Q3", "2025-9M", "2025-01-01..2025-03-31". */
  period: z.string(),
  format: z.enum(["docx", "xlsx"]),
  version: z.enum(["draft", "final"]),
  number: z.string().nullable(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** Why it failed (Vietnamese), when it did. */
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** When the file is deleted (7 days after the request). */
  expiresAt: z.string(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;
export const reportFileListSchema = z.object({ items: z.array(reportFileSchema) });
