/** A request's life after filing: assign, start, transfer, forward, notes, answer, close, reopen. */
import { now } from "#shared/clock.ts";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { groupFour } from "#shared/secrets.ts";
import { cleanText, fold, formatDate } from "#shared/text.ts";
import { addDays, addWorkingDays, holidays, vnToday, voiceSettings } from "./calendar.ts";
import { identityStrings } from "./qa.service.ts";
import type { RequestStatus } from "./voice.schema.ts";
import { fromRequests } from "./reads.service.ts";
import { iso, refuseEnterprise, requestScope } from "./requests.shared.ts";
import { draw } from "./tracking-code.ts";
import { tellAssignee, tellNewBody, tellReviewers, tellWorker } from "./notices.ts";
import { enqueuePush, forgetNoticeContact } from "#server/modules/notify/index.ts";

// ---------------------------------------------------------------- workflow

interface WriteRow {
  id: number;
  code: string;
  status: RequestStatus;
  responsibleBodyId: number;
  bodyPath: string;
  responsibleBodyName: string;
  kind: string;
  assignedUserId: number | null;
  answerStatus: string;
  answerDraftedBy: number | null;
  answeredAt: unknown;
  closedAt: unknown;
  deadline: string;
  clockStartedOn: string;
}

/** Locks the request for a change by a caller in scope, or 404. */
export async function loadForWrite(database: Database, ctx: RequestContext, id: number, tx: Tx, opts: { read?: boolean } = {}): Promise<WriteRow> {
  const [row] = await database.rows<WriteRow>(
    sql`SELECT r.id, r.code, r.status, r.responsible_body_id AS "responsibleBodyId", rb.path AS "bodyPath", rb.name AS "responsibleBodyName", r.kind, r.assigned_user_id AS "assignedUserId",
               r.answer_status AS "answerStatus", r.answer_drafted_by AS "answerDraftedBy", r.answered_at AS "answeredAt", r.closed_at AS "closedAt",
               r.deadline::text AS deadline, r.clock_started_on::text AS "clockStartedOn"
        ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)} ${opts.read ? sql`` : sql`FOR UPDATE OF r`}`,
    tx,
  );
  if (!row) throw notFound();
  return row;
}

function transition(from: RequestStatus, allowed: RequestStatus[], what: string) {
  if (!allowed.includes(from)) throw new AppError("voice_bad_transition", `Không thể ${what} khi yêu cầu đang ở trạng thái "${statusLabel[from]}"`);
}

export const statusLabel: Record<RequestStatus, string> = {
  received: "Đã tiếp nhận",
  assigned: "Đã phân công",
  in_progress: "Đang giải quyết",
  answered: "Đã trả lời",
  closed: "Đã đóng",
};

export async function history(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  id: number,
  action: string,
  from: RequestStatus | null,
  to: RequestStatus | null,
  bodyId: number | null,
  detail: string | null,
) {
  await database.rows(
    sql`INSERT INTO voice_history (request_id, action, from_status, to_status, body_id, user_id, detail)
        VALUES (${id}, ${action}, ${from}, ${to}, ${bodyId}, ${ctx.actor.userId}, ${detail})`,
    tx,
  );
}

/**
 * Whether the caller may take a request on themself ("Nhận xử lý"): staff who write requests, in the
 * responsible body or a body under it — the same rule as for any officer assigned (assignRequest).
 * The detail page shows the action only when this holds.
 */
export function mayTakeOn(ctx: RequestContext, responsibleBodyPath: string): boolean {
  return ctx.actor.permissions.has("voice:write") && ctx.actor.role !== "enterprise_rep" && ctx.actor.bodyPath.startsWith(responsibleBodyPath);
}

/**
 * Whether the caller may forward a request to its enterprise: an officer who writes requests, of the
 * responsible body, a body above it or below it (the officer who knows the case writes the summary).
 */
export function mayForward(ctx: RequestContext, responsibleBodyPath: string): boolean {
  if (!ctx.actor.permissions.has("voice:write") || ctx.actor.role === "enterprise_rep" || ctx.actor.role === "viewer") return false;
  if (ctx.actor.role === "system_admin") return true;
  return ctx.actor.bodyPath.startsWith(responsibleBodyPath) || responsibleBodyPath.startsWith(ctx.actor.bodyPath);
}

const notResponsible = (bodyName: string) =>
  new AppError(
    "voice_not_responsible",
    `Yêu cầu do ${bodyName} chịu trách nhiệm: chỉ cán bộ của đơn vị này hoặc đơn vị trực thuộc mới nhận xử lý được. Hãy phân công cán bộ của đơn vị đó hoặc chuyển yêu cầu.`,
  );

/** Starting or drafting on an unassigned request assigns the caller, but only if they may take it on. */
const selfIfAllowed = (ctx: RequestContext, r: WriteRow) => (mayTakeOn(ctx, r.bodyPath) ? ctx.actor.userId : null);

/** Assigns an officer of the responsible body (or a body under it). */
export async function assignRequest(database: Database, ctx: RequestContext, id: number, userId: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "phân công");
    if (userId === ctx.actor.userId && !mayTakeOn(ctx, r.bodyPath)) throw notResponsible(r.responsibleBodyName);
    const [u] = await database.rows<{ id: number; fullName: string }>(
      sql`SELECT u.id, u.full_name AS "fullName" FROM users u JOIN bodies b ON b.id = u.body_id
          WHERE u.id = ${userId} AND u.active AND u.role <> 'enterprise_rep' AND b.path LIKE ${`${r.bodyPath}%`}`,
      tx,
    );
    if (!u)
      throw new AppError("validation_failed", "Cán bộ được phân công phải thuộc đơn vị đang chịu trách nhiệm", {
        errors: [{ pointer: "/body/userId", message: "Cán bộ không thuộc đơn vị chịu trách nhiệm" }],
      });
    const to: RequestStatus = r.status === "received" ? "assigned" : r.status;
    await database.rows(sql`UPDATE voice_requests SET assigned_user_id = ${userId}, status = ${to}, updated_at = now() WHERE id = ${id}`, tx);
    await history(database, tx, ctx, id, "assigned", r.status, to, r.responsibleBodyId, `Phân công: ${u.fullName}`);
    if (userId !== ctx.actor.userId) await tellAssignee(tx, id, r.code, userId);
    await audit(database, tx, ctx, {
      action: "voice_request_assign",
      objectType: "voice_request",
      objectId: id,
      before: { assignedUserId: r.assignedUserId },
      after: { assignedUserId: userId },
    });
  });
}

/** The assigned officer starts working on it. */
export async function startRequest(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned"], "bắt đầu giải quyết");
    await database.rows(
      sql`UPDATE voice_requests SET status = 'in_progress', assigned_user_id = coalesce(assigned_user_id, ${selfIfAllowed(ctx, r)}::int), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "started", r.status, "in_progress", r.responsibleBodyId, null);
    await audit(database, tx, ctx, { action: "voice_request_start", objectType: "voice_request", objectId: id });
  });
}

/**
 * Transfers to another body with a reason: the old clock is closed (kept in voice_transfers) and a
 * new deadline counts from today — a deadline that survives a transfer is the classic helpdesk bug.
 */
export async function transferRequest(database: Database, ctx: RequestContext, id: number, input: { toBodyId: number; reason: string }) {
  refuseEnterprise(ctx);
  const out = await database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "chuyển");
    if (input.toBodyId === r.responsibleBodyId)
      throw new AppError("validation_failed", "Yêu cầu đã thuộc đơn vị này", { errors: [{ pointer: "/body/toBodyId", message: "Chọn đơn vị khác" }] });
    const [b] = await database.rows<{ id: number; name: string }>(
      sql`SELECT id, name FROM bodies WHERE id = ${input.toBodyId} AND kind IN ('federation','zone_union','grassroots_union','zone_authority')`,
      tx,
    );
    if (!b)
      throw new AppError("validation_failed", "Đơn vị nhận không hợp lệ", { errors: [{ pointer: "/body/toBodyId", message: "Đơn vị nhận không hợp lệ" }] });
    const settings = await voiceSettings(database, tx);
    const today = vnToday();
    const newDeadline = addWorkingDays(today, settings.deadlines[r.kind as keyof typeof settings.deadlines] ?? 10, await holidays(database, tx));
    await database.rows(
      sql`INSERT INTO voice_transfers (request_id, from_body_id, to_body_id, reason, old_clock_started_on, old_deadline, new_deadline, user_id)
          VALUES (${id}, ${r.responsibleBodyId}, ${b.id}, ${input.reason}, ${r.clockStartedOn}, ${r.deadline}, ${newDeadline}, ${ctx.actor.userId})`,
      tx,
    );
    await database.rows(
      sql`UPDATE voice_requests SET responsible_body_id = ${b.id}, assigned_user_id = NULL, status = 'received', clock_started_on = ${today},
            deadline = ${newDeadline}, escalated_at = NULL, answer_status = CASE WHEN answer_status = 'published' THEN answer_status ELSE 'none' END,
            updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(
      database,
      tx,
      ctx,
      id,
      "transferred",
      r.status,
      "received",
      b.id,
      `Chuyển đến ${b.name}. Lý do: ${input.reason}. Hạn mới: ${formatDate(newDeadline)}`,
    );
    await tellWorker(database, tx, id, r.code, "transfer");
    await enqueuePush(tx, { requestId: id, code: r.code, status: "received", event: "transferred" });
    await tellNewBody(tx, id, r.code, b.id);
    await audit(database, tx, ctx, {
      action: "voice_request_transfer",
      objectType: "voice_request",
      objectId: id,
      before: { bodyId: r.responsibleBodyId, deadline: r.deadline },
      after: { bodyId: b.id, deadline: newDeadline },
      detail: { reason: input.reason },
    });
    return { deadline: newDeadline, responsibleBodyId: b.id };
  });
  return out;
}

/** Runs of this many words copied from the worker's text count as the worker's words. */
const COPIED_RUN = 6;
function copiedRun(summary: string, source: string): boolean {
  const words = (t: string) =>
    fold(t)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const src = words(source);
  if (src.length < COPIED_RUN) return false;
  const runs = new Set<string>();
  for (let i = 0; i + COPIED_RUN <= src.length; i++) runs.add(src.slice(i, i + COPIED_RUN).join(" "));
  const sum = words(summary);
  for (let i = 0; i + COPIED_RUN <= sum.length; i++) if (runs.has(sum.slice(i, i + COPIED_RUN).join(" "))) return true;
  return false;
}

/**
 * "Chuyển doanh nghiệp": the officer forwards the request to its enterprise with a summary they wrote.
 * The enterprise sees that summary and the day, nothing else. The summary may not carry the sender's
 * name, phone or ID, nor the worker's title or a run of their words; a request the worker asked to
 * keep from the employer needs the officer's explicit confirmation. Forwarding again replaces the summary.
 */
export async function forwardRequest(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: { summary: string; acknowledgePrivate?: boolean | undefined },
) {
  refuseEnterprise(ctx);
  const summary = cleanText(input.summary);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (!mayForward(ctx, r.bodyPath)) throw notResponsible(r.responsibleBodyName);
    const [x] = await database.rows<{ enterpriseId: number | null; title: string; description: string; private: boolean; ref: string | null }>(
      sql`SELECT enterprise_id AS "enterpriseId", title, description, description_private AS private, enterprise_ref AS ref FROM voice_requests WHERE id = ${id}`,
      tx,
    );
    if (!x?.enterpriseId) throw new AppError("voice_bad_transition", "Yêu cầu không gắn với doanh nghiệp nào trong danh bạ: không có doanh nghiệp để chuyển");
    const bad = (message: string) => new AppError("validation_failed", message, { errors: [{ pointer: "/body/summary", message }] });
    const ids = (await identityStrings(database, id, tx)).filter((v) => v.trim().length >= 3);
    const folded = fold(summary);
    if (ids.some((v) => folded.includes(fold(v)))) throw bad("Tóm tắt còn họ tên, số điện thoại hoặc số CCCD của người gửi; hãy xóa trước khi chuyển");
    if (folded.includes(fold(x.title)) || copiedRun(summary, `${x.title}\n${x.description}`))
      throw bad("Tóm tắt chép nguyên văn lời người gửi; hãy viết lại bằng lời của cán bộ, không nêu chi tiết có thể nhận ra người gửi");
    if (x.private && !input.acknowledgePrivate)
      throw new AppError(
        "voice_private_forward",
        "Người gửi đề nghị không cho doanh nghiệp biết nội dung: xác nhận rằng tóm tắt không để lộ người gửi trước khi chuyển",
        {
          errors: [{ pointer: "/body/acknowledgePrivate", message: "Xác nhận tóm tắt không để lộ người gửi" }],
        },
      );
    const ref = x.ref ?? newForwardRef();
    await database.rows(
      sql`UPDATE voice_requests SET forwarded_at = now(), forwarded_by = ${ctx.actor.userId}, enterprise_summary = ${summary}, enterprise_ref = ${ref}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "forwarded", r.status, r.status, r.responsibleBodyId, `Chuyển doanh nghiệp (${ref}): ${summary}`);
    await audit(database, tx, ctx, {
      action: "voice_request_forward",
      objectType: "voice_request",
      objectId: id,
      after: { enterpriseId: x.enterpriseId, ref, summary },
      detail: { private: x.private, again: x.ref !== null },
    });
    return { ref, forwardedOn: vnToday() };
  });
}

/** The enterprise's reference of a forwarded request: random, so it does not date the filing. */
function newForwardRef(): string {
  return `CV-${groupFour(draw(8))}`;
}

export async function addNote(database: Database, ctx: RequestContext, id: number, body: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    const [n] = await database.rows<{ id: number }>(
      sql`INSERT INTO voice_notes (request_id, body, user_id) VALUES (${id}, ${body.normalize("NFC").trim()}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    await history(database, tx, ctx, id, "note", r.status, r.status, null, null);
    await audit(database, tx, ctx, { action: "voice_note_add", objectType: "voice_request", objectId: id, detail: { noteId: n?.id } });
    return { id: n?.id ?? 0 };
  });
}

/**
 * The officer asks the worker for more information: the question is shown on the tracking page
 * (/theo-doi), where the worker answers with an addition; the worker is told (code and link only).
 */
export async function askForInfo(database: Database, ctx: RequestContext, id: number, message: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "đề nghị bổ sung thông tin");
    await database.rows(sql`INSERT INTO voice_additions (request_id, body, source) VALUES (${id}, ${message.normalize("NFC").trim()}, 'staff')`, tx);
    await history(database, tx, ctx, id, "info_requested", r.status, r.status, r.responsibleBodyId, "Đề nghị người gửi bổ sung thông tin");
    await tellWorker(database, tx, id, r.code, "more_info");
    await audit(database, tx, ctx, { action: "voice_ask_info", objectType: "voice_request", objectId: id });
  });
}

/** The answer is drafted and goes to review; nothing reaches the public yet. */
export async function draftAnswer(database: Database, ctx: RequestContext, id: number, answer: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "soạn câu trả lời");
    await database.rows(
      sql`UPDATE voice_requests SET public_answer = ${answer.normalize("NFC").trim()}, answer_status = 'in_review', answer_drafted_by = ${ctx.actor.userId},
            answer_reviewed_by = NULL, status = 'in_progress', assigned_user_id = coalesce(assigned_user_id, ${selfIfAllowed(ctx, r)}::int), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "answer_drafted", r.status, "in_progress", r.responsibleBodyId, "Câu trả lời chờ duyệt");
    await tellReviewers(tx, id, r.code, r.responsibleBodyId, ctx.actor.userId);
    await audit(database, tx, ctx, { action: "voice_answer_draft", objectType: "voice_request", objectId: id });
  });
}

/** A second person approves or returns the draft; the drafter cannot approve their own. */
export async function reviewAnswer(database: Database, ctx: RequestContext, id: number, input: { approve: boolean; comment?: string | undefined }) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (r.answerStatus !== "in_review") throw new AppError("voice_bad_transition", "Không có câu trả lời nào đang chờ duyệt");
    if (r.answerDraftedBy === ctx.actor.userId) throw new AppError("voice_review_self", "Người soạn không tự duyệt câu trả lời của mình");
    await database.rows(
      sql`UPDATE voice_requests SET answer_status = ${input.approve ? "approved" : "none"}, answer_reviewed_by = ${ctx.actor.userId}, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, input.approve ? "answer_approved" : "answer_returned", r.status, r.status, r.responsibleBodyId, input.comment ?? null);
    await audit(database, tx, ctx, {
      action: input.approve ? "voice_answer_approve" : "voice_answer_return",
      objectType: "voice_request",
      objectId: id,
      detail: { comment: input.comment },
    });
  });
}

/** Publishes the approved answer: the requester sees it and the request is answered. */
export async function publishAnswer(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  const out = await database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (r.answerStatus !== "approved") throw new AppError("voice_bad_transition", "Câu trả lời cần được duyệt trước khi công bố");
    await database.rows(
      sql`UPDATE voice_requests SET answer_status = 'published', status = 'answered', answered_at = now(), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "answered", r.status, "answered", r.responsibleBodyId, "Công bố câu trả lời");
    await tellWorker(database, tx, id, r.code, "answer");
    await enqueuePush(tx, { requestId: id, code: r.code, status: "answered", event: "answered" });
    await audit(database, tx, ctx, { action: "voice_answer_publish", objectType: "voice_request", objectId: id });
  });
  return out;
}

export async function closeRequest(database: Database, ctx: RequestContext, id: number, reason: string | undefined) {
  refuseEnterprise(ctx);
  const out = await database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["answered"], "đóng");
    await database.rows(sql`UPDATE voice_requests SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = ${id}`, tx);
    await history(database, tx, ctx, id, "closed", r.status, "closed", r.responsibleBodyId, reason ?? null);
    // The contact was for notices about this request only: it goes when the request closes.
    await forgetNoticeContact(tx, id);
    await enqueuePush(tx, { requestId: id, code: r.code, status: "closed", event: "closed" });
    await audit(database, tx, ctx, { action: "voice_request_close", objectType: "voice_request", objectId: id });
  });
  return out;
}

/** Reopens an answered or closed request within the configured window; a new clock starts. */
export async function reopenRequest(database: Database, ctx: RequestContext, id: number, reason: string) {
  refuseEnterprise(ctx);
  const out = await database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["answered", "closed"], "mở lại");
    const settings = await voiceSettings(database, tx);
    const ended = r.closedAt ?? r.answeredAt;
    const until = addDays(vnToday(ended ? new Date(iso(ended)) : now()), settings.reopenDays);
    const today = vnToday();
    if (today > until) throw new AppError("voice_reopen_expired", `Chỉ mở lại được trong ${settings.reopenDays} ngày (đến ${formatDate(until)})`);
    const deadline = addWorkingDays(today, settings.deadlines[r.kind as keyof typeof settings.deadlines] ?? 10, await holidays(database, tx));
    await database.rows(
      sql`UPDATE voice_requests SET status = 'in_progress', closed_at = NULL, answer_status = 'none', clock_started_on = ${today}, deadline = ${deadline},
            escalated_at = NULL, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "reopened", r.status, "in_progress", r.responsibleBodyId, `${reason}. Hạn mới: ${formatDate(deadline)}`);
    await enqueuePush(tx, { requestId: id, code: r.code, status: "in_progress", event: "reopened" });
    await audit(database, tx, ctx, { action: "voice_request_reopen", objectType: "voice_request", objectId: id, detail: { reason }, after: { deadline } });
    return { deadline };
  });
  return out;
}

export async function receivingBodies(database: Database, ctx: RequestContext, q: string | undefined) {
  refuseEnterprise(ctx);
  const f = q ? fold(q) : "";
  // City-level callers may send anywhere; others up to the city bodies, to their own parent, or down their subtree.
  const reach =
    ctx.actor.scope.kind === "city"
      ? sql`true`
      : sql`(kind IN ('federation','zone_authority') OR path LIKE ${`${ctx.actor.bodyPath}%`} OR id = (SELECT parent_id FROM bodies WHERE id = ${ctx.actor.bodyId}))`;
  return database.rows<{ id: number; name: string; kind: string }>(
    sql`SELECT id, name, kind FROM bodies WHERE kind IN ('federation','zone_union','grassroots_union','zone_authority') AND ${reach}
        ${f ? sql`AND name_fold LIKE ${`%${f.replace(/[%_\\]/g, "\\$&")}%`}` : sql``}
        ORDER BY CASE kind WHEN 'federation' THEN 0 WHEN 'zone_authority' THEN 1 WHEN 'zone_union' THEN 2 ELSE 3 END, name LIMIT 20`,
  );
}

/** Officers who may be assigned a request: active staff of its responsible body or below. */
export async function assignableOfficers(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  const [r] = await database.rows<{ path: string }>(sql`SELECT rb.path ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)}`);
  if (!r) throw notFound();
  return database.rows<{ id: number; fullName: string; bodyName: string }>(
    sql`SELECT u.id, u.full_name AS "fullName", b.name AS "bodyName" FROM users u JOIN bodies b ON b.id = u.body_id
        WHERE u.active AND u.role IN ('body_admin','officer','union_officer') AND b.path LIKE ${`${r.path}%`} ORDER BY b.path, u.full_name LIMIT 100`,
  );
}
