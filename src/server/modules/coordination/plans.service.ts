import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatNumber } from "#shared/text.ts";
import { intArray, isSystem, planVisible, storedIntArray } from "./coordination.scope.ts";
import type { ItemStatus, PlanArea, planInput, planItemInput, planItemPatch, planPatch } from "./coordination.schema.ts";

export interface PlanItemRow {
  id: number;
  planId: number;
  no: number;
  area: PlanArea;
  content: string;
  leadBodyId: number;
  leadBodyName: string;
  coBodyIds: number[];
  deadline: string | null;
  status: ItemStatus;
  evidence: { label: string; url?: string }[];
  reasonNotDone: string | null;
  carriedFromItemId: number | null;
}

export interface PlanSummary {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  notDone: number;
  carriedOver: number;
  /** "Hoàn thành 19/20 nội dung phối hợp" */
  line: string;
}

export interface PlanRow {
  id: number;
  year: number;
  code: string;
  title: string;
  issuedOn: string | null;
  parties: { id: number; name: string; shortName: string | null }[];
  ownerBodyId: number;
  summary: PlanSummary;
}

export function summarize(items: { status: ItemStatus }[]): PlanSummary {
  const n = (s: ItemStatus) => items.filter((i) => i.status === s).length;
  const done = n("done");
  return {
    total: items.length,
    done,
    inProgress: n("in_progress"),
    notStarted: n("not_started"),
    notDone: n("not_done"),
    carriedOver: n("carried_over"),
    line: `Hoàn thành ${formatNumber(done)}/${formatNumber(items.length)} nội dung phối hợp`,
  };
}

const planColumns = sql`p.id, p.year, p.code, p.title, p.issued_on AS "issuedOn", p.parties, p.owner_body_id AS "ownerBodyId"`;
const itemColumns = sql`i.id, i.plan_id AS "planId", i.no, i.area, i.content, i.lead_body_id AS "leadBodyId", lb.name AS "leadBodyName",
  i.co_body_ids AS "coBodyIds", i.deadline, i.status, i.evidence, i.reason_not_done AS "reasonNotDone", i.carried_from_item_id AS "carriedFromItemId"`;

type RawPlan = Omit<PlanRow, "parties" | "summary"> & { parties: number[] };

async function withDetails(database: Database, plans: RawPlan[], tx?: Tx): Promise<PlanRow[]> {
  if (plans.length === 0) return [];
  const bodyIds = [...new Set(plans.flatMap((p) => p.parties))];
  const bodies = await database.rows<{ id: number; name: string; shortName: string | null }>(
    sql`SELECT id, name, short_name AS "shortName" FROM bodies WHERE id = ANY(${intArray(bodyIds)})`,
    tx,
  );
  const stats = await database.rows<{ planId: number; status: ItemStatus; n: number }>(
    sql`SELECT plan_id AS "planId", status, count(*)::int AS n FROM plan_items WHERE plan_id = ANY(${intArray(plans.map((p) => p.id))}) GROUP BY 1, 2`,
    tx,
  );
  return plans.map((p) => {
    const items = stats.filter((s) => s.planId === p.id).flatMap((s) => Array.from({ length: s.n }, () => ({ status: s.status })));
    return { ...p, parties: p.parties.map((id) => bodies.find((b) => b.id === id) ?? { id, name: `#${id}`, shortName: null }), summary: summarize(items) };
  });
}

export async function listPlans(database: Database, ctx: RequestContext, q: { year?: number | undefined }) {
  const rows = await database.rows<RawPlan>(
    sql`SELECT ${planColumns} FROM coordination_plans p WHERE ${planVisible(ctx, sql`p.parties`)}
        ${q.year ? sql`AND p.year = ${q.year}` : sql``} ORDER BY p.year DESC, p.id DESC`,
  );
  return withDetails(database, rows);
}

export async function getPlan(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<PlanRow & { items: PlanItemRow[] }> {
  const [row] = await database.rows<RawPlan>(
    sql`SELECT ${planColumns} FROM coordination_plans p WHERE p.id = ${id} AND ${planVisible(ctx, sql`p.parties`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  const [plan] = await withDetails(database, [row], tx);
  const items = await database.rows<PlanItemRow>(
    sql`SELECT ${itemColumns} FROM plan_items i JOIN bodies lb ON lb.id = i.lead_body_id WHERE i.plan_id = ${id} ORDER BY i.no`,
    tx,
  );
  if (!plan) throw new AppError("not_found");
  return { ...plan, items };
}

/** Only a party to the plan writes it; others who can read it get 403. */
function assertParty(ctx: RequestContext, parties: number[]) {
  if (!isSystem(ctx) && !parties.includes(ctx.actor.bodyId)) throw new AppError("forbidden", "Chỉ cơ quan tham gia kế hoạch mới được cập nhật");
}

/** The three bodies of the joint program: the federation, the zone authority and the mass mobilization commission. */
async function defaultParties(database: Database, tx: Tx): Promise<number[]> {
  const rows = await database.rows<{ id: number }>(
    sql`SELECT id FROM (SELECT DISTINCT ON (kind) id, kind FROM bodies WHERE kind IN ('mass_mobilization','zone_authority','federation')
          ORDER BY kind, length(path), id) x
        ORDER BY CASE kind WHEN 'mass_mobilization' THEN 1 WHEN 'zone_authority' THEN 2 ELSE 3 END`,
    tx,
  );
  return rows.map((r) => r.id).filter((x) => x !== null);
}

async function checkBodies(database: Database, tx: Tx, ids: number[], pointer: string) {
  if (ids.length === 0) return;
  const rows = await database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE id = ANY(${intArray(ids)})`, tx);
  if (rows.length !== new Set(ids).size) {
    throw new AppError("validation_failed", undefined, { errors: [{ pointer, message: "Cơ quan không tồn tại" }] });
  }
}

function checkItem(item: { status?: ItemStatus | undefined; reasonNotDone?: string | null | undefined }, pointer: string) {
  if ((item.status === "not_done" || item.status === "carried_over") && !item.reasonNotDone) {
    throw new AppError("validation_failed", undefined, {
      errors: [{ pointer: `${pointer}/reasonNotDone`, message: "Nội dung không hoàn thành cần nêu lý do" }],
    });
  }
}

async function insertItem(database: Database, tx: Tx, planId: number, no: number, item: z.infer<typeof planItemInput>, carriedFrom: number | null = null) {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO plan_items (plan_id, no, area, content, lead_body_id, co_body_ids, deadline, status, evidence, reason_not_done, carried_from_item_id)
        VALUES (${planId}, ${no}, ${item.area}, ${item.content}, ${item.leadBodyId}, ${storedIntArray(item.coBodyIds)}, ${item.deadline ?? null},
                ${item.status}, ${JSON.stringify(item.evidence)}::jsonb, ${item.reasonNotDone ?? null}, ${carriedFrom}) RETURNING id`,
    tx,
  );
  return row?.id ?? 0;
}

export async function createPlan(database: Database, ctx: RequestContext, input: z.infer<typeof planInput>) {
  return database.db.transaction(async (tx) => {
    const parties = input.parties ?? (await defaultParties(database, tx));
    if (parties.length === 0) throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/parties", message: "Chọn cơ quan tham gia" }] });
    await checkBodies(database, tx, parties, "/body/parties");
    assertParty(ctx, parties);
    for (const [k, it] of input.items.entries()) checkItem(it, `/body/items/${k}`);
    await checkBodies(database, tx, [...new Set(input.items.flatMap((i) => [i.leadBodyId, ...i.coBodyIds]))], "/body/items");
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO coordination_plans (year, code, title, issued_on, parties, owner_body_id, created_by)
          VALUES (${input.year}, ${input.code}, ${input.title}, ${input.issuedOn ?? null}, ${storedIntArray(parties)}, ${ctx.actor.bodyId}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    let no = 0;
    for (const item of input.items) {
      no = item.no ?? no + 1;
      await insertItem(database, tx, id, no, item);
    }
    const plan = await getPlan(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "coordination_plan", objectId: id, after: plan });
    return plan;
  });
}

export async function updatePlan(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof planPatch>) {
  return database.db.transaction(async (tx) => {
    const before = await getPlan(database, ctx, id, tx);
    assertParty(
      ctx,
      before.parties.map((p) => p.id),
    );
    if (input.parties) {
      await checkBodies(database, tx, input.parties, "/body/parties");
      assertParty(ctx, input.parties);
    }
    await database.rows(
      sql`UPDATE coordination_plans SET year = coalesce(${input.year ?? null}, year), code = coalesce(${input.code ?? null}, code),
            title = coalesce(${input.title ?? null}, title),
            issued_on = ${input.issuedOn === undefined ? sql`issued_on` : input.issuedOn},
            parties = ${input.parties ? storedIntArray(input.parties) : sql`parties`}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    const after = await getPlan(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "coordination_plan", objectId: id, before, after });
    return after;
  });
}

export async function deletePlan(database: Database, ctx: RequestContext, id: number) {
  await database.db.transaction(async (tx) => {
    const before = await getPlan(database, ctx, id, tx);
    assertParty(
      ctx,
      before.parties.map((p) => p.id),
    );
    const [used] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM plan_items WHERE carried_from_item_id IN (SELECT id FROM plan_items WHERE plan_id = ${id}) AND plan_id <> ${id}`,
      tx,
    );
    if ((used?.n ?? 0) > 0) throw new AppError("plan_in_use");
    await database.rows(sql`DELETE FROM coordination_plans WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "coordination_plan", objectId: id, before });
  });
}

export async function addItem(database: Database, ctx: RequestContext, planId: number, input: z.infer<typeof planItemInput>) {
  return database.db.transaction(async (tx) => {
    const plan = await getPlan(database, ctx, planId, tx);
    assertParty(
      ctx,
      plan.parties.map((p) => p.id),
    );
    checkItem(input, "/body");
    await checkBodies(database, tx, [input.leadBodyId, ...input.coBodyIds], "/body/leadBodyId");
    const no = input.no ?? Math.max(0, ...plan.items.map((i) => i.no)) + 1;
    const id = await insertItem(database, tx, planId, no, input);
    const [item] = await database.rows<PlanItemRow>(
      sql`SELECT ${itemColumns} FROM plan_items i JOIN bodies lb ON lb.id = i.lead_body_id WHERE i.id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "create", objectType: "plan_item", objectId: id, after: item });
    return item as PlanItemRow;
  });
}

async function getItem(database: Database, ctx: RequestContext, itemId: number, tx: Tx) {
  const [item] = await database.rows<PlanItemRow & { parties: number[] }>(
    sql`SELECT ${itemColumns}, p.parties FROM plan_items i JOIN bodies lb ON lb.id = i.lead_body_id JOIN coordination_plans p ON p.id = i.plan_id
        WHERE i.id = ${itemId} AND ${planVisible(ctx, sql`p.parties`)}`,
    tx,
  );
  if (!item) throw new AppError("not_found");
  return item;
}

export async function updateItem(database: Database, ctx: RequestContext, itemId: number, input: z.infer<typeof planItemPatch>) {
  return database.db.transaction(async (tx) => {
    const { parties, ...before } = await getItem(database, ctx, itemId, tx);
    assertParty(ctx, parties);
    const merged = { status: input.status ?? before.status, reasonNotDone: input.reasonNotDone === undefined ? before.reasonNotDone : input.reasonNotDone };
    checkItem(merged, "/body");
    if (input.leadBodyId || input.coBodyIds)
      await checkBodies(database, tx, [...(input.leadBodyId ? [input.leadBodyId] : []), ...(input.coBodyIds ?? [])], "/body/leadBodyId");
    await database.rows(
      sql`UPDATE plan_items SET no = coalesce(${input.no ?? null}, no), area = coalesce(${input.area ?? null}, area),
            content = coalesce(${input.content ?? null}, content), lead_body_id = coalesce(${input.leadBodyId ?? null}, lead_body_id),
            co_body_ids = ${input.coBodyIds ? storedIntArray(input.coBodyIds) : sql`co_body_ids`},
            deadline = ${input.deadline === undefined ? sql`deadline` : input.deadline},
            status = ${merged.status}, reason_not_done = ${merged.reasonNotDone},
            evidence = ${input.evidence ? sql`${JSON.stringify(input.evidence)}::jsonb` : sql`evidence`}, updated_at = now()
          WHERE id = ${itemId}`,
      tx,
    );
    const { parties: _p, ...after } = await getItem(database, ctx, itemId, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "plan_item", objectId: itemId, before, after });
    return after;
  });
}

export async function deleteItem(database: Database, ctx: RequestContext, itemId: number) {
  await database.db.transaction(async (tx) => {
    const { parties, ...before } = await getItem(database, ctx, itemId, tx);
    assertParty(ctx, parties);
    const [used] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM plan_items WHERE carried_from_item_id = ${itemId}`, tx);
    if ((used?.n ?? 0) > 0) throw new AppError("plan_in_use", "Nội dung đã được chuyển sang kế hoạch năm sau");
    await database.rows(sql`DELETE FROM plan_items WHERE id = ${itemId}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "plan_item", objectId: itemId, before });
  });
}

/**
 * Carries the unfinished items of a plan into the plan of the following year: each becomes a new
 * item there (status not started, linked to its origin) and the original is marked carried over.
 * Items already carried are skipped, so running it twice changes nothing.
 */
export async function carryOver(database: Database, ctx: RequestContext, planId: number, input: { toPlanId: number; itemIds?: number[] | undefined }) {
  return database.db.transaction(async (tx) => {
    const from = await getPlan(database, ctx, planId, tx);
    const to = await getPlan(database, ctx, input.toPlanId, tx);
    assertParty(
      ctx,
      from.parties.map((p) => p.id),
    );
    assertParty(
      ctx,
      to.parties.map((p) => p.id),
    );
    if (to.year <= from.year) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/toPlanId", message: "Kế hoạch nhận phải thuộc năm sau" }] });
    }
    const candidates = from.items.filter((i) => (input.itemIds ? input.itemIds.includes(i.id) : i.status !== "done"));
    if (input.itemIds && candidates.length !== input.itemIds.length) throw new AppError("not_found", "Nội dung không thuộc kế hoạch này");
    const already = new Set(to.items.map((i) => i.carriedFromItemId));
    let no = Math.max(0, ...to.items.map((i) => i.no));
    const carried: number[] = [];
    for (const item of candidates) {
      if (item.status === "done") {
        throw new AppError("validation_failed", undefined, {
          errors: [{ pointer: "/body/itemIds", message: "Nội dung đã hoàn thành không chuyển sang năm sau" }],
        });
      }
      if (already.has(item.id)) continue;
      no += 1;
      await insertItem(
        database,
        tx,
        to.id,
        no,
        { area: item.area, content: item.content, leadBodyId: item.leadBodyId, coBodyIds: item.coBodyIds, deadline: null, status: "not_started", evidence: [] },
        item.id,
      );
      await database.rows(
        sql`UPDATE plan_items SET status = 'carried_over', reason_not_done = coalesce(reason_not_done, ${`Chuyển sang kế hoạch năm ${to.year}`}), updated_at = now() WHERE id = ${item.id}`,
        tx,
      );
      carried.push(item.id);
    }
    await audit(database, tx, ctx, { action: "carry_over", objectType: "coordination_plan", objectId: planId, detail: { toPlanId: to.id, items: carried } });
    return { carried: carried.length, plan: await getPlan(database, ctx, to.id, tx) };
  });
}
