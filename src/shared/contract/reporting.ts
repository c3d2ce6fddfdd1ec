import { z } from "zod";

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

export const progressSchema = z.object({
  asOf: z.string(),
  actual: z.number().nullable(),
  ratio: z.number().nullable(),
  text: z.string(),
  detail: z.object({ numerator: z.number(), denominator: z.number() }).optional(),
  enteredBy: z.string().nullable().optional(),
  enteredAt: z.string().nullable().optional(),
  source: z.string(),
  rule: z.string().optional(),
  other: z.object({ value: z.number(), text: z.string(), source: z.string() }).optional(),
  reached: z.boolean(),
  projectedDate: z.string().nullable(),
  onTrack: z.boolean().nullable(),
  projection: z.string(),
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
      unit: z.enum(["count", "percent"]),
      targetValue: z.number(),
      deadline: z.string(),
      progress: progressSchema,
    }),
  ),
  breakdown: z.array(zoneRowSchema),
  sections: z.array(
    z.object({
      figures: z.array(figureSchema),
      more: z.number(),
      key: z.string(),
      title: z.string(),
      order: z.number(),
      paragraphs: z.array(z.string()),
      notes: z.array(z.string().nullable()).optional(),
    }),
  ),
  topics: z.array(
    z.object({
      label: z.string(),
      key: z.string(),
      value: z.number(),
      unit: z.enum(["count", "percent", "vnd"]).optional(),
      target: z.number().optional(),
      link: z.string().optional(),
      source: z.string().optional(),
      cityWide: z.boolean().optional(),
    }),
  ),
});

export const reportParagraphSchema = z.object({ text: z.string(), note: z.string().nullable().optional() });

export const issuerSchema = z.object({ kind: z.string(), header: z.string(), name: z.string(), symbol: z.string(), sign: z.array(z.string()) });

export const figureSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  order: z.number(),
  figures: z.array(figureSchema),
  paragraphs: z.array(z.string()),
  notes: z.array(z.string().nullable()).optional(),
});

export const withReportSlotSchema = z.object({
  sections: z.array(
    z.object({
      figures: z.array(
        z.object({
          text: z.string(),
          key: z.string(),
          label: z.string(),
          value: z.number(),
          unit: z.enum(["count", "percent", "vnd"]).optional(),
          target: z.number().optional(),
          link: z.string().optional(),
          source: z.string().optional(),
          cityWide: z.boolean().optional(),
        }),
      ),
      key: z.string(),
      title: z.string(),
      order: z.number(),
      paragraphs: z.array(z.string()),
      notes: z.array(z.string().nullable()).optional(),
      items: z.array(reportParagraphSchema),
    }),
  ),
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
