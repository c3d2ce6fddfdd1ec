import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { onInvalidate } from "#server/db/invalidation.ts";
import { addDays, vnToday as clockToday, vnDate, vnDayStart, weekday } from "#shared/clock.ts";
import { voiceDeadlineBasis } from "#server/modules/reference/index.ts";
import { statutoryHolidays } from "#shared/lunar.ts";

/**
 * Working days on the Vietnamese calendar: Monday–Friday that are not public holidays
 * (`voice_holidays`, edited by admins because Tết moves every year).
 */

/** Today's date in Vietnam, ISO — of the instant given, or of the one clock (src/shared/clock.ts). */
export function vnToday(at?: Date): string {
  return at ? vnDate(at) : clockToday();
}

export { addDays, vnDayStart };

export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string>): boolean {
  const dow = weekday(isoDate);
  return dow !== 0 && dow !== 6 && !holidays.has(isoDate);
}

/**
 * The deadline `n` working days after `start`: the day of receipt does not count (a request
 * received on Friday evening with 3 days is due on Wednesday).
 */
export function addWorkingDays(start: string, n: number, holidays: ReadonlySet<string>): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

// A flood computes the same few deadlines thousands of times a second. Keyed by the holiday set
// itself: holidays() hands out a new set whenever it reloads the calendar, so an edit is never missed.
const deadlineMemo = new WeakMap<ReadonlySet<string>, Map<string, string>>();

/** addWorkingDays, remembered per holiday calendar. */
export function deadlineAfter(start: string, n: number, holidays: ReadonlySet<string>): string {
  let memo = deadlineMemo.get(holidays);
  if (!memo) {
    memo = new Map();
    deadlineMemo.set(holidays, memo);
  }
  const key = `${start}|${n}`;
  let d = memo.get(key);
  if (d === undefined) {
    d = addWorkingDays(start, n, holidays);
    if (memo.size > 1000) memo.clear();
    memo.set(key, d);
  }
  return d;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let [a, b] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  while (a < b) {
    a = addDays(a, 1);
    if (isWorkingDay(a, holidays)) n++;
  }
  b = a;
  return sign * n;
}

// Holidays and settings are read on every submission; a short cache keeps that off the database.
// An admin's edit reaches every app server at once (invalidate "voice-settings"); CACHE_MS bounds
// how stale a server may be if that notification is lost.
const CACHE_MS = 30_000;
const holidayCache = new WeakMap<Database, { at: number; days: Set<string> }>();
const settingsCache = new WeakMap<Database, { at: number; values: Map<string, unknown> }>();

/** Vietnamese public holidays 2025–2027 as decided or expected (weekday days off, incl. Tết and make-up days). */
export const DEFAULT_HOLIDAYS: readonly (readonly [string, string])[] = [
  ["2025-01-01", "Tết Dương lịch"],
  ["2025-01-27", "Tết Nguyên đán"],
  ["2025-01-28", "Tết Nguyên đán"],
  ["2025-01-29", "Tết Nguyên đán"],
  ["2025-01-30", "Tết Nguyên đán"],
  ["2025-01-31", "Tết Nguyên đán"],
  ["2025-04-07", "Giỗ Tổ Hùng Vương"],
  ["2025-04-30", "Ngày Giải phóng miền Nam"],
  ["2025-05-01", "Ngày Quốc tế Lao động"],
  ["2025-05-02", "Nghỉ bù Lễ 30/4 – 1/5"],
  ["2025-09-01", "Quốc khánh"],
  ["2025-09-02", "Quốc khánh"],
  ["2026-01-01", "Tết Dương lịch"],
  ["2026-02-16", "Tết Nguyên đán"],
  ["2026-02-17", "Tết Nguyên đán"],
  ["2026-02-18", "Tết Nguyên đán"],
  ["2026-02-19", "Tết Nguyên đán"],
  ["2026-02-20", "Tết Nguyên đán"],
  ["2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"],
  ["2026-04-30", "Ngày Giải phóng miền Nam"],
  ["2026-05-01", "Ngày Quốc tế Lao động"],
  ["2026-09-01", "Quốc khánh"],
  ["2026-09-02", "Quốc khánh"],
  ["2027-01-01", "Tết Dương lịch"],
  ["2027-02-05", "Tết Nguyên đán"],
  ["2027-02-08", "Tết Nguyên đán"],
  ["2027-02-09", "Tết Nguyên đán"],
  ["2027-02-10", "Tết Nguyên đán"],
  ["2027-02-11", "Tết Nguyên đán"],
  ["2027-04-16", "Giỗ Tổ Hùng Vương"],
  ["2027-04-30", "Ngày Giải phóng miền Nam"],
  ["2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động"],
  ["2027-09-01", "Quốc khánh"],
  ["2027-09-02", "Quốc khánh"],
];

/** The years for which the computed calendar stands in when the edited table has no day of that year. */
export const COMPUTED_YEARS = { from: 2020, to: 2040 } as const;

/**
 * The edited days, plus for every year the admins have not entered (none of its days in the table)
 * the statutory holidays computed from the lunar calendar (src/shared/lunar.ts): a deadline in 2028
 * skips Tết 2028 even though nobody typed it in. A year with any edited day is taken as edited whole,
 * so the government's swaps and an admin's deletions stand.
 */
export function withStatutoryHolidays(edited: Iterable<string>): Set<string> {
  const days = new Set(edited);
  const editedYears = new Set([...days].map((d) => d.slice(0, 4)));
  for (let y = COMPUTED_YEARS.from; y <= COMPUTED_YEARS.to; y++) {
    if (editedYears.has(String(y))) continue;
    for (const h of statutoryHolidays(y)) days.add(h.day);
  }
  return days;
}

/** Writes the default calendar once per database (remembered in settings, so an admin's deletions stay deleted). */
async function ensureHolidays(database: Database, tx?: Tx): Promise<void> {
  const [done] = await database.rows<{ key: string }>(sql`SELECT key FROM settings WHERE key = 'voice.holidays_seeded'`, tx);
  if (done) return;
  await database.rows(
    sql`WITH ins AS (INSERT INTO voice_holidays (day, name)
          SELECT (x->>0)::date, x->>1 FROM jsonb_array_elements(${JSON.stringify(DEFAULT_HOLIDAYS)}::jsonb) x ON CONFLICT (day) DO NOTHING)
        INSERT INTO settings (key, value) VALUES ('voice.holidays_seeded', 'true') ON CONFLICT (key) DO NOTHING`,
    tx,
  );
}

export async function holidays(database: Database, tx?: Tx): Promise<Set<string>> {
  const hit = holidayCache.get(database);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.days;
  return tx ? loadHolidays(database, tx) : singleFlight(database, "holidays", () => loadHolidays(database));
}

async function loadHolidays(database: Database, tx?: Tx): Promise<Set<string>> {
  const token = loadToken(database);
  await ensureHolidays(database, tx);
  const rows = await database.rows<{ day: string }>(sql`SELECT day::text AS day FROM voice_holidays`, tx);
  const days = withStatutoryHolidays(rows.map((r) => r.day));
  // A load that an admin's edit overtook does not refill the cache with what it read before the edit.
  if (token === loadTokens.get(database)) holidayCache.set(database, { at: Date.now(), days });
  return days;
}

// When a cache expires during a flood, the callers waiting for it share one load instead of each
// sending the same query (which would queue a burst on the pool every CACHE_MS).
const inFlight = new WeakMap<Database, Map<string, Promise<unknown>>>();
function singleFlight<T>(database: Database, key: string, load: () => Promise<T>): Promise<T> {
  let m = inFlight.get(database);
  if (!m) {
    m = new Map();
    inFlight.set(database, m);
  }
  const pending = m.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const p = load().finally(() => m.delete(key));
  m.set(key, p);
  return p;
}

// Bumped by invalidateVoiceCache: a load started before the bump does not write the cache.
const loadTokens = new WeakMap<Database, object>();
function loadToken(database: Database): object {
  let t = loadTokens.get(database);
  if (!t) {
    t = {};
    loadTokens.set(database, t);
  }
  return t;
}

/** Forgets cached holidays and settings (after an admin edits them, here or on another server). */
export function invalidateVoiceCache(database: Database): void {
  holidayCache.delete(database);
  settingsCache.delete(database);
  loadTokens.set(database, {});
  inFlight.delete(database);
}
onInvalidate("voice-settings", invalidateVoiceCache);

export type RequestKind = "consultation" | "complaint" | "petition" | "report";

export interface RoutingRule {
  when: { topics?: string[]; requesterKind?: "worker" | "enterprise"; ownership?: string[]; hasUnion?: boolean; hasZone?: boolean; kinds?: string[] };
  to: "grassroots_union" | "zone_union" | "zone_authority" | "federation";
  note?: string;
}

export interface VoiceSettings {
  /** Working days to answer, by kind. */
  deadlines: Record<RequestKind, number>;
  /** The law each deadline kind rests on (reference/deadlines.ts), shown with the setting. */
  legalBasis: Record<RequestKind, string>;
  reopenDays: number;
  dueSoonDays: number;
  routing: RoutingRule[];
}

const DEFAULTS: VoiceSettings = {
  deadlines: { consultation: 3, complaint: 10, petition: 15, report: 10 },
  legalBasis: voiceDeadlineBasis,
  reopenDays: 30,
  dueSoonDays: 2,
  routing: [
    { when: { requesterKind: "enterprise" }, to: "zone_authority" },
    { when: { hasUnion: true }, to: "grassroots_union" },
    { when: { hasZone: true }, to: "zone_union" },
    { when: {}, to: "federation" },
  ],
};

async function loadSettings(database: Database, tx?: Tx): Promise<Map<string, unknown>> {
  const token = loadToken(database);
  const rows = await database.rows<{ key: string; value: unknown }>(sql`SELECT key, value FROM settings WHERE key LIKE 'voice.%'`, tx);
  const values = new Map(rows.map((r) => [r.key, r.value]));
  if (token === loadTokens.get(database)) settingsCache.set(database, { at: Date.now(), values });
  return values;
}

/** The module's settings from the `settings` table, with defaults for anything missing. */
export async function voiceSettings(database: Database, tx?: Tx): Promise<VoiceSettings> {
  const hit = settingsCache.get(database);
  const v =
    hit && Date.now() - hit.at < CACHE_MS
      ? hit.values
      : await (tx ? loadSettings(database, tx) : singleFlight(database, "settings", () => loadSettings(database)));
  const deadlines = { ...DEFAULTS.deadlines, ...((v.get("voice.deadlines") as Partial<Record<RequestKind, number>> | undefined) ?? {}) };
  const num = (key: string, dflt: number) => {
    const x = v.get(key);
    return typeof x === "number" && Number.isFinite(x) ? x : dflt;
  };
  const routing = v.get("voice.routing");
  const basis = v.get("voice.legal_basis") as Partial<Record<RequestKind, string>> | undefined;
  return {
    deadlines,
    legalBasis: { ...DEFAULTS.legalBasis, ...(basis ?? {}) },
    reopenDays: num("voice.reopen_days", DEFAULTS.reopenDays),
    dueSoonDays: num("voice.due_soon_days", DEFAULTS.dueSoonDays),
    routing: Array.isArray(routing) && routing.length > 0 ? (routing as RoutingRule[]) : DEFAULTS.routing,
  };
}
