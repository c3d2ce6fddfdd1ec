import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { type Scope, enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { memoized } from "#server/modules/figures.memo.ts";
import { formatVnd, fold } from "#shared/text.ts";
import { type Paged, type Warning, addDays, dirSql, likeEscape, limitSql, todayIso, whereSql } from "./registry.common.ts";
import type { AgreementInput, agreementListQuery } from "./registry.schema.ts";
import { enterpriseWageLookup, minimumWageSql } from "#server/modules/relations/index.ts";
import { enterpriseSignalsChanged } from "#server/modules/providers.ts";
import type { agreementSchema } from "#shared/contract/registry.ts";

export type AgreementListQuery = z.infer<typeof agreementListQuery>;
type AgreementRow = z.infer<typeof agreementSchema>;

/** An agreement is visible when one of its enterprises is. */
const visible = (ctx: RequestContext) =>
  sql`EXISTS (SELECT 1 FROM agreement_enterprises ae JOIN enterprises e ON e.id = ae.enterprise_id WHERE ae.agreement_id = a.id AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)})`;

const columns = (asOf: string) => sql`a.id, a.kind, a.union_id AS "unionId", u.name AS "unionName", a.title, a.signed_on AS "signedOn",
  a.effective_from AS "effectiveFrom", a.effective_to AS "effectiveTo", a.approval_share AS "approvalShare", a.lowest_wage AS "lowestWage",
  a.meal_allowance AS "mealAllowance", a.tet_bonus AS "tetBonus", a.grade, a.note,
  CASE WHEN a.effective_to < ${asOf}::date THEN 'expired' WHEN a.effective_from > ${asOf}::date THEN 'future'
       WHEN a.effective_to <= ${asOf}::date + 90 THEN 'expiring' ELSE 'valid' END AS status,
  (a.effective_to - ${asOf}::date) AS "daysLeft",
  (SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'taxCode', e.tax_code) ORDER BY e.name) FROM agreement_enterprises ae
     JOIN enterprises e ON e.id = ae.enterprise_id WHERE ae.agreement_id = a.id) AS enterprises,
  (SELECT max(${minimumWageSql(sql`coalesce(z.commune, e.commune)`, sql`a.effective_from`, sql`e.id`)}) FROM agreement_enterprises ae JOIN enterprises e ON e.id = ae.enterprise_id
     LEFT JOIN zones z ON z.id = e.zone_id WHERE ae.agreement_id = a.id) AS "regionalMinimum"`;
const from = sql`FROM agreements a LEFT JOIN unions u ON u.id = a.union_id`;

export function agreementConditions(ctx: RequestContext, q: Partial<AgreementListQuery>, asOf: string): SQL[] {
  const where: SQL[] = [visible(ctx)];
  if (q.q)
    where.push(
      sql`(vn_fold(a.title) LIKE ${`%${likeEscape(fold(q.q))}%`} OR EXISTS (SELECT 1 FROM agreement_enterprises ae JOIN enterprises e ON e.id = ae.enterprise_id WHERE ae.agreement_id = a.id AND e.name_fold LIKE ${`%${likeEscape(fold(q.q))}%`}))`,
    );
  if (q.enterpriseId) where.push(sql`EXISTS (SELECT 1 FROM agreement_enterprises ae WHERE ae.agreement_id = a.id AND ae.enterprise_id = ${q.enterpriseId})`);
  if (q.status === "valid") where.push(sql`a.effective_from <= ${asOf}::date AND a.effective_to >= ${asOf}::date`);
  if (q.status === "expiring")
    where.push(sql`a.effective_from <= ${asOf}::date AND a.effective_to >= ${asOf}::date AND a.effective_to <= ${addDays(asOf, 90)}::date`);
  if (q.status === "expired") where.push(sql`a.effective_to < ${asOf}::date`);
  return where;
}

const sorts: Record<AgreementListQuery["sort"], SQL> = { effectiveTo: sql`a.effective_to`, signedOn: sql`a.signed_on`, title: sql`a.title` };

/** Agreements in scope; `status=expiring` is the list of those ending within 90 days. */
export async function listAgreements(database: Database, ctx: RequestContext, q: AgreementListQuery): Promise<Paged<AgreementRow>> {
  const asOf = q.asOf ?? todayIso();
  const where = whereSql(agreementConditions(ctx, q, asOf));
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${from} ${where}`);
  const items = await database.rows<AgreementRow>(
    sql`SELECT ${columns(asOf)} ${from} ${where} ORDER BY ${sorts[q.sort]} ${dirSql(q.dir)}, a.id ${limitSql(q.page, q.pageSize)}`,
  );
  return { total: count?.n ?? 0, page: q.page, pageSize: q.pageSize, items };
}

export async function getAgreement(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [row] = await database.rows<AgreementRow>(sql`SELECT ${columns(todayIso())} ${from} WHERE a.id = ${id} AND ${visible(ctx)}`, tx);
  if (!row) throw notFound("Không tìm thấy thỏa ước lao động tập thể");
  return row;
}

/** The enterprises an agreement (as getAgreement returns it) covers. */
function enterprisesOf(agreement: AgreementRow): number[] {
  return (agreement.enterprises ?? []).map((e) => e.id);
}

/** Officers with registry:write, and a grassroots union for its own enterprises, record agreements. */
function canWrite(ctx: RequestContext) {
  const p = ctx.actor.permissions;
  if (!(p.has("registry:write") || (ctx.actor.scope.kind === "union" && p.has("people:write")))) throw new AppError("forbidden");
}

async function validate(database: Database, ctx: RequestContext, input: AgreementInput, tx: Tx): Promise<Warning[]> {
  const errors: { pointer: string; message: string }[] = [];
  const years = (Date.parse(input.effectiveTo) - Date.parse(input.effectiveFrom)) / (365.25 * 86_400_000);
  if (input.effectiveTo <= input.effectiveFrom) errors.push({ pointer: "/body/effectiveTo", message: "Ngày hết hiệu lực phải sau ngày có hiệu lực" });
  else if (years < 0.99 || years > 3.01) errors.push({ pointer: "/body/effectiveTo", message: "Thời hạn thỏa ước từ 1 đến 3 năm (Bộ luật Lao động, Điều 78)" });
  if (input.signedOn > input.effectiveFrom) errors.push({ pointer: "/body/signedOn", message: "Ngày ký không được sau ngày có hiệu lực" });
  if (input.kind === "enterprise" && new Set(input.enterpriseIds).size > 1)
    errors.push({ pointer: "/body/enterpriseIds", message: "Thỏa ước doanh nghiệp chỉ gắn với một doanh nghiệp" });
  const ids = [...new Set(input.enterpriseIds)];
  const ents = await database.rows<{ id: number; commune: string | null }>(
    sql`SELECT e.id, coalesce(z.commune, e.commune) AS commune FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        WHERE e.id = ANY(${`{${ids.join(",")}}`}::int[]) AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (ents.length !== ids.length) errors.push({ pointer: "/body/enterpriseIds", message: "Doanh nghiệp không tồn tại hoặc ngoài phạm vi của bạn" });
  if (input.unionId) {
    const [u] = await database.rows<{ id: number }>(
      sql`SELECT union_id AS id FROM union_enterprises WHERE union_id = ${input.unionId} AND enterprise_id = ANY(${`{${ids.join(",")}}`}::int[]) LIMIT 1`,
      tx,
    );
    if (!u) errors.push({ pointer: "/body/unionId", message: "Công đoàn cơ sở không đại diện cho doanh nghiệp đã chọn" });
  }
  if (errors.length) throw new AppError("validation_failed", "Thỏa ước không hợp lệ", { errors });
  const warnings: Warning[] = [];
  if (input.approvalShare !== null && input.approvalShare !== undefined && input.approvalShare <= 50) {
    warnings.push({
      field: "approvalShare",
      code: "approval_share_low",
      message: "Tỷ lệ người lao động biểu quyết tán thành phải trên 50% (Điều 76 Bộ luật Lao động)",
    });
  }
  if (input.lowestWage) {
    // The highest floor among the enterprises covered (one agreement's lowest wage binds them all).
    const floors = await Promise.all(
      ents.map(async (e) => {
        const r = await enterpriseWageLookup(database, e, input.effectiveFrom, tx);
        return r.known ? r.minimum : null;
      }),
    );
    const known = floors.filter((f) => f !== null);
    if (known.length < floors.length) {
      warnings.push({
        field: "lowestWage",
        code: "region_unknown",
        message: "Chưa xác định được vùng lương tối thiểu của nơi làm việc của một số doanh nghiệp; đề nghị cán bộ xác định vùng trước khi đối chiếu",
      });
    }
    const floor = Math.max(0, ...known.map((f) => f.monthly));
    if (floor && input.lowestWage < floor) {
      warnings.push({ field: "lowestWage", code: "below_minimum_wage", message: `Mức lương thấp nhất thấp hơn lương tối thiểu vùng (${formatVnd(floor)})` });
    }
  }
  return warnings;
}

async function save(database: Database, tx: Tx, id: number, input: AgreementInput) {
  await database.rows(sql`DELETE FROM agreement_enterprises WHERE agreement_id = ${id}`, tx);
  for (const e of new Set(input.enterpriseIds))
    await database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${id}, ${e})`, tx);
}

export async function createAgreement(database: Database, ctx: RequestContext, input: AgreementInput) {
  canWrite(ctx);
  const created = await database.db.transaction(async (tx) => {
    const warnings = await validate(database, ctx, input, tx);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to, approval_share, lowest_wage, meal_allowance, tet_bonus, grade, note, created_by)
          VALUES (${input.kind}, ${input.unionId ?? null}, ${input.title}, ${input.signedOn}, ${input.effectiveFrom}, ${input.effectiveTo}, ${input.approvalShare ?? null},
                  ${input.lowestWage ?? null}, ${input.mealAllowance ?? null}, ${input.tetBonus ?? null}, ${input.grade ?? null}, ${input.note ?? null}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await save(database, tx, id, input);
    const after = await getAgreement(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "agreement", objectId: id, after, detail: warnings.length ? { warnings } : undefined });
    return { agreement: after, warnings };
  });
  // "No agreement" or "agreement expired" ends for the enterprises it covers: the watch list follows.
  await enterpriseSignalsChanged(database, input.enterpriseIds);
  return created;
}

export async function updateAgreement(database: Database, ctx: RequestContext, id: number, input: AgreementInput) {
  canWrite(ctx);
  let covered: number[] = [];
  const updated = await database.db.transaction(async (tx) => {
    const before = await getAgreement(database, ctx, id, tx);
    covered = enterprisesOf(before);
    const warnings = await validate(database, ctx, input, tx);
    await database.rows(
      sql`UPDATE agreements SET kind = ${input.kind}, union_id = ${input.unionId ?? null}, title = ${input.title}, signed_on = ${input.signedOn},
            effective_from = ${input.effectiveFrom}, effective_to = ${input.effectiveTo}, approval_share = ${input.approvalShare ?? null},
            lowest_wage = ${input.lowestWage ?? null}, meal_allowance = ${input.mealAllowance ?? null}, tet_bonus = ${input.tetBonus ?? null},
            grade = ${input.grade ?? null}, note = ${input.note ?? null}, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await save(database, tx, id, input);
    const after = await getAgreement(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "agreement", objectId: id, before, after });
    return { agreement: after, warnings };
  });
  // Both the enterprises it covered and those it covers now may have a different standing.
  await enterpriseSignalsChanged(database, [...covered, ...input.enterpriseIds]);
  return updated;
}

export async function deleteAgreement(database: Database, ctx: RequestContext, id: number) {
  canWrite(ctx);
  const covered = await database.db.transaction(async (tx) => {
    const before = await getAgreement(database, ctx, id, tx);
    await database.rows(sql`DELETE FROM agreements WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "agreement", objectId: id, before });
    return enterprisesOf(before);
  });
  await enterpriseSignalsChanged(database, covered);
}

/**
 * Coverage on a date: the share of grassroots unions, and of eligible enterprises (active, with a
 * grassroots union to bargain), that have an agreement in force.
 */
export async function agreementCoverage(database: Database, scope: Scope, asOf: string) {
  const inForce = (e: SQL) =>
    sql`EXISTS (SELECT 1 FROM agreement_enterprises ae JOIN agreements a ON a.id = ae.agreement_id WHERE ae.enterprise_id = ${e} AND a.effective_from <= ${asOf}::date AND a.effective_to >= ${asOf}::date)`;
  // Asked by the registry's figures and by the coverage targets in one dashboard or report: counted once (figures.memo.ts).
  const once = <T>(q: SQL) => memoized(database, q, undefined, () => database.rows<T>(q));
  const [[u], [e]] = await Promise.all([
    once<{ total: number; covered: number }>(
      sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM union_enterprises ue WHERE ue.union_id = u.id AND ${inForce(sql`ue.enterprise_id`)}))::int AS covered
        FROM unions u WHERE (u.founded_on IS NULL OR u.founded_on <= ${asOf}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${asOf}::date) AND ${unionScope(scope, sql`u.id`)}`,
    ),
    once<{ total: number; covered: number; workers: number; coveredWorkers: number }>(
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE ${inForce(sql`e.id`)})::int AS covered,
               coalesce(sum(e.workforce_total), 0)::int AS workers, coalesce(sum(e.workforce_total) FILTER (WHERE ${inForce(sql`e.id`)}), 0)::int AS "coveredWorkers"
        FROM enterprises e JOIN union_enterprises ue ON ue.enterprise_id = e.id
        WHERE e.status = 'active' AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
    ),
  ]);
  const share = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
  return {
    asOf,
    unions: { total: u?.total ?? 0, withAgreement: u?.covered ?? 0, share: share(u?.covered ?? 0, u?.total ?? 0) },
    eligibleEnterprises: { total: e?.total ?? 0, withAgreement: e?.covered ?? 0, share: share(e?.covered ?? 0, e?.total ?? 0) },
    workers: { total: e?.workers ?? 0, covered: e?.coveredWorkers ?? 0, share: share(e?.coveredWorkers ?? 0, e?.workers ?? 0) },
  };
}
