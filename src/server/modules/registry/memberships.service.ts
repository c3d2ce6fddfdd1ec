import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatDate } from "#shared/text.ts";
import { addDays } from "./registry.common.ts";
import { checkUnionInScope, getPersonRow, timelineOf } from "./people.service.ts";
import { countsInScope } from "./membership-counts.ts";

/*
 * Memberships are intervals, never overwritten: the yearly report counts members as of 31/12, and
 * a transfer must not make a worker vanish from last year's figures. valid_to is the last day of
 * membership (inclusive); a transfer on day D closes the old interval on D-1 and opens the new one on D.
 */

interface OpenInterval {
  id: number;
  unionId: number;
  validFrom: string;
}

async function openOf(database: Database, personId: number, tx: Tx): Promise<OpenInterval | null> {
  const [row] = await database.rows<OpenInterval>(
    sql`SELECT id, union_id AS "unionId", valid_from AS "validFrom" FROM memberships WHERE person_id = ${personId} AND valid_to IS NULL FOR UPDATE`,
    tx,
  );
  return row ?? null;
}

const dateError = (message: string) => new AppError("validation_failed", message, { errors: [{ pointer: "/body/date", message }] });

/** Joins a union; a person who was a member before rejoins (start reason "rejoin"). */
export async function join(
  database: Database,
  ctx: RequestContext,
  personId: number,
  input: { unionId: number; date: string; cardNo?: string | null | undefined },
) {
  return database.db.transaction(async (tx) => {
    await getPersonRow(database, ctx, personId, tx);
    await checkUnionInScope(database, ctx, input.unionId, tx);
    const open = await openOf(database, personId, tx);
    if (open) throw new AppError("membership_open", "Người này đang là đoàn viên; hãy dùng chuyển sinh hoạt hoặc ghi nhận thôi sinh hoạt trước");
    const [last] = await database.rows<{ lastTo: string | null }>(sql`SELECT max(valid_to) AS "lastTo" FROM memberships WHERE person_id = ${personId}`, tx);
    if (last?.lastTo && input.date <= last.lastTo) throw dateError(`Ngày vào phải sau ngày thôi sinh hoạt gần nhất (${last.lastTo})`);
    const reason = last?.lastTo ? "rejoin" : "join";
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason) VALUES (${personId}, ${input.unionId}, ${input.cardNo ?? null}, ${input.date}, ${reason}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, { action: reason, objectType: "membership", objectId: row?.id, after: { personId, ...input } });
    return { timeline: await timelineOf(database, personId, tx) };
  });
}

/** Moves a member to another union in one step: closes the open interval the day before, opens the next. */
export async function transfer(
  database: Database,
  ctx: RequestContext,
  personId: number,
  input: { unionId: number; date: string; cardNo?: string | null | undefined },
) {
  return database.db.transaction(async (tx) => {
    await getPersonRow(database, ctx, personId, tx);
    await checkUnionInScope(database, ctx, input.unionId, tx);
    const open = await openOf(database, personId, tx);
    if (!open) throw new AppError("no_open_membership", "Người này hiện không là đoàn viên; hãy dùng kết nạp hoặc kết nạp lại");
    if (open.unionId === input.unionId)
      throw new AppError("validation_failed", "Đoàn viên đã sinh hoạt ở công đoàn này", {
        errors: [{ pointer: "/body/unionId", message: "Chọn công đoàn khác công đoàn hiện tại" }],
      });
    if (input.date <= open.validFrom) throw dateError(`Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại (${open.validFrom})`);
    await database.rows(sql`UPDATE memberships SET valid_to = ${addDays(input.date, -1)}, end_reason = 'transfer' WHERE id = ${open.id}`, tx);
    const [card] = await database.rows<{ cardNo: string | null }>(sql`SELECT card_no AS "cardNo" FROM memberships WHERE id = ${open.id}`, tx);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason) VALUES (${personId}, ${input.unionId}, ${input.cardNo ?? card?.cardNo ?? null}, ${input.date}, 'transfer') RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "transfer",
      objectType: "membership",
      objectId: row?.id,
      before: { membershipId: open.id, unionId: open.unionId },
      after: { personId, ...input },
    });
    return { timeline: await timelineOf(database, personId, tx) };
  });
}

/** Ends the open membership on `date` (the last day as a member), with a reason. */
export async function leave(
  database: Database,
  ctx: RequestContext,
  personId: number,
  input: { date: string; reason: string; note?: string | null | undefined },
) {
  return database.db.transaction(async (tx) => {
    await getPersonRow(database, ctx, personId, tx);
    const open = await openOf(database, personId, tx);
    if (!open) throw new AppError("no_open_membership", "Người này hiện không là đoàn viên");
    const [inScope] = await database.rows<{ ok: boolean }>(sql`SELECT ${unionScope(ctx.actor.scope, sql`${open.unionId}::int`)} AS ok`, tx);
    if (!inScope?.ok) throw notFound("Không tìm thấy đoàn viên trong công đoàn thuộc phạm vi của bạn");
    if (input.date < open.validFrom) throw dateError(`Ngày thôi sinh hoạt không được trước ngày vào (${open.validFrom})`);
    await database.rows(
      sql`UPDATE memberships SET valid_to = ${input.date}, end_reason = ${input.reason}, end_note = ${input.note ?? null} WHERE id = ${open.id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "leave", objectType: "membership", objectId: open.id, after: { personId, ...input } });
    return { timeline: await timelineOf(database, personId, tx) };
  });
}

/** Members on a date — of a union, of a zone, or of the caller's whole scope — counted from the intervals. */
export async function membersAsOf(database: Database, ctx: RequestContext, q: { asOf: string; unionId?: number | undefined; zoneId?: number | undefined }) {
  if (q.unionId) {
    const [u] = await database.rows<{ id: number; name: string }>(
      sql`SELECT u.id, u.name FROM unions u WHERE u.id = ${q.unionId} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
    );
    if (!u) throw notFound("Không tìm thấy công đoàn cơ sở");
  }
  if (q.zoneId) {
    const [z] = await database.rows<{ id: number }>(sql`SELECT id FROM zones WHERE id = ${q.zoneId}`);
    const s = ctx.actor.scope;
    if (!z || (s.kind === "zones" && !s.zoneIds.includes(q.zoneId)) || s.kind === "enterprise") throw notFound("Không tìm thấy khu công nghiệp");
  }
  const counts = await countsInScope(
    database,
    (unionId) =>
      sql.join(
        [
          unionScope(ctx.actor.scope, unionId),
          q.unionId ? sql`${unionId} = ${q.unionId}` : sql`true`,
          q.zoneId
            ? sql`${unionId} IN (SELECT ue.union_id FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE e.zone_id = ${q.zoneId})`
            : sql`true`,
        ],
        sql` AND `,
      ),
    q.asOf,
    [],
  );
  return {
    asOf: q.asOf,
    level: q.unionId ? "union" : q.zoneId ? "zone" : ctx.actor.scope.kind === "city" ? "city" : "scope",
    unionId: q.unionId ?? null,
    zoneId: q.zoneId ?? null,
    members: counts.members,
    women: counts.women,
  };
}

/**
 * Corrects one interval typed wrong (its first day, its last day, its card number): the interval stays the same
 * membership, so no join or leave is invented. It must still not overlap the person's other intervals, an open
 * interval stays open, and a closed one cannot be reopened here (that is a rejoin). Before and after are audited.
 */
export async function correctMembership(
  database: Database,
  ctx: RequestContext,
  personId: number,
  membershipId: number,
  input: { validFrom?: string | undefined; validTo?: string | undefined; cardNo?: string | null | undefined },
) {
  return database.db.transaction(async (tx) => {
    await getPersonRow(database, ctx, personId, tx);
    const [m] = await database.rows<{ id: number; unionId: number; validFrom: string; validTo: string | null; cardNo: string | null }>(
      sql`SELECT id, union_id AS "unionId", valid_from AS "validFrom", valid_to AS "validTo", card_no AS "cardNo"
          FROM memberships WHERE id = ${membershipId} AND person_id = ${personId} FOR UPDATE`,
      tx,
    );
    if (!m) throw notFound("Không tìm thấy quá trình sinh hoạt này");
    const [inScope] = await database.rows<{ ok: boolean }>(sql`SELECT ${unionScope(ctx.actor.scope, sql`${m.unionId}::int`)} AS ok`, tx);
    if (!inScope?.ok) throw notFound("Không tìm thấy quá trình sinh hoạt này trong công đoàn thuộc phạm vi của bạn");
    const refuse = (field: string, message: string) => new AppError("validation_failed", message, { errors: [{ pointer: `/body/${field}`, message }] });
    if (input.validTo !== undefined && m.validTo === null)
      throw refuse("validTo", "Đoàn viên đang sinh hoạt: ghi nhận thôi sinh hoạt thay vì sửa ngày kết thúc");
    const from = input.validFrom ?? m.validFrom;
    const to = input.validTo ?? m.validTo;
    if (to !== null && to < from)
      throw refuse(input.validTo !== undefined ? "validTo" : "validFrom", `Ngày kết thúc (${formatDate(to)}) không được trước ngày vào (${formatDate(from)})`);
    const [clash] = await database.rows<{ validFrom: string; validTo: string | null }>(
      sql`SELECT valid_from AS "validFrom", valid_to AS "validTo" FROM memberships
          WHERE person_id = ${personId} AND id <> ${m.id}
            AND valid_from <= ${to ?? "9999-12-31"} AND coalesce(valid_to, '9999-12-31') >= ${from} LIMIT 1`,
      tx,
    );
    if (clash)
      throw refuse(
        input.validFrom !== undefined ? "validFrom" : "validTo",
        `Trùng với quá trình sinh hoạt khác (${formatDate(clash.validFrom)}–${clash.validTo ? formatDate(clash.validTo) : "nay"})`,
      );
    await database.rows(
      sql`UPDATE memberships SET valid_from = ${from}, valid_to = ${to}, card_no = ${input.cardNo !== undefined ? input.cardNo : m.cardNo} WHERE id = ${m.id}`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "update",
      objectType: "membership",
      objectId: m.id,
      before: { personId, validFrom: m.validFrom, validTo: m.validTo, cardNo: m.cardNo },
      after: { personId, validFrom: from, validTo: to, cardNo: input.cardNo !== undefined ? input.cardNo : m.cardNo },
    });
    return { timeline: await timelineOf(database, personId, tx) };
  });
}
