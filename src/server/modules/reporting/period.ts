import type { Period } from "#server/modules/contracts.ts";
import { AppError } from "#server/http/errors.ts";
import { vnToday } from "#shared/clock.ts";

/** "2025" → the year; "2025-H1"/"2025-H2" → a half. Anything else is a 400 with a Vietnamese message. */
export function parsePeriod(input: string | undefined, today = vnToday()): Period & { year: number; half: 1 | 2 | null } {
  const value = input ?? today.slice(0, 4);
  const m = /^(\d{4})(?:-H([12]))?$/.exec(value);
  if (!m) {
    throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/querystring/period", message: "Kỳ báo cáo có dạng 2025 hoặc 2025-H1" }] });
  }
  const year = Number(m[1]);
  if (year < 2000 || year > 2200) {
    throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/querystring/period", message: "Năm không hợp lệ" }] });
  }
  if (!m[2]) return { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}`, year, half: null };
  const half = m[2] === "1" ? 1 : 2;
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `6 tháng đầu năm ${year}`, year, half }
    : { from: `${year}-07-01`, to: `${year}-12-31`, label: `6 tháng cuối năm ${year}`, year, half };
}

/** The last day a level (members, coverage) is measured at: the period's end, or today if the period is still running. */
export function measureDate(period: Period, today = vnToday()): string {
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings; Math.min would give NaN
  return period.to < today ? period.to : today < period.from ? period.from : today;
}
