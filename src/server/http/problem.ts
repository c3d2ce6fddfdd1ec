import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { classifyDatabaseError } from "./db-errors.ts";
import { AppError, type ErrorCode, errorCatalogue, type FieldError } from "./errors.ts";

/** The caller's language: English only when asked for first, Vietnamese otherwise. */
export function requestLocale(request: FastifyRequest): "vi" | "en" {
  const header = request.headers["accept-language"];
  if (typeof header === "string" && /^\s*en\b/i.test(header)) return "en";
  return "vi";
}

interface Classified {
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
  retryAfter?: number;
}

function classify(error: unknown, request: FastifyRequest): Classified {
  if (error instanceof AppError) {
    return {
      code: error.code,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.extra ? { extra: error.extra } : {}),
    };
  }
  const e = error as FastifyError & { code?: string; statusCode?: number; validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const errors = e.validation.map((v) => ({
      pointer: `/${e.validationContext ?? "body"}${v.instancePath}`,
      message: v.message ?? "không hợp lệ",
    }));
    const first = errors[0]?.message;
    return { code: "validation_failed", ...(first ? { detail: errors.length > 1 ? `${first} (và ${errors.length - 1} lỗi khác)` : first } : {}), errors };
  }
  // Database errors (wrapped by drizzle, the SQLSTATE in `cause`) and a database that went away.
  const db = classifyDatabaseError(error, request);
  if (db) return db;
  switch (e.code) {
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
      return { code: "payload_too_large" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return { code: "unsupported_media_type" };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { code: "bad_request" };
    case "EROFS":
    case "ENOSPC":
    case "EACCES":
      return { code: "read_only_storage" };
  }
  if (e.statusCode === 429) return { code: "rate_limited" };
  if (e.statusCode === 413) return { code: "payload_too_large" };
  if (e.statusCode === 415) return { code: "unsupported_media_type" };
  if (e.statusCode === 404) return { code: "not_found" };
  if (e.statusCode === 400) return { code: "bad_request" };
  return { code: "internal" };
}

/** The one place that writes an error response: RFC 9457 problem details, never internals. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { code, detail, errors, extra, retryAfter } = classify(error, request);
  const entry = errorCatalogue[code];
  const locale = requestLocale(request);
  if (entry.status >= 500) request.log.error({ err: error }, "request failed");
  else request.log.info({ code, detail }, "request refused");
  if (code === "rate_limited") {
    const retry = (error as { headers?: Record<string, string> }).headers?.["retry-after"];
    if (retry) void reply.header("retry-after", retry);
  }
  // A 503 says when to come back, so clients and proxies retry instead of giving up.
  if (entry.status === 503) void reply.header("retry-after", String(retryAfter ?? 5));
  return reply
    .status(entry.status)
    .type("application/problem+json; charset=utf-8")
    .send({
      type: `/api/errors#${code}`,
      title: locale === "en" ? entry.en : entry.vi,
      status: entry.status,
      ...(detail ? { detail } : {}),
      instance: request.url.split("?")[0],
      code,
      requestId: request.id,
      ...(errors ? { errors } : {}),
      ...(extra ?? {}),
    });
}
