import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { addDays, vnToday } from "#shared/clock.ts";

export interface EnterpriseBrief {
  id: number;
  name: string;
  zoneId: number | null;
  zoneName: string | null;
  ownership: string;
  investorCountry: string | null;
  sector: string;
  workforce: number;
  status: string;
  commune: string | null;
}

export const enterpriseColumns = sql`e.id, e.name, e.zone_id AS "zoneId", z.name AS "zoneName", e.ownership, e.investor_country AS "investorCountry",
  e.sector, e.workforce_total AS workforce, e.status, coalesce(z.commune, e.commune) AS commune`;

/** The enterprise if it lies in the caller's scope; otherwise 404 (never 403: the row's existence is not disclosed). */
export async function enterpriseInScope(database: Database, ctx: RequestContext, id: number, tx?: Tx, pointer?: string): Promise<EnterpriseBrief> {
  const [row] = await database.rows<EnterpriseBrief>(
    sql`SELECT ${enterpriseColumns} FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        WHERE e.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) {
    if (pointer)
      throw new AppError("validation_failed", "Doanh nghiệp không tồn tại hoặc ngoài phạm vi của bạn", {
        errors: [{ pointer, message: "Doanh nghiệp không tồn tại hoặc ngoài phạm vi của bạn" }],
      });
    throw new AppError("not_found");
  }
  return row;
}

/** Checks that every body id exists; a wrong id is a 400 on the given field. */
export async function assertBodies(database: Database, ids: number[], pointer: string, tx?: Tx): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM bodies WHERE id = ANY(${sql`ARRAY[${sql.join(
      unique.map((x) => sql`${x}`),
      sql`, `,
    )}]::int[]`})`,
    tx,
  );
  if ((row?.n ?? 0) !== unique.length) {
    throw new AppError("validation_failed", "Đơn vị không tồn tại", { errors: [{ pointer, message: "Đơn vị không tồn tại" }] });
  }
}

/** An int[] literal for SQL from a JS array. */
export const intArray = (xs: number[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;
export const intArrayOrEmpty = (xs: number[]) => (xs.length ? intArray(xs) : sql`'{}'::int[]`);

/** Adds days to an ISO date; today is the day in Vietnam (src/shared/clock.ts). */
export { addDays, vnToday as todayIso };
