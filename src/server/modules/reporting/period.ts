import type { Period } from "#server/modules/contracts.ts";
import { AppError } from "#server/http/errors.ts";
import { vnToday } from "#shared/clock.ts";

/** How a reporting period is named in a request; the OpenAPI description and the 400 message list the same forms. */
export const PERIOD_FORMS = [
  "2025 (cả năm)",
  "2025-H1, 2025-H2 (6 tháng đầu/cuối năm)",
  "2025-Q1 … 2025-Q4 (quý)",
  "2025-9M (9 tháng đầu năm)",
  "2025-01-15..2025-03-31 (từ ngày … đến ngày …)",
] as const;
export const PERIOD_DESCRIPTION = `Kỳ báo cáo: ${PERIOD_FORMS.join("; ")}. Bỏ trống: năm hiện tại.`;
export const PERIOD_MESSAGE = `Kỳ báo cáo không hợp lệ. Các dạng được chấp nhận: ${PERIOD_FORMS.join("; ")}`;

export type PeriodKind = "year" | "half" | "quarter" | "nine_months" | "range";

/** A parsed period: its days, label, and what kind of period it is (the report's "next tasks" depend on it). */
export interface ReportPeriod extends Period {
  kind: PeriodKind;
  year: number;
  /** 1 or 2 for a half-year, else null. */
  half: 1 | 2 | null;
  /** 1–4 for a quarter, else null. */
  quarter: 1 | 2 | 3 | 4 | null;
}

const ROMAN = ["I", "II", "III", "IV"] as const;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const dmy = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;

function bad(message = PERIOD_MESSAGE): never {
  throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/querystring/period", message }] });
}

function checkYear(year: number) {
  if (year < 2000 || year > 2200) bad(`Năm của kỳ báo cáo phải từ 2000 đến 2200. ${PERIOD_MESSAGE}`);
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo);
}

/**
 * "2025" → the year; "2025-H1"/"2025-H2" → a half; "2025-Q1"…"2025-Q4" → a quarter; "2025-9M" → the
 * first nine months; "2025-01-15..2025-03-31" → those days. Anything else is a 400 naming the forms.
 */
export function parsePeriod(input: string | undefined, today = vnToday()): ReportPeriod {
  const value = (input ?? today.slice(0, 4)).trim().toUpperCase();
  const base = { half: null, quarter: null } as const;
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (range) {
    const [from, to] = [range[1] as string, range[2] as string];
    if (!validDate(from) || !validDate(to)) bad(`Ngày trong kỳ báo cáo không có thật. ${PERIOD_MESSAGE}`);
    if (from > to) bad(`Ngày bắt đầu của kỳ báo cáo phải trước ngày kết thúc. ${PERIOD_MESSAGE}`);
    const year = Number(to.slice(0, 4));
    checkYear(Number(from.slice(0, 4)));
    checkYear(year);
    return { ...base, kind: "range", from, to, year, label: `từ ngày ${dmy(from)} đến ngày ${dmy(to)}` };
  }
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|9M))?$/.exec(value);
  if (!m) bad();
  const year = Number(m[1]);
  checkYear(year);
  const part = m[2];
  if (!part) return { ...base, kind: "year", from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}`, year };
  if (part === "H1") return { ...base, kind: "half", half: 1, from: `${year}-01-01`, to: `${year}-06-30`, label: `6 tháng đầu năm ${year}`, year };
  if (part === "H2") return { ...base, kind: "half", half: 2, from: `${year}-07-01`, to: `${year}-12-31`, label: `6 tháng cuối năm ${year}`, year };
  if (part === "9M") return { ...base, kind: "nine_months", from: `${year}-01-01`, to: `${year}-09-30`, label: `9 tháng đầu năm ${year}`, year };
  const q = Number(part.slice(1)) as 1 | 2 | 3 | 4;
  const first = 3 * q - 2;
  return {
    ...base,
    kind: "quarter",
    quarter: q,
    from: iso(year, first, 1),
    to: iso(year, first + 2, lastDayOfMonth(year, first + 2)),
    label: `quý ${ROMAN[q - 1]} năm ${year}`,
    year,
  };
}

/** "quý II năm 2025" for a quarter number. */
export const quarterLabel = (q: number, year: number) => `quý ${ROMAN[q - 1]} năm ${year}`;

/** The last day a level (members, coverage) is measured at: the period's end, or today if the period is still running. */
export function measureDate(period: Period, today = vnToday()): string {
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings; Math.min would give NaN
  return period.to < today ? period.to : today < period.from ? period.from : today;
}
