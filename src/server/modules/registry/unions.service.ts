import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { registryChanged } from "#server/modules/providers.ts";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { insertBody } from "#server/modules/access/index.ts";
import { cleanText, fold } from "#shared/text.ts";
import { type Paged, dirSql, likeEscape, limitSql, todayIso, whereSql } from "./registry.common.ts";
import type { unionCreateBody, unionListQuery, unionUpdateBody } from "./registry.schema.ts";
import type { unionDetailSchema } from "#shared/contract/registry.ts";

export interface UnionRow {
  id: number;
  code: string;
  name: string;
  foundedOn: string | null;
  chairName: string | null;
  dissolvedOn: string | null;
  parentId: number | null;
  parentName: string | null;
  enterprises: number;
  workforce: number;
  members: number;
}

const columns = sql`u.id, u.code, u.name, u.founded_on AS "foundedOn", u.chair_name AS "chairName", u.dissolved_on AS "dissolvedOn",
  b.parent_id AS "parentId", pb.name AS "parentName",
  (SELECT count(*)::int FROM union_enterprises ue WHERE ue.union_id = u.id) AS enterprises,
  (SELECT coalesce(sum(e.workforce_total), 0)::int FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE ue.union_id = u.id) AS workforce,
  (SELECT count(*)::int FROM memberships m WHERE m.union_id = u.id AND m.valid_to IS NULL) AS members`;
const from = sql`FROM unions u JOIN bodies b ON b.id = u.id LEFT JOIN bodies pb ON pb.id = b.parent_id`;

export type UnionListQuery = z.infer<typeof unionListQuery>;

export function unionConditions(ctx: RequestContext, q: Partial<UnionListQuery>): SQL[] {
  const where: SQL[] = [unionScope(ctx.actor.scope, sql`u.id`)];
  if (q.q) where.push(sql`(u.name_fold LIKE ${`%${likeEscape(fold(q.q))}%`} OR lower(u.code) = ${q.q.toLowerCase()})`);
  if (q.zoneId)
    where.push(
      sql`EXISTS (SELECT 1 FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE ue.union_id = u.id AND e.zone_id = ${q.zoneId})`,
    );
  if (q.active !== undefined) where.push(q.active ? sql`u.dissolved_on IS NULL` : sql`u.dissolved_on IS NOT NULL`);
  if (q.foundedFrom) where.push(sql`u.founded_on >= ${q.foundedFrom}::date`);
  if (q.foundedTo) where.push(sql`u.founded_on <= ${q.foundedTo}::date`);
  return where;
}

const sorts: Record<UnionListQuery["sort"], SQL> = { name: sql`u.name_fold`, code: sql`u.code`, members: sql`members`, foundedOn: sql`u.founded_on` };

/** Grassroots unions in scope, filtered, sorted and paged. */
export async function listUnions(database: Database, ctx: RequestContext, q: UnionListQuery): Promise<Paged<UnionRow>> {
  const where = whereSql(unionConditions(ctx, q));
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${from} ${where}`);
  const items = await database.rows<UnionRow>(
    sql`SELECT ${columns} ${from} ${where} ORDER BY ${sorts[q.sort]} ${dirSql(q.dir)} NULLS LAST, u.id ${limitSql(q.page, q.pageSize)}`,
  );
  return { total: count?.n ?? 0, page: q.page, pageSize: q.pageSize, items };
}

export async function* iterateUnions(database: Database, ctx: RequestContext, q: Partial<UnionListQuery>): AsyncGenerator<UnionRow> {
  const where = whereSql(unionConditions(ctx, q));
  let after = 0;
  for (;;) {
    const rows = await database.rows<UnionRow>(sql`SELECT ${columns} ${from} ${where} AND u.id > ${after} ORDER BY u.id LIMIT 2000`);
    for (const r of rows) yield r;
    if (rows.length < 2000) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export async function getUnionRow(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<UnionRow> {
  const [row] = await database.rows<UnionRow>(sql`SELECT ${columns} ${from} WHERE u.id = ${id} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`, tx);
  if (!row) throw notFound("Không tìm thấy công đoàn cơ sở");
  return row;
}

type Detail = z.infer<typeof unionDetailSchema>;

/** A union with the enterprises it covers, its members against their workforce and its agreements. */
export async function getUnion(database: Database, ctx: RequestContext, id: number) {
  const union = await getUnionRow(database, ctx, id);
  const today = todayIso();
  const coveredEnterprises = await database.rows<Detail["coveredEnterprises"][number]>(
    sql`SELECT e.id, e.name, e.tax_code AS "taxCode", e.workforce_total AS "workforceTotal", e.status, z.name AS "zoneName",
               (SELECT count(*)::int FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL AND m.union_id = ${id} WHERE p.enterprise_id = e.id) AS members
        FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
        WHERE ue.union_id = ${id} ORDER BY e.name`,
  );
  const agreements = await database.rows<Detail["agreements"][number]>(
    sql`SELECT a.id, a.title, a.effective_from AS "effectiveFrom", a.effective_to AS "effectiveTo", a.grade,
               (a.effective_from <= ${today}::date AND a.effective_to >= ${today}::date) AS valid
        FROM agreements a WHERE a.union_id = ${id} ORDER BY a.effective_to DESC`,
  );
  const movements = await database.rows<Detail["movements"][number]>(
    sql`SELECT to_char(d, 'YYYY-MM') AS month,
               (SELECT count(*)::int FROM memberships m WHERE m.union_id = ${id} AND m.valid_from >= d AND m.valid_from < d + interval '1 month') AS joined,
               (SELECT count(*)::int FROM memberships m WHERE m.union_id = ${id} AND m.valid_to >= d AND m.valid_to < d + interval '1 month') AS left
        FROM generate_series(date_trunc('month', ${today}::date) - interval '11 months', date_trunc('month', ${today}::date), interval '1 month') AS d
        ORDER BY d`,
  );
  return { ...union, coveredEnterprises, agreements, movements };
}

type UnionCreate = z.infer<typeof unionCreateBody>;

async function checkCovered(database: Database, ctx: RequestContext, enterpriseIds: number[], unionId: number | null, tx: Tx) {
  const ids = [...new Set(enterpriseIds)];
  const rows = await database.rows<{ id: number; zoneUnionId: number | null; coveredBy: number | null }>(
    sql`SELECT e.id, z.zone_union_id AS "zoneUnionId", ue.union_id AS "coveredBy" FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        LEFT JOIN union_enterprises ue ON ue.enterprise_id = e.id
        WHERE e.id = ANY(${`{${ids.join(",")}}`}::int[]) AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (rows.length !== ids.length) {
    throw new AppError("validation_failed", undefined, {
      errors: [{ pointer: "/body/enterpriseIds", message: "Doanh nghiệp không tồn tại hoặc ngoài phạm vi của bạn" }],
    });
  }
  const taken = rows.find((r) => r.coveredBy !== null && r.coveredBy !== unionId);
  if (taken) throw new AppError("enterprise_has_union", `Doanh nghiệp (mã ${taken.id}) đã có công đoàn cơ sở`);
  return rows;
}

/** Founds a grassroots union (a body under its upper union, same id) covering one or more enterprises. */
export async function createUnion(database: Database, ctx: RequestContext, input: UnionCreate) {
  if (ctx.actor.scope.kind === "union" || ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const created = await database.db.transaction(async (tx) => {
    const covered = await checkCovered(database, ctx, input.enterpriseIds, null, tx);
    let parentId = input.parentId ?? covered[0]?.zoneUnionId ?? null;
    if (parentId === null) {
      const [fed] = await database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'federation' ORDER BY id LIMIT 1`, tx);
      parentId = fed?.id ?? null;
    }
    if (parentId !== null) {
      const [ok] = await database.rows<{ id: number }>(
        sql`SELECT id FROM bodies WHERE id = ${parentId} AND kind IN ('federation','zone_union')
            AND (${ctx.actor.scope.kind === "city"} OR path LIKE ${`${ctx.actor.bodyPath}%`})`,
        tx,
      );
      if (!ok) throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/parentId", message: "Công đoàn cấp trên không hợp lệ" }] });
    }
    const name = cleanText(input.name);
    const body = await insertBody(database, tx, { kind: "grassroots_union", name, parentId });
    const code = input.code ?? `CD${String(body.id).padStart(5, "0")}`;
    const [dup] = await database.rows<{ id: number }>(sql`SELECT id FROM unions WHERE lower(code) = ${code.toLowerCase()}`, tx);
    if (dup) throw new AppError("conflict", `Mã công đoàn ${code} đã được dùng`);
    await database.rows(sql`UPDATE bodies SET code = ${code} WHERE id = ${body.id}`, tx);
    await database.rows(
      sql`INSERT INTO unions (id, code, name, founded_on, chair_name) VALUES (${body.id}, ${code}, ${name}, ${input.foundedOn ?? null}, ${input.chairName ?? null})`,
      tx,
    );
    for (const e of new Set(input.enterpriseIds))
      await database.rows(sql`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES (${body.id}, ${e})`, tx);
    const after = await getUnionRow(database, { ...ctx, actor: { ...ctx.actor, scope: { kind: "city" } } }, body.id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "union", objectId: body.id, after: { ...after, enterpriseIds: input.enterpriseIds } });
    return after;
  });
  // Requests about the enterprises it covers now go to it.
  registryChanged(database);
  return created;
}

/** Changes a union's record or the enterprises it covers. */
export async function updateUnion(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof unionUpdateBody>) {
  const updated = await database.db.transaction(async (tx) => {
    const before = await getUnionRow(database, ctx, id, tx);
    if (ctx.actor.scope.kind === "union" && input.enterpriseIds) throw new AppError("forbidden", "Chỉ công đoàn cấp trên thay đổi doanh nghiệp được bao phủ");
    const sets: SQL[] = [];
    if (input.name !== undefined) sets.push(sql`name = ${cleanText(input.name)}`);
    if (input.foundedOn !== undefined) sets.push(sql`founded_on = ${input.foundedOn}`);
    if (input.chairName !== undefined) sets.push(sql`chair_name = ${input.chairName}`);
    if (input.dissolvedOn !== undefined) sets.push(sql`dissolved_on = ${input.dissolvedOn}`);
    if (sets.length) await database.rows(sql`UPDATE unions SET ${sql.join(sets, sql`, `)}, updated_at = now() WHERE id = ${id}`, tx);
    if (input.name !== undefined) await database.rows(sql`UPDATE bodies SET name = ${cleanText(input.name)} WHERE id = ${id}`, tx);
    if (input.enterpriseIds) {
      await checkCovered(database, ctx, input.enterpriseIds, id, tx);
      await database.rows(sql`DELETE FROM union_enterprises WHERE union_id = ${id}`, tx);
      for (const e of new Set(input.enterpriseIds)) await database.rows(sql`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES (${id}, ${e})`, tx);
    }
    const after = await getUnionRow(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "union", objectId: id, before, after });
    return after;
  });
  // Covering other enterprises, or dissolved: requests are routed anew.
  if (input.enterpriseIds || input.dissolvedOn !== undefined) registryChanged(database);
  return updated;
}
