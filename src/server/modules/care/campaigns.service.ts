import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatNumber } from "#shared/text.ts";
import { campaignVisible, campaignWritable, payoutScope } from "./care.policy.ts";
import type { CampaignInput, CampaignPatch, Eligibility } from "./care.schema.ts";
import { type CampaignPurpose, type PayoutKind, kindPhrase, moneyPhrase, payoutKinds } from "./care.text.ts";

export interface CampaignRow {
  id: number;
  name: string;
  purpose: CampaignPurpose;
  ownerBodyId: number;
  ownerBodyName: string;
  ownerPath: string;
  startsOn: string;
  endsOn: string;
  kinds: PayoutKind[];
  budget: number;
  eligibility: Eligibility;
  status: "draft" | "open" | "closed";
  description: string | null;
  createdAt: string;
}

const campaignColumns = sql`c.id, c.name, c.purpose, c.owner_body_id AS "ownerBodyId", b.name AS "ownerBodyName", b.path AS "ownerPath",
  c.starts_on AS "startsOn", c.ends_on AS "endsOn", c.kinds, c.budget, c.eligibility, c.status, c.description, c.created_at::text AS "createdAt"`;

/** The campaign if the caller may see it, else 404. */
export async function loadCampaign(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<CampaignRow> {
  const [row] = await database.rows<CampaignRow>(
    sql`SELECT ${campaignColumns} FROM care_campaigns c JOIN bodies b ON b.id = c.owner_body_id
        WHERE c.id = ${id} AND ${campaignVisible(ctx.actor, sql`b.path`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found", "Không tìm thấy đợt hỗ trợ");
  return row;
}

/** The campaign if the caller runs it (its body or one above), else 404/403. */
export async function loadWritableCampaign(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<CampaignRow> {
  const c = await loadCampaign(database, ctx, id, tx);
  if (!campaignWritable(ctx.actor, c.ownerPath)) throw new AppError("forbidden", `Đợt hỗ trợ do ${c.ownerBodyName} quản lý`);
  return c;
}

export interface KindTotal {
  kind: PayoutKind;
  label: string;
  people: number;
  amount: number;
}
export interface Totals {
  people: number;
  payouts: number;
  amount: number;
  byKind: KindTotal[];
  /** "Đã có 133.423 đoàn viên, NLĐ được hỗ trợ … Trong đó: 43.055 đoàn viên, NLĐ được hỗ trợ tiền mặt …" */
  sentence: string;
}

/** Sentences in the form of the federation's reports, from totals by kind. */
export function totalsSentence(t: { people: number; amount: number; byKind: KindTotal[] }, occasion = "được hỗ trợ"): string {
  if (t.people === 0) return "Chưa có đoàn viên, NLĐ nào được hỗ trợ.";
  const head = `Đã có ${formatNumber(t.people)} đoàn viên, NLĐ ${occasion} với tổng số tiền ${moneyPhrase(t.amount)}.`;
  const parts = t.byKind
    .filter((k) => k.people > 0)
    .map((k) => `${formatNumber(k.people)} đoàn viên, NLĐ ${kindPhrase[k.kind].verb} ${kindPhrase[k.kind].valueWord} ${moneyPhrase(k.amount)}`);
  if (parts.length <= 1) return head;
  return `${head} Trong đó: ${parts.join("; ")}.`;
}

/** Totals of the payouts the caller may see, by kind; `where` narrows the payouts (alias cp, person p). */
export async function payoutTotals(database: Database, ctx: RequestContext, where: SQL, tx?: Tx): Promise<Totals> {
  const rows = await database.rows<{ kind: PayoutKind; people: number; payouts: number; amount: number }>(
    sql`SELECT cp.kind, count(DISTINCT cp.person_id)::int AS people, count(*)::int AS payouts, coalesce(sum(cp.amount), 0) AS amount
        FROM care_payouts cp JOIN people p ON p.id = cp.person_id
        WHERE ${where} AND ${payoutScope(ctx.actor, sql`p.id`, sql`p.enterprise_id`, sql`cp.union_id`)}
        GROUP BY cp.kind`,
    tx,
  );
  const [all] = await database.rows<{ people: number; payouts: number; amount: number }>(
    sql`SELECT count(DISTINCT cp.person_id)::int AS people, count(*)::int AS payouts, coalesce(sum(cp.amount), 0) AS amount
        FROM care_payouts cp JOIN people p ON p.id = cp.person_id
        WHERE ${where} AND ${payoutScope(ctx.actor, sql`p.id`, sql`p.enterprise_id`, sql`cp.union_id`)}`,
    tx,
  );
  const byKind = payoutKinds.map((k) => {
    const r = rows.find((x) => x.kind === k);
    return { kind: k, label: kindPhrase[k].label, people: r?.people ?? 0, amount: Number(r?.amount ?? 0) };
  });
  const totals = { people: all?.people ?? 0, payouts: all?.payouts ?? 0, amount: Number(all?.amount ?? 0), byKind };
  return { ...totals, sentence: totalsSentence(totals) };
}

export async function listCampaigns(
  database: Database,
  ctx: RequestContext,
  q: { q?: string | undefined; purpose?: string | undefined; year?: number | undefined; status?: string | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [campaignVisible(ctx.actor, sql`b.path`)];
  if (q.q) where.push(sql`vn_fold(c.name) LIKE ${`%${q.q}%`}`);
  if (q.purpose) where.push(sql`c.purpose = ${q.purpose}`);
  if (q.status) where.push(sql`c.status = ${q.status}`);
  if (q.year) where.push(sql`c.starts_on <= ${`${q.year}-12-31`}::date AND c.ends_on >= ${`${q.year}-01-01`}::date`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM care_campaigns c JOIN bodies b ON b.id = c.owner_body_id WHERE ${cond}`,
  );
  const scope = payoutScope(ctx.actor, sql`p.id`, sql`p.enterprise_id`, sql`cp.union_id`);
  const items = await database.rows<CampaignRow & { people: number; amount: number }>(
    sql`SELECT ${campaignColumns},
          (SELECT count(*)::int FROM care_payouts cp JOIN people p ON p.id = cp.person_id WHERE cp.campaign_id = c.id AND ${scope}) AS people,
          (SELECT coalesce(sum(cp.amount), 0) FROM care_payouts cp JOIN people p ON p.id = cp.person_id WHERE cp.campaign_id = c.id AND ${scope}) AS amount
        FROM care_campaigns c JOIN bodies b ON b.id = c.owner_body_id
        WHERE ${cond}
        ORDER BY c.starts_on DESC, c.id DESC
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items: items.map(({ ownerPath: _p, ...rest }) => ({ ...rest, amount: Number(rest.amount) })) };
}

/** A campaign with its sources, allocations (with what each union has used) and totals by kind. */
export async function getCampaign(database: Database, ctx: RequestContext, id: number) {
  const c = await loadCampaign(database, ctx, id);
  const sources = await database.rows<{ id: number; source: string; amount: number }>(
    sql`SELECT id, source, amount FROM care_campaign_sources WHERE campaign_id = ${id} ORDER BY id`,
  );
  const allocations = await database.rows<{ unionId: number; unionName: string; amount: number; quota: number; usedPeople: number; usedAmount: number }>(
    sql`SELECT a.union_id AS "unionId", u.name AS "unionName", a.amount, a.quota,
          (SELECT count(*)::int FROM care_payouts cp WHERE cp.campaign_id = a.campaign_id AND cp.union_id = a.union_id) AS "usedPeople",
          (SELECT coalesce(sum(cp.amount), 0) FROM care_payouts cp WHERE cp.campaign_id = a.campaign_id AND cp.union_id = a.union_id) AS "usedAmount"
        FROM care_allocations a JOIN unions u ON u.id = a.union_id
        WHERE a.campaign_id = ${id} AND ${unionScope(ctx.actor.scope, sql`a.union_id`)}
        ORDER BY u.name`,
  );
  const totals = await payoutTotals(database, ctx, sql`cp.campaign_id = ${id}`);
  const [pending] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM care_nominations n WHERE n.campaign_id = ${id} AND n.status = 'pending' AND ${unionScope(ctx.actor.scope, sql`n.union_id`)}`,
  );
  const { ownerPath, ...rest } = c;
  return {
    ...rest,
    canWrite: campaignWritable(ctx.actor, ownerPath) && ctx.actor.permissions.has("care:write"),
    sources,
    allocations: allocations.map((a) => ({ ...a, usedAmount: Number(a.usedAmount) })),
    totals,
    pendingNominations: pending?.n ?? 0,
  };
}

async function checkUnions(database: Database, tx: Tx, ctx: RequestContext, unionIds: number[]) {
  if (unionIds.length === 0) return;
  const found = await database.rows<{ id: number }>(
    sql`SELECT u.id FROM unions u WHERE u.id = ANY(${sql`ARRAY[${sql.join(
      unionIds.map((x) => sql`${x}`),
      sql`, `,
    )}]::int[]`}) AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
    tx,
  );
  const ok = new Set(found.map((f) => f.id));
  const missing = unionIds.filter((u) => !ok.has(u));
  if (missing.length) {
    throw new AppError("validation_failed", "Có công đoàn cơ sở không tồn tại hoặc ngoài phạm vi của bạn", {
      errors: missing.map((m) => ({ pointer: "/body/allocations", message: `Công đoàn mã ${m} không tồn tại hoặc ngoài phạm vi` })),
    });
  }
}

async function writeChildren(database: Database, tx: Tx, id: number, sources?: CampaignInput["sources"], allocations?: CampaignInput["allocations"]) {
  if (sources) {
    await database.rows(sql`DELETE FROM care_campaign_sources WHERE campaign_id = ${id}`, tx);
    for (const s of sources) {
      await database.rows(sql`INSERT INTO care_campaign_sources (campaign_id, source, amount) VALUES (${id}, ${s.source}, ${s.amount})`, tx);
    }
  }
  if (allocations) {
    await database.rows(sql`DELETE FROM care_allocations WHERE campaign_id = ${id}`, tx);
    for (const a of allocations) {
      await database.rows(
        sql`INSERT INTO care_allocations (campaign_id, union_id, amount, quota) VALUES (${id}, ${a.unionId}, ${a.amount}, ${a.quota})
            ON CONFLICT (campaign_id, union_id) DO UPDATE SET amount = EXCLUDED.amount, quota = EXCLUDED.quota`,
        tx,
      );
    }
  }
}

/** Opens a campaign run by the caller's own body. */
export async function createCampaign(database: Database, ctx: RequestContext, input: CampaignInput) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const id = await database.db.transaction(async (tx) => {
    await checkUnions(
      database,
      tx,
      ctx,
      input.allocations.map((a) => a.unionId),
    );
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_campaigns (name, purpose, owner_body_id, starts_on, ends_on, kinds, budget, eligibility, status, description, created_by)
          VALUES (${input.name}, ${input.purpose}, ${ctx.actor.bodyId}, ${input.startsOn}, ${input.endsOn},
                  ${sql`ARRAY[${sql.join(
                    input.kinds.map((k) => sql`${k}`),
                    sql`, `,
                  )}]::text[]`}, ${input.budget}, ${JSON.stringify(input.eligibility)}::jsonb, ${input.status}, ${input.description ?? null}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    const newId = row?.id ?? 0;
    await writeChildren(database, tx, newId, input.sources, input.allocations);
    await audit(database, tx, ctx, { action: "create", objectType: "care_campaign", objectId: newId, after: input });
    return newId;
  });
  return getCampaign(database, ctx, id);
}

export async function updateCampaign(database: Database, ctx: RequestContext, id: number, patch: CampaignPatch) {
  await database.db.transaction(async (tx) => {
    const before = await loadWritableCampaign(database, ctx, id, tx);
    const startsOn = patch.startsOn ?? before.startsOn;
    const endsOn = patch.endsOn ?? before.endsOn;
    if (endsOn < startsOn) {
      throw new AppError("validation_failed", "Ngày kết thúc phải sau ngày bắt đầu", {
        errors: [{ pointer: "/body/endsOn", message: "Ngày kết thúc phải sau ngày bắt đầu" }],
      });
    }
    if (patch.allocations)
      await checkUnions(
        database,
        tx,
        ctx,
        patch.allocations.map((a) => a.unionId),
      );
    await database.rows(
      sql`UPDATE care_campaigns SET
            name = ${patch.name ?? before.name}, starts_on = ${startsOn}, ends_on = ${endsOn},
            budget = ${patch.budget ?? before.budget}, status = ${patch.status ?? before.status},
            description = ${patch.description === undefined ? before.description : patch.description},
            eligibility = ${JSON.stringify(patch.eligibility ?? before.eligibility)}::jsonb, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await writeChildren(database, tx, id, patch.sources, patch.allocations);
    const { ownerPath: _p, ...b } = before;
    await audit(database, tx, ctx, { action: "update", objectType: "care_campaign", objectId: id, before: b, after: patch });
  });
  return getCampaign(database, ctx, id);
}

/**
 * Members flagged in hardship who received nothing in the last `n` campaigns the caller can see
 * (newest by end date): the people a fair distribution should not forget.
 */
export async function fairnessList(database: Database, ctx: RequestContext, q: { n: number; page: number; pageSize: number }) {
  const campaigns = await database.rows<{ id: number; name: string; startsOn: string; endsOn: string }>(
    sql`SELECT c.id, c.name, c.starts_on AS "startsOn", c.ends_on AS "endsOn" FROM care_campaigns c JOIN bodies b ON b.id = c.owner_body_id
        WHERE ${campaignVisible(ctx.actor, sql`b.path`)} AND c.status <> 'draft'
        ORDER BY c.ends_on DESC, c.id DESC LIMIT ${q.n}`,
  );
  const ids = campaigns.length ? campaigns.map((c) => sql`${c.id}`) : [sql`NULL`];
  const base = sql`FROM people p
      JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
      JOIN unions u ON u.id = m.union_id
      LEFT JOIN enterprises e ON e.id = p.enterprise_id
      WHERE p.hardship AND ${unionScope(ctx.actor.scope, sql`m.union_id`)}
        AND NOT EXISTS (SELECT 1 FROM care_payouts cp WHERE cp.person_id = p.id AND cp.campaign_id = ANY(ARRAY[${sql.join(ids, sql`, `)}]::int[]))`;
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${base}`);
  const items = await database.rows<{
    personId: number;
    fullName: string;
    birthDate: string | null;
    unionId: number;
    unionName: string;
    enterpriseName: string | null;
    lastPaidOn: string | null;
    lastCampaign: string | null;
  }>(
    sql`SELECT p.id AS "personId", p.full_name AS "fullName", p.birth_date AS "birthDate", u.id AS "unionId", u.name AS "unionName",
          e.name AS "enterpriseName",
          (SELECT max(cp.paid_on) FROM care_payouts cp WHERE cp.person_id = p.id) AS "lastPaidOn",
          (SELECT c2.name FROM care_payouts cp JOIN care_campaigns c2 ON c2.id = cp.campaign_id WHERE cp.person_id = p.id ORDER BY cp.paid_on DESC LIMIT 1) AS "lastCampaign"
        ${base}
        ORDER BY u.name, p.given_name, p.family_name, p.id
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { campaigns, total: count?.n ?? 0, items };
}
