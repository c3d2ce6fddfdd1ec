import type { z } from "zod";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatVnd } from "#shared/text.ts";
import { getEnterpriseRow } from "./enterprises.service.ts";
import { type Warning, limitSql, whereSql } from "./registry.common.ts";
import type { LaborReportInput } from "./registry.schema.ts";
import { enterpriseWageLookup, minimumWageSql, periodEnd, wageRegionSql } from "#server/modules/relations/index.ts";
import { nowIso, vnYear } from "#shared/clock.ts";
import { enterpriseSignalsChanged } from "#server/modules/providers.ts";
import type { laborReportHistorySchema, laborReportSchema } from "#shared/contract/registry.ts";

// Wages of a half-year are judged against the minimum on its last day (decrees take effect on 1/1 or 1/7).
const periodEndSql = sql`(CASE WHEN right(r.period, 1) = '1' THEN (left(r.period, 4) || '-06-30') ELSE (left(r.period, 4) || '-12-31') END)::date`;
const columns = sql`r.id, r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", r.period, r.workforce, r.women, r.hires, r.leavers,
  r.average_wage AS "averageWage", r.lowest_wage AS "lowestWage", r.insured, r.note, r.filed_at::text AS "filedAt", us.full_name AS "filedBy",
  ${minimumWageSql(sql`coalesce(z.commune, e.commune)`, periodEndSql, sql`e.id`)} AS "regionalMinimum",
  ${wageRegionSql(sql`coalesce(z.commune, e.commune)`, periodEndSql, sql`e.id`)} AS "wageRegion",
  ${minimumWageSql(sql`coalesce(z.commune, e.commune)`, periodEndSql, sql`e.id`)} IS NULL AS "regionUnknown"`;

/** Every filing of an enterprise's reports, newest first; superseded ones are the history of a period. */
export async function reportHistory(database: Database, ctx: RequestContext, enterpriseId: number) {
  await getEnterpriseRow(database, ctx, enterpriseId);
  return database.rows<z.infer<typeof laborReportHistorySchema>[number]>(
    sql`SELECT ${columns}, row_number() OVER (PARTITION BY r.period ORDER BY r.filed_at DESC, r.id DESC) > 1 AS superseded
        FROM labor_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id LEFT JOIN users us ON us.id = r.filed_by
        WHERE r.enterprise_id = ${enterpriseId} ORDER BY r.period DESC, r.filed_at DESC, r.id DESC`,
  );
}

/**
 * Files a half-yearly report. The enterprise's representative files for their own enterprise;
 * officers with registry:write for any enterprise in scope. A correction is a new filing.
 */
export async function fileReport(database: Database, ctx: RequestContext, enterpriseId: number, input: LaborReportInput) {
  const p = ctx.actor.permissions;
  if (!p.has("registry:write") && !p.has("enterprise:self")) throw new AppError("forbidden");
  const errors: { pointer: string; message: string }[] = [];
  if ((input.women ?? 0) > input.workforce) errors.push({ pointer: "/body/women", message: "Số lao động nữ không được lớn hơn tổng số lao động" });
  if ((input.insured ?? 0) > input.workforce) errors.push({ pointer: "/body/insured", message: "Số người tham gia BHXH không được lớn hơn tổng số lao động" });
  if (input.lowestWage && input.averageWage && input.lowestWage > input.averageWage)
    errors.push({ pointer: "/body/lowestWage", message: "Lương thấp nhất không được cao hơn lương bình quân" });
  const [year] = input.period.split("-");
  if (Number(year) < 2000 || periodEnd(input.period).slice(0, 4) > String(vnYear() + 1))
    errors.push({ pointer: "/body/period", message: "Kỳ báo cáo không hợp lệ" });
  if (errors.length) throw new AppError("validation_failed", "Báo cáo không hợp lệ", { errors });
  const filed = await database.db.transaction(async (tx) => {
    const enterprise = await getEnterpriseRow(database, ctx, enterpriseId, tx);
    const [place] = await database.rows<{ commune: string | null }>(
      sql`SELECT coalesce(z.commune, e.commune) AS commune FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id WHERE e.id = ${enterprise.id}`,
      tx,
    );
    const warnings: Warning[] = [];
    // The same lookup as the inspections: one answer for one enterprise and date.
    const lookup = await enterpriseWageLookup(database, { id: enterprise.id, commune: place?.commune ?? null }, periodEnd(input.period), tx);
    if (!lookup.known) {
      if (input.lowestWage !== null && input.lowestWage !== undefined)
        warnings.push({ field: "lowestWage", code: "region_unknown", message: lookup.unknown.message });
    } else if (input.lowestWage !== null && input.lowestWage !== undefined && input.lowestWage < lookup.minimum.monthly) {
      const m = lookup.minimum;
      warnings.push({
        field: "lowestWage",
        code: "below_minimum_wage",
        message: `Lương thấp nhất thấp hơn lương tối thiểu vùng ${["", "I", "II", "III", "IV"][m.region]} (${formatVnd(m.monthly)}, Nghị định ${m.decree})`,
      });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO labor_reports (enterprise_id, period, workforce, women, hires, leavers, average_wage, lowest_wage, insured, note, filed_by, filed_by_body)
          VALUES (${enterpriseId}, ${input.period}, ${input.workforce}, ${input.women ?? null}, ${input.hires}, ${input.leavers}, ${input.averageWage ?? null},
                  ${input.lowestWage ?? null}, ${input.insured ?? null}, ${input.note ?? null}, ${ctx.actor.userId}, ${ctx.actor.bodyId}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "file",
      objectType: "labor_report",
      objectId: row?.id,
      after: { enterpriseId, ...input },
      detail: warnings.length ? { warnings } : undefined,
    });
    return { id: row?.id ?? 0, warnings };
  });
  // A late report now in, or a wage below the floor now on record: the watch list follows at once.
  await enterpriseSignalsChanged(database, [enterpriseId]);
  return filed;
}

/** The current report of each enterprise in scope for a period (latest filing), with minimum-wage flags. */
export async function listReports(
  database: Database,
  ctx: RequestContext,
  q: { period?: string | undefined; zoneId?: number | undefined; belowMinimum?: boolean | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.period) where.push(sql`r.period = ${q.period}`);
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  const inner = sql`SELECT DISTINCT ON (r.enterprise_id, r.period) ${columns}
        FROM labor_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id LEFT JOIN users us ON us.id = r.filed_by
        ${whereSql(where)} ORDER BY r.enterprise_id, r.period, r.filed_at DESC, r.id DESC`;
  const outer = q.belowMinimum ? sql`WHERE x."lowestWage" < x."regionalMinimum"` : sql``;
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${inner}) x ${outer}`);
  const items = await database.rows<z.infer<typeof laborReportSchema>>(
    sql`SELECT * FROM (${inner}) x ${outer} ORDER BY x.period DESC, x."enterpriseName" ${limitSql(q.page, q.pageSize)}`,
  );
  return { total: count?.n ?? 0, page: q.page, pageSize: q.pageSize, items };
}

/**
 * Records figures an enterprise submitted and the zone authority accepted (labour module) as the
 * enterprise's labour report of record, inside the caller's transaction: the latest filing of the
 * period, so the enterprise page, the lists and the figures read it like an officer's filing.
 */
export async function recordReportOfRecord(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  input: LaborReportInput & { enterpriseId: number; filedBy: number | null; filedByBody: number },
) {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO labor_reports (enterprise_id, period, workforce, women, hires, leavers, average_wage, lowest_wage, insured, note, filed_by, filed_by_body, filed_at)
        VALUES (${input.enterpriseId}, ${input.period}, ${input.workforce}, ${input.women ?? null}, ${input.hires}, ${input.leavers}, ${input.averageWage ?? null},
                ${input.lowestWage ?? null}, ${input.insured ?? null}, ${input.note ?? null}, ${input.filedBy}, ${input.filedByBody}, ${nowIso()}::timestamptz) RETURNING id`,
    tx,
  );
  await audit(database, tx, ctx, { action: "file", objectType: "labor_report", objectId: row?.id, after: input });
  return row?.id ?? 0;
}
