import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type Scope, enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import type { Figure, Period } from "#server/modules/contracts.ts";
import type { ReportPeriod } from "./period.ts";
import { intArray } from "#server/modules/coordination/index.ts";
import { cachedFigures } from "./figures.cache.ts";
import { membersAsOf, membersSeries, withMetricMemo } from "#server/modules/coordination/index.ts";
import { countsByUnion } from "#server/modules/registry/index.ts";
import { listTargets } from "#server/modules/coordination/index.ts";
import { formatDate } from "#shared/text.ts";
import { measureDate } from "./period.ts";
import { collectSections } from "./reporting.service.ts";
import { addMonths } from "#shared/clock.ts";

/**
 * Narrows the caller's scope to one zone or one union for drill-down. A zone becomes the unions and
 * enterprises in it, so every module's scope predicates restrict to it exactly. Outside the
 * caller's scope: 404.
 */
export async function drillScope(database: Database, ctx: RequestContext, q: { zoneId?: number | undefined; unionId?: number | undefined }): Promise<Scope> {
  const scope = ctx.actor.scope;
  if (q.unionId) {
    const [u] = await database.rows<{ id: number; enterprises: number[] }>(
      sql`SELECT u.id, coalesce(array_agg(ue.enterprise_id) FILTER (WHERE ue.enterprise_id IS NOT NULL), '{}') AS enterprises
          FROM unions u LEFT JOIN union_enterprises ue ON ue.union_id = u.id WHERE u.id = ${q.unionId} AND ${unionScope(scope, sql`u.id`)} GROUP BY u.id`,
    );
    if (!u) throw new AppError("not_found");
    return { kind: "union", unionIds: [u.id], enterpriseIds: u.enterprises };
  }
  if (q.zoneId) {
    const [z] = await database.rows<{ id: number; unions: number[]; enterprises: number[] }>(
      sql`SELECT z.id,
            coalesce((SELECT array_agg(DISTINCT ue.union_id) FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE e.zone_id = z.id AND ${unionScope(scope, sql`ue.union_id`)}), '{}') AS unions,
            coalesce((SELECT array_agg(e.id) FROM enterprises e WHERE e.zone_id = z.id AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}), '{}') AS enterprises
          FROM zones z WHERE z.id = ${q.zoneId}`,
    );
    if (!z) throw new AppError("not_found");
    if (scope.kind === "zones" && !scope.zoneIds.includes(z.id)) throw new AppError("not_found");
    if ((scope.kind === "union" || scope.kind === "enterprise") && z.enterprises.length === 0) throw new AppError("not_found");
    return { kind: "union", unionIds: z.unions, enterpriseIds: z.enterprises };
  }
  return scope;
}

export interface ZoneRow {
  id: number | null;
  name: string;
  members: number;
  newMembers: number;
  unions: number;
}

/**
 * Members and new members per zone (or per union inside a drilled-down zone), from the registry's
 * counts per union (kept as memberships change); unions are then mapped to their zone. The same
 * pass gives the scope's totals, handed to the figures so they do not count again.
 */
async function breakdown(database: Database, scope: Scope, period: Period, asOf: string, byUnion: boolean): Promise<ZoneRow[]> {
  // The same counts (once per view: figures.memo.ts) give the totals the figures and targets ask for.
  const perUnion = (await countsByUnion(database, (u) => unionScope(scope, u), asOf, [{ from: period.from, to: period.to }])).map((r) => ({
    unionId: r.unionId,
    members: r.members,
    newMembers: r.joined[0] ?? 0,
  }));
  const unions = await database.rows<{ id: number; name: string; zoneId: number | null; zoneName: string | null }>(
    byUnion
      ? sql`SELECT u.id, u.name, NULL::int AS "zoneId", NULL AS "zoneName" FROM unions u WHERE u.id = ANY(${intArray(perUnion.map((r) => r.unionId))})`
      : sql`SELECT DISTINCT ON (ue.union_id) ue.union_id AS id, '' AS name, z.id AS "zoneId", z.name AS "zoneName"
            FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id JOIN zones z ON z.id = e.zone_id ORDER BY ue.union_id, z.id`,
  );
  const info = new Map(unions.map((u) => [u.id, u]));
  const rows = new Map<string, ZoneRow>();
  for (const r of perUnion) {
    const u = info.get(r.unionId);
    const id = byUnion ? r.unionId : (u?.zoneId ?? null);
    const key = String(id);
    const row = rows.get(key) ?? { id, name: (byUnion ? u?.name : u?.zoneName) ?? "Chưa xác định", members: 0, newMembers: 0, unions: 0 };
    row.members += r.members;
    row.newMembers += r.newMembers;
    row.unions += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.members - a.members);
}

/**
 * Members at each month's end. City-wide, past months come from the monthly snapshots of the
 * members target (what the registry said at that month's end) and the current month from the
 * live count; a drill-down, or a month without a snapshot, is counted live from memberships.
 */
async function seriesOf(database: Database, scope: Scope, from: string, asOf: string, drilled: boolean) {
  if (scope.kind === "city" && !drilled) {
    const snaps = await database.rows<{ month: string; value: number }>(
      sql`SELECT to_char(s.month, 'YYYY-MM') AS month, s.value FROM target_snapshots s
          JOIN targets t ON t.id = s.target_id AND t.metric = 'members_as_of' AND t.zone_id IS NULL
          WHERE s.month >= ${from}::date AND s.month < date_trunc('month', ${asOf}::date) ORDER BY s.month, t.id`,
    );
    const byMonth = new Map(snaps.map((r) => [r.month, Number(r.value)]));
    const months: string[] = [];
    for (let m = from.slice(0, 7); m < asOf.slice(0, 7); m = addMonths(m, 1)) months.push(m);
    if (months.every((m) => byMonth.has(m))) {
      const now = await membersAsOf(database, { scope }, asOf);
      return [...months.map((m) => ({ month: m, members: byMonth.get(m) ?? 0 })), { month: asOf.slice(0, 7), members: now }];
    }
  }
  return membersSeries(database, { scope }, from, asOf);
}

/**
 * The drill-down's breadcrumb below the city: the zone (named in the query, or the union's zone when a
 * link names only the union) and the union. drillScope has already refused what the caller may not see.
 */
async function drillTrail(database: Database, q: { zoneId?: number | undefined; unionId?: number | undefined }) {
  const [row] = await database.rows<{ zoneId: number | null; zoneName: string | null; unionId: number | null; unionName: string | null }>(
    sql`SELECT z.id AS "zoneId", z.name AS "zoneName", u.id AS "unionId", u.name AS "unionName"
        FROM (SELECT 1) one
        LEFT JOIN unions u ON u.id = ${q.unionId ?? null}::int
        LEFT JOIN zones z ON z.id = coalesce(${q.zoneId ?? null}::int,
          (SELECT e.zone_id FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE ue.union_id = u.id AND e.zone_id IS NOT NULL ORDER BY e.zone_id LIMIT 1))`,
  );
  const trail: { level: "zone" | "union"; id: number; name: string }[] = [];
  if (row?.zoneId && row.zoneName) trail.push({ level: "zone", id: row.zoneId, name: row.zoneName });
  if (row?.unionId && row.unionName) trail.push({ level: "union", id: row.unionId, name: row.unionName });
  return trail;
}

/** Figures shown per section on the dashboard. */
export const DASHBOARD_FIGURES = 12;

/** The leaders' dashboard: headline figures, members over time, targets, every module's sections, drill-down table. */
export function dashboard(database: Database, ctx: RequestContext, period: ReportPeriod, q: { zoneId?: number | undefined; unionId?: number | undefined }) {
  return withMetricMemo(() => dashboardUncached(database, ctx, period, q));
}

async function dashboardUncached(
  database: Database,
  ctx: RequestContext,
  period: ReportPeriod,
  q: { zoneId?: number | undefined; unionId?: number | undefined },
) {
  const scope = await drillScope(database, ctx, q);
  const asOf = measureDate(period);
  const seriesFrom = `${Number(asOf.slice(0, 4)) - 1}-${asOf.slice(5, 7)}-01`;
  // The per-union pass starts first: it primes the totals the figures and targets ask for.
  const drilled = Boolean(q.zoneId || q.unionId);
  const [zones, sections, series, targets] = await Promise.all([
    cachedFigures(database, `breakdown|${JSON.stringify(scope)}|${period.from}|${period.to}|${asOf}|${drilled}`, () =>
      breakdown(database, scope, period, asOf, drilled),
    ),
    collectSections(database, scope, period, { appendix: false }),
    cachedFigures(database, `series|${JSON.stringify(scope)}|${seriesFrom}|${asOf}|${drilled}`, () => seriesOf(database, scope, seriesFrom, asOf, drilled)),
    drilled ? Promise.resolve([]) : listTargets(database, ctx, { year: Number(period.from.slice(0, 4)), asOf }),
  ]);
  const canSeeReferrals = ctx.actor.permissions.has("referrals:read");
  const visible = sections.map((s) => ({ ...s, figures: s.figures.filter((f) => canSeeReferrals || !/referral|admission/.test(f.key)) }));
  const all = visible.flatMap((s) => s.figures);
  // Requests per topic, for the dashboard's chart.
  const topics = all
    .filter((f) => f.key.startsWith("voice.topic.") && f.key.endsWith(".received"))
    .map((f) => ({ ...f, label: f.label.replace(/ — tiếp nhận$/, "") }));
  const pick = (key: string) => all.find((f) => f.key === key);
  const headline = [
    "party_union.members",
    "party_union.new_members",
    "party_union.new_unions",
    "party_union.enterprises20_with_union",
    "party_union.referrals",
    "plan.done",
    "training.participants",
    "supervision.enterprises",
  ]
    .map(pick)
    .filter((f): f is Figure => Boolean(f));
  return {
    period,
    asOf,
    asOfText: formatDate(asOf),
    drill: { zoneId: q.zoneId ?? null, unionId: q.unionId ?? null },
    trail: drilled ? await drillTrail(database, q) : [],
    headline,
    membersSeries: series,
    targets: targets.map((t) => ({
      id: t.id,
      title: t.title,
      program: t.program,
      unit: t.unit,
      targetValue: t.targetValue,
      deadline: t.deadline,
      progress: t.progress,
    })),
    breakdown: zones,
    // A section shows its first figures: the detailed breakdowns (requests per responsible body of
    // the city: thousands of figures, ≈1,5 MB at city scale) are not sent to a leader's phone on
    // every visit; each figure's link opens its list. `more` says how many are left out.
    sections: visible.map((s) => ({ ...s, figures: s.figures.slice(0, DASHBOARD_FIGURES), more: Math.max(0, s.figures.length - DASHBOARD_FIGURES) })),
    topics,
  };
}
