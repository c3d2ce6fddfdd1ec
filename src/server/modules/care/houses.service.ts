import { houseStages } from "#shared/enums.ts";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { isoDate } from "./care.schema.ts";
import { isUniqueViolation, loadPersonInScope } from "./payouts.service.ts";

const stages = houseStages;
const money = z.number().int("Số tiền phải là số nguyên (đồng)").min(0, "Số tiền không được âm").max(1e13);

export const houseBody = z
  .object({
    personId: z.number().int().positive("Chọn người được hỗ trợ"),
    unionId: z.number().int().positive().nullish(),
    campaignId: z.number().int().positive().nullish(),
    work: z.enum(["build", "repair"]).default("build"),
    address: z.string().trim().min(5, "Nhập địa chỉ ngôi nhà").max(500),
    amount: money,
    coFunding: money.default(0),
    coFunders: z.string().trim().max(500).nullish(),
    stage: z.enum(stages).default("approved"),
    progress: z.number().int().min(0).max(100, "Tiến độ từ 0 đến 100%").default(0),
    approvedOn: isoDate,
    startedOn: isoDate.nullish(),
    handoverOn: isoDate.nullish(),
    note: z.string().trim().max(2000).nullish(),
  })
  .superRefine((b, ctx) => houseRules(b, ctx));

export const housePatch = z
  .object({
    address: z.string().trim().min(5).max(500).optional(),
    amount: money.optional(),
    coFunding: money.optional(),
    coFunders: z.string().trim().max(500).nullish(),
    stage: z.enum(stages).optional(),
    progress: z.number().int().min(0).max(100, "Tiến độ từ 0 đến 100%").optional(),
    startedOn: isoDate.nullish(),
    handoverOn: isoDate.nullish(),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict();

type HouseRuleInput = {
  stage?: string | undefined;
  progress?: number | undefined;
  handoverOn?: string | null | undefined;
  startedOn?: string | null | undefined;
  approvedOn?: string | undefined;
};
function houseRules(b: HouseRuleInput, ctx: z.RefinementCtx) {
  if (b.stage === "handed_over" && !b.handoverOn) ctx.addIssue({ code: "custom", path: ["handoverOn"], message: "Nhập ngày bàn giao nhà" });
  if (b.stage === "handed_over" && b.progress !== 100) ctx.addIssue({ code: "custom", path: ["progress"], message: "Nhà đã bàn giao phải đạt tiến độ 100%" });
  if (b.approvedOn && b.startedOn && b.startedOn < b.approvedOn)
    ctx.addIssue({ code: "custom", path: ["startedOn"], message: "Ngày khởi công phải sau ngày duyệt" });
  if (b.approvedOn && b.handoverOn && b.handoverOn < b.approvedOn)
    ctx.addIssue({ code: "custom", path: ["handoverOn"], message: "Ngày bàn giao phải sau ngày duyệt" });
}

export interface HouseRow {
  id: number;
  personId: number;
  fullName: string;
  unionId: number | null;
  unionName: string | null;
  campaignId: number | null;
  work: "build" | "repair";
  address: string;
  amount: number;
  coFunding: number;
  coFunders: string | null;
  stage: (typeof stages)[number];
  progress: number;
  approvedOn: string;
  startedOn: string | null;
  handoverOn: string | null;
  note: string | null;
}

const scopeOf = (ctx: RequestContext) =>
  sql`(${unionScope(ctx.actor.scope, sql`h.union_id`)} OR ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)})`;

async function houseRows(database: Database, ctx: RequestContext, where: SQL, limit: number, offset: number, tx?: Tx) {
  const rows = await database.rows<HouseRow>(
    sql`SELECT h.id, h.person_id AS "personId", p.full_name AS "fullName", h.union_id AS "unionId", u.name AS "unionName", h.campaign_id AS "campaignId",
          h.work, h.address, h.amount, h.co_funding AS "coFunding", h.co_funders AS "coFunders", h.stage, h.progress,
          h.approved_on AS "approvedOn", h.started_on AS "startedOn", h.handover_on AS "handoverOn", h.note
        FROM care_union_houses h JOIN people p ON p.id = h.person_id LEFT JOIN unions u ON u.id = h.union_id
        WHERE ${where} AND ${scopeOf(ctx)}
        ORDER BY h.approved_on DESC, h.id DESC LIMIT ${limit} OFFSET ${offset}`,
    tx,
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount), coFunding: Number(r.coFunding) }));
}

export async function listHouses(
  database: Database,
  ctx: RequestContext,
  q: { stage?: string | undefined; year?: number | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [sql`true`];
  if (q.stage) where.push(sql`h.stage = ${q.stage}`);
  if (q.year) where.push(sql`extract(year FROM coalesce(h.handover_on, h.approved_on)) = ${q.year}`);
  const cond = sql.join(where, sql` AND `);
  const [agg] = await database.rows<{ n: number; amount: number; coFunding: number; handedOver: number }>(
    sql`SELECT count(*)::int AS n, coalesce(sum(h.amount), 0) AS amount, coalesce(sum(h.co_funding), 0) AS "coFunding",
          count(*) FILTER (WHERE h.stage = 'handed_over')::int AS "handedOver"
        FROM care_union_houses h JOIN people p ON p.id = h.person_id WHERE ${cond} AND ${scopeOf(ctx)}`,
  );
  return {
    total: agg?.n ?? 0,
    summary: { amount: Number(agg?.amount ?? 0), coFunding: Number(agg?.coFunding ?? 0), handedOver: agg?.handedOver ?? 0 },
    items: await houseRows(database, ctx, cond, q.pageSize, (q.page - 1) * q.pageSize),
  };
}

/** One case: it names a person, so the look is audited. */
export async function getHouse(database: Database, ctx: RequestContext, id: number) {
  return database.db.transaction(async (tx) => {
    const [row] = await houseRows(database, ctx, sql`h.id = ${id}`, 1, 0, tx);
    if (!row) throw new AppError("not_found", "Không tìm thấy hồ sơ Mái ấm Công đoàn");
    await audit(database, tx, ctx, { action: "read", objectType: "care_union_house", objectId: id, detail: { personId: row.personId } });
    return row;
  });
}

export async function createHouse(database: Database, ctx: RequestContext, input: z.infer<typeof houseBody>) {
  try {
    return await database.db.transaction(async (tx) => {
      await loadPersonInScope(database, ctx, input.personId, tx);
      const [m] = await database.rows<{ unionId: number }>(
        sql`SELECT union_id AS "unionId" FROM memberships WHERE person_id = ${input.personId} AND valid_to IS NULL`,
        tx,
      );
      const unionId = input.unionId ?? m?.unionId ?? (ctx.actor.scope.kind === "union" ? ctx.actor.scope.unionIds[0] : null) ?? null;
      if (unionId !== null) {
        const [ok] = await database.rows<{ id: number }>(
          sql`SELECT id FROM unions u WHERE u.id = ${unionId} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
          tx,
        );
        if (!ok) throw new AppError("not_found", "Không tìm thấy công đoàn cơ sở này trong phạm vi của bạn");
      }
      const [row] = await database.rows<{ id: number }>(
        sql`INSERT INTO care_union_houses (campaign_id, person_id, union_id, work, address, amount, co_funding, co_funders, stage, progress, approved_on, started_on, handover_on, note, created_by)
            VALUES (${input.campaignId ?? null}, ${input.personId}, ${unionId}, ${input.work}, ${input.address}, ${input.amount}, ${input.coFunding}, ${input.coFunders ?? null},
                    ${input.stage}, ${input.progress}, ${input.approvedOn}, ${input.startedOn ?? null}, ${input.handoverOn ?? null}, ${input.note ?? null}, ${ctx.actor.userId})
            RETURNING id`,
        tx,
      );
      await audit(database, tx, ctx, { action: "create", objectType: "care_union_house", objectId: row?.id, after: { ...input, unionId } });
      const [house] = await houseRows(database, ctx, sql`h.id = ${row?.id ?? 0}`, 1, 0, tx);
      return house;
    });
  } catch (err) {
    if (isUniqueViolation(err, "care_union_houses_one_open")) throw new AppError("union_house_open");
    throw err;
  }
}

export async function updateHouse(database: Database, ctx: RequestContext, id: number, patch: z.infer<typeof housePatch>) {
  try {
    return await database.db.transaction(async (tx) => {
      const [before] = await houseRows(database, ctx, sql`h.id = ${id}`, 1, 0, tx);
      if (!before) throw new AppError("not_found", "Không tìm thấy hồ sơ Mái ấm Công đoàn");
      const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as HouseRow;
      const issues: { pointer: string; message: string }[] = [];
      houseRules(next, {
        addIssue: (i: { path?: PropertyKey[]; message?: string }) => issues.push({ pointer: `/body/${String(i.path?.[0] ?? "")}`, message: i.message ?? "" }),
      } as unknown as z.RefinementCtx);
      if (issues.length) throw new AppError("validation_failed", issues[0]?.message, { errors: issues });
      await database.rows(
        sql`UPDATE care_union_houses SET address = ${next.address}, amount = ${next.amount}, co_funding = ${next.coFunding}, co_funders = ${next.coFunders},
              stage = ${next.stage}, progress = ${next.progress}, started_on = ${next.startedOn}, handover_on = ${next.handoverOn}, note = ${next.note}, updated_at = now()
            WHERE id = ${id}`,
        tx,
      );
      await audit(database, tx, ctx, { action: "update", objectType: "care_union_house", objectId: id, before, after: patch });
      const [after] = await houseRows(database, ctx, sql`h.id = ${id}`, 1, 0, tx);
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, "care_union_houses_one_open")) throw new AppError("union_house_open");
    throw err;
  }
}
