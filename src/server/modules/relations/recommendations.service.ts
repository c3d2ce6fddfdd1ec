/** Findings (recommendations) after an inspection: followed up, rated by non-compliance, and settled from the enterprise side. */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatDate } from "#shared/text.ts";
import { refreshEnterpriseScore } from "./risk.service.ts";
import { vnToday } from "#shared/clock.ts";
import { listRecommendationsOf, type RecommendationRow } from "./inspections.service.ts";

export async function listRecommendations(
  database: Database,
  ctx: RequestContext,
  q: { enterpriseId?: number | undefined; status?: string | undefined; overdue?: boolean | undefined },
) {
  const where: SQL[] = [sql`r.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)})`];
  if (q.enterpriseId) where.push(sql`r.enterprise_id = ${q.enterpriseId}`);
  if (q.status) where.push(sql`r.status = ${q.status}`);
  if (q.overdue) where.push(sql`r.status <> 'closed' AND r.deadline < ${vnToday()}::date`);
  return listRecommendationsOf(database, sql.join(where, sql` AND `));
}

/** Follows a recommendation up: progress noted, closed, sent to re-inspection, or reopened. */
export async function followUp(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: { outcome: "progress" | "closed" | "reinspect" | "reopened"; onDate: string; note: string },
) {
  const result = await database.db.transaction(async (tx) => {
    const [rec] = await listRecommendationsOf(
      database,
      sql`r.id = ${id} AND r.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)})`,
      tx,
    );
    if (!rec) throw new AppError("not_found");
    if (input.onDate < rec.issuedOn) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/onDate", message: "Ngày theo dõi không được trước ngày kiến nghị" }] });
    }
    if (input.outcome === "closed" && rec.status === "closed") throw new AppError("recommendation_state", "Kiến nghị đã được đóng");
    if (input.outcome === "reopened" && rec.status === "open") throw new AppError("recommendation_state", "Kiến nghị đang mở");
    await database.rows(
      sql`INSERT INTO relations_followups (recommendation_id, on_date, outcome, note, created_by) VALUES (${id}, ${input.onDate}, ${input.outcome}, ${input.note}, ${ctx.actor.userId})`,
      tx,
    );
    if (input.outcome !== "progress") {
      const status = input.outcome === "reopened" ? "open" : input.outcome;
      await database.rows(
        sql`UPDATE relations_recommendations SET status = ${status}, closed_on = ${status === "closed" ? input.onDate : null} WHERE id = ${id}`,
        tx,
      );
    }
    const [after] = await listRecommendationsOf(database, sql`r.id = ${id}`, tx);
    await audit(database, tx, ctx, { action: `followup_${input.outcome}`, objectType: "relations_recommendation", objectId: id, before: rec, after });
    if (!after) throw new AppError("not_found");
    return after;
  });
  await refreshEnterpriseScore(database, result.enterpriseId);
  return result;
}

export interface RateRow {
  key: string;
  label: string;
  answered: number;
  nonCompliant: number;
  rate: number;
}

/** Non-compliance rates of completed inspections in a period, by point, zone, ownership and investor country. */
export async function nonComplianceRates(database: Database, ctx: RequestContext, from: string, to: string) {
  const base = sql`FROM relations_answers a JOIN relations_inspections i ON i.id = a.inspection_id AND i.status = 'completed'
    JOIN relations_checklist_items it ON it.id = a.item_id JOIN enterprises e ON e.id = i.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
    WHERE a.result <> 'not_applicable' AND i.inspected_on BETWEEN ${from}::date AND ${to}::date AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`;
  const by = (key: SQL, label: SQL) =>
    database.rows<RateRow>(
      sql`SELECT ${key}::text AS key, ${label} AS label, count(*)::int AS answered, count(*) FILTER (WHERE a.result = 'non_compliant')::int AS "nonCompliant",
                 round(100.0 * count(*) FILTER (WHERE a.result = 'non_compliant') / count(*), 1)::float8 AS rate
          ${base} GROUP BY 1 ORDER BY rate DESC, label`,
    );
  const [totals] = await database.rows<{ inspections: number; enterprises: number; fdi: number }>(
    sql`SELECT count(*)::int AS inspections, count(DISTINCT i.enterprise_id)::int AS enterprises,
               count(DISTINCT i.enterprise_id) FILTER (WHERE e.ownership = 'fdi')::int AS fdi
        FROM relations_inspections i JOIN enterprises e ON e.id = i.enterprise_id
        WHERE i.status = 'completed' AND i.inspected_on BETWEEN ${from}::date AND ${to}::date AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  return {
    from,
    to,
    inspections: totals?.inspections ?? 0,
    enterprises: totals?.enterprises ?? 0,
    fdiEnterprises: totals?.fdi ?? 0,
    byPoint: await by(sql`it.point_code`, sql`min(it.point)`),
    byZone: await by(sql`coalesce(z.id, 0)`, sql`coalesce(min(z.name), 'Ngoài khu')`),
    byOwnership: await by(
      sql`e.ownership`,
      sql`min(CASE e.ownership WHEN 'fdi' THEN 'Có vốn đầu tư nước ngoài' WHEN 'domestic_private' THEN 'Tư nhân trong nước' WHEN 'state' THEN 'Nhà nước' ELSE 'Hợp tác xã' END)`,
    ),
    byCountry: await by(sql`coalesce(e.investor_country, '')`, sql`coalesce(min(e.investor_country), 'Trong nước')`),
  };
}

/** Findings (recommendations) of enterprises in `scope`, optionally of one enterprise or some ids. */
export async function recommendationsInScope(
  database: Database,
  scope: Parameters<typeof enterpriseScope>[0],
  filter: { enterpriseId?: number; ids?: number[] },
  tx?: Tx,
): Promise<RecommendationRow[]> {
  const where: SQL[] = [sql`r.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)})`];
  if (filter.enterpriseId !== undefined) where.push(sql`r.enterprise_id = ${filter.enterpriseId}`);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    where.push(
      sql`r.id IN (${sql.join(
        filter.ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  }
  return listRecommendationsOf(database, sql.join(where, sql` AND `), tx);
}

/**
 * A decision taken on the enterprise's answer, inside the caller's transaction: the finding closed
 * (remediation accepted), reopened, or its deadline moved (an extension granted). Written as a
 * follow-up like an officer's own, so the inspection page tells the same story. The caller checked
 * the officer's scope and calls `recommendationChanged` after committing.
 */
export async function settleRecommendation(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  id: number,
  step: { outcome: "closed" | "reopened" } | { outcome: "extended"; deadline: string },
  note: string,
): Promise<void> {
  const [rec] = await listRecommendationsOf(database, sql`r.id = ${id}`, tx);
  if (!rec) throw new AppError("not_found");
  const today = vnToday();
  if (step.outcome === "closed" && rec.status === "closed") throw new AppError("recommendation_state", "Kiến nghị đã được đóng");
  if (step.outcome === "reopened" && rec.status !== "closed") return;
  const outcome = step.outcome === "extended" ? "progress" : step.outcome;
  // ISO dates compare as text; a finding issued on a (future) inspection day is followed up that day.
  const onDate = [today, rec.issuedOn].sort()[1] ?? today;
  const text = step.outcome === "extended" ? `Gia hạn khắc phục đến ${formatDate(step.deadline)}: ${note}` : note;
  await database.rows(
    sql`INSERT INTO relations_followups (recommendation_id, on_date, outcome, note, created_by)
        VALUES (${id}, ${onDate}, ${outcome}, ${text}, ${ctx.actor.userId})`,
    tx,
  );
  if (step.outcome === "extended") {
    await database.rows(sql`UPDATE relations_recommendations SET deadline = ${step.deadline} WHERE id = ${id}`, tx);
  } else {
    const status = step.outcome === "closed" ? "closed" : "open";
    await database.rows(sql`UPDATE relations_recommendations SET status = ${status}, closed_on = ${status === "closed" ? today : null} WHERE id = ${id}`, tx);
  }
  const [after] = await listRecommendationsOf(database, sql`r.id = ${id}`, tx);
  await audit(database, tx, ctx, {
    action: step.outcome === "extended" ? "followup_extended" : `followup_${step.outcome}`,
    objectType: "relations_recommendation",
    objectId: id,
    before: rec,
    after,
    detail: { via: "enterprise_inbox" },
  });
}

/** Recomputes the enterprise's early-warning score after a finding changed (outside the transaction). */
export async function recommendationChanged(database: Database, enterpriseId: number): Promise<void> {
  await refreshEnterpriseScore(database, enterpriseId);
}
