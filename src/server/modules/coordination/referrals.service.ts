import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatNumber, formatPercent } from "#shared/text.ts";
import type { referralInput, referralOutcome } from "./coordination.schema.ts";

export interface ReferralRow {
  id: number;
  personId: number;
  fullName: string;
  unionId: number;
  unionName: string;
  referredOn: string;
  outcome: "pending" | "admitted" | "not_admitted";
  admittedOn: string | null;
  note: string | null;
}

const columns = sql`r.id, r.person_id AS "personId", p.full_name AS "fullName", r.union_id AS "unionId", u.name AS "unionName",
  r.referred_on AS "referredOn", r.outcome, r.admitted_on AS "admittedOn", r.note`;
const from = sql`party_referrals r JOIN people p ON p.id = r.person_id JOIN unions u ON u.id = r.union_id`;

/** "2.099 giới thiệu, 841 kết nạp, 40,1%" */
export function referralLine(referred: number, admitted: number): string {
  return `${formatNumber(referred)} giới thiệu, ${formatNumber(admitted)} kết nạp${referred ? `, ${formatPercent((100 * admitted) / referred)}` : ""}`;
}

export async function listReferrals(
  database: Database,
  ctx: RequestContext,
  q: { from?: string | undefined; to?: string | undefined; outcome?: string | undefined; unionId?: number | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [unionScope(ctx.actor.scope, sql`r.union_id`)];
  if (q.from) where.push(sql`r.referred_on >= ${q.from}::date`);
  if (q.to) where.push(sql`r.referred_on <= ${q.to}::date`);
  if (q.outcome) where.push(sql`r.outcome = ${q.outcome}`);
  if (q.unionId) where.push(sql`r.union_id = ${q.unionId}`);
  const cond = sql.join(where, sql` AND `);
  const [stats] = await database.rows<{ total: number; admitted: number }>(
    sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE r.outcome = 'admitted')::int AS admitted FROM party_referrals r WHERE ${cond}`,
  );
  const items = await database.rows<ReferralRow>(
    sql`SELECT ${columns} FROM ${from} WHERE ${cond} ORDER BY r.referred_on DESC, r.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const total = stats?.total ?? 0;
  const admitted = stats?.admitted ?? 0;
  await audit(database, database.db, ctx, { action: "list", objectType: "party_referral", detail: { ...q, returned: items.length } });
  return { total, admitted, ratio: total ? (100 * admitted) / total : null, line: referralLine(total, admitted), items };
}

async function getReferral(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [row] = await database.rows<ReferralRow>(
    sql`SELECT ${columns} FROM ${from} WHERE r.id = ${id} AND ${unionScope(ctx.actor.scope, sql`r.union_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

export async function createReferral(database: Database, ctx: RequestContext, input: z.infer<typeof referralInput>) {
  return database.db.transaction(async (tx) => {
    const [u] = await database.rows<{ id: number }>(
      sql`SELECT u.id FROM unions u WHERE u.id = ${input.unionId} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
      tx,
    );
    if (!u)
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/unionId", message: "Công đoàn không tồn tại hoặc ngoài phạm vi" }] });
    const [p] = await database.rows<{ id: number }>(
      sql`SELECT p.id FROM people p WHERE p.id = ${input.personId} AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)}`,
      tx,
    );
    if (!p)
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/personId", message: "Đoàn viên không tồn tại hoặc ngoài phạm vi" }] });
    // Only a member on the day of the referral can be introduced by the union.
    const [m] = await database.rows<{ id: number }>(
      sql`SELECT id FROM memberships WHERE person_id = ${input.personId} AND union_id = ${input.unionId}
          AND valid_from <= ${input.referredOn}::date AND (valid_to IS NULL OR valid_to >= ${input.referredOn}::date) LIMIT 1`,
      tx,
    );
    if (!m) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: "/body/personId", message: "Người được giới thiệu không phải đoàn viên của công đoàn này vào ngày giới thiệu" }],
      });
    }
    const [dup] = await database.rows<{ id: number }>(
      sql`SELECT id FROM party_referrals WHERE person_id = ${input.personId} AND referred_on = ${input.referredOn}::date`,
      tx,
    );
    if (dup) throw new AppError("conflict", "Đoàn viên này đã được giới thiệu trong ngày này");
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO party_referrals (person_id, union_id, referred_on, note, created_by) VALUES (${input.personId}, ${input.unionId}, ${input.referredOn}, ${input.note ?? null}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    const after = await getReferral(database, ctx, row?.id ?? 0, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "party_referral", objectId: after.id, after });
    return after;
  });
}

export async function setOutcome(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof referralOutcome>) {
  return database.db.transaction(async (tx) => {
    const before = await getReferral(database, ctx, id, tx);
    if (input.admittedOn && input.admittedOn < before.referredOn) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/admittedOn", message: "Ngày kết nạp không trước ngày giới thiệu" }] });
    }
    await database.rows(
      sql`UPDATE party_referrals SET outcome = ${input.outcome}, admitted_on = ${input.admittedOn ?? null},
            note = ${input.note === undefined ? sql`note` : input.note}, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    const after = await getReferral(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "party_referral", objectId: id, before, after });
    return after;
  });
}

export async function deleteReferral(database: Database, ctx: RequestContext, id: number) {
  await database.db.transaction(async (tx) => {
    const before = await getReferral(database, ctx, id, tx);
    await database.rows(sql`DELETE FROM party_referrals WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "party_referral", objectId: id, before });
  });
}
