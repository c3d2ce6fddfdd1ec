import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { assertBodies, enterpriseInScope, intArrayOrEmpty } from "./relations.common.ts";
import { refreshEnterpriseScore } from "./risk.service.ts";
import type { IncidentInput, IncidentKind, IncidentPatch, IncidentQuery } from "./relations.schema.ts";
import { vnToday } from "#shared/clock.ts";

export interface IncidentRow {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  zoneId: number | null;
  zoneName: string | null;
  kind: IncidentKind;
  title: string;
  startedOn: string;
  endedOn: string | null;
  workersAffected: number;
  amountOwed: number;
  arrearsMonths: number;
  demands: string;
  bodyIds: number[];
  bodies: { id: number; name: string }[];
  resolution: string;
  status: "open" | "in_progress" | "resolved" | "closed";
  createdAt: string;
  updatedAt: string;
}

export interface IncidentAction {
  id: number;
  actedOn: string;
  bodyId: number | null;
  bodyName: string | null;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

const columns = sql`i.id, i.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.zone_id AS "zoneId", z.name AS "zoneName",
  i.kind, i.title, i.started_on AS "startedOn", i.ended_on AS "endedOn", i.workers_affected AS "workersAffected",
  i.amount_owed::float8 AS "amountOwed", i.arrears_months AS "arrearsMonths", i.demands, i.body_ids AS "bodyIds",
  coalesce((SELECT json_agg(json_build_object('id', b.id, 'name', coalesce(b.short_name, b.name)) ORDER BY b.id) FROM bodies b WHERE b.id = ANY(i.body_ids)), '[]'::json) AS bodies,
  i.resolution, i.status, i.created_at::text AS "createdAt", i.updated_at::text AS "updatedAt"`;
const from = sql`relations_incidents i JOIN enterprises e ON e.id = i.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id`;

/** Incidents in the caller's scope, newest first, filtered. */
export async function listIncidents(database: Database, ctx: RequestContext, q: IncidentQuery) {
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.enterpriseId) where.push(sql`i.enterprise_id = ${q.enterpriseId}`);
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  if (q.kind) where.push(sql`i.kind = ${q.kind}`);
  if (q.status) where.push(sql`i.status = ${q.status}`);
  if (q.from) where.push(sql`i.started_on >= ${q.from}::date`);
  if (q.to) where.push(sql`i.started_on <= ${q.to}::date`);
  if (q.q) where.push(sql`(e.name_fold LIKE ${`%${q.q}%`} OR vn_fold(i.title) LIKE ${`%${q.q}%`})`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${cond}`);
  const items = await database.rows<IncidentRow>(
    sql`SELECT ${columns} FROM ${from} WHERE ${cond} ORDER BY i.started_on DESC, i.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items };
}

async function fetchIncident(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<IncidentRow> {
  const [row] = await database.rows<IncidentRow>(
    sql`SELECT ${columns} FROM ${from} WHERE i.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

async function fetchActions(database: Database, id: number, tx?: Tx): Promise<IncidentAction[]> {
  return database.rows<IncidentAction>(
    sql`SELECT a.id, a.acted_on AS "actedOn", a.body_id AS "bodyId", coalesce(b.short_name, b.name) AS "bodyName", a.note,
               u.full_name AS "createdBy", a.created_at::text AS "createdAt"
        FROM relations_incident_actions a LEFT JOIN bodies b ON b.id = a.body_id LEFT JOIN users u ON u.id = a.created_by
        WHERE a.incident_id = ${id} ORDER BY a.acted_on, a.id`,
    tx,
  );
}

/** One incident with its action log. */
export async function getIncident(database: Database, ctx: RequestContext, id: number) {
  const incident = await fetchIncident(database, ctx, id);
  return { ...incident, actions: await fetchActions(database, id) };
}

function checkDates(startedOn: string, endedOn: string | null | undefined) {
  if (endedOn && endedOn < startedOn) {
    throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/endedOn", message: "Ngày kết thúc không được trước ngày bắt đầu" }] });
  }
}

export async function createIncident(database: Database, ctx: RequestContext, input: IncidentInput) {
  checkDates(input.startedOn, input.endedOn);
  const id = await database.db.transaction(async (tx) => {
    await enterpriseInScope(database, ctx, input.enterpriseId, tx, "/body/enterpriseId");
    await assertBodies(database, input.bodyIds, "/body/bodyIds", tx);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO relations_incidents (enterprise_id, kind, title, started_on, ended_on, workers_affected, amount_owed, arrears_months, demands, body_ids, resolution, status, created_by)
          VALUES (${input.enterpriseId}, ${input.kind}, ${input.title}, ${input.startedOn}, ${input.endedOn ?? null}, ${input.workersAffected}, ${input.amountOwed},
                  ${input.arrearsMonths}, ${input.demands}, ${intArrayOrEmpty(input.bodyIds)}, ${input.resolution}, ${input.status}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    const newId = row?.id ?? 0;
    const after = await fetchIncident(database, ctx, newId, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "relations_incident", objectId: newId, after });
    return newId;
  });
  await refreshEnterpriseScore(database, input.enterpriseId);
  return getIncident(database, ctx, id);
}

export async function updateIncident(database: Database, ctx: RequestContext, id: number, patch: IncidentPatch) {
  const enterpriseId = await database.db.transaction(async (tx) => {
    const before = await fetchIncident(database, ctx, id, tx);
    checkDates(patch.startedOn ?? before.startedOn, patch.endedOn === undefined ? before.endedOn : patch.endedOn);
    if (patch.bodyIds) await assertBodies(database, patch.bodyIds, "/body/bodyIds", tx);
    const set = (col: string, v: unknown) => (v === undefined ? sql.raw(col) : sql`${v}`);
    await database.rows(
      sql`UPDATE relations_incidents SET
            kind = ${set("kind", patch.kind)}, title = ${set("title", patch.title)},
            started_on = ${patch.startedOn === undefined ? sql`started_on` : sql`${patch.startedOn}::date`},
            ended_on = ${patch.endedOn === undefined ? sql`ended_on` : sql`${patch.endedOn}::date`},
            workers_affected = ${set("workers_affected", patch.workersAffected)}, amount_owed = ${set("amount_owed", patch.amountOwed)},
            arrears_months = ${set("arrears_months", patch.arrearsMonths)}, demands = ${set("demands", patch.demands)},
            body_ids = ${patch.bodyIds === undefined ? sql`body_ids` : intArrayOrEmpty(patch.bodyIds)},
            resolution = ${set("resolution", patch.resolution)}, status = ${set("status", patch.status)}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    // A resolved incident without an end date ends today, so "open as of a date" stays answerable.
    await database.rows(
      sql`UPDATE relations_incidents SET ended_on = greatest(started_on, ${vnToday()}::date) WHERE id = ${id} AND status IN ('resolved','closed') AND ended_on IS NULL`,
      tx,
    );
    const after = await fetchIncident(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "relations_incident", objectId: id, before, after });
    return before.enterpriseId;
  });
  await refreshEnterpriseScore(database, enterpriseId);
  return getIncident(database, ctx, id);
}

export async function addIncidentAction(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: { actedOn: string; bodyId?: number | undefined; note: string },
) {
  const enterpriseId = await database.db.transaction(async (tx) => {
    const incident = await fetchIncident(database, ctx, id, tx);
    if (input.actedOn < incident.startedOn) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: "/body/actedOn", message: "Ngày xử lý không được trước ngày xảy ra sự việc" }],
      });
    }
    if (input.bodyId) await assertBodies(database, [input.bodyId], "/body/bodyId", tx);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO relations_incident_actions (incident_id, acted_on, body_id, note, created_by)
          VALUES (${id}, ${input.actedOn}, ${input.bodyId ?? null}, ${input.note}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    await database.rows(
      sql`UPDATE relations_incidents SET updated_at = now(), status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "add_action", objectType: "relations_incident", objectId: id, after: { actionId: row?.id, ...input } });
    return incident.enterpriseId;
  });
  await refreshEnterpriseScore(database, enterpriseId);
  return getIncident(database, ctx, id);
}
