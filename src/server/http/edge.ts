import type { FastifyInstance } from "fastify";
import { type FieldError, badInput } from "./errors.ts";

/**
 * The edge guard: values no route can store or compute with are refused before any schema or
 * service sees them, on every route (signed in or not), with a 400 problem naming each place.
 * - NUL (U+0000): PostgreSQL text cannot hold it, and the driver fails mid-statement.
 * - Lone UTF-16 surrogates: not Unicode text; PostgreSQL's jsonb refuses their `\ud800` escape
 *   (the audit's before/after), and they cannot be encoded as UTF-8 for a file or a log.
 * - Calendar dates that do not exist (2025-02-31, 2025-13-01, 0000-01-01): a regex-only date
 *   schema lets them through, then `Date.parse` gives NaN or the database refuses them.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ](\d{2}):(\d{2})(?::(\d{2}))?)/;

/** True when a yyyy-mm-dd[Thh:mm[:ss]] string names a day (and time) that exists. */
export function isRealDate(value: string): boolean {
  const m = DATE_PREFIX.exec(value);
  if (!m) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return false;
  if (m[4] !== undefined && (Number(m[4]) > 24 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60))) return false;
  return true;
}

/** The reason a string cannot be accepted anywhere, or undefined when it can. */
export function hostileText(value: string): string | undefined {
  if (value.includes("\u0000")) return "Văn bản chứa ký tự NUL (mã 0), không được chấp nhận";
  if (LONE_SURROGATE.test(value)) return "Văn bản chứa ký tự Unicode không hợp lệ (nửa cặp thay thế)";
  if (value.length <= 40 && !isRealDate(value)) {
    const m = DATE_PREFIX.exec(value);
    const day = m ? `${m[3]}/${m[2]}/${m[1]}` : value;
    return `Ngày ${day}${m?.[4] !== undefined ? ` ${m[4]}:${m[5]}` : ""} không tồn tại trên lịch, hãy nhập một ngày có thật`;
  }
  return undefined;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every hostile string in a parsed value (keys included), with its JSON pointer. At most 20. */
export function findHostile(value: unknown, at: string, out: FieldError[] = [], depth = 0): FieldError[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === "string") {
    const reason = hostileText(value);
    if (reason) out.push({ pointer: at, message: reason, code: "invalid_text" });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) findHostile(value[i], `${at}/${i}`, out, depth + 1);
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const keyReason = key.includes("\u0000") || LONE_SURROGATE.test(key) ? "Tên trường chứa ký tự không hợp lệ" : undefined;
      const pointer = `${at}/${escapePointer(keyReason ? encodeURIComponent(key.replace(/[\uD800-\uDFFF]/g, "\uFFFD")) : key)}`;
      if (keyReason) out.push({ pointer, message: keyReason, code: "invalid_text" });
      findHostile(child, pointer, out, depth + 1);
    }
  }
  return out;
}

/** Registers the guard on every route of the app (call before the routes are registered). */
export function registerEdgeGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const errors = [...findHostile(request.params, "/params"), ...findHostile(request.query, "/querystring"), ...findHostile(request.body, "/body")];
    if (errors.length) throw badInput(errors, errors[0]?.message);
  });
}
