/** What officers read of the hotline's calls: the log, one call's card (audited), call-back tasks. */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit, personScope } from "#server/modules/access/index.ts";
import { normalizeContactPhone } from "#shared/identifiers.ts";
import { callScope } from "./hotline.service.ts";
import { requestScope, iso, isoOrNull } from "./requests.shared.ts";

/** A caller's number as Vietnamese offices write it (+84 912… is 0912…); a number of no known shape kept as its digits. */
export function normalisePhone(raw: string): string {
  return normalizeContactPhone(raw) ?? raw.replace(/[^\d+]/g, "");
}

/** The ways the same number may have been typed into a request or the registry. */
function phoneVariants(phone: string): string[] {
  const local = normalisePhone(phone);
  return local.startsWith("0") ? [local, `+84${local.slice(1)}`, `84${local.slice(1)}`] : [local];
}
const anyOf = (xs: string[]) =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

interface CallRow {
  id: number;
  callId: string;
  line: string;
  bodyId: number;
  bodyName: string;
  callerPhone: string | null;
  calledAt: unknown;
  status: "missed" | "answered";
  requestId: number | null;
  requestCode: string | null;
  callbackDue: unknown;
  callbackClosedAt: unknown;
  callbackNote: string | null;
  nobodyOnDuty: boolean;
  onDuty: string[] | null;
}

const callColumns = sql`c.id, c.call_id AS "callId", c.line, c.body_id AS "bodyId", cb.name AS "bodyName", c.caller_phone AS "callerPhone",
  c.called_at AS "calledAt", c.status, c.request_id AS "requestId", vr.code AS "requestCode", c.callback_due AS "callbackDue",
  c.callback_closed_at AS "callbackClosedAt", c.callback_note AS "callbackNote", c.nobody_on_duty AS "nobodyOnDuty",
  -- Who was on duty when the call came: the shifts of its line open at that instant and not yet stale.
  (SELECT array_agg(u.full_name ORDER BY d.started_at) FROM voice_hotline_duty d JOIN users u ON u.id = d.user_id
    WHERE d.line = c.line AND d.started_at <= c.received_at AND (d.ended_at IS NULL OR d.ended_at > c.received_at)
      AND d.started_at > c.received_at - interval '14 hours') AS "onDuty"`;
const fromCalls = sql`FROM voice_calls c JOIN bodies cb ON cb.id = c.body_id LEFT JOIN voice_requests vr ON vr.id = c.request_id`;

function shape(r: CallRow) {
  return { ...r, onDuty: r.onDuty ?? [], calledAt: iso(r.calledAt), callbackDue: isoOrNull(r.callbackDue), callbackClosedAt: isoOrNull(r.callbackClosedAt) };
}
export type CallSummary = ReturnType<typeof shape>;

/** The call log of the caller's bodies, newest first; `callbacks` lists the open call-back tasks by deadline. */
export async function listCalls(
  database: Database,
  ctx: RequestContext,
  q: { callbacks?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: CallSummary[]; total: number }> {
  const where: SQL = q.callbacks ? sql`AND c.callback_due IS NOT NULL AND c.callback_closed_at IS NULL` : sql``;
  const order = q.callbacks ? sql`c.callback_due, c.id` : sql`c.called_at DESC, c.id DESC`;
  const rows = await database.rows<CallRow & { total: number }>(
    sql`SELECT ${callColumns}, count(*) OVER ()::int AS total ${fromCalls} WHERE ${callScope(ctx)} ${where}
        ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  return { items: rows.map(({ total: _t, ...r }) => shape(r)), total: rows[0]?.total ?? 0 };
}

/** One call in the caller's scope (the stream's event), or null. */
export async function callFor(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<CallSummary | null> {
  const [row] = await database.rows<CallRow>(sql`SELECT ${callColumns} ${fromCalls} WHERE c.id = ${id} AND ${callScope(ctx)}`, tx);
  return row ? shape(row) : null;
}

/**
 * The card that pops on the officer's screen: the call, the caller's earlier requests and the people
 * of the registry with that number — each drawn within the officer's own scope — and the look audited.
 */
export async function callCard(database: Database, ctx: RequestContext, id: number) {
  return database.db.transaction(async (tx) => {
    const call = await callFor(database, ctx, id, tx);
    if (!call) throw notFound();
    const phones = call.callerPhone ? phoneVariants(call.callerPhone) : [];
    // Which requests a number filed says who filed them: shown to those who may see identities.
    const requests =
      phones.length && ctx.actor.permissions.has("voice:identity")
        ? await database.rows<{ id: number; code: string; title: string; kind: string; status: string; receivedAt: unknown }>(
            sql`SELECT r.id, r.code, r.title, r.kind, r.status, r.received_at AS "receivedAt"
              FROM voice_requests r JOIN voice_requesters q ON q.request_id = r.id
              JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id
              WHERE q.phone = ANY(${anyOf(phones)}) AND ${requestScope(ctx)} ORDER BY r.received_at DESC LIMIT 10`,
            tx,
          )
        : [];
    const people =
      phones.length && ctx.actor.permissions.has("people:read") && ctx.actor.permissions.has("voice:identity")
        ? await database.rows<{ id: number; fullName: string; enterpriseName: string | null; unionName: string | null; memberSince: string | null }>(
            sql`SELECT p.id, p.full_name AS "fullName", e.name AS "enterpriseName", u.name AS "unionName", m.valid_from::text AS "memberSince"
                FROM people p LEFT JOIN enterprises e ON e.id = p.enterprise_id
                LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL LEFT JOIN unions u ON u.id = m.union_id
                WHERE p.phone = ANY(${anyOf(phones)}) AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)}
                ORDER BY p.id LIMIT 5`,
            tx,
          )
        : [];
    await audit(database, tx, ctx, {
      action: "voice_call_card",
      objectType: "voice_call",
      objectId: id,
      detail: { people: people.map((p) => p.id), requests: requests.map((r) => r.id) },
    });
    return { call, requests: requests.map((r) => ({ ...r, receivedAt: iso(r.receivedAt) })), people };
  });
}

/** Closes a call-back task with what came of it; audited. */
export async function closeCallback(database: Database, ctx: RequestContext, id: number, note: string) {
  await database.db.transaction(async (tx) => {
    const call = await callFor(database, ctx, id, tx);
    if (!call) throw notFound();
    if (!call.callbackDue || call.callbackClosedAt) throw new AppError("conflict", "Cuộc gọi này không có việc gọi lại đang mở");
    await database.rows(
      sql`UPDATE voice_calls SET callback_closed_at = now(), callback_closed_by = ${ctx.actor.userId}, callback_note = ${note} WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "voice_callback_close", objectType: "voice_call", objectId: id, after: { note } });
  });
  return callFor(database, ctx, id);
}

/** Links a call to the request it became (intake from the card), inside the intake's transaction. */
export async function linkCall(database: Database, tx: Tx, ctx: RequestContext, callId: number, requestId: number): Promise<void> {
  const [row] = await database.rows<{ id: number }>(
    sql`UPDATE voice_calls c SET request_id = ${requestId} FROM bodies cb
        WHERE c.id = ${callId} AND cb.id = c.body_id AND c.request_id IS NULL AND ${callScope(ctx)} RETURNING c.id`,
    tx,
  );
  if (!row)
    throw new AppError("validation_failed", "Cuộc gọi không tìm thấy hoặc đã thành yêu cầu khác", {
      errors: [{ pointer: "/body/callId", message: "Cuộc gọi không tìm thấy hoặc đã thành yêu cầu khác" }],
    });
}
