import { z } from "zod";
import { periodSchema } from "#shared/contract/labour.ts";
import { submissionStatuses } from "#shared/enums.ts";

/** The report, its checks and the answers are the contract shared with the web (src/shared/contract/labour.ts). */
export * from "#shared/contract/labour.ts";

export const listQuery = z.object({
  period: periodSchema.optional(),
  status: z.enum(submissionStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const decisionBody = z.object({
  reason: z.string().trim().min(5, "Nêu lý do (ít nhất 5 ký tự)").max(2000, "Tối đa 2.000 ký tự"),
});
export const acceptBody = z.object({ note: z.string().trim().max(2000).optional() });
