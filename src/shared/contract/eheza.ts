import { z } from "zod";

/**
 * The answer is closed (z.strictObject at every level): a field added to the service by mistake
 * — a worker's name, a risk score — fails the response instead of reaching the enterprise.
 */
export const enterpriseHomeResponse = z.strictObject({
  asOf: z.string(),
  enterprise: z.strictObject({
    id: z.number(),
    name: z.string(),
    taxCode: z.string(),
    status: z.string(),
    zoneName: z.string().nullable(),
    address: z.string().nullable(),
  }),
  rights: z.array(z.string()),
  findings: z.strictObject({
    open: z.number(),
    overdue: z.number(),
    items: z.array(
      z.strictObject({
        id: z.number(),
        text: z.string(),
        issuedOn: z.string(),
        deadline: z.string(),
        status: z.string(),
        inspectedOn: z.string().nullable(),
        overdue: z.boolean(),
        daysLeft: z.number(),
      }),
    ),
  }),
  agreement: z.strictObject({
    state: z.enum(["none", "valid", "expiring", "expired"]),
    title: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    daysLeft: z.number().nullable(),
  }),
  labourReport: z.strictObject({
    last: z.strictObject({ period: z.string(), filedAt: z.string(), workforce: z.number() }).nullable(),
    next: z.strictObject({ period: z.string(), deadline: z.string(), daysLeft: z.number() }),
    standing: z
      .strictObject({ state: z.string(), label: z.string(), period: z.string().nullable(), deadline: z.string().nullable() })
      .nullable()
      .describe("Where the enterprise stands with its report, from the labour-report module; null until that module provides it"),
  }),
  union: z.strictObject({ kind: z.enum(["grassroots", "zone"]), name: z.string(), chairName: z.string().nullable(), phone: z.string().nullable() }).nullable(),
});
