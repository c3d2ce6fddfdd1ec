import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type BodyKind, bodySubtree } from "./access.policy.ts";
import { audit } from "./audit.service.ts";

export interface BodyRow {
  id: number;
  kind: BodyKind;
  name: string;
  shortName: string | null;
  code: string | null;
  docSymbol: string | null;
  signBlock: string | null;
  hotlinePhone: string | null;
  housingPhone: string | null;
  parentId: number | null;
  path: string;
  userCount: number;
  childCount: number;
}

const columns = sql`b.id, b.kind, b.name, b.short_name AS "shortName", b.code, b.doc_symbol AS "docSymbol", b.sign_block AS "signBlock",
  b.hotline_phone AS "hotlinePhone", b.housing_phone AS "housingPhone", b.parent_id AS "parentId", b.path,
  (SELECT count(*)::int FROM users u WHERE u.body_id = b.id) AS "userCount",
  (SELECT count(*)::int FROM bodies c WHERE c.parent_id = b.id) AS "childCount"`;

function visible(ctx: RequestContext): SQL {
  return ctx.actor.role === "system_admin" ? sql`true` : bodySubtree(ctx.actor.bodyPath, sql`b.path`);
}

/** Which kinds may sit under which: the tree the product describes. */
const allowedParents: Record<Exclude<BodyKind, "system">, (BodyKind | null)[]> = {
  federation: [null, "system"],
  zone_authority: [null, "system"],
  mass_mobilization: [null, "system"],
  zone_union: ["federation"],
  grassroots_union: ["zone_union", "federation"],
  enterprise: ["zone_authority"],
};

export async function listBodies(
  database: Database,
  ctx: RequestContext,
  q: { q?: string | undefined; kind?: BodyKind | undefined; parentId?: number | undefined; page: number; pageSize: number },
) {
  const where = [visible(ctx)];
  if (q.kind) where.push(sql`b.kind = ${q.kind}`);
  if (q.parentId) where.push(sql`b.parent_id = ${q.parentId}`);
  if (q.q) where.push(sql`b.name_fold LIKE ${`%${q.q}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM bodies b WHERE ${cond}`);
  const items = await database.rows<BodyRow>(
    sql`SELECT ${columns} FROM bodies b WHERE ${cond} ORDER BY b.path LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items };
}

export async function getBody(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<BodyRow> {
  const [row] = await database.rows<BodyRow>(sql`SELECT ${columns} FROM bodies b WHERE b.id = ${id} AND ${visible(ctx)}`, tx);
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Inserts a body under a parent and sets its path. Used by the admin pages and by the registry
 * (an enterprise or a grassroots union is a body too). Runs inside the caller's transaction.
 */
export async function insertBody(
  database: Database,
  tx: Tx,
  input: { kind: BodyKind; name: string; shortName?: string | null | undefined; code?: string | null | undefined; parentId: number | null },
): Promise<{ id: number; path: string }> {
  let parentPath = "/";
  if (input.parentId !== null) {
    const [parent] = await database.rows<{ path: string; kind: BodyKind }>(sql`SELECT path, kind FROM bodies WHERE id = ${input.parentId}`, tx);
    if (!parent) throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/parentId", message: "Đơn vị cấp trên không tồn tại" }] });
    if (input.kind !== "system" && !allowedParents[input.kind].includes(parent.kind)) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/parentId", message: "Đơn vị cấp trên không phù hợp với loại đơn vị" }] });
    }
    parentPath = parent.path;
  }
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO bodies (kind, name, short_name, code, parent_id) VALUES (${input.kind}, ${input.name}, ${input.shortName ?? null}, ${input.code ?? null}, ${input.parentId}) RETURNING id`,
    tx,
  );
  const id = row?.id ?? 0;
  const path = `${parentPath}${id}/`;
  await database.rows(sql`UPDATE bodies SET path = ${path} WHERE id = ${id}`, tx);
  return { id, path };
}

export async function createBody(
  database: Database,
  ctx: RequestContext,
  input: { kind: Exclude<BodyKind, "system">; name: string; shortName?: string | undefined; code?: string | undefined; parentId: number | null },
): Promise<BodyRow> {
  return database.db.transaction(async (tx) => {
    if (input.parentId !== null) await getBody(database, ctx, input.parentId, tx);
    else if (ctx.actor.role !== "system_admin") throw new AppError("forbidden");
    const { id } = await insertBody(database, tx, input);
    const body = await getBody(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "body", objectId: id, after: body });
    return body;
  });
}

export async function updateBody(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: {
    name?: string | undefined;
    shortName?: string | null | undefined;
    code?: string | null | undefined;
    docSymbol?: string | null | undefined;
    signBlock?: string | null | undefined;
    hotlinePhone?: string | null | undefined;
    housingPhone?: string | null | undefined;
  },
): Promise<BodyRow> {
  return database.db.transaction(async (tx) => {
    const before = await getBody(database, ctx, id, tx);
    await database.rows(
      sql`UPDATE bodies SET name = coalesce(${input.name ?? null}, name),
            short_name = ${input.shortName === undefined ? sql`short_name` : input.shortName},
            code = ${input.code === undefined ? sql`code` : input.code},
            doc_symbol = ${input.docSymbol === undefined ? sql`doc_symbol` : input.docSymbol || null},
            sign_block = ${input.signBlock === undefined ? sql`sign_block` : input.signBlock || null},
            hotline_phone = ${input.hotlinePhone === undefined ? sql`hotline_phone` : input.hotlinePhone},
            housing_phone = ${input.housingPhone === undefined ? sql`housing_phone` : input.housingPhone}
          WHERE id = ${id}`,
      tx,
    );
    const after = await getBody(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "body", objectId: id, before, after });
    return after;
  });
}

export async function deleteBody(database: Database, ctx: RequestContext, id: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    const before = await getBody(database, ctx, id, tx);
    if (before.userCount > 0 || before.childCount > 0 || before.kind === "enterprise" || before.kind === "grassroots_union") {
      throw new AppError("body_has_children");
    }
    if (before.id === ctx.actor.bodyId) throw new AppError("forbidden");
    await database.rows(sql`DELETE FROM bodies WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "body", objectId: id, before });
  });
}

/** One number on the portal: the body that answers it, and the number (digits). */
export interface PublicContact {
  bodyId: number;
  bodyName: string;
  kind: BodyKind;
  phone: string;
}

/**
 * The numbers the portal shows: each body's hotline and housing line, as its administrator set them.
 * The city federation first, then the zone unions and the zone authority, by name. No person's data.
 */
export async function publicContacts(database: Database): Promise<{ hotline: PublicContact[]; housing: PublicContact[] }> {
  const rows = await database.rows<{ bodyId: number; bodyName: string; kind: BodyKind; hotline: string | null; housing: string | null }>(
    sql`SELECT b.id AS "bodyId", b.name AS "bodyName", b.kind, b.hotline_phone AS hotline, b.housing_phone AS housing
        FROM bodies b
        WHERE (b.hotline_phone IS NOT NULL OR b.housing_phone IS NOT NULL) AND b.kind IN ('federation', 'zone_union', 'zone_authority')
        ORDER BY CASE b.kind WHEN 'federation' THEN 0 WHEN 'zone_union' THEN 1 ELSE 2 END, b.name, b.id`,
  );
  const pick = (k: "hotline" | "housing") =>
    rows.flatMap((r) => {
      const phone = r[k];
      return phone ? [{ bodyId: r.bodyId, bodyName: r.bodyName, kind: r.kind, phone }] : [];
    });
  return { hotline: pick("hotline"), housing: pick("housing") };
}
