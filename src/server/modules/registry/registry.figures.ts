import { vnDayEnd } from "#shared/clock.ts";
import { sql } from "drizzle-orm";
import { unionScope } from "#server/modules/access/index.ts";
import { measureDate } from "#server/modules/reporting/index.ts";
import type { FigureProvider, RiskSignal, RiskSignalProvider } from "#server/modules/contracts.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { agreementCoverage } from "./agreements.service.ts";
import { countsInScope } from "./membership-counts.ts";
import { minimumWageIfBelowTopSql } from "#server/modules/relations/index.ts";

/**
 * The registry's figures for the dashboards and the joint report, as of the day the period is
 * measured at (its last day, or today while it runs — the same day as the coordination figures, so
 * the two never disagree; from the intervals, so last year's report does not change): women among
 * the members and the grassroots unions operating, and agreement coverage.
 *
 * New members, new grassroots unions, the member total and the unions of enterprises with 20+
 * workers are stated ONCE, in the area "Phối hợp trong xây dựng, nâng cao chất lượng tổ chức đảng,
 * đoàn thể trong các doanh nghiệp" (coordination's `party_union` section, against the year's
 * targets), where the joint report of the three bodies puts them. This section carries the same key
 * so reporting merges it there, adding only what that area does not already say.
 */
export const registryFigures: FigureProvider = async (database, scope, period) => {
  const asOf = measureDate(period);
  const [[members], [unions], coverage] = await Promise.all([
    countsInScope(database, (u) => unionScope(scope, u), asOf, []).then((c) => [c]),
    database.rows<{ total: number }>(
      sql`SELECT count(*)::int AS total FROM unions u
          WHERE (u.founded_on IS NULL OR u.founded_on <= ${asOf}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${asOf}::date) AND ${unionScope(scope, sql`u.id`)}`,
    ),
    agreementCoverage(database, scope, asOf),
  ]);
  const women = members?.women ?? 0;
  const total = unions?.total ?? 0;
  return [
    {
      key: "party_union",
      title: "Phối hợp trong xây dựng, nâng cao chất lượng tổ chức đảng, đoàn thể trong các doanh nghiệp",
      order: 50,
      figures: [
        {
          key: "members.women",
          label: `Đoàn viên nữ tại ngày ${formatDate(asOf)}`,
          value: women,
          unit: "count",
          link: `/staff/registry/people?member=member&gender=female&asOf=${asOf}`,
        },
        {
          key: "unions.total",
          label: `Công đoàn cơ sở đang hoạt động tại ngày ${formatDate(asOf)}`,
          value: total,
          unit: "count",
          link: "/staff/registry/unions?active=true",
        },
      ],
      paragraphs: [
        women > 0
          ? `Trong tổng số đoàn viên có ${formatNumber(women)} đoàn viên nữ, sinh hoạt tại ${formatNumber(total)} công đoàn cơ sở đang hoạt động.`
          : `Đoàn viên sinh hoạt tại ${formatNumber(total)} công đoàn cơ sở đang hoạt động.`,
      ],
    },
    {
      key: "registry.agreements",
      title: "Thỏa ước lao động tập thể",
      order: 11,
      figures: [
        {
          key: "agreements.enterprises",
          label: "Doanh nghiệp có thỏa ước còn hiệu lực",
          value: coverage.eligibleEnterprises.withAgreement,
          unit: "count",
          target: coverage.eligibleEnterprises.total,
          link: `/staff/registry/agreements?status=valid&asOf=${asOf}`,
        },
        {
          key: "agreements.enterprises.share",
          label: "Tỷ lệ doanh nghiệp có công đoàn cơ sở đã ký thỏa ước",
          value: coverage.eligibleEnterprises.share,
          unit: "percent",
          link: `/staff/registry/agreements?status=valid&asOf=${asOf}`,
        },
        {
          key: "agreements.unions.share",
          label: "Tỷ lệ công đoàn cơ sở có thỏa ước còn hiệu lực",
          value: coverage.unions.share,
          unit: "percent",
          link: `/staff/registry/agreements?status=valid&asOf=${asOf}`,
        },
        {
          key: "agreements.workers",
          label: "Người lao động được thỏa ước bảo vệ",
          value: coverage.workers.covered,
          unit: "count",
          link: `/staff/registry/agreements?status=valid&asOf=${asOf}`,
        },
      ],
      paragraphs: [
        `Đến ngày ${formatDate(asOf)}, ${formatNumber(coverage.eligibleEnterprises.withAgreement)}/${formatNumber(coverage.eligibleEnterprises.total)} doanh nghiệp có công đoàn cơ sở đã ký thỏa ước lao động tập thể còn hiệu lực (${formatPercent(coverage.eligibleEnterprises.share)}), bảo vệ quyền lợi cho ${formatNumber(coverage.workers.covered)} người lao động.`,
      ],
    },
  ];
};

/**
 * Early-warning signals from the registry: an agreement missing or expired; mass layoffs (value: leavers
 * as a percent of the workforce) and wages under the regional minimum in the latest half-yearly report.
 */
export const registryRiskSignals: RiskSignalProvider = async (database, asOf) => {
  const signals: RiskSignal[] = [];
  // "No grassroots union where 20+ work" is computed by the relations module from the same core
  // tables (kind no_union); emitting it here too would count it twice.
  const agreements = await database.rows<{ id: number; lastTo: string | null }>(
    sql`SELECT e.id, (SELECT max(a.effective_to) FROM agreement_enterprises ae JOIN agreements a ON a.id = ae.agreement_id WHERE ae.enterprise_id = e.id AND a.effective_from <= ${asOf}::date) AS "lastTo"
        FROM enterprises e JOIN union_enterprises ue ON ue.enterprise_id = e.id
        WHERE e.status = 'active' AND NOT EXISTS (SELECT 1 FROM agreement_enterprises ae JOIN agreements a ON a.id = ae.agreement_id
          WHERE ae.enterprise_id = e.id AND a.effective_from <= ${asOf}::date AND a.effective_to >= ${asOf}::date)`,
  );
  for (const r of agreements) {
    signals.push(
      r.lastTo
        ? {
            enterpriseId: r.id,
            kind: "agreement_expired",
            value: 1,
            evidence: `Thỏa ước lao động tập thể hết hiệu lực từ ${formatDate(r.lastTo)}, chưa ký lại`,
            link: `/staff/registry/enterprises/${r.id}`,
          }
        : {
            enterpriseId: r.id,
            kind: "agreement_missing",
            value: 1,
            evidence: "Có công đoàn cơ sở nhưng chưa ký thỏa ước lao động tập thể",
            link: `/staff/registry/enterprises/${r.id}`,
          },
    );
  }
  // The latest report filed for a half-year that had ended by asOf, in its latest filing.
  const reports = await database.rows<{ id: number; period: string; workforce: number; leavers: number; lowestWage: number | null; minimum: number | null }>(
    sql`SELECT x.enterprise_id AS id, x.period, x.workforce, x.leavers, x.lowest_wage AS "lowestWage",
               ${minimumWageIfBelowTopSql(sql`x.lowest_wage`, sql`x.commune`, sql`x.period_end`, sql`x.enterprise_id`)} AS minimum FROM (
          SELECT DISTINCT ON (r.enterprise_id) r.*, coalesce(z.commune, e.commune) AS commune,
                 (CASE WHEN right(r.period, 1) = '1' THEN left(r.period, 4) || '-06-30' ELSE left(r.period, 4) || '-12-31' END)::date AS period_end
          FROM labor_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
          WHERE (CASE WHEN right(r.period, 1) = '1' THEN left(r.period, 4) || '-06-30' ELSE left(r.period, 4) || '-12-31' END)::date <= ${asOf}::date
            AND r.filed_at < ${vnDayEnd(asOf)}::timestamptz
          ORDER BY r.enterprise_id, r.period DESC, r.filed_at DESC, r.id DESC) x`,
  );
  for (const r of reports) {
    const label = r.period.endsWith("H1") ? `6 tháng đầu năm ${r.period.slice(0, 4)}` : `6 tháng cuối năm ${r.period.slice(0, 4)}`;
    // Leavers as a share of the workforce at the start of the half-year (now + leavers − hires ≈ workforce + leavers).
    const base = r.workforce + r.leavers;
    const share = base ? r.leavers / base : 0;
    if (r.leavers >= 30 && share >= 0.2) {
      signals.push({
        enterpriseId: r.id,
        kind: "mass_layoff",
        value: Math.round(share * 1000) / 10,
        evidence: `Báo cáo ${label}: ${formatNumber(r.leavers)} người nghỉ việc trên ${formatNumber(base)} lao động (${formatPercent(share * 100)})`,
        link: `/staff/registry/enterprises/${r.id}`,
      });
    }
    if (r.lowestWage !== null && r.minimum !== null && r.lowestWage < r.minimum) {
      signals.push({
        enterpriseId: r.id,
        kind: "reported_wage_below_minimum",
        value: 1,
        evidence: `Báo cáo ${label}: lương thấp nhất ${formatNumber(r.lowestWage)} đ, dưới lương tối thiểu vùng ${formatNumber(r.minimum)} đ`,
        link: `/staff/registry/enterprises/${r.id}`,
      });
    }
  }
  return signals;
};
