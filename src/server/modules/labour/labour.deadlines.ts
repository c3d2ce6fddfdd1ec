import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { addDays, vnDayEnd } from "#shared/clock.ts";
import type { LabourSettings, StandingStatus } from "./labour.schema.ts";

export const SETTINGS_KEY = "labour.deadlines";

/**
 * Deadlines of the half-yearly report: 05/07 for the first half, 05/01 of the next year for the
 * second (the zone authority's practice; settings may change them), a reminder window before, and
 * "missing" once the report is this many days late (until then it is "late": it may still come).
 */
export const defaultLabourSettings: LabourSettings = { firstHalfDue: "05/07", secondHalfDue: "05/01", reminderDays: 10, missingAfterDays: 30 };

export async function getLabourSettings(database: Database, tx?: Tx): Promise<LabourSettings> {
  const [row] = await database.rows<{ value: Partial<LabourSettings> }>(sql`SELECT value FROM settings WHERE key = ${SETTINGS_KEY}`, tx);
  return { ...defaultLabourSettings, ...(row?.value ?? {}) };
}

/** "2026-H1" → "6 tháng đầu năm 2026". */
export function periodLabel(period: string): string {
  return period.endsWith("H1") ? `6 tháng đầu năm ${period.slice(0, 4)}` : `6 tháng cuối năm ${period.slice(0, 4)}`;
}

/** The last day of a half-year: its figures (and the wage floor) are taken on that day. */
export function periodEnd(period: string): string {
  return period.endsWith("H1") ? `${period.slice(0, 4)}-06-30` : `${period.slice(0, 4)}-12-31`;
}

/** The last day to submit a period's report (inclusive, Vietnam time). */
export function deadlineOf(period: string, s: LabourSettings): string {
  const year = Number(period.slice(0, 4));
  const [dd, mm] = (period.endsWith("H1") ? s.firstHalfDue : s.secondHalfDue).split("/");
  // A second-half deadline on a day of the same year's December would fall before the half ends:
  // the report is due the next year unless the month is December.
  const dueYear = period.endsWith("H1") ? (Number(mm) >= 7 ? year : year + 1) : Number(mm) === 12 ? year : year + 1;
  return `${dueYear}-${mm}-${dd}`;
}

/** The most recent half-year that has ended before `today` (the one whose report is owed now). */
export function lastEndedPeriod(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) >= "07" ? `${year}-H1` : `${year - 1}-H2`;
}

export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  return period.endsWith("H1") ? `${year}-H2` : `${year + 1}-H1`;
}

/** Whether a submission instant came after the deadline day ended in Vietnam. */
export function isAfterDeadline(instantIso: string, deadline: string): boolean {
  return Date.parse(instantIso) >= Date.parse(vnDayEnd(deadline));
}

/**
 * The standing of one period, derived on read (never stored): the latest version's state when the
 * enterprise submitted one, "accepted" when an officer recorded a report of record for the period,
 * otherwise from today against the deadline.
 */
export function standingOf(
  period: string,
  latest: "submitted" | "accepted" | "returned" | null,
  recorded: boolean,
  today: string,
  s: LabourSettings,
): StandingStatus {
  if (latest) return latest;
  if (recorded) return "accepted";
  const deadline = deadlineOf(period, s);
  if (today > addDays(deadline, s.missingAfterDays)) return "missing";
  if (today > deadline) return "late";
  if (today >= addDays(deadline, -s.reminderDays)) return "due_soon";
  return "not_due";
}

/** Days after the deadline (0 when not late). */
export function daysLate(deadline: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(deadline)) / 86_400_000));
}
