import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { type Scope, enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { memoized, withFigureMemo } from "#server/modules/figures.memo.ts";
import { agreementCoverage } from "#server/modules/registry/index.ts";
import { countsInScope } from "#server/modules/registry/index.ts";
import { activityScope, intArray } from "./coordination.scope.ts";
import type { Metric } from "./coordination.schema.ts";
import { addDays } from "#shared/clock.ts";

/**
 * Live figures computed from the registry's records. Each takes the caller's scope and, for a
 * target bound to a zone, the zone; no figure is stored twice.
 *
 * Membership boundary convention: `valid_from` is the first day of membership and `valid_to` the
 * LAST day (inclusive). The registry closes a transferred member's old interval the day before the
 * new one starts (seed.ts: valid_to = from − 1 day), so a person is a member on day d when
 * `valid_from <= d AND (valid_to IS NULL OR valid_to >= d)` — counted once on every day, never zero
 * times on the day of a transfer (`valid_to > d` would drop them for that day) and never twice.
 */
export interface MetricFilter {
  scope: Scope;
  /** Restrict to enterprises/unions of these zones (a target set for one zone). */
  zoneIds?: number[] | null | undefined;
  /** Drill-down to one union. */
  unionId?: number | null | undefined;
}

function unionFilter(f: MetricFilter, unionId: SQL): SQL {
  const parts: SQL[] = [unionScope(f.scope, unionId)];
  if (f.zoneIds?.length) {
    parts.push(
      sql`${unionId} IN (SELECT ue.union_id FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE e.zone_id = ANY(${intArray(f.zoneIds)}))`,
    );
  }
  if (f.unionId) parts.push(sql`${unionId} = ${f.unionId}`);
  return sql.join(parts, sql` AND `);
}

function enterpriseFilter(f: MetricFilter): SQL {
  const parts: SQL[] = [enterpriseScope(f.scope, sql`e.id`, sql`e.zone_id`)];
  if (f.zoneIds?.length) parts.push(sql`e.zone_id = ANY(${intArray(f.zoneIds)})`);
  if (f.unionId) parts.push(sql`e.id IN (SELECT enterprise_id FROM union_enterprises WHERE union_id = ${f.unionId})`);
  return sql.join(parts, sql` AND `);
}

/** Queries inside `withMetricMemo` run once per dashboard or report (figures.memo.ts). */
export const withMetricMemo = withFigureMemo;
const memo = memoized;

const one = async (database: Database, q: SQL, tx?: Tx) =>
  memo(database, q, tx, async () => {
    const [row] = await database.rows<{ n: number | null }>(q, tx);
    return Number(row?.n ?? 0);
  });

/** Members on day d (see the boundary convention above), from the registry's kept counts. */
export async function membersAsOf(database: Database, f: MetricFilter, d: string, tx?: Tx) {
  return (await countsInScope(database, (u) => unionFilter(f, u), d, [], tx)).members;
}

/** New members in [from, to]: intervals that start a membership (join or rejoin), not transfers or imports. */
export async function newMembers(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx) {
  return (await countsInScope(database, (u) => unionFilter(f, u), null, [{ from, to }], tx)).joined[0] ?? 0;
}

/** Grassroots unions founded in [from, to]. */
export function newUnions(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx) {
  return one(
    database,
    sql`SELECT count(*)::int AS n FROM unions u WHERE u.founded_on BETWEEN ${from}::date AND ${to}::date AND ${unionFilter(f, sql`u.id`)}`,
    tx,
  );
}

/**
 * Enterprises with 20 or more workers (still operating on day d) and how many of them have a
 * grassroots union: the 16-CTr/TU target "doanh nghiệp có từ 20 lao động trở lên có tổ chức Công đoàn".
 * Union coverage is the current one (union_enterprises keeps no history); founded_on ≤ d is required.
 */
export async function enterprises20(database: Database, f: MetricFilter, d: string, tx?: Tx) {
  const q = sql`SELECT count(*)::int AS total,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM union_enterprises ue JOIN unions u ON u.id = ue.union_id
            WHERE ue.enterprise_id = e.id AND (u.founded_on IS NULL OR u.founded_on <= ${d}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${d}::date)))::int AS "withUnion"
        FROM enterprises e
        WHERE e.workforce_total >= 20 AND e.status IN ('active','suspended') AND (e.established_on IS NULL OR e.established_on <= ${d}::date)
          AND ${enterpriseFilter(f)}`;
  // The figure, the count target and the share target ask for it in one view: counted once.
  const [row] = await memo(database, q, tx, () => database.rows<{ total: number; withUnion: number }>(q, tx));
  return { total: row?.total ?? 0, withUnion: row?.withUnion ?? 0 };
}

export function referrals(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx) {
  return one(
    database,
    sql`SELECT count(*)::int AS n FROM party_referrals r WHERE r.referred_on BETWEEN ${from}::date AND ${to}::date AND ${unionFilter(f, sql`r.union_id`)}`,
    tx,
  );
}

export function admissions(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx) {
  return one(
    database,
    sql`SELECT count(*)::int AS n FROM party_referrals r WHERE r.admitted_on BETWEEN ${from}::date AND ${to}::date AND ${unionFilter(f, sql`r.union_id`)}`,
    tx,
  );
}

function activityFilter(f: MetricFilter): SQL {
  const parts: SQL[] = [activityScope(f.scope, "a")];
  if (f.zoneIds?.length) parts.push(sql`a.zone_id = ANY(${intArray(f.zoneIds)})`);
  if (f.unionId) parts.push(sql`(a.union_id = ${f.unionId} OR a.body_id = ${f.unionId})`);
  return sql.join(parts, sql` AND `);
}

export interface ActivityTotals {
  kind: string;
  count: number;
  sessions: number;
  participants: number;
  units: number;
  stalls: number;
  visitors: number;
  copies: number;
  enterprises: number;
  fdiEnterprises: number;
}

/** Totals per activity kind in [from, to]. */
export async function activityTotals(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx): Promise<Map<string, ActivityTotals>> {
  const rows = await database.rows<ActivityTotals>(
    sql`SELECT a.kind, count(*)::int AS count, coalesce(sum(a.sessions), 0)::int AS sessions, coalesce(sum(a.participants), 0)::int AS participants,
          coalesce(sum(a.units), 0)::int AS units, coalesce(sum(a.stalls), 0)::int AS stalls, coalesce(sum(a.visitors), 0)::int AS visitors,
          coalesce(sum(a.copies), 0)::int AS copies,
          count(DISTINCT a.enterprise_id)::int AS enterprises,
          count(DISTINCT a.enterprise_id) FILTER (WHERE e.ownership = 'fdi')::int AS "fdiEnterprises"
        FROM activities a LEFT JOIN enterprises e ON e.id = a.enterprise_id
        WHERE a.held_on BETWEEN ${from}::date AND ${to}::date AND ${activityFilter(f)}
        GROUP BY a.kind`,
    tx,
  );
  return new Map(rows.map((r) => [r.kind, r]));
}

/**
 * Members at the end of each month from `from` to `to`: the intervals starting (+1 on their first
 * day) and ending (−1 on the day after their last) within the months, read through the memberships'
 * date indexes, summed cumulatively from the level on the day before `from`. That level is the one
 * on `to` less every change read: the level on `to` is what the dashboard's other figures ask for
 * (counted once per view: figures.memo.ts), where a level on the day before `from` was a statement of
 * its own (≈ 80 ms of a zone union's first view at city scale). Only the months' own changes are
 * read: a zone union's series used to scan every membership of its 380.000 since the first.
 */
export async function membersSeries(database: Database, f: MetricFilter, from: string, to: string, tx?: Tx): Promise<{ month: string; members: number }[]> {
  const cond = unionFilter(f, sql`m.union_id`);
  const dayBefore = addDays(from, -1);
  const [end, rows] = await Promise.all([
    membersAsOf(database, f, to, tx),
    // Grouped by day, not by to_char(d)'s month: formatting 80.000 dates cost more than the scan.
    database.rows<{ day: string; delta: number }>(
      sql`SELECT d::text AS day, sum(delta)::int AS delta FROM (
            SELECT m.valid_from AS d, 1 AS delta FROM memberships m WHERE m.valid_from BETWEEN ${from}::date AND ${to}::date AND ${cond}
            UNION ALL
            SELECT (m.valid_to + 1) AS d, -1 AS delta FROM memberships m WHERE m.valid_to BETWEEN ${dayBefore}::date AND (${to}::date - 1) AND ${cond}
          ) ev GROUP BY 1`,
      tx,
    ),
  ]);
  let level = end - rows.reduce((sum, r) => sum + r.delta, 0);
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.day.slice(0, 7), (byMonth.get(r.day.slice(0, 7)) ?? 0) + r.delta);
  const out: { month: string; members: number }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    level += byMonth.get(key) ?? 0;
    out.push({ month: key, members: level });
    if (key >= endKey) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The actual value of a metric as of a date (levels) or within the target's year up to that date (flows). */
export async function metricValue(
  database: Database,
  metric: Metric,
  f: MetricFilter,
  at: { asOf: string; year?: number | null; from?: string },
  tx?: Tx,
): Promise<{ value: number; detail?: { numerator: number; denominator: number } } | null> {
  const yearFrom = at.from ?? (at.year ? `${at.year}-01-01` : `${at.asOf.slice(0, 4)}-01-01`);
  const yearTo = at.year && `${at.year}-12-31` < at.asOf ? `${at.year}-12-31` : at.asOf;
  switch (metric) {
    case "members_as_of":
      return { value: await membersAsOf(database, f, at.asOf, tx) };
    case "enterprises20_with_union": {
      const r = await enterprises20(database, f, at.asOf, tx);
      return { value: r.withUnion, detail: { numerator: r.withUnion, denominator: r.total } };
    }
    case "enterprises20_with_union_pct": {
      const r = await enterprises20(database, f, at.asOf, tx);
      return { value: r.total ? (100 * r.withUnion) / r.total : 0, detail: { numerator: r.withUnion, denominator: r.total } };
    }
    case "agreement_coverage_pct": {
      // The registry's own computation (its service, not its tables): eligible enterprises with an agreement in force.
      const scope: Scope = f.zoneIds?.length ? { kind: "zones", zoneIds: f.zoneIds, bodyPath: "/-/" } : f.scope;
      const c = await agreementCoverage(database, scope, at.asOf);
      return { value: c.eligibleEnterprises.share, detail: { numerator: c.eligibleEnterprises.withAgreement, denominator: c.eligibleEnterprises.total } };
    }
    case "new_members_in_year":
      return { value: await newMembers(database, f, yearFrom, yearTo, tx) };
    case "new_unions_in_year":
      return { value: await newUnions(database, f, yearFrom, yearTo, tx) };
    case "party_referrals_in_year":
      return { value: await referrals(database, f, yearFrom, yearTo, tx) };
    case "party_admissions_in_year":
      return { value: await admissions(database, f, yearFrom, yearTo, tx) };
    case "trainings_participants_in_year": {
      const t = await activityTotals(database, f, yearFrom, yearTo, tx);
      return { value: t.get("training")?.participants ?? 0 };
    }
    case "manual":
      return null;
  }
}
