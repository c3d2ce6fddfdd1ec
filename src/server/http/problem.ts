import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, errorCatalogue, type FieldError } from "./errors.ts";

/** The caller's language: English only when asked for first, Vietnamese otherwise. */
export function requestLocale(request: FastifyRequest): "vi" | "en" {
  const header = request.headers["accept-language"];
  if (typeof header === "string" && /^\s*en\b/i.test(header)) return "en";
  return "vi";
}

const PG_UNIQUE = "23505";
const PG_FK = "23503";
const PG_CHECK = "23514";
const PG_NOT_NULL = "23502";
const PG_BAD_TEXT = "22P02";

function classify(error: unknown): { code: ErrorCode; detail?: string; errors?: FieldError[]; extra?: Record<string, unknown> } {
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
    return { code: "validation_failed", errors };
  }
  switch (e.code) {
    case PG_UNIQUE:
      return { code: "conflict" };
    case PG_FK:
    case PG_CHECK:
    case PG_NOT_NULL:
    case PG_BAD_TEXT:
      return { code: "validation_failed" };
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
    case "ECONNREFUSED":
    case "57P01":
    case "57P03":
    case "08006":
    case "08003":
      return { code: "database_unavailable" };
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
  const { code, detail, errors, extra } = classify(error);
  const entry = errorCatalogue[code];
  const locale = requestLocale(request);
  if (entry.status >= 500) request.log.error({ err: error }, "request failed");
  else request.log.info({ code, detail }, "request refused");
  if (code === "rate_limited") {
    const retry = (error as { headers?: Record<string, string> }).headers?.["retry-after"];
    if (retry) void reply.header("retry-after", retry);
  }
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
