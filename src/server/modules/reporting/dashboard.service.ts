import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type Scope, enterpriseScope, unionScope } from "#server/modules/access/access.policy.ts";
import type { Figure, Period } from "#server/modules/contracts.ts";
import { intArray } from "#server/modules/coordination/coordination.scope.ts";
import { membersSeries, withMetricMemo } from "#server/modules/coordination/metrics.ts";
import { listTargets } from "#server/modules/coordination/targets.service.ts";
import { formatDate } from "#shared/text.ts";
import { measureDate } from "./period.ts";
import { collectSections } from "./reporting.service.ts";

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

/** Members and new members per zone (or per union inside a drilled-down zone), one scan of memberships. */
async function breakdown(database: Database, scope: Scope, period: Period, asOf: string, byUnion: boolean): Promise<ZoneRow[]> {
  const cond: SQL = unionScope(scope, sql`m.union_id`);
  const rows = await database.rows<{ key: number | null; members: number; newMembers: number; unions: number }>(
    sql`WITH uz AS (SELECT DISTINCT ON (ue.union_id) ue.union_id, e.zone_id FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id ORDER BY ue.union_id, e.zone_id)
        SELECT ${byUnion ? sql`m.union_id` : sql`uz.zone_id`} AS key,
          count(*) FILTER (WHERE m.valid_from <= ${asOf}::date AND (m.valid_to IS NULL OR m.valid_to >= ${asOf}::date))::int AS members,
          count(*) FILTER (WHERE m.start_reason IN ('join','rejoin') AND m.valid_from BETWEEN ${period.from}::date AND ${period.to}::date)::int AS "newMembers",
          count(DISTINCT m.union_id)::int AS unions
        FROM memberships m LEFT JOIN uz ON uz.union_id = m.union_id
        WHERE ${cond} AND (m.valid_to IS NULL OR m.valid_to >= ${period.from}::date) GROUP BY 1`,
  );
  const ids = rows.map((r) => r.key).filter((x): x is number => x !== null);
  const names = await database.rows<{ id: number; name: string }>(
    byUnion ? sql`SELECT id, name FROM unions WHERE id = ANY(${intArray(ids)})` : sql`SELECT id, name FROM zones WHERE id = ANY(${intArray(ids)})`,
  );
  return rows
    .map((r) => ({
      id: r.key,
      name: names.find((n) => n.id === r.key)?.name ?? "Chưa xác định",
      members: r.members,
      newMembers: r.newMembers,
      unions: r.unions,
    }))
    .sort((a, b) => b.members - a.members);
}

/** The leaders' dashboard: headline figures, members over time, targets, every module's sections, drill-down table. */
export function dashboard(database: Database, ctx: RequestContext, period: Period, q: { zoneId?: number | undefined; unionId?: number | undefined }) {
  return withMetricMemo(() => dashboardUncached(database, ctx, period, q));
}

async function dashboardUncached(database: Database, ctx: RequestContext, period: Period, q: { zoneId?: number | undefined; unionId?: number | undefined }) {
  const scope = await drillScope(database, ctx, q);
  const asOf = measureDate(period);
  const seriesFrom = `${Number(asOf.slice(0, 4)) - 1}-${asOf.slice(5, 7)}-01`;
  const [sections, series, zones, targets] = await Promise.all([
    collectSections(database, scope, period),
    membersSeries(database, { scope }, seriesFrom, asOf),
    breakdown(database, scope, period, asOf, Boolean(q.zoneId || q.unionId)),
    q.zoneId || q.unionId ? Promise.resolve([]) : listTargets(database, ctx, { year: Number(period.from.slice(0, 4)) }),
  ]);
  const canSeeReferrals = ctx.actor.permissions.has("referrals:read");
  const visible = sections.map((s) => ({ ...s, figures: s.figures.filter((f) => canSeeReferrals || !/referral|admission/.test(f.key)) }));
  const all = visible.flatMap((s) => s.figures);
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
    sections: visible,
  };
}
