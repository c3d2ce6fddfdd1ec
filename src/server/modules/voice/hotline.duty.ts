/** Officers on duty for a hotline line: shifts started and ended, and who a reported call reaches. */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { nowMs } from "#shared/clock.ts";
import { callScope } from "./hotline.service.ts";

/** A shift open longer than this was left behind (nobody pressed "Kết thúc ca trực"): not on duty. */
export const STALE_SHIFT_MS = 14 * 60 * 60 * 1000;

/** The instant before which an open shift no longer counts. */
function freshSince(): string {
  return new Date(nowMs() - STALE_SHIFT_MS).toISOString();
}

/** SQL: shift `d` is open and not stale. */
const openShift = (): SQL => sql`d.ended_at IS NULL AND d.started_at > ${freshSince()}::timestamptz`;

/**
 * The officers on duty for a line now, inside the webhook's transaction. An officer who may no longer
 * see the line's calls (deactivated, or the line moved to a body outside theirs) does not count: the
 * call would reach nobody.
 */
export async function onDutyFor(database: Database, tx: Tx, line: string): Promise<number[]> {
  const rows = await database.rows<{ userId: number }>(
    sql`SELECT d.user_id AS "userId" FROM voice_hotline_duty d JOIN users u ON u.id = d.user_id JOIN bodies ub ON ub.id = u.body_id
          JOIN voice_hotline_lines l ON l.line = d.line JOIN bodies lb ON lb.id = l.body_id
        WHERE d.line = ${line} AND u.active AND (ub.kind = 'system' OR lb.path LIKE ub.path || '%') AND ${openShift()} ORDER BY d.user_id`,
    tx,
  );
  return rows.map((r) => r.userId);
}

export interface DutyOfficer {
  userId: number;
  fullName: string;
  startedAt: string;
}
export interface DutyLine {
  line: string;
  bodyId: number;
  bodyName: string;
  officers: DutyOfficer[];
}

/** Who is on duty per line of the caller's bodies, and the caller's own shift. */
export async function currentDuty(database: Database, ctx: RequestContext): Promise<{ lines: DutyLine[]; mine: { line: string; startedAt: string } | null }> {
  const lines = await database.rows<{ line: string; bodyId: number; bodyName: string }>(
    sql`SELECT l.line, l.body_id AS "bodyId", cb.name AS "bodyName" FROM voice_hotline_lines l JOIN bodies cb ON cb.id = l.body_id
        WHERE ${callScope(ctx)} ORDER BY cb.name, l.line`,
  );
  const shifts = await database.rows<{ line: string; userId: number; fullName: string; startedAt: unknown }>(
    sql`SELECT d.line, d.user_id AS "userId", u.full_name AS "fullName", d.started_at AS "startedAt"
        FROM voice_hotline_duty d JOIN users u ON u.id = d.user_id JOIN voice_hotline_lines l ON l.line = d.line JOIN bodies cb ON cb.id = l.body_id
        WHERE ${openShift()} AND u.active AND ${callScope(ctx)} ORDER BY d.started_at, d.id`,
  );
  const iso = (v: unknown) => new Date(v as string).toISOString();
  const [mine] = await database.rows<{ line: string; startedAt: unknown }>(
    sql`SELECT d.line, d.started_at AS "startedAt" FROM voice_hotline_duty d WHERE d.user_id = ${ctx.actor.userId} AND ${openShift()}`,
  );
  return {
    lines: lines.map((l) => ({
      ...l,
      officers: shifts.filter((s) => s.line === l.line).map((s) => ({ userId: s.userId, fullName: s.fullName, startedAt: iso(s.startedAt) })),
    })),
    mine: mine ? { line: mine.line, startedAt: iso(mine.startedAt) } : null,
  };
}

/** "Nhận ca trực": the officer goes on duty for a line of their body; audited. */
export async function startShift(database: Database, ctx: RequestContext, line: string): Promise<void> {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  await database.db.transaction(async (tx) => {
    const [l] = await database.rows<{ line: string }>(
      sql`SELECT l.line FROM voice_hotline_lines l JOIN bodies cb ON cb.id = l.body_id WHERE l.line = ${line} AND ${callScope(ctx)}`,
      tx,
    );
    if (!l)
      throw new AppError("validation_failed", "Đường dây không thuộc đơn vị của bạn", {
        errors: [{ pointer: "/body/line", message: "Đường dây không thuộc đơn vị của bạn hoặc chưa được khai báo" }],
      });
    // A shift left open past the bound is closed where it stopped counting, so the officer can start again.
    await database.rows(
      sql`UPDATE voice_hotline_duty d SET ended_at = d.started_at + interval '14 hours', ended_by = ${ctx.actor.userId}
          WHERE d.user_id = ${ctx.actor.userId} AND d.ended_at IS NULL AND d.started_at <= ${freshSince()}::timestamptz`,
      tx,
    );
    const [open] = await database.rows<{ line: string }>(
      sql`SELECT d.line FROM voice_hotline_duty d WHERE d.user_id = ${ctx.actor.userId} AND d.ended_at IS NULL`,
      tx,
    );
    if (open) throw new AppError("conflict", `Bạn đang trực đường dây ${open.line}: kết thúc ca trực đó trước khi nhận ca mới`);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO voice_hotline_duty (user_id, line, started_at) VALUES (${ctx.actor.userId}, ${line}, ${new Date(nowMs()).toISOString()})
          ON CONFLICT DO NOTHING RETURNING id`,
      tx,
    );
    // Two starts at once on two servers: the unique index lets one through.
    if (!row) throw new AppError("conflict", "Bạn đang trong một ca trực: kết thúc ca trực đó trước khi nhận ca mới");
    await audit(database, tx, ctx, { action: "voice_hotline_duty_start", objectType: "voice_hotline_line", objectId: line, after: { shift: row.id } });
  });
}

/**
 * "Kết thúc ca trực": the officer's own open shift, or (userId given) another officer's, which only an
 * administrator of the line's body (or a system administrator) may end; audited.
 */
export async function endShift(database: Database, ctx: RequestContext, userId?: number): Promise<void> {
  const target = userId ?? ctx.actor.userId;
  const other = target !== ctx.actor.userId;
  if (other && !ctx.actor.permissions.has("admin:users")) throw new AppError("forbidden", "Chỉ quản trị viên của đơn vị được kết thúc ca trực của người khác");
  await database.db.transaction(async (tx) => {
    const [shift] = await database.rows<{ id: number; line: string }>(
      sql`SELECT d.id, d.line FROM voice_hotline_duty d JOIN voice_hotline_lines l ON l.line = d.line JOIN bodies cb ON cb.id = l.body_id
          WHERE d.user_id = ${target} AND d.ended_at IS NULL AND ${callScope(ctx)} FOR UPDATE OF d`,
      tx,
    );
    if (!shift) {
      if (other) throw notFound();
      throw new AppError("conflict", "Bạn không có ca trực nào đang mở");
    }
    await database.rows(
      sql`UPDATE voice_hotline_duty SET ended_at = ${new Date(nowMs()).toISOString()}, ended_by = ${ctx.actor.userId} WHERE id = ${shift.id}`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_hotline_duty_end",
      objectType: "voice_hotline_line",
      objectId: shift.line,
      after: { shift: shift.id, userId: target },
    });
  });
}
