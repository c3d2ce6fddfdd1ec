/**
 * The one clock of Cầu Nối, shared by the server and the web client. Every "today", every day
 * boundary and every default date is a day in Vietnam (Asia/Ho_Chi_Minh, UTC+7 all year, no
 * daylight saving since 1975), whatever the time zone of the machine: a server clock on UTC cuts
 * days at 07:00 Vietnam time, and between 00:00 and 07:00 a payout, a membership or a report's
 * date line would otherwise fall on the previous day.
 *
 * A guard test (test/time-law/clock-guard.test.ts) fails when another module computes a day from
 * an instant by itself. Tests move the clock with `setClock()`; nothing else may.
 */

/** Vietnam keeps UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

let fixed: (() => number) | null = null;

/**
 * Replaces the clock (tests only): an instant ("2026-03-01T17:30:00Z"), a Date, a function
 * returning epoch milliseconds, or null for the real clock again.
 */
export function setClock(to: string | number | Date | (() => number) | null): void {
  if (to === null) fixed = null;
  else if (typeof to === "function") fixed = to;
  else {
    const ms = typeof to === "number" ? to : typeof to === "string" ? Date.parse(to) : to.getTime();
    if (Number.isNaN(ms)) throw new Error(`setClock: not an instant: ${String(to)}`);
    fixed = () => ms;
  }
}

/** Epoch milliseconds now (the faked time in tests). */
export function nowMs(): number {
  return fixed ? fixed() : Date.now();
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** The current instant as an ISO string with Z, for timestamptz parameters. */
export function nowIso(): string {
  return now().toISOString();
}

/** The Vietnamese calendar day ("yyyy-mm-dd") of an instant. */
export function vnDate(instant: Date | number | string): string {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time of day in Vietnam ("HH:MM") of an instant: Vietnam keeps UTC+7 all year. */
export function vnTimeOfDay(instant: Date | number | string): string {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** Today in Vietnam, "yyyy-mm-dd". */
export function vnToday(): string {
  return vnDate(nowMs());
}

/** This year in Vietnam. */
export function vnYear(): number {
  return Number(vnToday().slice(0, 4));
}

/** This month in Vietnam, "yyyy-mm". */
export function vnMonth(): string {
  return vnToday().slice(0, 7);
}

/** The instant a Vietnamese day begins, as an ISO string with offset (for comparing timestamps). */
export function vnDayStart(isoDate: string): string {
  return `${isoDate}T00:00:00+07:00`;
}

/** The instant the Vietnamese day after `isoDate` begins: a day's timestamps are >= start and < this. */
export function vnDayEnd(isoDate: string): string {
  return vnDayStart(addDays(isoDate, 1));
}

/** A calendar date plus n days (n may be negative). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(isoDate: string): number {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
}

/** The last day of a month "yyyy-mm". */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/** A calendar date plus n months, "yyyy-mm" → "yyyy-mm". */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + n, 1)).toISOString().slice(0, 7);
}

/** A calendar date plus n months, "yyyy-mm-dd" (31/01 + 1 month runs over into March, as Date does). */
export function addMonthsToDate(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + n, d ?? 1)).toISOString().slice(0, 10);
}

/**
 * How a period is read from counts kept per month: its whole months [months.from, months.to), and
 * the days outside them (a range starting or ending mid-month), read from the rows themselves.
 */
export function periodParts(period: { from: string; to: string }): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  const nextMonth = (d: string) => `${addMonths(d.slice(0, 7), 1)}-01`;
  const first = period.from.endsWith("-01") ? period.from : nextMonth(period.from);
  // The month after the last whole one: the month after `to` when `to` ends its month.
  const end = nextMonth(period.to) === addDays(period.to, 1) ? nextMonth(period.to) : `${period.to.slice(0, 7)}-01`;
  if (first >= end) return { months: null, days: [{ from: period.from, to: period.to }] };
  const days = [];
  if (period.from < first) days.push({ from: period.from, to: addDays(first, -1) });
  if (end <= period.to) days.push({ from: end, to: period.to });
  return { months: { from: first, to: end }, days };
}

/** Whole days from `from` to `to` (calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

/** Today in Vietnam as "dd/mm/yyyy" (the default text of a date field). */
export function vnTodayDmy(): string {
  return vnToday().split("-").reverse().join("/");
}

/** The calendar date a Date made from a calendar date stands for (spreadsheet cells, `Date.UTC(…)`). */
export function utcCalendarDate(d: Date | number): string {
  return new Date(typeof d === "number" ? d : d.getTime()).toISOString().slice(0, 10);
}

/** Vietnam's wall-clock time of now for a file name: "2026-12-04-07-30-15". */
export function vnFileStamp(): string {
  return new Date(nowMs() + VN_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, "-");
}
