import { z } from "zod";

/** A 204 answer: no body. */
export const noContentSchema = z.null();

/** A warning the server accepted the input with (a wrong check digit, a share under half…), on its field. */
export const fieldWarningSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

/** One page of a list: how many in all, which page of what size, and its rows. */
export const pageOf = <Row extends z.ZodType>(row: Row) => z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(row) });

/** A problem an import found, on its row and column (null when the whole row is wrong). */
export const importIssueSchema = z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * A file download: the content type is declared (OpenAPI shows it), the body is the file's bytes, sent as a
 * buffer or a stream, so no serializer runs on it. `*\/*` for a stored upload sent with its own type.
 */
export const fileResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.any().meta({ type: "string", format: "binary" }) } },
});
