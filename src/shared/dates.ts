import { vnToday } from "./clock.ts";
import { formatDate, parseDate } from "./text.ts";

/**
 * What is wrong with a date a person typed, shared by the forms (said before sending) and the server (said
 * again, because a form can be bypassed): not a date at all, a day the calendar does not have (31/02), or a
 * day after today where only the past makes sense (a payout received, a birth, an incident).
 */
export type DateProblem = { code: "format" } | { code: "impossible"; day: string; month: string } | { code: "future"; today: string } | { code: "tooOld" };

export interface DateRules {
  /** Refuse a day after today (Vietnam's today from the one clock). */
  notFuture?: boolean;
  /** The earliest year that makes sense (birth dates: 1900). */
  minYear?: number;
}

/** The problem of a typed date (dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd), or null when it is a real day within the rules. */
export function dateProblem(text: string, rules: DateRules = {}): DateProblem | null {
  const s = text.trim();
  const iso = parseDate(s);
  if (!iso) {
    const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? null;
    const isoParts = parts ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    const day = parts?.[1] ?? isoParts?.[3];
    const month = parts?.[2] ?? isoParts?.[2];
    // Numbers in the right places that make no day: a day the month does not have, or a month past 12.
    const year = Number(parts?.[3] ?? isoParts?.[1]);
    if (year && (year < 1900 || year > 2200)) return { code: "tooOld" };
    if (day && month && Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12)
      return { code: "impossible", day: day.padStart(2, "0"), month: month.padStart(2, "0") };
    return { code: "format" };
  }
  if (rules.minYear && Number(iso.slice(0, 4)) < rules.minYear) return { code: "tooOld" };
  const today = vnToday();
  if (rules.notFuture && iso > today) return { code: "future", today };
  return null;
}

/** The problem said in Vietnamese, as the server and the error catalogue say it. */
export function dateProblemVi(problem: DateProblem): string {
  switch (problem.code) {
    case "format":
      return "Ngày không hợp lệ (dd/mm/yyyy)";
    case "impossible":
      return `Ngày ${problem.day}/${problem.month} không tồn tại`;
    case "future":
      return `Ngày không được sau hôm nay (${formatDate(problem.today)})`;
    case "tooOld":
      return "Năm không hợp lệ, hãy kiểm tra lại";
  }
}

/** For zod's superRefine on an ISO date that must not be after today: the refusal, in Vietnamese, on the field. */
export function refuseFutureDate(value: string | null | undefined, ctx: { addIssue: (issue: { code: "custom"; message: string }) => void }): void {
  if (!value) return;
  const problem = dateProblem(value, { notFuture: true });
  if (problem?.code === "future") ctx.addIssue({ code: "custom", message: dateProblemVi(problem) });
}
