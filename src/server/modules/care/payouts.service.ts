import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type Scope, personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatDate, formatVnd } from "#shared/text.ts";
import { type CampaignRow, loadCampaign, loadWritableCampaign } from "./campaigns.service.ts";
import { payoutScope } from "./care.policy.ts";
import type { PayoutInput } from "./care.schema.ts";
import { type PayoutKind, kindPhrase } from "./care.text.ts";
import { vnToday } from "#shared/clock.ts";

const intArray = (xs: number[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;

export interface PersonFacts {
  id: number;
  fullName: string;
  birthDate: string | null;
  enterpriseId: number | null;
  zoneId: number | null;
  hardship: boolean;
  memberUnionId: number | null;
  /**
   * Whether the caller may see this person's record. A payout list may name workers outside the
   * caller's scope (matched by the citizen ID on the list); what the import says about them must
   * then echo nothing from their record (birth date, other bodies' amounts).
   */
  inScope: boolean;
}

/** What the eligibility rules need to know about people, and whether `scope` may see each one. */
export async function personFacts(database: Database, personIds: number[], scope: Scope, tx?: Tx): Promise<Map<number, PersonFacts>> {
  if (personIds.length === 0) return new Map();
  const rows = await database.rows<PersonFacts>(
    sql`SELECT p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.enterprise_id AS "enterpriseId", e.zone_id AS "zoneId", p.hardship,
          (SELECT m.union_id FROM memberships m WHERE m.person_id = p.id AND m.valid_to IS NULL) AS "memberUnionId",
          ${personScope(scope, sql`p.id`, sql`p.enterprise_id`)} AS "inScope"
        FROM people p LEFT JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.id = ANY(${intArray(personIds)})`,
    tx,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Why a person is not eligible for the campaign, in Vietnamese; null when eligible. */
export function ineligibility(c: CampaignRow, p: PersonFacts): string | null {
  const e = c.eligibility;
  if (e.membersOnly && p.memberUnionId === null) return "Không phải đoàn viên công đoàn (đợt này chỉ dành cho đoàn viên)";
  if (e.hardshipOnly && !p.hardship) return "Chưa được xác nhận có hoàn cảnh khó khăn (đợt này chỉ dành cho người khó khăn)";
  if (e.enterpriseIds?.length && (p.enterpriseId === null || !e.enterpriseIds.includes(p.enterpriseId)))
    return "Không làm việc tại doanh nghiệp thuộc đối tượng của đợt này";
  if (e.zoneIds?.length && (p.zoneId === null || !e.zoneIds.includes(p.zoneId))) return "Không làm việc tại khu công nghiệp thuộc đối tượng của đợt này";
  return null;
}

export interface ExistingPayout {
  personId: number;
  campaignId: number;
  campaignName: string;
  /** The body running the other campaign, and the one that handed the payout over. */
  ownerBodyId: number;
  payerBodyId: number;
  payerName: string;
  unionId: number | null;
  kind: PayoutKind;
  amount: number;
  paidOn: string;
}

const existingColumns = sql`cp.person_id AS "personId", cp.campaign_id AS "campaignId", c2.name AS "campaignName", c2.owner_body_id AS "ownerBodyId",
  coalesce(cp.union_id, c2.owner_body_id) AS "payerBodyId", pb.name AS "payerName", cp.union_id AS "unionId",
  cp.kind, cp.amount, cp.paid_on AS "paidOn"`;

/** The payouts these people already have in this campaign. */
export async function paidInCampaign(database: Database, campaignId: number, personIds: number[], tx?: Tx): Promise<Map<number, ExistingPayout>> {
  if (personIds.length === 0) return new Map();
  const rows = await database.rows<ExistingPayout>(
    sql`SELECT ${existingColumns} FROM care_payouts cp JOIN care_campaigns c2 ON c2.id = cp.campaign_id
        JOIN bodies pb ON pb.id = coalesce(cp.union_id, c2.owner_body_id)
        WHERE cp.campaign_id = ${campaignId} AND cp.person_id = ANY(${intArray(personIds)})`,
    tx,
  );
  return new Map(rows.map((r) => [r.personId, { ...r, amount: Number(r.amount) }]));
}

/** Payouts to these people in other campaigns whose dates cross this campaign's. */
export async function overlappingPayouts(database: Database, c: CampaignRow, personIds: number[], tx?: Tx): Promise<Map<number, ExistingPayout[]>> {
  const out = new Map<number, ExistingPayout[]>();
  if (personIds.length === 0) return out;
  const rows = await database.rows<ExistingPayout>(
    sql`SELECT ${existingColumns} FROM care_payouts cp JOIN care_campaigns c2 ON c2.id = cp.campaign_id
        JOIN bodies pb ON pb.id = coalesce(cp.union_id, c2.owner_body_id)
        WHERE cp.person_id = ANY(${intArray(personIds)}) AND cp.campaign_id <> ${c.id}
          AND c2.starts_on <= ${c.endsOn}::date AND c2.ends_on >= ${c.startsOn}::date
        ORDER BY cp.paid_on`,
    tx,
  );
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ ...r, amount: Number(r.amount) });
    out.set(r.personId, list);
  }
  return out;
}

/**
 * Two bodies pay the same person when the other campaign is run by another body or the payout was
 * handed over by another union; one body's own overlapping campaigns (Tết cash and Tết market) are
 * its own business.
 */
export function otherBody(o: ExistingPayout, c: CampaignRow, payerBodyId: number): boolean {
  return o.ownerBodyId !== c.ownerBodyId || o.payerBodyId !== payerBodyId;
}

/** "… cũng đã được Công đoàn X hỗ trợ trong đợt "Y" ngày dd/mm/yyyy (tiền mặt, 500.000 ₫) — hai đợt trùng thời gian." */
export function overlapMessage(o: ExistingPayout, inScope = true): string {
  if (!inScope) return `Người này cũng đã được ${o.payerName} hỗ trợ trong đợt "${o.campaignName}" — hai đợt trùng thời gian, kiểm tra để tránh hỗ trợ trùng`;
  return `Người này cũng đã được ${o.payerName} hỗ trợ trong đợt "${o.campaignName}" ngày ${formatDate(o.paidOn)} (${kindPhrase[o.kind].label.toLowerCase()}, ${formatVnd(o.amount)}) — hai đợt trùng thời gian, kiểm tra để tránh hỗ trợ trùng`;
}

/** "Đã nhận hỗ trợ trong đợt này ngày dd/mm/yyyy qua Công đoàn X (tiền mặt, 500.000 ₫)" */
export function duplicateMessage(o: ExistingPayout): string {
  return `Người này đã nhận hỗ trợ trong đợt này ngày ${formatDate(o.paidOn)} qua ${o.payerName} (${kindPhrase[o.kind].label.toLowerCase()}, ${formatVnd(o.amount)}); mỗi người chỉ nhận một lần trong một đợt`;
}

export function assertOpen(c: CampaignRow) {
  if (c.status !== "open") throw new AppError("campaign_closed", `Đợt "${c.name}" đang ở trạng thái ${c.status === "draft" ? "nháp" : "đã kết thúc"}`);
}

export function assertKind(c: CampaignRow, kind: PayoutKind) {
  if (!c.kinds.includes(kind)) {
    throw new AppError("kind_not_allowed", `Đợt này chỉ có các hình thức: ${c.kinds.map((k) => kindPhrase[k].label).join(", ")}`);
  }
}

/** The person if the caller may see them, else 404. */
export async function loadPersonInScope(database: Database, ctx: RequestContext, personId: number, tx?: Tx) {
  const [p] = await database.rows<{ id: number; fullName: string }>(
    sql`SELECT p.id, p.full_name AS "fullName" FROM people p WHERE p.id = ${personId} AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)}`,
    tx,
  );
  if (!p) throw new AppError("not_found", "Không tìm thấy người này trong phạm vi của bạn");
  return p;
}

const PG_UNIQUE = "23505";
/** The database's unique index said no: a second payout to the person in this campaign. */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const x = e as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (x.code === PG_UNIQUE && (!index || x.constraint === index || x.message?.includes(index))) return true;
    e = x.cause;
  }
  return false;
}

async function unionInScopeOrDefault(database: Database, ctx: RequestContext, unionId: number | null | undefined, memberUnionId: number | null, tx: Tx) {
  const candidate = unionId ?? memberUnionId ?? (ctx.actor.scope.kind === "union" ? (ctx.actor.scope.unionIds[0] ?? null) : null);
  if (candidate === null) return null;
  const [u] = await database.rows<{ id: number }>(sql`SELECT u.id FROM unions u WHERE u.id = ${candidate} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`, tx);
  if (!u) {
    if (unionId) throw new AppError("not_found", "Không tìm thấy công đoàn cơ sở này trong phạm vi của bạn");
    return ctx.actor.scope.kind === "union" ? (ctx.actor.scope.unionIds[0] ?? null) : null;
  }
  return u.id;
}

/** Records one payout. The database refuses a second one for the same person in the campaign. */
export async function recordPayout(database: Database, ctx: RequestContext, campaignId: number, input: PayoutInput) {
  try {
    return await database.db.transaction(async (tx) => {
      const c = await loadWritableCampaign(database, ctx, campaignId, tx);
      assertOpen(c);
      assertKind(c, input.kind);
      await loadPersonInScope(database, ctx, input.personId, tx);
      const facts = (await personFacts(database, [input.personId], ctx.actor.scope, tx)).get(input.personId);
      if (!facts) throw new AppError("not_found");
      const why = ineligibility(c, facts);
      if (why) throw new AppError("not_eligible", why);
      const existing = (await paidInCampaign(database, c.id, [input.personId], tx)).get(input.personId);
      if (existing) throw new AppError("payout_duplicate", duplicateMessage(existing));
      const unionId = await unionInScopeOrDefault(database, ctx, input.unionId, facts.memberUnionId, tx);
      const [row] = await database.rows<{ id: number }>(
        sql`INSERT INTO care_payouts (campaign_id, person_id, union_id, kind, amount, paid_on, via, note, recorded_by)
            VALUES (${c.id}, ${input.personId}, ${unionId}, ${input.kind}, ${input.amount}, ${input.paidOn}, 'manual', ${input.note ?? null}, ${ctx.actor.userId})
            RETURNING id`,
        tx,
      );
      const overlaps = (await overlappingPayouts(database, c, [input.personId], tx)).get(input.personId) ?? [];
      const payerId = unionId ?? c.ownerBodyId;
      const warnings = overlaps.filter((o) => otherBody(o, c, payerId)).map((o) => overlapMessage(o));
      await audit(database, tx, ctx, {
        action: "create",
        objectType: "care_payout",
        objectId: row?.id,
        after: { campaignId, ...input, unionId },
        detail: { warnings },
      });
      const [payout] = await listPayoutRows(database, ctx, sql`cp.id = ${row?.id ?? 0}`, 1, 0, tx);
      return { payout, warnings };
    });
  } catch (err) {
    // Two clerks entering the same person at once: the unique index is the last word.
    if (isUniqueViolation(err, "care_payouts_one_per_person"))
      throw new AppError("payout_duplicate", "Người này đã nhận hỗ trợ trong đợt này; mỗi người chỉ nhận một lần trong một đợt");
    throw err;
  }
}

export interface PayoutRow {
  id: number;
  campaignId: number;
  personId: number;
  fullName: string;
  citizenIdMasked: string | null;
  unionId: number | null;
  unionName: string | null;
  enterpriseName: string | null;
  kind: PayoutKind;
  amount: number;
  paidOn: string;
  via: string;
  note: string | null;
  recordedBy: string | null;
  createdAt: string;
}

async function listPayoutRows(database: Database, ctx: RequestContext, where: SQL, limit: number, offset: number, tx?: Tx): Promise<PayoutRow[]> {
  const showId = ctx.actor.permissions.has("people:identity");
  const rows = await database.rows<PayoutRow & { citizenId: string | null }>(
    sql`SELECT cp.id, cp.campaign_id AS "campaignId", cp.person_id AS "personId", p.full_name AS "fullName", coalesce(p.citizen_id, p.legacy_id) AS "citizenId",
          cp.union_id AS "unionId", u.name AS "unionName", e.name AS "enterpriseName", cp.kind, cp.amount, cp.paid_on AS "paidOn", cp.via, cp.note,
          us.full_name AS "recordedBy", cp.created_at::text AS "createdAt"
        FROM care_payouts cp JOIN people p ON p.id = cp.person_id
        LEFT JOIN unions u ON u.id = cp.union_id LEFT JOIN enterprises e ON e.id = p.enterprise_id
        LEFT JOIN users us ON us.id = cp.recorded_by
        WHERE ${where} AND ${payoutScope(ctx.actor, sql`p.id`, sql`p.enterprise_id`, sql`cp.union_id`)}
        ORDER BY cp.paid_on DESC, cp.id DESC LIMIT ${limit} OFFSET ${offset}`,
    tx,
  );
  return rows.map(({ citizenId, ...r }) => ({
    ...r,
    amount: Number(r.amount),
    citizenIdMasked: citizenId ? (showId ? citizenId : `${"*".repeat(citizenId.length - 4)}${citizenId.slice(-4)}`) : null,
  }));
}

export async function listPayouts(
  database: Database,
  ctx: RequestContext,
  campaignId: number,
  q: { q?: string | undefined; kind?: PayoutKind | undefined; unionId?: number | undefined; page: number; pageSize: number },
) {
  await loadCampaign(database, ctx, campaignId);
  const where: SQL[] = [sql`cp.campaign_id = ${campaignId}`];
  if (q.kind) where.push(sql`cp.kind = ${q.kind}`);
  if (q.unionId) where.push(sql`cp.union_id = ${q.unionId}`);
  if (q.q) {
    if (/^\d{9,12}$/.test(q.q)) where.push(sql`(p.citizen_id = ${q.q} OR p.legacy_id = ${q.q})`);
    else where.push(sql`p.name_fold LIKE ${`%${q.q}%`}`);
  }
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM care_payouts cp JOIN people p ON p.id = cp.person_id
        WHERE ${cond} AND ${payoutScope(ctx.actor, sql`p.id`, sql`p.enterprise_id`, sql`cp.union_id`)}`,
  );
  const items = await listPayoutRows(database, ctx, cond, q.pageSize, (q.page - 1) * q.pageSize);
  return { total: count?.n ?? 0, items };
}

/** Removes a payout entered by mistake; the audit row keeps what it was. */
export async function deletePayout(database: Database, ctx: RequestContext, payoutId: number) {
  await database.db.transaction(async (tx) => {
    const [row] = await listPayoutRows(database, ctx, sql`cp.id = ${payoutId}`, 1, 0, tx);
    if (!row) throw new AppError("not_found", "Không tìm thấy khoản chi này");
    const c = await loadWritableCampaign(database, ctx, row.campaignId, tx);
    assertOpen(c);
    await database.rows(sql`DELETE FROM care_payouts WHERE id = ${payoutId}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "care_payout", objectId: payoutId, before: row });
  });
}

// ── Nominations: a grassroots union proposes, the campaign's body decides ──────────────────────

export async function nominate(
  database: Database,
  ctx: RequestContext,
  campaignId: number,
  input: { personId: number; kind: PayoutKind; amount: number; reason: string },
) {
  if (ctx.actor.scope.kind !== "union") throw new AppError("forbidden", "Chỉ công đoàn cơ sở lập danh sách đề nghị");
  const unionId = ctx.actor.scope.unionIds[0] ?? 0;
  try {
    return await database.db.transaction(async (tx) => {
      const c = await loadCampaign(database, ctx, campaignId, tx);
      assertOpen(c);
      assertKind(c, input.kind);
      await loadPersonInScope(database, ctx, input.personId, tx);
      const facts = (await personFacts(database, [input.personId], ctx.actor.scope, tx)).get(input.personId);
      if (!facts) throw new AppError("not_found");
      const why = ineligibility(c, facts);
      if (why) throw new AppError("not_eligible", why);
      const existing = (await paidInCampaign(database, c.id, [input.personId], tx)).get(input.personId);
      if (existing) throw new AppError("payout_duplicate", duplicateMessage(existing));
      const [row] = await database.rows<{ id: number }>(
        sql`INSERT INTO care_nominations (campaign_id, person_id, union_id, kind, amount, reason, nominated_by)
            VALUES (${c.id}, ${input.personId}, ${unionId}, ${input.kind}, ${input.amount}, ${input.reason}, ${ctx.actor.userId}) RETURNING id`,
        tx,
      );
      const warnings: string[] = [];
      const [quota] = await database.rows<{ quota: number; used: number }>(
        sql`SELECT a.quota, (SELECT count(*)::int FROM care_nominations n WHERE n.campaign_id = a.campaign_id AND n.union_id = a.union_id AND n.status <> 'declined') AS used
            FROM care_allocations a WHERE a.campaign_id = ${c.id} AND a.union_id = ${unionId}`,
        tx,
      );
      if (quota && quota.quota > 0 && quota.used > quota.quota) warnings.push(`Số người đề nghị (${quota.used}) vượt chỉ tiêu được phân bổ (${quota.quota})`);
      for (const o of (await overlappingPayouts(database, c, [input.personId], tx)).get(input.personId) ?? []) {
        if (otherBody(o, c, unionId)) warnings.push(overlapMessage(o));
      }
      await audit(database, tx, ctx, { action: "create", objectType: "care_nomination", objectId: row?.id, after: { campaignId, unionId, ...input } });
      const [n] = await nominationRows(database, ctx, sql`n.id = ${row?.id ?? 0}`, 1, 0, tx);
      return { nomination: n, warnings };
    });
  } catch (err) {
    if (isUniqueViolation(err, "care_nominations_one_per_person"))
      throw new AppError("nomination_duplicate", "Người này đã có trong danh sách đề nghị của đợt này");
    throw err;
  }
}

export interface NominationRow {
  id: number;
  campaignId: number;
  personId: number;
  fullName: string;
  unionId: number;
  unionName: string;
  kind: PayoutKind;
  amount: number;
  reason: string;
  status: "pending" | "approved" | "declined";
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

async function nominationRows(database: Database, ctx: RequestContext, where: SQL, limit: number, offset: number, tx?: Tx) {
  const rows = await database.rows<NominationRow>(
    sql`SELECT n.id, n.campaign_id AS "campaignId", n.person_id AS "personId", p.full_name AS "fullName", n.union_id AS "unionId", u.name AS "unionName",
          n.kind, n.amount, n.reason, n.status, n.decision_note AS "decisionNote", n.decided_at::text AS "decidedAt", n.created_at::text AS "createdAt"
        FROM care_nominations n JOIN people p ON p.id = n.person_id JOIN unions u ON u.id = n.union_id
        WHERE ${where} AND ${unionScope(ctx.actor.scope, sql`n.union_id`)}
        ORDER BY n.created_at, n.id LIMIT ${limit} OFFSET ${offset}`,
    tx,
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function listNominations(
  database: Database,
  ctx: RequestContext,
  campaignId: number,
  q: { status?: string | undefined; page: number; pageSize: number },
) {
  await loadCampaign(database, ctx, campaignId);
  const where = [sql`n.campaign_id = ${campaignId}`];
  if (q.status) where.push(sql`n.status = ${q.status}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM care_nominations n WHERE ${cond} AND ${unionScope(ctx.actor.scope, sql`n.union_id`)}`,
  );
  return { total: count?.n ?? 0, items: await nominationRows(database, ctx, cond, q.pageSize, (q.page - 1) * q.pageSize) };
}

/** The campaign's body approves (recording the payout) or declines with a reason. */
export async function decideNomination(
  database: Database,
  ctx: RequestContext,
  nominationId: number,
  d: { decision: "approve"; paidOn?: string | undefined; note?: string | undefined } | { decision: "decline"; note: string },
) {
  try {
    return await database.db.transaction(async (tx) => {
      const [n] = await nominationRows(database, ctx, sql`n.id = ${nominationId}`, 1, 0, tx);
      if (!n) throw new AppError("not_found", "Không tìm thấy đề nghị này");
      const c = await loadWritableCampaign(database, ctx, n.campaignId, tx);
      if (n.status !== "pending") throw new AppError("nomination_decided", `Đề nghị đã ${n.status === "approved" ? "được duyệt" : "bị từ chối"}`);
      let payoutId: number | null = null;
      if (d.decision === "approve") {
        assertOpen(c);
        const existing = (await paidInCampaign(database, c.id, [n.personId], tx)).get(n.personId);
        if (existing) throw new AppError("payout_duplicate", duplicateMessage(existing));
        const paidOn = d.paidOn ?? vnToday();
        const [p] = await database.rows<{ id: number }>(
          sql`INSERT INTO care_payouts (campaign_id, person_id, union_id, kind, amount, paid_on, via, nomination_id, recorded_by)
              VALUES (${c.id}, ${n.personId}, ${n.unionId}, ${n.kind}, ${n.amount}, ${paidOn}, 'nomination', ${n.id}, ${ctx.actor.userId}) RETURNING id`,
          tx,
        );
        payoutId = p?.id ?? null;
      }
      await database.rows(
        sql`UPDATE care_nominations SET status = ${d.decision === "approve" ? "approved" : "declined"}, decided_by = ${ctx.actor.userId},
              decided_at = now(), decision_note = ${d.note ?? null} WHERE id = ${n.id}`,
        tx,
      );
      await audit(database, tx, ctx, { action: d.decision, objectType: "care_nomination", objectId: n.id, before: n, after: { ...d, payoutId } });
      const [after] = await nominationRows(database, ctx, sql`n.id = ${n.id}`, 1, 0, tx);
      return { nomination: after, payoutId };
    });
  } catch (err) {
    if (isUniqueViolation(err, "care_payouts_one_per_person")) throw new AppError("payout_duplicate", "Người này đã nhận hỗ trợ trong đợt này");
    throw err;
  }
}
