/** The hotline's calls as the PBX reports them: lines, the signed webhook's record, call-back deadlines. */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { addDays, nowMs, vnDate, vnTimeOfDay } from "#shared/clock.ts";
import { holidays, isWorkingDay } from "./calendar.ts";
import { onDutyFor } from "./hotline.duty.ts";
import { type CallEvent, publishCall } from "./hotline.events.ts";
import { SIGNATURE_WINDOW_MS } from "./hotline.signature.ts";

export interface LineHours {
  opensAt: string | null;
  closesAt: string | null;
}

/** 12:00 in Vietnam of a day, as an instant. */
function vnNoon(day: string): Date {
  return new Date(Date.parse(`${day}T12:00:00+07:00`));
}

/**
 * When a missed call must be called back, or null when it came in the line's hours (the officers on
 * duty saw it) or the line is staffed around the clock. A call before the line opens on a working day
 * is due at 12:00 that day — the next working morning; a call after it closes, or on a weekend or
 * holiday, at 12:00 of the next working day (Friday evening → Monday, skipping holidays).
 */
export function callbackDue(calledAt: Date, hours: LineHours, days: ReadonlySet<string>): Date | null {
  if (!hours.opensAt || !hours.closesAt) return null;
  const day = vnDate(calledAt);
  const time = vnTimeOfDay(calledAt);
  const opens = hours.opensAt.slice(0, 5);
  const closes = hours.closesAt.slice(0, 5);
  const working = isWorkingDay(day, days);
  if (working && time >= opens && time < closes) return null;
  if (working && time < opens) return vnNoon(day);
  let next = addDays(day, 1);
  while (!isWorkingDay(next, days)) next = addDays(next, 1);
  return vnNoon(next);
}

export interface CallReport {
  callId: string;
  caller: string;
  line: string;
  at: string;
  status: "missed" | "answered";
}

/**
 * Stores a reported call once: a retried webhook with the same call id answers the stored call and
 * tells nobody again. A signature seen before is refused (a captured request played back).
 */
export async function recordCall(database: Database, report: CallReport, signature: string): Promise<{ id: number; created: boolean }> {
  const days = await holidays(database);
  const out = await database.db.transaction(async (tx) => {
    await spendSignature(database, tx, signature);
    const [line] = await database.rows<{ bodyId: number; bodyPath: string; opensAt: string | null; closesAt: string | null }>(
      sql`SELECT l.body_id AS "bodyId", b.path AS "bodyPath", l.opens_at::text AS "opensAt", l.closes_at::text AS "closesAt"
          FROM voice_hotline_lines l JOIN bodies b ON b.id = l.body_id WHERE l.line = ${report.line}`,
      tx,
    );
    if (!line)
      throw new AppError("validation_failed", "Số đường dây chưa được khai báo", {
        errors: [{ pointer: "/body/line", message: "Số đường dây chưa được khai báo trong Cầu Nối" }],
      });
    const calledAt = new Date(report.at);
    const due = report.status === "missed" ? callbackDue(calledAt, line, days) : null;
    const onDuty = await onDutyFor(database, tx, report.line);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO voice_calls (call_id, line, body_id, caller_phone, called_at, status, callback_due, nobody_on_duty)
          VALUES (${report.callId}, ${report.line}, ${line.bodyId}, ${report.caller}, ${calledAt.toISOString()}, ${report.status}, ${due?.toISOString() ?? null},
                  ${onDuty.length === 0})
          ON CONFLICT (call_id) DO NOTHING RETURNING id`,
      tx,
    );
    const event: Omit<CallEvent, "id"> = { bodyPath: line.bodyPath, onDuty: onDuty.length ? onDuty : null };
    if (row) return { id: row.id, created: true, event };
    const [old] = await database.rows<{ id: number }>(sql`SELECT id FROM voice_calls WHERE call_id = ${report.callId}`, tx);
    return { id: old?.id ?? 0, created: false, event };
  });
  if (out.created) await publishCall(database, { id: out.id, ...out.event });
  return { id: out.id, created: out.created };
}

async function spendSignature(database: Database, tx: Tx, signature: string) {
  const cutoff = new Date(nowMs() - 2 * SIGNATURE_WINDOW_MS).toISOString();
  await database.rows(sql`DELETE FROM voice_hotline_signatures WHERE seen_at < ${cutoff}::timestamptz`, tx);
  const [fresh] = await database.rows<{ signature: string }>(
    sql`INSERT INTO voice_hotline_signatures (signature) VALUES (${signature}) ON CONFLICT DO NOTHING RETURNING signature`,
    tx,
  );
  if (!fresh) throw new AppError("conflict", "Yêu cầu này đã được nhận (gửi lại chữ ký cũ)");
}

/** SQL: the call's body (alias cb) is the caller's body or lies under it; a system administrator sees all. */
export function callScope(ctx: RequestContext): SQL {
  if (ctx.actor.bodyKind === "system") return sql`true`;
  return sql`cb.path LIKE ${`${ctx.actor.bodyPath}%`}`;
}

/**
 * Whether a call reaches this officer's screen: the officers on duty for its line when there were any,
 * else every officer of the line's body (and above it).
 */
export function hearsCall(ctx: RequestContext, event: Pick<CallEvent, "bodyPath" | "onDuty">): boolean {
  if (ctx.actor.scope.kind === "enterprise") return false;
  if (event.onDuty) return event.onDuty.includes(ctx.actor.userId);
  return ctx.actor.bodyKind === "system" || event.bodyPath.startsWith(ctx.actor.bodyPath);
}

export interface LineRow {
  line: string;
  bodyId: number;
  bodyName: string;
  opensAt: string | null;
  closesAt: string | null;
}

/** The lines of the caller's bodies. */
export async function listLines(database: Database, ctx: RequestContext): Promise<LineRow[]> {
  return database.rows<LineRow>(
    sql`SELECT l.line, l.body_id AS "bodyId", cb.name AS "bodyName", to_char(l.opens_at, 'HH24:MI') AS "opensAt", to_char(l.closes_at, 'HH24:MI') AS "closesAt"
        FROM voice_hotline_lines l JOIN bodies cb ON cb.id = l.body_id WHERE ${callScope(ctx)} ORDER BY cb.name, l.line`,
  );
}

/** Adds or changes a line (its body within the administrator's, its hours); audited. */
export async function putLine(database: Database, ctx: RequestContext, line: string, input: { bodyId: number } & LineHours): Promise<LineRow> {
  await database.db.transaction(async (tx) => {
    const [body] = await database.rows<{ id: number }>(sql`SELECT cb.id FROM bodies cb WHERE cb.id = ${input.bodyId} AND ${callScope(ctx)}`, tx);
    if (!body) throw new AppError("validation_failed", "Không tìm thấy đơn vị", { errors: [{ pointer: "/body/bodyId", message: "Không tìm thấy đơn vị" }] });
    const [before] = await database.rows<{ bodyId: number; opensAt: string | null; closesAt: string | null; mine: boolean }>(
      sql`SELECT l.body_id AS "bodyId", l.opens_at::text AS "opensAt", l.closes_at::text AS "closesAt", ${callScope(ctx)} AS mine
          FROM voice_hotline_lines l JOIN bodies cb ON cb.id = l.body_id WHERE l.line = ${line}`,
      tx,
    );
    // Another body's line is not this administrator's to take over.
    if (before && !before.mine) throw notFound();
    await database.rows(
      sql`INSERT INTO voice_hotline_lines (line, body_id, opens_at, closes_at, updated_by)
          VALUES (${line}, ${input.bodyId}, ${input.opensAt}::time, ${input.closesAt}::time, ${ctx.actor.userId})
          ON CONFLICT (line) DO UPDATE SET body_id = EXCLUDED.body_id, opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at,
            updated_by = EXCLUDED.updated_by, updated_at = now()`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_hotline_line_put",
      objectType: "voice_hotline_line",
      objectId: line,
      before: before ?? null,
      after: input,
    });
  });
  const row = (await listLines(database, ctx)).find((l) => l.line === line);
  if (!row) throw notFound();
  return row;
}
