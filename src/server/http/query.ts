import { z } from "zod";

/**
 * A yes/no flag in a query string: "true"/"false" or "1"/"0", anything else is a 400. Never
 * z.coerce.boolean(), which reads every non-empty string — "false" and "0" included — as true.
 */
export const queryFlag = z
  .enum(["true", "false", "1", "0"], { message: 'Giá trị phải là "true" hoặc "false"' })
  .transform((v) => v === "true" || v === "1")
  .default(false);
