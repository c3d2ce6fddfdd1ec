import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { ownRights } from "#server/modules/access/index.ts";
import { labourReportStandingProviders } from "#server/modules/providers.ts";
import { addDays, daysBetween, vnToday } from "#shared/clock.ts";

/** An agreement ending within this many days is shown as "expiring". */
export const AGREEMENT_WARNING_DAYS = 90;

/**
 * The half-yearly report deadlines of the law's default: the first half by 5 July, the second by
 * 5 January of the next year. The next one on or after `today`, with the period it closes.
 */
export function nextLabourDeadline(today: string): { period: string; deadline: string } {
  const year = Number(today.slice(0, 4));
  if (today <= `${year}-01-05`) return { period: `${year - 1}-H2`, deadline: `${year}-01-05` };
  if (today <= `${year}-07-05`) return { period: `${year}-H1`, deadline: `${year}-07-05` };
  return { period: `${year}-H2`, deadline: `${year + 1}-01-05` };
}

/**
 * The enterprise's own picture, for its accounts only: its record, its open inspection findings,
 * its collective agreement, its last labour report and the next deadline, and whom to call at its
 * union. Deliberately read here column by column: nothing about a worker (no person, no request,
 * no complainant) and nothing of the early-warning watch list or its score is ever selected.
 */
export async function enterpriseHome(database: Database, ctx: RequestContext) {
  if (ctx.actor.bodyKind !== "enterprise") throw new AppError("forbidden", "Trang này dành cho tài khoản doanh nghiệp");
  const id = ctx.actor.bodyId;
  const today = vnToday();
  const [enterprise] = await database.rows<{ id: number; name: string; taxCode: string; status: string; zoneName: string | null; address: string | null }>(
    sql`SELECT e.id, e.name, e.tax_code AS "taxCode", e.status, z.name AS "zoneName", e.address
        FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id WHERE e.id = ${id}`,
  );
  if (!enterprise) throw new AppError("not_found");

  const findings = await database.rows<{ id: number; text: string; issuedOn: string; deadline: string; status: string; inspectedOn: string | null }>(
    sql`SELECT r.id, r.text, r.issued_on::text AS "issuedOn", r.deadline::text AS deadline, r.status, i.inspected_on::text AS "inspectedOn"
        FROM relations_recommendations r LEFT JOIN relations_inspections i ON i.id = r.inspection_id
        WHERE r.enterprise_id = ${id} AND r.status <> 'closed' ORDER BY r.deadline, r.id LIMIT 50`,
  );

  const [agreement] = await database.rows<{ title: string; effectiveFrom: string; effectiveTo: string }>(
    sql`SELECT a.title, a.effective_from::text AS "effectiveFrom", a.effective_to::text AS "effectiveTo"
        FROM agreements a JOIN agreement_enterprises ae ON ae.agreement_id = a.id
        WHERE ae.enterprise_id = ${id} AND a.effective_from <= ${today}::date ORDER BY a.effective_to DESC LIMIT 1`,
  );
  const agreementState: "none" | "expired" | "expiring" | "valid" = !agreement
    ? "none"
    : agreement.effectiveTo < today
      ? "expired"
      : agreement.effectiveTo <= addDays(today, AGREEMENT_WARNING_DAYS)
        ? "expiring"
        : "valid";

  const [lastReport] = await database.rows<{ period: string; filedAt: string; workforce: number }>(
    sql`SELECT r.period, r.filed_at::text AS "filedAt", r.workforce FROM labor_reports r
        WHERE r.enterprise_id = ${id} ORDER BY r.period DESC, r.filed_at DESC LIMIT 1`,
  );
  const provider = labourReportStandingProviders[0];
  const standing = provider ? await provider(database, id) : null;
  const next = nextLabourDeadline(today);

  const [union] = await database.rows<{ name: string; chairName: string | null; phone: string | null; kind: "grassroots" | "zone" }>(
    sql`SELECT * FROM (
          SELECT u.name, u.chair_name AS "chairName", u.contact_phone AS phone, 'grassroots' AS kind, 0 AS rank
          FROM union_enterprises ue JOIN unions u ON u.id = ue.union_id WHERE ue.enterprise_id = ${id} AND u.dissolved_on IS NULL
          UNION ALL
          SELECT b.name, NULL, NULL, 'zone', 1 FROM enterprises e JOIN zones z ON z.id = e.zone_id JOIN bodies b ON b.id = z.zone_union_id WHERE e.id = ${id}
        ) x ORDER BY rank LIMIT 1`,
  );

  return {
    asOf: today,
    enterprise,
    rights: ownRights(ctx),
    findings: {
      open: findings.length,
      overdue: findings.filter((f) => f.deadline < today).length,
      items: findings.map((f) => ({ ...f, overdue: f.deadline < today, daysLeft: daysBetween(today, f.deadline) })),
    },
    agreement: agreement
      ? {
          state: agreementState,
          title: agreement.title,
          effectiveFrom: agreement.effectiveFrom,
          effectiveTo: agreement.effectiveTo,
          daysLeft: daysBetween(today, agreement.effectiveTo),
        }
      : { state: agreementState, title: null, effectiveFrom: null, effectiveTo: null, daysLeft: null },
    labourReport: {
      last: lastReport ?? null,
      next: { ...next, daysLeft: daysBetween(today, next.deadline) },
      standing,
    },
    union: union ? { kind: union.kind, name: union.name, chairName: union.chairName, phone: union.phone } : null,
  };
}
