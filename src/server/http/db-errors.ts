import type { FastifyRequest } from "fastify";
import { fieldLabel } from "#shared/zod-vi.ts";
import type { ErrorCode, FieldError } from "./errors.ts";

/**
 * What a database error means to the caller. The drivers' errors reach us wrapped: drizzle throws a
 * DrizzleQueryError whose `cause` is the driver's error (pg's DatabaseError, PGlite's), and the
 * SQLSTATE sits there, not on the outer error; so the whole `cause` chain is read.
 */
export interface DbProblem {
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  column?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/** The chain error → cause → cause…, at most 6 deep (a cause cycle cannot hang us). */
function chain(error: unknown): DriverError[] {
  const out: DriverError[] = [];
  let e: unknown = error;
  for (let i = 0; i < 6 && e && typeof e === "object"; i++) {
    out.push(e as DriverError);
    e = (e as DriverError).cause;
  }
  return out;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Node socket errors and pg-pool messages of a database that went away. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const CONNECTION_MESSAGES =
  /^(Connection terminated|connection timeout|Client has encountered a connection error|Connection ended|Client was closed|terminating connection|the database system is (starting up|shutting down|in recovery mode)|PGlite is closed|Cannot use a pool after calling end|timeout exceeded when trying to connect)/i;

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * "Key (tax_code)=(0101)", "Key (campaign_id, person_id)=(1, 2)" or an expression index's
 * "Key (lower(username::text))=(an)" → the columns named.
 */
function keyColumns(detail: string): string[] {
  const m = /Key \((.*?)\)=\(/.exec(detail);
  if (!m?.[1]) return [];
  const words = m[1].match(/"[^"]+"|[a-z_][a-z0-9_]*/gi) ?? [];
  const functionsAndTypes =
    /^(lower|upper|unaccent|vn_fold|coalesce|text|varchar|character|varying|date|int|integer|bigint|numeric|immutable_unaccent|btrim|trim)$/i;
  return [...new Set(words.map((w) => w.replace(/^"|"$/g, "")).filter((w) => !functionsAndTypes.test(w)))];
}

/** Whether the caller sent a field of that name (a composite key's parent id usually comes from the path). */
function sent(request: FastifyRequest, field: string): boolean {
  return [request.body, request.query, request.params].some((v) => v !== null && typeof v === "object" && field in (v as Record<string, unknown>));
}

/** The fields of a key that the caller sent, or all of them when it sent none. */
function keyFields(request: FastifyRequest, detail: string): string[] {
  const fields = keyColumns(detail).map(camel);
  const given = fields.filter((f) => sent(request, f));
  return given.length ? given : fields;
}

/** Where in the request the caller sent a field of that name (body first, then query, then path). */
function pointerFor(request: FastifyRequest, field: string): string {
  for (const [where, value] of [
    ["body", request.body],
    ["querystring", request.query],
    ["params", request.params],
  ] as const) {
    if (value && typeof value === "object" && field in (value as Record<string, unknown>)) return `/${where}/${field}`;
  }
  return `/body/${field}`;
}

/** The pointer of the first value in the request equal to `needle` (an out-of-range number, a bad date). */
function findValue(request: FastifyRequest, needle: string): string | undefined {
  const walk = (v: unknown, at: string, depth: number): string | undefined => {
    if (depth > 8) return undefined;
    if (typeof v === "string" || typeof v === "number") return String(v) === needle ? at : undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const hit = walk(v[i], `${at}/${i}`, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    }
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const hit = walk(child, `${at}/${k}`, depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(request.body, "/body", 0) ?? walk(request.query, "/querystring", 0) ?? walk(request.params, "/params", 0);
}

/** The quoted value of a PostgreSQL data error: `... out of range for type integer` / `...: "2025-02-31"`. */
const quoted = (message: string) => /"([^"]*)"/.exec(message)?.[1];

/** Classifies a database (or database connection) error; undefined when the error is something else. */
export function classifyDatabaseError(error: unknown, request: FastifyRequest): DbProblem | undefined {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    const message = typeof e.message === "string" ? e.message : "";
    const detail = typeof e.detail === "string" ? e.detail : "";
    if ((code && CONNECTION_CODES.has(code)) || (code && /^(08|57P)/.test(code)) || (!code && CONNECTION_MESSAGES.test(message))) {
      return { code: "database_unavailable", retryAfter: 5 };
    }
    if (!code || !SQLSTATE.test(code)) continue;
    switch (code) {
      case "23505": {
        const fields = keyFields(request, detail);
        const names = fields.map((f) => `«${fieldLabel(f)}»`).join(", ");
        return {
          code: "conflict",
          detail: names ? `${names} đã tồn tại, hãy nhập giá trị khác` : "Dữ liệu này đã tồn tại",
          ...(fields.length ? { errors: fields.map((f) => ({ pointer: pointerFor(request, f), message: "Giá trị này đã tồn tại", code: "duplicate" })) } : {}),
        };
      }
      case "23503": {
        // Deleting or re-keying a row that others still point at, versus pointing at a row that does not exist.
        if (/still referenced/i.test(detail) || /update or delete on/i.test(message)) {
          return { code: "in_use", detail: "Dữ liệu đang được dùng ở nơi khác nên không thể xóa hoặc đổi" };
        }
        const fields = keyFields(request, detail);
        const names = fields.map((f) => `«${fieldLabel(f)}»`).join(", ");
        return {
          code: "reference_not_found",
          detail: names ? `${names}: không tìm thấy đối tượng được chọn` : "Đối tượng được chọn không tồn tại",
          ...(fields.length
            ? { errors: fields.map((f) => ({ pointer: pointerFor(request, f), message: "Không tìm thấy đối tượng này", code: "unknown_reference" })) }
            : {}),
        };
      }
      case "23502": {
        const column = typeof e.column === "string" ? camel(e.column) : undefined;
        return {
          code: "validation_failed",
          detail: column ? `Thiếu «${fieldLabel(column)}»` : "Thiếu dữ liệu bắt buộc",
          ...(column ? { errors: [{ pointer: pointerFor(request, column), message: "Bắt buộc nhập", code: "required" }] } : {}),
        };
      }
      case "23514":
      case "23P01":
        return { code: "validation_failed", detail: "Dữ liệu không thỏa điều kiện ràng buộc (giá trị hoặc khoảng ngày không hợp lệ)" };
      case "22001":
      case "54000":
        // A text longer than its column, or too long for an index (a 70.000-character name).
        return { code: "validation_failed", detail: "Nội dung quá dài" };
      case "22003":
      case "22008":
      case "22007":
      case "22P02":
      case "22021":
      case "22P05":
      case "22023":
      case "22004":
      case "22005":
      case "22012":
      case "2201E":
      case "22019":
      case "22025":
      case "2200B":
      case "22011":
      case "22026": {
        const value = quoted(message);
        const pointer = value === undefined ? undefined : findValue(request, value);
        const what =
          code === "22003"
            ? "Số quá lớn hoặc nằm ngoài phạm vi cho phép"
            : code === "22008" || code === "22007"
              ? "Ngày hoặc giờ không tồn tại"
              : code === "22021" || code === "22P05"
                ? "Văn bản chứa ký tự không hợp lệ"
                : "Giá trị không đúng định dạng";
        return { code: "validation_failed", detail: what, ...(pointer ? { errors: [{ pointer, message: what, code: "invalid_value" }] } : {}) };
      }
      case "53300":
      case "53400":
        return { code: "database_unavailable", retryAfter: 5 };
      case "53100":
      case "53200":
        return { code: "read_only_storage", retryAfter: 30 };
      case "40001":
      case "40P01":
      case "55P03":
        return { code: "conflict", detail: "Dữ liệu đang được người khác thay đổi, hãy thử lại" };
      case "57014":
        return { code: "database_unavailable", detail: "Truy vấn quá thời gian cho phép", retryAfter: 5 };
    }
  }
  return undefined;
}
