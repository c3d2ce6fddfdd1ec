import { type SQL, sql } from "drizzle-orm";
import type { Scope } from "#server/modules/access/index.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import type { RequestContext } from "#server/http/context.ts";

const ids = (xs: number[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;

/** A system-level caller (system admin) sees and edits every plan. */
export const isSystem = (ctx: RequestContext) => ctx.actor.role === "system_admin" || ctx.actor.bodyKind === "system";

/**
 * A plan is visible to whoever belongs to one of its parties or to a body under one (the zone union
 * under the federation reads the federation's joint plan); another zone union's own plan stays hidden.
 */
export function planVisible(ctx: RequestContext, parties: SQL): SQL {
  if (isSystem(ctx)) return sql`true`;
  return sql`EXISTS (SELECT 1 FROM bodies pb WHERE pb.id = ANY(${parties}) AND ${ctx.actor.bodyPath} LIKE pb.path || '%')`;
}

/**
 * planVisible for callers known only by their scope (figure providers): a plan is in scope when one
 * of its parties is the scope's body or a body above it. Another zone union's own plan stays hidden.
 */
export function planInScope(scope: Scope, parties: SQL): SQL {
  switch (scope.kind) {
    case "city":
      return sql`true`;
    case "zones":
      return sql`EXISTS (SELECT 1 FROM bodies pb WHERE pb.id = ANY(${parties}) AND ${scope.bodyPath} LIKE pb.path || '%')`;
    case "union":
    case "enterprise": {
      const own = scope.kind === "union" ? scope.unionIds : scope.enterpriseIds;
      return sql`EXISTS (SELECT 1 FROM bodies pb JOIN bodies ob ON ob.path LIKE pb.path || '%' WHERE pb.id = ANY(${parties}) AND ob.id = ANY(${ids(own)}))`;
    }
  }
}

/** A zone-bound row (target, model) lies in scope: city-wide rows are shared, zone rows follow the zones. */
export function zoneVisible(scope: Scope, zoneId: SQL): SQL {
  switch (scope.kind) {
    case "city":
      return sql`true`;
    case "zones":
      return sql`(${zoneId} IS NULL OR ${zoneId} = ANY(${ids(scope.zoneIds)}))`;
    case "union":
    case "enterprise":
      return sql`(${zoneId} IS NULL OR ${zoneId} IN (SELECT e.zone_id FROM enterprises e WHERE e.id = ANY(${ids(scope.enterpriseIds)})))`;
  }
}

/**
 * An activity lies in scope when the caller's scope covers where it happened: the whole city; for a
 * zone union its zones and the bodies under it; for a grassroots union its own union and enterprises.
 * City-wide activities of the city bodies (no zone, union or enterprise) count for the city only.
 */
export function activityScope(scope: Scope, a: string): SQL {
  const col = (c: string) => sql.raw(`${a}.${c}`);
  switch (scope.kind) {
    case "city":
      return sql`true`;
    case "zones":
      return sql`(${col("zone_id")} = ANY(${ids(scope.zoneIds)})
        OR (${col("enterprise_id")} IS NOT NULL AND ${enterpriseScope(scope, col("enterprise_id"))})
        OR (${col("union_id")} IS NOT NULL AND ${unionScope(scope, col("union_id"))})
        OR ${col("body_id")} IN (SELECT b.id FROM bodies b WHERE b.path LIKE ${`${scope.bodyPath}%`}))`;
    case "union":
      return sql`(${col("union_id")} = ANY(${ids(scope.unionIds)}) OR ${col("body_id")} = ANY(${ids(scope.unionIds)})
        OR ${col("enterprise_id")} = ANY(${ids(scope.enterpriseIds)}))`;
    case "enterprise":
      return sql`false`;
  }
}

export { ids as intArray };

/** An int[] to store: empty is '{}', never {NULL} (ARRAY[NULL] is only for `= ANY(…)` filters). */
export const storedIntArray = (xs: number[]) => (xs.length ? ids(xs) : sql`'{}'::int[]`);
