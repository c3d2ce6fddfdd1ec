import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { AppError } from "#server/http/errors.ts";
import type { RoutingRule } from "./calendar.ts";

/** What the routing rules look at about a request's enterprise. */
export interface EnterpriseFacts {
  id: number;
  name: string;
  zoneId: number | null;
  zoneUnionId: number | null;
  ownership: string;
  unionId: number | null;
}

// Routing facts change rarely (a union founded, a zone union reassigned); public submissions during a
// flood hit the same enterprises again and again, so a minute's cache saves a round trip each.
const factsCache = new WeakMap<Database, Map<number, { at: number; facts: EnterpriseFacts | null }>>();
const FACTS_TTL_MS = 60_000;

/** The routing facts of an enterprise, cached for a minute outside transactions. */
export async function enterpriseFactsCached(database: Database, enterpriseId: number): Promise<EnterpriseFacts | null> {
  let cache = factsCache.get(database);
  if (!cache) {
    cache = new Map();
    factsCache.set(database, cache);
  }
  const hit = cache.get(enterpriseId);
  if (hit && Date.now() - hit.at < FACTS_TTL_MS) return hit.facts;
  const facts = await enterpriseFacts(database, enterpriseId);
  if (cache.size > 20_000) cache.clear();
  cache.set(enterpriseId, { at: Date.now(), facts });
  return facts;
}

/** Drops every enterprise's cached facts: the registry changed what routes requests (providers.ts). */
export function forgetRoutingFacts(database: Database): void {
  factsCache.get(database)?.clear();
  topBodyCache.delete(database);
}

/** Drops an enterprise's cached facts (it left the registry, or its union changed). */
export function forgetEnterpriseFacts(database: Database, enterpriseId: number): void {
  factsCache.get(database)?.delete(enterpriseId);
}

export async function enterpriseFacts(database: Database, enterpriseId: number, tx?: Tx): Promise<EnterpriseFacts | null> {
  const [row] = await database.rows<EnterpriseFacts>(
    sql`SELECT e.id, e.name, e.zone_id AS "zoneId", z.zone_union_id AS "zoneUnionId", e.ownership, ue.union_id AS "unionId"
        FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        -- Only a union still operating routes: an enterprise whose union was dissolved is routed like one without.
        LEFT JOIN (union_enterprises ue JOIN unions u ON u.id = ue.union_id AND u.dissolved_on IS NULL) ON ue.enterprise_id = e.id
        WHERE e.id = ${enterpriseId}`,
    tx,
  );
  return row ?? null;
}

const topBodyCache = new WeakMap<Database, { at: number; byKind: Map<string, number> }>();

/** The top body of a kind (the city federation, the zone authority); cached briefly. */
async function topBody(database: Database, kind: "federation" | "zone_authority", tx?: Tx): Promise<number | null> {
  let hit = topBodyCache.get(database);
  if (!hit || Date.now() - hit.at > 60_000 || !hit.byKind.has(kind)) {
    const rows = await database.rows<{ kind: string; id: number }>(
      sql`SELECT DISTINCT ON (kind) kind, id FROM bodies WHERE kind IN ('federation','zone_authority') ORDER BY kind, (parent_id IS NULL) DESC, id`,
      tx,
    );
    hit = { at: Date.now(), byKind: new Map(rows.map((r) => [r.kind, r.id])) };
    topBodyCache.set(database, hit);
  }
  return hit.byKind.get(kind) ?? null;
}

export interface RoutingInput {
  kind: string;
  topic: string;
  requesterKind: "worker" | "enterprise";
  enterprise: EnterpriseFacts | null;
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  const w = rule.when ?? {};
  const e = input.enterprise;
  if (w.topics && !w.topics.includes(input.topic)) return false;
  if (w.kinds && !w.kinds.includes(input.kind)) return false;
  if (w.requesterKind && w.requesterKind !== input.requesterKind) return false;
  if (w.ownership && (!e || !w.ownership.includes(e.ownership))) return false;
  if (w.hasUnion !== undefined && Boolean(e?.unionId) !== w.hasUnion) return false;
  if (w.hasZone !== undefined && Boolean(e?.zoneUnionId) !== w.hasZone) return false;
  return true;
}

/**
 * The responsible body by the rules in `settings` (first match whose target exists wins):
 * the grassroots union if the enterprise has one, else the zone union of its zone, the zone
 * authority for enterprises' difficulties, else the city federation.
 */
export async function routeRequest(database: Database, rules: RoutingRule[], input: RoutingInput, tx?: Tx): Promise<{ bodyId: number; rule: number }> {
  for (const [i, rule] of rules.entries()) {
    if (!matches(rule, input)) continue;
    let target: number | null = null;
    switch (rule.to) {
      case "grassroots_union":
        target = input.enterprise?.unionId ?? null;
        break;
      case "zone_union":
        target = input.enterprise?.zoneUnionId ?? null;
        break;
      case "zone_authority":
      case "federation":
        target = await topBody(database, rule.to, tx);
        break;
    }
    if (target) return { bodyId: target, rule: i };
  }
  const fallback = await topBody(database, "federation", tx);
  if (!fallback) throw new AppError("voice_no_body", "Chưa có đơn vị nào nhận yêu cầu (thiếu Liên đoàn Lao động)");
  return { bodyId: fallback, rule: -1 };
}
