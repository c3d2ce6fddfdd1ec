/** What staff read: the list of requests and one request (identity apart). */
import { vnDayEnd, vnDayStart } from "#shared/clock.ts";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { notFound } from "#server/http/errors.ts";
import { fold } from "#shared/text.ts";
import { addDays, addWorkingDays, holidays, vnToday, voiceSettings } from "./calendar.ts";
import type { EnterpriseView, ListQuery, RequestDetail, RequestSummary } from "./voice.schema.ts";
import { iso, isoOrNull, OPEN, requestScope } from "./requests.shared.ts";
import { mayForward, mayTakeOn } from "./workflow.service.ts";

// ---------------------------------------------------------------- staff reads

export const summaryColumns = sql`r.id, r.code, r.kind, r.topic, r.channel, r.requester_kind AS "requesterKind", r.title, r.status,
  r.enterprise_id AS "enterpriseId", r.enterprise_name AS "enterpriseName", e.zone_id AS "zoneId", z.name AS "zoneName",
  r.responsible_body_id AS "responsibleBodyId", rb.name AS "responsibleBodyName", r.assigned_user_id AS "assignedUserId",
  au.full_name AS "assignedUserName", r.anonymous, r.collective, r.signatory_count AS "signatoryCount", r.received_at AS "receivedAt",
  r.deadline::text AS deadline, r.answer_status AS "answerStatus", r.escalated_at AS "escalatedAt", r.rating`;

export const fromRequests = sql`FROM voice_requests r
  JOIN bodies rb ON rb.id = r.responsible_body_id
  LEFT JOIN enterprises e ON e.id = r.enterprise_id
  LEFT JOIN zones z ON z.id = e.zone_id
  LEFT JOIN users au ON au.id = r.assigned_user_id`;

export type SummaryRow = Omit<RequestSummary, "receivedAt" | "overdue" | "dueSoon" | "escalated"> & { receivedAt: unknown; escalatedAt: unknown };

export function toSummary(row: SummaryRow, today: string, dueSoonBy: string): RequestSummary {
  const { escalatedAt, ...rest } = row;
  const open = OPEN.includes(row.status);
  return {
    ...rest,
    receivedAt: iso(row.receivedAt),
    overdue: open && row.deadline < today,
    dueSoon: open && row.deadline >= today && row.deadline <= dueSoonBy,
    escalated: escalatedAt !== null && open,
  };
}

export async function horizon(database: Database) {
  const today = vnToday();
  const settings = await voiceSettings(database);
  const dueSoonBy = addWorkingDays(today, settings.dueSoonDays, await holidays(database));
  return { today, dueSoonBy, settings };
}

/** Staff list with filters; an enterprise representative gets the redacted list of their enterprise. */
export async function listRequests(
  database: Database,
  ctx: RequestContext,
  q: ListQuery,
): Promise<{ total: number; items: RequestSummary[] | EnterpriseView[] }> {
  if (ctx.actor.scope.kind === "enterprise") return listForwarded(database, ctx, q);
  const { today, dueSoonBy } = await horizon(database);
  const where: SQL[] = [requestScope(ctx)];
  if (q.status) where.push(sql`r.status = ${q.status}`);
  if (q.kind) where.push(sql`r.kind = ${q.kind}`);
  if (q.topic) where.push(sql`r.topic = ${q.topic}`);
  if (q.bodyId) where.push(sql`r.responsible_body_id = ${q.bodyId}`);
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  if (q.enterpriseId) where.push(sql`r.enterprise_id = ${q.enterpriseId}`);
  if (q.open) where.push(sql`r.status IN ('received','assigned','in_progress')`);
  if (q.overdue) where.push(sql`r.status IN ('received','assigned','in_progress') AND r.deadline < ${today}`);
  if (q.dueSoon) where.push(sql`r.status IN ('received','assigned','in_progress') AND r.deadline >= ${today} AND r.deadline <= ${dueSoonBy}`);
  // Days of the filter are Vietnamese days: a request received at 01:00 on the 2nd (Vietnam) is on the 2nd.
  if (q.from) where.push(sql`r.received_at >= ${vnDayStart(q.from)}::timestamptz`);
  if (q.to) where.push(sql`r.received_at < ${vnDayEnd(q.to)}::timestamptz`);
  if (q.q) where.push(sql`r.search_fold LIKE ${`%${fold(q.q).replace(/[%_\\]/g, "\\$&")}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${fromRequests} WHERE ${cond}`);
  const order = q.overdue || q.dueSoon || q.open ? sql`r.deadline, r.id` : sql`r.received_at DESC, r.id DESC`;
  const rows = await database.rows<SummaryRow>(
    sql`SELECT ${summaryColumns} ${fromRequests} WHERE ${cond} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items: rows.map((r) => toSummary(r, today, dueSoonBy)) };
}

// What an enterprise sees is what an officer wrote for it: the summary, the day it was forwarded,
// the body that forwarded it and a random reference. Nothing the worker wrote (title, text, the
// published answer addressed to them), no time of day, no request id (one city-wide sequence that
// would date the filing), nothing from identity, notes, additions, attachments or history.
const enterpriseColumns = sql`r.enterprise_ref AS ref, r.enterprise_summary AS summary,
  (r.forwarded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "forwardedOn", rb.name AS "responsibleBodyName"`;

/**
 * The enterprise's list: forwarded requests only, searchable in the summary alone. The staff
 * filters (status, kind, topic, dates) are ignored: each would be an oracle on what the worker wrote
 * or when.
 */
async function listForwarded(database: Database, ctx: RequestContext, q: ListQuery): Promise<{ total: number; items: EnterpriseView[] }> {
  const where: SQL[] = [requestScope(ctx), sql`r.forwarded_at IS NOT NULL`];
  if (q.q) where.push(sql`vn_fold(r.enterprise_summary || ' ' || r.enterprise_ref) LIKE ${`%${fold(q.q).replace(/[%_\\]/g, "\\$&")}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${fromRequests} WHERE ${cond}`);
  const rows = await database.rows<EnterpriseView>(
    sql`SELECT ${enterpriseColumns} ${fromRequests} WHERE ${cond}
        ORDER BY (r.forwarded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date DESC, r.enterprise_ref LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({ ref: r.ref, summary: r.summary, forwardedOn: r.forwardedOn, responsibleBodyName: r.responsibleBodyName })),
  };
}

/** A request's trail: history, notes, transfers, the worker's additions and attachments, read at once. */
function requestTrail(database: Database, id: number) {
  return Promise.all([
    database.rows<{
      at: unknown;
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      bodyName: string | null;
      userName: string | null;
      detail: string | null;
    }>(
      sql`SELECT h.at, h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus", b.name AS "bodyName", u.full_name AS "userName", h.detail
          FROM voice_history h LEFT JOIN bodies b ON b.id = h.body_id LEFT JOIN users u ON u.id = h.user_id WHERE h.request_id = ${id} ORDER BY h.at, h.id`,
    ),
    database.rows<{ id: number; body: string; userName: string; createdAt: unknown }>(
      sql`SELECT n.id, n.body, u.full_name AS "userName", n.created_at AS "createdAt" FROM voice_notes n JOIN users u ON u.id = n.user_id WHERE n.request_id = ${id} ORDER BY n.created_at, n.id`,
    ),
    database.rows<{ fromBody: string; toBody: string; reason: string; oldDeadline: string; newDeadline: string; at: unknown }>(
      sql`SELECT fb.name AS "fromBody", tb.name AS "toBody", t.reason, t.old_deadline::text AS "oldDeadline", t.new_deadline::text AS "newDeadline", t.at
          FROM voice_transfers t JOIN bodies fb ON fb.id = t.from_body_id JOIN bodies tb ON tb.id = t.to_body_id WHERE t.request_id = ${id} ORDER BY t.at, t.id`,
    ),
    database.rows<{ id: number; body: string; source: string; private: boolean; createdAt: unknown }>(
      sql`SELECT id, body, source, private, created_at AS "createdAt" FROM voice_additions WHERE request_id = ${id} ORDER BY created_at, id`,
    ),
    database.rows<{ id: number; fileName: string; mime: string; sizeBytes: number; source: string; createdAt: unknown }>(
      sql`SELECT id, file_name AS "fileName", mime, size_bytes AS "sizeBytes", source, created_at AS "createdAt" FROM voice_attachments WHERE request_id = ${id} ORDER BY id`,
    ),
  ]);
}

/** One request: the full staff view (identity apart), or the redacted enterprise view. */
export async function getRequest(database: Database, ctx: RequestContext, id: number): Promise<RequestDetail | EnterpriseView> {
  // The enterprise's list carries everything it may see; request ids are not its to use.
  if (ctx.actor.scope.kind === "enterprise") throw notFound();
  const { today, dueSoonBy, settings } = await horizon(database);
  const [row] = await database.rows<
    SummaryRow & {
      description: string;
      descriptionPrivate: boolean;
      consentAt: unknown;
      hasIdentity: boolean;
      publicAnswer: string | null;
      answerDraftedBy: string | null;
      answerDraftedById: number | null;
      answerReviewedBy: string | null;
      answeredAt: unknown;
      closedAt: unknown;
      ratingComment: string | null;
      responsibleBodyPath: string;
      forwardedAt: unknown;
      forwardedBy: string | null;
      enterpriseSummary: string | null;
      enterpriseRef: string | null;
      fromCall: { id: number; line: string; calledAt: string } | null;
    }
  >(
    sql`SELECT ${summaryColumns}, rb.path AS "responsibleBodyPath", r.description, r.description_private AS "descriptionPrivate", r.consent_at AS "consentAt",
          (EXISTS (SELECT 1 FROM voice_requesters q WHERE q.request_id = r.id) OR EXISTS (SELECT 1 FROM voice_signatories s WHERE s.request_id = r.id)) AS "hasIdentity",
          r.public_answer AS "publicAnswer", du.full_name AS "answerDraftedBy", r.answer_drafted_by AS "answerDraftedById", ru.full_name AS "answerReviewedBy",
          r.answered_at AS "answeredAt", r.closed_at AS "closedAt", r.rating_comment AS "ratingComment",
          r.forwarded_at AS "forwardedAt", fu.full_name AS "forwardedBy", r.enterprise_summary AS "enterpriseSummary", r.enterprise_ref AS "enterpriseRef",
          (SELECT json_build_object('id', c.id, 'line', c.line, 'calledAt', c.called_at) FROM voice_calls c WHERE c.request_id = r.id LIMIT 1) AS "fromCall"
        ${fromRequests} LEFT JOIN users du ON du.id = r.answer_drafted_by LEFT JOIN users ru ON ru.id = r.answer_reviewed_by
          LEFT JOIN users fu ON fu.id = r.forwarded_by
        WHERE r.id = ${id} AND ${requestScope(ctx)}`,
  );
  if (!row) throw notFound();
  const [history, notes, transfers, additions, attachments] = await requestTrail(database, id);
  const endedAt = row.closedAt ?? row.answeredAt;
  const canReopenUntil =
    endedAt && (row.status === "answered" || row.status === "closed") ? addDays(vnToday(new Date(iso(endedAt))), settings.reopenDays) : null;
  const { consentAt, answeredAt, closedAt, responsibleBodyPath, forwardedAt, forwardedBy, enterpriseSummary, enterpriseRef, fromCall, ...rest } = row;
  // Notes, additions and attachments may name the requester: only callers allowed to see identity get them.
  const mayIdentify = ctx.actor.permissions.has("voice:identity");
  return {
    ...toSummary(rest, today, dueSoonBy),
    description: row.description,
    descriptionPrivate: row.descriptionPrivate,
    consentAt: isoOrNull(consentAt),
    hasIdentity: row.hasIdentity,
    publicAnswer: row.publicAnswer,
    answerDraftedBy: row.answerDraftedBy,
    answerReviewedBy: row.answerReviewedBy,
    answeredAt: isoOrNull(answeredAt),
    closedAt: isoOrNull(closedAt),
    ratingComment: row.ratingComment,
    canReopenUntil,
    forward: forwardedAt ? { at: iso(forwardedAt), by: forwardedBy, summary: enterpriseSummary ?? "", ref: enterpriseRef ?? "" } : null,
    canForward: row.enterpriseId !== null && mayForward(ctx, responsibleBodyPath),
    fromCall: fromCall ? { ...fromCall, calledAt: iso(fromCall.calledAt) } : null,
    canTakeOn: OPEN.includes(row.status) && row.assignedUserId !== ctx.actor.userId && mayTakeOn(ctx, responsibleBodyPath),
    // A second officer reviews (reviewAnswer refuses the author): the author is not shown "Duyệt".
    canReview: row.answerStatus === "in_review" && row.answerDraftedById !== ctx.actor.userId && ctx.actor.permissions.has("voice:write"),
    history: history.map((h) => ({ ...h, at: iso(h.at) })),
    notes: mayIdentify ? notes.map((n) => ({ ...n, createdAt: iso(n.createdAt) })) : [],
    transfers: transfers.map((t) => ({ ...t, at: iso(t.at) })),
    additions: mayIdentify ? additions.map((a) => ({ ...a, createdAt: iso(a.createdAt) })) : [],
    attachments: mayIdentify ? attachments.map((a) => ({ ...a, createdAt: iso(a.createdAt) })) : [],
  };
}
