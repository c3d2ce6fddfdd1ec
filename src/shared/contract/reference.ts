import { z } from "zod";
import { unionRateKinds } from "../enums.ts";
export { unionRateKinds } from "../enums.ts";

/** Answers of the legal reference API: the server serializes through them, the web reads their types. */

export const minimumWageReferenceSchema = z.object({
  date: z.string(),
  province: z.string(),
  commune: z.string(),
  region: z.number(),
  monthly: z.number(),
  hourly: z.number().nullable(),
  decree: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  source: z.string(),
  regionBasis: z.string(),
});

export const unionRateSchema = z.object({
  kind: z.enum(unionRateKinds),
  rate: z.number().optional(),
  amount: z.number().optional(),
  capShareOfBaseSalary: z.number().nullable().optional(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  source: z.string(),
});

export const unionRatesAtSchema = z.object({
  date: z.string(),
  dues: unionRateSchema.extend({ cap: z.number().nullable() }),
  fee: unionRateSchema,
  baseSalary: unionRateSchema.nullable(),
  amounts: z.object({ salary: z.number(), dues: z.number(), fee: z.number() }).nullable(),
});

export const unionRateListSchema = z.array(unionRateSchema);

export const deadlineKindListSchema = z.array(
  z.object({
    key: z.string(),
    label: z.string(),
    days: z.number(),
    unit: z.enum(["working_days", "calendar_days"]),
    complexDays: z.number().optional(),
    basis: z.string(),
  }),
);

export const holidayYearSchema = z.object({
  year: z.number(),
  tet: z.string(),
  basis: z.string(),
  days: z.array(z.object({ day: z.string(), name: z.string() })),
});
