/** Overdue requests: escalation to the head of the body and the head's list. */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit, systemActor } from "#server/modules/access/index.ts";
import { defineJob } from "#server/jobs/define.ts";
import { vnToday } from "./calendar.ts";
import { tellHeads } from "./notices.ts";
import { fromRequests, horizon, summaryColumns, type SummaryRow, toSummary } from "./reads.service.ts";
import { refuseEnterprise, requestScope } from "./requests.shared.ts";

/**
 * Escalates overdue requests in the caller's scope to the head of their body: stamps them, writes
 * the history, and returns them. The "quá hạn" list of a body admin shows them.
 */
export async function escalateOverdue(database: Database, ctx: RequestContext) {
  refuseEnterprise(ctx);
  const today = vnToday();
  return database.db.transaction(async (tx) => {
    const rows = await database.rows<{ id: number; code: string; bodyId: number; deadline: string }>(
      sql`UPDATE voice_requests r SET escalated_at = now() FROM bodies rb
          WHERE rb.id = r.responsible_body_id AND r.status IN ('received','assigned','in_progress') AND r.deadline < ${today} AND r.escalated_at IS NULL
            AND r.id IN (SELECT r.id ${fromRequests} WHERE ${requestScope(ctx)})
          RETURNING r.id, r.code, r.responsible_body_id AS "bodyId", r.deadline::text AS deadline`,
      tx,
    );
    if (rows.length) {
      await database.rows(
        sql`INSERT INTO voice_history (request_id, action, body_id, user_id, detail)
            SELECT x.id, 'escalated', x.body_id, ${ctx.actor.userId}::int, 'Quá hạn — báo cáo lãnh đạo đơn vị (hạn ' || x.deadline || ')'
            FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, body_id: r.bodyId, deadline: r.deadline })))}::jsonb) AS x(id int, body_id int, deadline text)`,
        tx,
      );
      await tellHeads(tx, rows);
    }
    await audit(database, tx, ctx, { action: "voice_escalate_overdue", objectType: "voice_request", detail: { count: rows.length } });
    return { escalated: rows.length };
  });
}

/**
 * Hourly, on one server's worker: every overdue request of the city escalated, as the system
 * administrator (the audit row says who). Stamped requests are skipped, so a second run changes nothing.
 */
export const escalationJob = defineJob({
  name: "voice.escalate-overdue",
  cron: "5 * * * *",
  retry: { limit: 2, delaySeconds: 120, backoff: true },
  run: async (job) => {
    const actor = await systemActor(job.database);
    if (!actor) return;
    const { escalated } = await escalateOverdue(job.database, { actor, ip: "worker", requestId: `job-${job.id}` });
    if (escalated) job.log(`voice: ${escalated} overdue requests escalated`);
  },
});

/** The "quá hạn" list for a body head: overdue requests of their body and the bodies under it. */
export async function overdueForHead(database: Database, ctx: RequestContext) {
  refuseEnterprise(ctx);
  if (ctx.actor.role !== "body_admin" && ctx.actor.role !== "system_admin") throw new AppError("forbidden", "Danh sách quá hạn dành cho lãnh đạo đơn vị");
  const { today, dueSoonBy } = await horizon(database);
  const rows = await database.rows<SummaryRow>(
    sql`SELECT ${summaryColumns} ${fromRequests}
        WHERE ${requestScope(ctx)} AND rb.path LIKE ${`${ctx.actor.bodyPath}%`} AND r.status IN ('received','assigned','in_progress') AND r.deadline < ${today}
        ORDER BY r.deadline, r.id LIMIT 500`,
  );
  return rows.map((r) => toSummary(r, today, dueSoonBy));
}
