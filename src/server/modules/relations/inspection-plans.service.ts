/** Inspection plans: a year's planned visits to enterprises, created and read in the caller's scope. */
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { assertBodies, enterpriseInScope, intArrayOrEmpty } from "./relations.common.ts";
import type { PlanInput } from "./relations.schema.ts";

export async function createPlan(database: Database, ctx: RequestContext, input: PlanInput) {
  const id = await database.db.transaction(async (tx) => {
    await assertBodies(database, [input.leadBodyId], "/body/leadBodyId", tx);
    await assertBodies(database, input.coBodyIds, "/body/coBodyIds", tx);
    for (const [i, t] of input.targets.entries()) await enterpriseInScope(database, ctx, t.enterpriseId, tx, `/body/targets/${i}/enterpriseId`);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO relations_plans (year, title, lead_body_id, co_body_ids, starts_on, ends_on, note, created_by)
          VALUES (${input.year}, ${input.title}, ${input.leadBodyId}, ${intArrayOrEmpty(input.coBodyIds)}, ${input.startsOn}, ${input.endsOn}, ${input.note}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    const planId = row?.id ?? 0;
    const seen = new Set<number>();
    for (const t of input.targets) {
      if (seen.has(t.enterpriseId)) continue;
      seen.add(t.enterpriseId);
      await database.rows(
        sql`INSERT INTO relations_plan_targets (plan_id, enterprise_id, planned_on) VALUES (${planId}, ${t.enterpriseId}, ${t.plannedOn ?? null})`,
        tx,
      );
    }
    await audit(database, tx, ctx, { action: "create", objectType: "relations_plan", objectId: planId, after: input });
    return planId;
  });
  return getPlan(database, ctx, id);
}

export async function listPlans(database: Database, ctx: RequestContext, year?: number) {
  return database.rows<{ id: number; year: number; title: string; leadBodyName: string; startsOn: string; endsOn: string; targets: number; inspected: number }>(
    sql`SELECT p.id, p.year, p.title, coalesce(b.short_name, b.name) AS "leadBodyName", p.starts_on AS "startsOn", p.ends_on AS "endsOn",
               (SELECT count(*)::int FROM relations_plan_targets t JOIN enterprises e ON e.id = t.enterprise_id
                 WHERE t.plan_id = p.id AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}) AS targets,
               (SELECT count(DISTINCT i.enterprise_id)::int FROM relations_inspections i JOIN enterprises e ON e.id = i.enterprise_id
                 WHERE i.plan_id = p.id AND i.status = 'completed' AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}) AS inspected
        FROM relations_plans p JOIN bodies b ON b.id = p.lead_body_id
        WHERE ${year ? sql`p.year = ${year}` : sql`true`}
          AND (${
            ctx.actor.scope.kind === "city"
              ? sql`true`
              : sql`EXISTS (SELECT 1 FROM relations_plan_targets t JOIN enterprises e ON e.id = t.enterprise_id
               WHERE t.plan_id = p.id AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}) OR p.created_by = ${ctx.actor.userId}`
          })
        ORDER BY p.year DESC, p.id DESC`,
  );
}

/** A plan with its targets in the caller's scope and each target's inspection state. */
export async function getPlan(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [plan] = await database.rows<{
    id: number;
    year: number;
    title: string;
    leadBodyId: number;
    leadBodyName: string;
    coBodies: { id: number; name: string }[];
    startsOn: string;
    endsOn: string;
    note: string;
    createdBy: number | null;
  }>(
    sql`SELECT p.id, p.year, p.title, p.lead_body_id AS "leadBodyId", coalesce(b.short_name, b.name) AS "leadBodyName",
               coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', coalesce(c.short_name, c.name))) FROM bodies c WHERE c.id = ANY(p.co_body_ids)), '[]'::json) AS "coBodies",
               p.starts_on AS "startsOn", p.ends_on AS "endsOn", p.note, p.created_by AS "createdBy"
        FROM relations_plans p JOIN bodies b ON b.id = p.lead_body_id WHERE p.id = ${id}`,
    tx,
  );
  if (!plan) throw new AppError("not_found");
  const targets = await database.rows<{
    enterpriseId: number;
    enterpriseName: string;
    zoneName: string | null;
    ownership: string;
    investorCountry: string | null;
    plannedOn: string | null;
    inspectionId: number | null;
    inspectionStatus: string | null;
    openFindings: number;
  }>(
    sql`SELECT e.id AS "enterpriseId", e.name AS "enterpriseName", z.name AS "zoneName", e.ownership, e.investor_country AS "investorCountry",
               t.planned_on AS "plannedOn",
               (SELECT i.id FROM relations_inspections i WHERE i.plan_id = t.plan_id AND i.enterprise_id = e.id ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1) AS "inspectionId",
               (SELECT i.status FROM relations_inspections i WHERE i.plan_id = t.plan_id AND i.enterprise_id = e.id ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1) AS "inspectionStatus",
               (SELECT count(*)::int FROM relations_recommendations r JOIN relations_inspections i ON i.id = r.inspection_id
                 WHERE i.plan_id = t.plan_id AND r.enterprise_id = e.id AND r.status <> 'closed') AS "openFindings"
        FROM relations_plan_targets t JOIN enterprises e ON e.id = t.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
        WHERE t.plan_id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}
        ORDER BY t.planned_on NULLS LAST, e.name`,
    tx,
  );
  if (targets.length === 0 && ctx.actor.scope.kind !== "city" && plan.createdBy !== ctx.actor.userId) throw new AppError("not_found");
  return { ...plan, targets };
}
