import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import type { Scope } from "#server/modules/access/index.ts";
import { deadlineAfter, holidays, vnToday, voiceSettings } from "./calendar.ts";
import { requestScopeOf } from "./requests.shared.ts";
import { mayForward } from "./workflow.service.ts";
import { enterpriseFactsCached, routeRequest } from "./routing.ts";

/**
 * What the enterprise side (module enterprise) may use of worker voice: the forwarded requests as
 * the enterprise sees them (the officer's summary, the reference, the day — never the worker's own
 * words or name), a step noted on a request's history, and the routing and deadline of a
 * difficulty an enterprise files (the same rules and calendar as workers' requests).
 */
export interface ForwardedRequest {
  id: number;
  ref: string;
  summary: string;
  forwardedOn: string;
  enterpriseId: number;
  responsibleBodyId: number;
  responsibleBodyName: string;
  responsibleBodyPath: string;
}

/** Forwarded requests visible in `scope` (an enterprise sees only its own, once forwarded). */
export async function forwardedRequests(
  database: Database,
  scope: Scope,
  filter: { enterpriseId?: number; ref?: string; ids?: number[] },
  tx?: Tx,
): Promise<ForwardedRequest[]> {
  const where: SQL[] = [requestScopeOf(scope), sql`r.forwarded_at IS NOT NULL`, sql`r.enterprise_id IS NOT NULL`];
  if (filter.enterpriseId !== undefined) where.push(sql`r.enterprise_id = ${filter.enterpriseId}`);
  if (filter.ref !== undefined) where.push(sql`r.enterprise_ref = ${filter.ref}`);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    where.push(
      sql`r.id IN (${sql.join(
        filter.ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  }
  return database.rows<ForwardedRequest>(
    sql`SELECT r.id, r.enterprise_ref AS ref, r.enterprise_summary AS summary,
               (r.forwarded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "forwardedOn", r.enterprise_id AS "enterpriseId",
               r.responsible_body_id AS "responsibleBodyId", rb.name AS "responsibleBodyName", rb.path AS "responsibleBodyPath"
        FROM voice_requests r JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY r.forwarded_at DESC, r.id DESC`,
    tx,
  );
}

/** Whether this officer decides on the enterprise's answer to a forwarded request (the officers who may forward it). */
export function mayDecideForwarded(ctx: RequestContext, responsibleBodyPath: string): boolean {
  return mayForward(ctx, responsibleBodyPath);
}

/** Notes an exchange with the enterprise on the request's history, so the officer handling it sees it there too. */
export async function noteEnterpriseStep(database: Database, tx: Tx, ctx: RequestContext, requestId: number, detail: string): Promise<void> {
  await database.rows(
    sql`INSERT INTO voice_history (request_id, action, user_id, detail) VALUES (${requestId}, 'enterprise_exchange', ${ctx.actor.userId}, ${detail})`,
    tx,
  );
}

/**
 * The body responsible for an enterprise's difficulty and the day it must be answered: voice's
 * routing rules with the enterprise as requester (the zone authority by default) and voice's
 * deadlines by kind, counted in working days from today in Vietnam. Call it outside a transaction:
 * the enterprise's routing facts are read through voice's cache, on their own.
 */
export async function routeEnterpriseDifficulty(
  database: Database,
  input: { kind: "consultation" | "petition"; topic: string; enterpriseId: number },
): Promise<{ responsibleBodyId: number; receivedOn: string; deadline: string }> {
  const settings = await voiceSettings(database);
  const enterprise = await enterpriseFactsCached(database, input.enterpriseId);
  if (!enterprise) throw new AppError("not_found", "Không tìm thấy doanh nghiệp");
  const route = await routeRequest(database, settings.routing, { kind: input.kind, topic: input.topic, requesterKind: "enterprise", enterprise });
  const receivedOn = vnToday();
  const deadline = deadlineAfter(receivedOn, settings.deadlines[input.kind], await holidays(database));
  return { responsibleBodyId: route.bodyId, receivedOn, deadline };
}
