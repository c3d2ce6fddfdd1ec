import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { defineJob } from "#server/jobs/define.ts";
import { figureMemoActive, memoized } from "#server/modules/figures.memo.ts";
import { addDays } from "./registry.common.ts";
import { vnToday } from "#shared/clock.ts";

/**
 * Members on a day, women among them and new members in date ranges, per grassroots union, from the
 * counts kept as memberships change (migration 0104: per union, half-year and sex, the intervals that
 * start, end and join in the half). Whole halves come from those counts; the part of a half up to a
 * day is read from the memberships themselves through their date indexes. The answers are exactly
 * what counting the intervals gives (see the boundary convention in coordination/metrics.ts): a test
 * checks both ways on every kind of change.
 */

export interface DateRange {
  from: string;
  to: string;
}

export interface UnionCounts {
  unionId: number;
  /** Members on `asOf`. */
  members: number;
  /** Women among them. */
  women: number;
  /** New members (join, rejoin) in each of the ranges asked for, in order. */
  joined: number[];
}

/** The first day of the half-year `d` lies in. */
export const halfStart = (d: string) => `${d.slice(0, 4)}-${Number(d.slice(5, 7)) <= 6 ? "01" : "07"}-01`;
/** The first day of the next half-year. */
const nextHalf = (h: string) => (h.slice(5, 7) === "01" ? `${h.slice(0, 4)}-07-01` : `${Number(h.slice(0, 4)) + 1}-01-01`);

const halfEnd = (h: string) => addDays(nextHalf(h), -1);
/** Today in Vietnam. */
const today = vnToday;

/**
 * Intervals read from memberships by date to correct the whole halves taken from the kept counts:
 * those starting (valid_from) or ending (valid_to) within [from, to], added or taken away.
 */
interface Scan {
  by: "valid_from" | "valid_to";
  from: string;
  to: string;
  sign: 1 | -1;
}

/**
 * Which part of a half to read from the intervals: the days up to `d` (forward), or the whole half
 * from the kept counts less the days after `d` (backward). Both give the same answer; backward is
 * chosen when the days after `d` are fewer, or still to come (only intervals dated ahead lie there),
 * so a figure as of today reads almost nothing but the kept counts.
 */
function backward(d: string): boolean {
  const h = halfStart(d);
  return d >= today() || Date.parse(halfEnd(h)) - Date.parse(d) < Date.parse(d) - Date.parse(h);
}

/** The level on asOf: halves before `until` from the kept counts, corrected by `scans`. */
function levelPlan(asOf: string): { until: string; scans: Scan[] } {
  const h = halfStart(asOf);
  if (asOf === halfEnd(h)) return { until: nextHalf(h), scans: [] };
  if (backward(asOf)) {
    // Counted in h but after asOf: starts taken away, ends (the day after valid_to) given back.
    return {
      until: nextHalf(h),
      scans: [
        { by: "valid_from", from: addDays(asOf, 1), to: halfEnd(h), sign: -1 },
        { by: "valid_to", from: asOf, to: addDays(halfEnd(h), -1), sign: 1 },
      ],
    };
  }
  return {
    until: h,
    scans: [
      { by: "valid_from", from: h, to: asOf, sign: 1 },
      { by: "valid_to", from: addDays(h, -1), to: addDays(asOf, -1), sign: -1 },
    ],
  };
}

/** New members in [from, to]: halves [first, until) from the kept counts, corrected by `scans`. */
function joinsPlan(r: DateRange): { first: string; until: string; scans: Scan[] } {
  const none = { first: r.from, until: r.from, scans: [] as Scan[] };
  if (r.from > r.to) return none;
  const ha = halfStart(r.from);
  const hb = halfStart(r.to);
  if (ha === hb && (r.from !== ha || r.to !== halfEnd(hb))) {
    return { ...none, scans: [{ by: "valid_from", from: r.from, to: r.to, sign: 1 }] };
  }
  const scans: Scan[] = [];
  let first = ha;
  if (r.from !== ha) {
    // The days of ha before r.from are taken away, or the days of ha from r.from are read.
    if (Date.parse(r.from) - Date.parse(ha) < Date.parse(halfEnd(ha)) - Date.parse(r.from)) {
      scans.push({ by: "valid_from", from: ha, to: addDays(r.from, -1), sign: -1 });
    } else {
      first = nextHalf(ha);
      scans.push({ by: "valid_from", from: r.from, to: halfEnd(ha), sign: 1 });
    }
  }
  let until = nextHalf(hb);
  if (r.to !== halfEnd(hb)) {
    if (backward(r.to)) {
      scans.push({ by: "valid_from", from: addDays(r.to, 1), to: halfEnd(hb), sign: -1 });
    } else {
      until = hb;
      scans.push({ by: "valid_from", from: hb, to: r.to, sign: 1 });
    }
  }
  return { first, until, scans };
}

/**
 * Whether a membership's person is a woman, probed per row on the partial index of women's ids. A
 * scalar subquery, not EXISTS: with the app's 16 MB work_mem the planner hashed the EXISTS over all
 * 405.000 women of the city to test a few thousand memberships (≈ 300 ms of a zone union's view, 7 ×
 * the probes).
 */
const female = sql`(SELECT true FROM people p WHERE p.id = m.person_id AND p.gender = 'female')`;

/** Rows read from memberships by date, signed, to correct the kept counts. */
function scanned(s: Scan, inScope: (unionId: SQL) => SQL, level: boolean): SQL {
  const sign = sql.raw(s.sign < 0 ? "-" : "");
  const by = sql.raw(`m.${s.by}`);
  return sql`SELECT m.union_id, ${sign}count(*), ${level ? sql`${sign}count(*) FILTER (WHERE ${female})` : sql`0`}
      FROM memberships m WHERE ${by} BETWEEN ${s.from}::date AND ${s.to}::date ${level ? sql`` : sql`AND m.start_reason IN ('join', 'rejoin')`}
        AND ${inScope(sql`m.union_id`)}
      GROUP BY m.union_id`;
}

/** Members and women on `asOf` per union (once per dashboard or report: figures.memo.ts). */
function levels(database: Database, inScope: (unionId: SQL) => SQL, asOf: string, tx?: Tx) {
  return perScope(database, inScope, tx, (pred, t) => levelsOf(database, pred, asOf, t));
}

function levelsOf(database: Database, inScope: (unionId: SQL) => SQL, asOf: string, tx?: Tx) {
  const plan = levelPlan(asOf);
  const q = sql`SELECT u AS "unionId", coalesce(sum(n), 0)::int AS members, coalesce(sum(w), 0)::int AS women FROM (
      SELECT c.union_id, sum(c.starts - c.ends), sum(c.starts - c.ends) FILTER (WHERE c.female)
      FROM membership_counts c WHERE c.half < ${plan.until}::date AND ${inScope(sql`c.union_id`)} GROUP BY c.union_id
      ${sql.join(
        plan.scans.map((s) => sql` UNION ALL ${scanned(s, inScope, true)}`),
        sql``,
      )}) AS x(u, n, w) GROUP BY u`;
  return memoized(database, q, tx, () => database.rows<{ unionId: number; members: number; women: number }>(q, tx));
}

/** New members in a range per union (once per dashboard or report). */
function joined(database: Database, inScope: (unionId: SQL) => SQL, range: DateRange, tx?: Tx) {
  return perScope(database, inScope, tx, (pred, t) => joinedOf(database, pred, range, t));
}

/**
 * Within one dashboard or report, the counts of every union are read once and each scope takes its
 * unions' rows: the city's targets (which every viewer sees) need the city's counts anyway, so a zone
 * union's or a grassroots union's own counts cost a look-up of which unions are theirs, not another
 * pass over the kept counts (≈ 45 ms each at city scale).
 */
async function perScope<T extends { unionId: number }>(
  database: Database,
  inScope: (unionId: SQL) => SQL,
  tx: Tx | undefined,
  read: (inScope: (unionId: SQL) => SQL, tx?: Tx) => Promise<T[]>,
): Promise<T[]> {
  if (!figureMemoActive(tx)) return read(inScope, tx);
  const q = sql`SELECT u.id FROM unions u WHERE ${inScope(sql`u.id`)}`;
  const [rows, ids] = await Promise.all([read(() => sql`true`), memoized(database, q, undefined, () => database.rows<{ id: number }>(q))]);
  const mine = new Set(ids.map((r) => r.id));
  return rows.filter((r) => mine.has(r.unionId));
}

function joinedOf(database: Database, inScope: (unionId: SQL) => SQL, range: DateRange, tx?: Tx) {
  const plan = joinsPlan(range);
  const parts: SQL[] =
    plan.first < plan.until
      ? [
          sql`SELECT c.union_id, sum(c.joins), 0 FROM membership_counts c WHERE c.half >= ${plan.first}::date AND c.half < ${plan.until}::date AND ${inScope(sql`c.union_id`)} GROUP BY c.union_id`,
        ]
      : [];
  parts.push(...plan.scans.map((s) => scanned(s, inScope, false)));
  if (!parts.length) return Promise.resolve([] as { unionId: number; n: number }[]);
  const q = sql`SELECT u AS "unionId", coalesce(sum(n), 0)::int AS n FROM (${sql.join(parts, sql` UNION ALL `)}) AS x(u, n, w) GROUP BY u`;
  return memoized(database, q, tx, () => database.rows<{ unionId: number; n: number }>(q, tx));
}

/**
 * Per union passing `inScope` (a predicate on a union id): members and women on `asOf` (none asked
 * when null), and new members in each range. Unions with nothing to count are left out.
 */
export async function countsByUnion(
  database: Database,
  inScope: (unionId: SQL) => SQL,
  asOf: string | null,
  ranges: DateRange[],
  tx?: Tx,
): Promise<UnionCounts[]> {
  const [level, ...flows] = await Promise.all([
    asOf ? levels(database, inScope, asOf, tx) : Promise.resolve([]),
    ...ranges.map((r) => joined(database, inScope, r, tx)),
  ]);
  const byUnion = new Map<number, UnionCounts>();
  const row = (unionId: number) => {
    let r = byUnion.get(unionId);
    if (!r) {
      r = { unionId, members: 0, women: 0, joined: ranges.map(() => 0) };
      byUnion.set(unionId, r);
    }
    return r;
  };
  for (const l of level) Object.assign(row(l.unionId), { members: l.members, women: l.women });
  flows.forEach((f, i) => {
    for (const j of f) row(j.unionId).joined[i] = j.n;
  });
  return [...byUnion.values()].filter((r) => r.members !== 0 || r.women !== 0 || r.joined.some((j) => j !== 0));
}

/** The totals of `countsByUnion` over the scope. */
export async function countsInScope(
  database: Database,
  inScope: (unionId: SQL) => SQL,
  asOf: string | null,
  ranges: DateRange[],
  tx?: Tx,
): Promise<{ members: number; women: number; joined: number[] }> {
  const rows = await countsByUnion(database, inScope, asOf, ranges, tx);
  return {
    members: rows.reduce((s, r) => s + r.members, 0),
    women: rows.reduce((s, r) => s + r.women, 0),
    joined: ranges.map((_, i) => rows.reduce((s, r) => s + (r.joined[i] ?? 0), 0)),
  };
}

/** Folds the appended counts into one row per key (see migration 0104). Returns the rows left. */
export async function compactMembershipCounts(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT compact_membership_counts() AS n`);
  return row?.n ?? 0;
}

/**
 * The fold as a queued job every 10 minutes, on one server's worker for all (the timer below is
 * what each server ran before): compact_membership_counts is one statement, safe to run twice.
 */
export const membershipCountsJob = defineJob({
  name: "registry.membership-counts",
  cron: "*/10 * * * *",
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  run: async (job) => {
    await compactMembershipCounts(job.database);
  },
});

/**
 * Every change of memberships appends rows; readers sum them. Every `everyMs` the server folds them
 * when they have grown by a tenth since the last fold (a busy day of transfers adds a few thousand).
 * Returns a stop function.
 */
export function keepMembershipCountsCompact(database: Database, everyMs = 10 * 60_000, log?: (err: unknown) => void): () => void {
  let folded = -1;
  const tick = async () => {
    const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM membership_counts`);
    const n = row?.n ?? 0;
    // The first look takes the table as it is (the migration and bulk loads write it folded).
    if (folded < 0) folded = n;
    else if (n > folded * 1.1 + 100) folded = await compactMembershipCounts(database);
  };
  const timer = setInterval(() => {
    tick().catch((err) => log?.(err));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
