import { type SQL, sql } from "drizzle-orm";
import { enterpriseSignalsChanged, registryChanged } from "#server/modules/providers.ts";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { endEnterpriseAccounts, insertBody } from "#server/modules/access/index.ts";
import { normalizeTaxCode, taxCodeCheckDigitOk } from "#shared/identifiers.ts";
import { cleanText, fold } from "#shared/text.ts";
import { type Paged, type Warning, dirSql, likeEscape, limitSql, todayIso, whereSql } from "./registry.common.ts";
import type { EnterpriseInput, enterpriseListQuery } from "./registry.schema.ts";
import type { z } from "zod";
import { wageRegionSql } from "#server/modules/relations/index.ts";
import type { agreementGrades, enterpriseDetailSchema, enterpriseStatuses, ownerships, zoneSchema } from "#shared/contract/registry.ts";

export interface EnterpriseRow {
  id: number;
  taxCode: string;
  name: string;
  ownership: (typeof ownerships)[number];
  investorCountry: string | null;
  zoneId: number | null;
  zoneName: string | null;
  sector: string;
  address: string | null;
  commune: string | null;
  workforceTotal: number;
  workforceWomen: number;
  workforceMigrants: number;
  workforceForeigners: number;
  status: (typeof enterpriseStatuses)[number];
  hasPartyOrg: boolean;
  establishedOn: string | null;
  unionId: number | null;
  unionName: string | null;
  members: number;
}

/** Members of an enterprise: people working there whose membership interval is open. */
const membersOf = (e: SQL) =>
  sql`(SELECT count(*)::int FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL WHERE p.enterprise_id = ${e})`;

const columns = sql`e.id, e.tax_code AS "taxCode", e.name, e.ownership, e.investor_country AS "investorCountry", e.zone_id AS "zoneId",
  z.name AS "zoneName", e.sector, e.address, e.commune, e.workforce_total AS "workforceTotal", e.workforce_women AS "workforceWomen",
  e.workforce_migrants AS "workforceMigrants", e.workforce_foreigners AS "workforceForeigners", e.status, e.has_party_org AS "hasPartyOrg",
  e.established_on AS "establishedOn", u.id AS "unionId", u.name AS "unionName", ${membersOf(sql`e.id`)} AS members`;

const from = sql`FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
  LEFT JOIN union_enterprises ue ON ue.enterprise_id = e.id LEFT JOIN unions u ON u.id = ue.union_id`;

export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

/** The conditions of an enterprise list (shared by the page and the export). */
export function enterpriseConditions(ctx: RequestContext, q: Partial<EnterpriseListQuery>): SQL[] {
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.q) {
    const tax = q.q.replace(/[\s.-]/g, "");
    if (/^\d{3,13}$/.test(tax)) where.push(sql`replace(e.tax_code, '-', '') LIKE ${`${likeEscape(tax)}%`}`);
    else where.push(sql`e.name_fold LIKE ${`%${likeEscape(fold(q.q))}%`}`);
  }
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  if (q.ownership) where.push(sql`e.ownership = ${q.ownership}`);
  if (q.status) where.push(sql`e.status = ${q.status}`);
  if (q.sector) where.push(sql`e.sector = ${q.sector}`);
  if (q.hasUnion !== undefined) where.push(q.hasUnion ? sql`u.id IS NOT NULL` : sql`u.id IS NULL`);
  if (q.minWorkforce !== undefined) where.push(sql`e.workforce_total >= ${q.minWorkforce}`);
  return where;
}

const sorts: Record<EnterpriseListQuery["sort"], SQL> = {
  name: sql`e.name_fold`,
  taxCode: sql`e.tax_code`,
  workforce: sql`e.workforce_total`,
  members: sql`members`,
  zone: sql`z.name`,
};

/** Enterprises in the caller's scope, filtered, sorted and paged on the server. */
export async function listEnterprises(database: Database, ctx: RequestContext, q: EnterpriseListQuery): Promise<Paged<EnterpriseRow>> {
  const where = whereSql(enterpriseConditions(ctx, q));
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${from} ${where}`);
  const items = await database.rows<EnterpriseRow>(
    sql`SELECT ${columns} ${from} ${where} ORDER BY ${sorts[q.sort]} ${dirSql(q.dir)}, e.id ${limitSql(q.page, q.pageSize)}`,
  );
  return { total: count?.n ?? 0, page: q.page, pageSize: q.pageSize, items };
}

/** Streams every enterprise of a filtered list in pages (for the export). */
export async function* iterateEnterprises(database: Database, ctx: RequestContext, q: Partial<EnterpriseListQuery>): AsyncGenerator<EnterpriseRow> {
  const where = whereSql(enterpriseConditions(ctx, q));
  let after = 0;
  for (;;) {
    const rows = await database.rows<EnterpriseRow>(sql`SELECT ${columns} ${from} ${where} AND e.id > ${after} ORDER BY e.id LIMIT 2000`);
    for (const r of rows) yield r;
    if (rows.length < 2000) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** One enterprise in scope, or 404. */
export async function getEnterpriseRow(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<EnterpriseRow> {
  const [row] = await database.rows<EnterpriseRow>(
    sql`SELECT ${columns} ${from} WHERE e.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) throw notFound("Không tìm thấy doanh nghiệp");
  return row;
}

/** An enterprise with its union, members against workforce, current agreement and labor reports. */
export async function getEnterprise(database: Database, ctx: RequestContext, id: number) {
  const enterprise = await getEnterpriseRow(database, ctx, id);
  const today = todayIso();
  const union = enterprise.unionId
    ? ((
        await database.rows<{ id: number; code: string; name: string; foundedOn: string | null; chairName: string | null; visible: boolean }>(
          sql`SELECT u.id, u.code, u.name, u.founded_on AS "foundedOn", u.chair_name AS "chairName", ${unionScope(ctx.actor.scope, sql`u.id`)} AS visible
              FROM unions u WHERE u.id = ${enterprise.unionId}`,
        )
      )[0] ?? null)
    : null;
  const agreements = await database.rows<{
    id: number;
    title: string;
    signedOn: string;
    effectiveFrom: string;
    effectiveTo: string;
    grade: (typeof agreementGrades)[number] | null;
    lowestWage: number | null;
    valid: boolean;
  }>(sql`SELECT a.id, a.title, a.signed_on AS "signedOn", a.effective_from AS "effectiveFrom", a.effective_to AS "effectiveTo", a.grade,
             a.lowest_wage AS "lowestWage", (a.effective_from <= ${today}::date AND a.effective_to >= ${today}::date) AS valid
         FROM agreements a JOIN agreement_enterprises ae ON ae.agreement_id = a.id WHERE ae.enterprise_id = ${id}
         ORDER BY a.effective_to DESC`);
  const laborReports = await database.rows<z.infer<typeof enterpriseDetailSchema>["laborReports"][number]>(
    sql`SELECT r.id, r.period, r.workforce, r.women, r.hires, r.leavers, r.average_wage AS "averageWage", r.lowest_wage AS "lowestWage",
               r.insured, r.note, r.filed_at::text AS "filedAt", us.full_name AS "filedBy",
               row_number() OVER (PARTITION BY r.period ORDER BY r.filed_at DESC, r.id DESC) > 1 AS superseded
        FROM labor_reports r LEFT JOIN users us ON us.id = r.filed_by WHERE r.enterprise_id = ${id}
        ORDER BY r.period DESC, r.filed_at DESC, r.id DESC`,
  );
  return {
    ...enterprise,
    union,
    membersShare: enterprise.workforceTotal ? enterprise.members / enterprise.workforceTotal : null,
    agreement: agreements.find((a) => a.valid) ?? null,
    agreements,
    laborReports,
  };
}

/** Tax code: refused when it is neither 10 digits nor 13 as NNNNNNNNNN-NNN; a wrong check digit only warns. */
export function checkTaxCode(input: string): { taxCode: string; warnings: Warning[] } {
  const taxCode = normalizeTaxCode(input);
  if (!taxCode) {
    throw new AppError("validation_failed", "Mã số thuế không hợp lệ", {
      errors: [{ pointer: "/body/taxCode", message: "Mã số thuế phải có 10 chữ số, hoặc 13 chữ số viết dạng NNNNNNNNNN-NNN (chi nhánh)" }],
    });
  }
  const warnings: Warning[] = [];
  if (!taxCodeCheckDigitOk(taxCode)) {
    warnings.push({ field: "taxCode", code: "tax_check_digit", message: "Chữ số kiểm tra của mã số thuế không khớp — hãy kiểm tra lại mã số thuế" });
  }
  return { taxCode, warnings };
}

function workforceWarnings(e: {
  workforceTotal?: number | undefined;
  workforceWomen?: number | undefined;
  workforceMigrants?: number | undefined;
  workforceForeigners?: number | undefined;
}) {
  const total = e.workforceTotal ?? 0;
  const errors = (["workforceWomen", "workforceMigrants", "workforceForeigners"] as const)
    .filter((k) => (e[k] ?? 0) > total)
    .map((k) => ({ pointer: `/body/${k}`, message: "Không được lớn hơn tổng số lao động" }));
  if (errors.length) throw new AppError("validation_failed", "Số lao động không hợp lệ", { errors });
}

async function checkZone(database: Database, ctx: RequestContext, zoneId: number | null | undefined, tx: Tx) {
  if (zoneId === null || zoneId === undefined) {
    if (ctx.actor.scope.kind === "zones") {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/zoneId", message: "Chọn khu công nghiệp thuộc phạm vi của bạn" }] });
    }
    return;
  }
  const s = ctx.actor.scope;
  const [zone] = await database.rows<{ id: number }>(sql`SELECT id FROM zones WHERE id = ${zoneId}`, tx);
  if (!zone || (s.kind === "zones" && !s.zoneIds.includes(zoneId))) {
    throw new AppError("validation_failed", undefined, {
      errors: [{ pointer: "/body/zoneId", message: "Khu công nghiệp không tồn tại hoặc ngoài phạm vi của bạn" }],
    });
  }
}

/** Registers an enterprise (a body under the zone authority, same id). */
export async function createEnterprise(database: Database, ctx: RequestContext, input: EnterpriseInput) {
  if (ctx.actor.scope.kind === "union" || ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const { taxCode, warnings } = checkTaxCode(input.taxCode);
  workforceWarnings(input);
  return database.db.transaction(async (tx) => {
    await checkZone(database, ctx, input.zoneId, tx);
    const [dup] = await database.rows<{ id: number }>(sql`SELECT id FROM enterprises WHERE tax_code = ${taxCode}`, tx);
    if (dup) throw new AppError("conflict", `Mã số thuế ${taxCode} đã có trong sổ doanh nghiệp`);
    const [authority] = await database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'zone_authority' ORDER BY id LIMIT 1`, tx);
    const name = cleanText(input.name);
    const body = await insertBody(database, tx, { kind: "enterprise", name, code: `DN-${taxCode}`, parentId: authority?.id ?? null });
    await database.rows(
      sql`INSERT INTO enterprises (id, tax_code, name, ownership, investor_country, zone_id, sector, address, commune, workforce_total,
            workforce_women, workforce_migrants, workforce_foreigners, status, has_party_org, established_on)
          VALUES (${body.id}, ${taxCode}, ${name}, ${input.ownership}, ${input.investorCountry ?? null}, ${input.zoneId ?? null}, ${cleanText(input.sector)},
            ${input.address ?? null}, ${input.commune ?? null}, ${input.workforceTotal}, ${input.workforceWomen}, ${input.workforceMigrants},
            ${input.workforceForeigners}, ${input.status}, ${input.hasPartyOrg}, ${input.establishedOn ?? null})`,
      tx,
    );
    const after = await getEnterpriseRow(database, ctx, body.id, tx);
    await audit(database, tx, ctx, {
      action: "create",
      objectType: "enterprise",
      objectId: body.id,
      after,
      detail: warnings.length ? { warnings } : undefined,
    });
    return { enterprise: after, warnings };
  });
}

const updatable: Record<string, string> = {
  name: "name",
  ownership: "ownership",
  investorCountry: "investor_country",
  zoneId: "zone_id",
  sector: "sector",
  address: "address",
  commune: "commune",
  workforceTotal: "workforce_total",
  workforceWomen: "workforce_women",
  workforceMigrants: "workforce_migrants",
  workforceForeigners: "workforce_foreigners",
  status: "status",
  hasPartyOrg: "has_party_org",
  establishedOn: "established_on",
};

/** Changes an enterprise's record; every change is audited with before and after. */
export async function updateEnterprise(database: Database, ctx: RequestContext, id: number, input: Partial<EnterpriseInput>) {
  const updated = await database.db.transaction(async (tx) => {
    const before = await getEnterpriseRow(database, ctx, id, tx);
    let warnings: Warning[] = [];
    const sets: SQL[] = [];
    if (input.taxCode !== undefined) {
      const checked = checkTaxCode(input.taxCode);
      warnings = checked.warnings;
      if (checked.taxCode !== before.taxCode) {
        const [dup] = await database.rows<{ id: number }>(sql`SELECT id FROM enterprises WHERE tax_code = ${checked.taxCode} AND id <> ${id}`, tx);
        if (dup) throw new AppError("conflict", `Mã số thuế ${checked.taxCode} đã có trong sổ doanh nghiệp`);
        sets.push(sql`tax_code = ${checked.taxCode}`);
      }
    }
    if (input.zoneId !== undefined) await checkZone(database, ctx, input.zoneId, tx);
    workforceWarnings({ ...before, ...input });
    for (const [key, column] of Object.entries(updatable)) {
      const value = (input as Record<string, unknown>)[key];
      if (value === undefined) continue;
      sets.push(sql`${sql.raw(column)} = ${typeof value === "string" && key === "name" ? cleanText(value) : value}`);
    }
    if (sets.length) {
      await database.rows(sql`UPDATE enterprises SET ${sql.join(sets, sql`, `)}, updated_at = now() WHERE id = ${id}`, tx);
      if (input.name) await database.rows(sql`UPDATE bodies SET name = ${cleanText(input.name)} WHERE id = ${id}`, tx);
    }
    const after = await getEnterpriseRow(database, ctx, id, tx);
    // A ceased enterprise (any status but active) keeps no way in: its accounts end with it.
    if (after.status !== before.status && after.status !== "active") await endEnterpriseAccounts(database, tx, ctx, id, after.status);
    await audit(database, tx, ctx, {
      action: "update",
      objectType: "enterprise",
      objectId: id,
      before,
      after,
      detail: warnings.length ? { warnings } : undefined,
    });
    return { enterprise: after, warnings };
  });
  // Moved to another zone: its requests go to that zone's union while it has none of its own.
  if (input.zoneId !== undefined) registryChanged(database);
  // Its status, workforce (the rates per 1.000 workers) or zone may change what the watch list says.
  await enterpriseSignalsChanged(database, [id]);
  return updated;
}

/** Zones in the caller's scope, with their minimum-wage region and counts. */
export async function listZones(database: Database, ctx: RequestContext) {
  const s = ctx.actor.scope;
  const cond =
    s.kind === "city"
      ? sql`true`
      : s.kind === "zones"
        ? sql`z.id = ANY(${sql`ARRAY[${sql.join(s.zoneIds.length ? s.zoneIds.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`})`
        : sql`z.id IN (SELECT e.zone_id FROM enterprises e WHERE ${enterpriseScope(s, sql`e.id`, sql`e.zone_id`)})`;
  return database.rows<z.infer<typeof zoneSchema>>(
    sql`SELECT z.id, z.code, z.name, z.kind, z.commune, ${wageRegionSql(sql`z.commune`, sql`${todayIso()}::date`)} AS "wageRegion", z.area_ha AS "areaHa", z.zone_union_id AS "zoneUnionId",
               (SELECT count(*)::int FROM enterprises e WHERE e.zone_id = z.id) AS enterprises,
               (SELECT coalesce(sum(e.workforce_total), 0)::int FROM enterprises e WHERE e.zone_id = z.id) AS workforce
        FROM zones z WHERE ${cond} ORDER BY z.name`,
  );
}
