/** What every use case on a request needs: timestamps as ISO text, the caller's scope as SQL. */
import { type SQL, sql } from "drizzle-orm";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type Scope, enterpriseScope } from "#server/modules/access/index.ts";
import type { RequestStatus } from "./voice.schema.ts";

export const OPEN: RequestStatus[] = ["received", "assigned", "in_progress"];

/** ISO text for a timestamp from either driver. */
export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "string" ? new Date(v).toISOString() : "";
}
export const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

/** SQL predicate: the request (alias r, its enterprise e, its body rb) lies in the caller's scope. */
export function requestScope(ctx: RequestContext): SQL {
  return requestScopeOf(ctx.actor.scope);
}

/** The same predicate from a bare scope (figure providers receive a scope, not a caller). */
export function requestScopeOf(scope: Scope): SQL {
  switch (scope.kind) {
    case "city":
      return sql`true`;
    // An enterprise sees a request about itself only once an officer forwarded it (issue #15): until
    // then it does not exist for the enterprise, in lists, counts and figures alike.
    case "enterprise":
      return sql`(${enterpriseScope(scope, sql`r.enterprise_id`)} AND r.forwarded_at IS NOT NULL)`;
    case "zones":
      return sql`(${enterpriseScope(scope, sql`r.enterprise_id`, sql`e.zone_id`)} OR rb.path LIKE ${`${scope.bodyPath}%`})`;
    // A grassroots union sees the requests it is responsible for, not every request about the
    // enterprises it covers: a worker who went past the union (to the zone union, the city) chose
    // not to be known there, and the union's officers work beside the employer.
    case "union": {
      const ids = sql`ARRAY[${sql.join(scope.unionIds.length ? scope.unionIds.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;
      return sql`(r.responsible_body_id = ANY(${ids}))`;
    }
  }
}

export function refuseEnterprise(ctx: RequestContext) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden", "Doanh nghiệp không xử lý yêu cầu của người lao động");
}
