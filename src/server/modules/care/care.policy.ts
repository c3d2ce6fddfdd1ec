import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "#server/http/context.ts";
import { personScope, unionScope } from "#server/modules/access/index.ts";

/**
 * Who sees a campaign: city-level bodies see every campaign; a union sees the campaigns of its own
 * body, of the bodies above it (the federation's Tết campaign it takes part in) and below it.
 */
export function campaignVisible(actor: Actor, ownerPath: SQL): SQL {
  if (actor.scope.kind === "city") return sql`true`;
  if (actor.scope.kind === "enterprise") return sql`false`;
  return sql`(${ownerPath} LIKE ${`${actor.bodyPath}%`} OR ${actor.bodyPath} LIKE ${ownerPath} || '%')`;
}

/** Who runs a campaign: its own body and the bodies above it (and the system administrator). */
export function campaignWritable(actor: Actor, ownerPath: string): boolean {
  if (actor.role === "system_admin") return true;
  return ownerPath.startsWith(actor.bodyPath);
}

/** A payout lies in scope when its person does, or when a union in scope handed it over. */
export function payoutScope(actor: Actor, personId: SQL, personEnterpriseId: SQL, unionId: SQL): SQL {
  if (actor.scope.kind === "city") return sql`true`;
  return sql`(${personScope(actor.scope, personId, personEnterpriseId)} OR ${unionScope(actor.scope, unionId)})`;
}
