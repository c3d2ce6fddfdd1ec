import { sql } from "drizzle-orm";
import { enterpriseScope, unionScope } from "#server/modules/access/access.policy.ts";
import type { FigureProvider, RiskSignal, RiskSignalProvider } from "#server/modules/contracts.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { agreementCoverage } from "./agreements.service.ts";
import { minimumWageSql } from "./wages.ts";

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);

/**
 * The registry's figures for the dashboards and the joint report: members as of the period's end
 * (from the intervals, so last year's report does not change), new members and new grassroots
 * unions in the period, enterprises of 20+ workers with a union, and agreement coverage.
 */
export const registryFigures: FigureProvider = async (database, scope, period) => {
  const inScope = unionScope(scope, sql`m.union_id`);
  const [members] = await database.rows<{ total: number; women: number; fresh: number; freshWomen: number }>(
    sql`SELECT count(*) FILTER (WHERE m.valid_from <= ${period.to}::date AND (m.valid_to IS NULL OR m.valid_to >= ${period.to}::date))::int AS total,
               count(*) FILTER (WHERE m.valid_from <= ${period.to}::date AND (m.valid_to IS NULL OR m.valid_to >= ${period.to}::date) AND p.gender = 'female')::int AS women,
               count(*) FILTER (WHERE m.start_reason IN ('join','rejoin','import') AND m.valid_from BETWEEN ${period.from}::date AND ${period.to}::date)::int AS fresh,
               count(*) FILTER (WHERE m.start_reason IN ('join','rejoin','import') AND m.valid_from BETWEEN ${period.from}::date AND ${period.to}::date AND p.gender = 'female')::int AS "freshWomen"
        FROM memberships m JOIN people p ON p.id = m.person_id WHERE ${inScope}`,
  );
  const [unions] = await database.rows<{ founded: number; total: number }>(
    sql`SELECT count(*) FILTER (WHERE u.founded_on BETWEEN ${period.from}::date AND ${period.to}::date)::int AS founded,
               count(*) FILTER (WHERE (u.founded_on IS NULL OR u.founded_on <= ${period.to}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${period.to}::date))::int AS total
        FROM unions u WHERE ${unionScope(scope, sql`u.id`)}`,
  );
  const [big] = await database.rows<{ total: number; withUnion: number }>(
    sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM union_enterprises ue JOIN unions u ON u.id = ue.union_id
                  WHERE ue.enterprise_id = e.id AND (u.founded_on IS NULL OR u.founded_on <= ${period.to}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${period.to}::date)))::int AS "withUnion"
        FROM enterprises e WHERE e.workforce_total >= 20 AND e.status = 'active' AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  const coverage = await agreementCoverage(database, scope, period.to);
  const m = members ?? { total: 0, women: 0, fresh: 0, freshWomen: 0 };
  const u = unions ?? { founded: 0, total: 0 };
  const b = big ?? { total: 0, withUnion: 0 };
  const asOf = period.to;
  return [
    {
      key: "registry.members",
      title: "Công tác phát triển đoàn viên, thành lập công đoàn cơ sở",
      order: 10,
      figures: [
        {
          key: "members.total",
          label: `Đoàn viên đến ngày ${formatDate(asOf)}`,
          value: m.total,
          unit: "count",
          link: `/staff/registry/people?member=member&asOf=${asOf}`,
        },
        {
          key: "members.women",
          label: "Trong đó đoàn viên nữ",
          value: m.women,
          unit: "count",
          link: `/staff/registry/people?member=member&gender=female&asOf=${asOf}`,
        },
        {
          key: "members.new",
          label: "Đoàn viên phát triển mới",
          value: m.fresh,
          unit: "count",
          link: `/staff/registry/people?joinedFrom=${period.from}&joinedTo=${period.to}`,
        },
        {
          key: "unions.new",
          label: "Công đoàn cơ sở thành lập mới",
          value: u.founded,
          unit: "count",
          link: `/staff/registry/unions?foundedFrom=${period.from}&foundedTo=${period.to}`,
        },
        { key: "unions.total", label: "Công đoàn cơ sở đang hoạt động", value: u.total, unit: "count", link: "/staff/registry/unions?active=true" },
        {
          key: "enterprises.20plus",
          label: "Doanh nghiệp từ 20 lao động trở lên",
          value: b.total,
          unit: "count",
          link: "/staff/registry/enterprises?minWorkforce=20&status=active",
        },
        {
          key: "enterprises.20plus.withUnion",
          label: "Doanh nghiệp từ 20 lao động trở lên đã có công đoàn cơ sở",
          value: b.withUnion,
          unit: "count",
          target: b.total,
          link: "/staff/registry/enterprises?minWorkforce=20&status=active&hasUnion=true",
        },
        {
          key: "enterprises.20plus.withUnion.share",
          label: "Tỷ lệ doanh nghiệp từ 20 lao động có công đoàn cơ sở",
          value: pct(b.withUnion, b.total),
          unit: "percent",
          link: "/staff/registry/enterprises?minWorkforce=20&status=active&hasUnion=false",
        },
      ],
      paragraphs: [
        `${period.label[0]?.toUpperCase() ?? ""}${period.label.slice(1)}, phát triển mới ${formatNumber(m.fresh)} đoàn viên (nữ ${formatNumber(m.freshWomen)}); thành lập mới ${formatNumber(u.founded)} công đoàn cơ sở. Đến ngày ${formatDate(asOf)}, toàn địa bàn có ${formatNumber(m.total)} đoàn viên (nữ ${formatNumber(m.women)}) sinh hoạt tại ${formatNumber(u.total)} công đoàn cơ sở.`,
        `${formatNumber(b.withUnion)}/${formatNumber(b.total)} doanh nghiệp sử dụng từ 20 lao động trở lên đã có tổ chức công đoàn cơ sở (${formatPercent(pct(b.withUnion, b.total))}).`,
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
    sql`SELECT x.enterprise_id AS id, x.period, x.workforce, x.leavers, x.lowest_wage AS "lowestWage", x.minimum FROM (
          SELECT DISTINCT ON (r.enterprise_id) r.*, ${minimumWageSql(sql`z.wage_region`, sql`(CASE WHEN right(r.period, 1) = '1' THEN left(r.period, 4) || '-06-30' ELSE left(r.period, 4) || '-12-31' END)::date`)} AS minimum
          FROM labor_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
          WHERE (CASE WHEN right(r.period, 1) = '1' THEN left(r.period, 4) || '-06-30' ELSE left(r.period, 4) || '-12-31' END)::date <= ${asOf}::date
            AND r.filed_at::date <= ${asOf}::date
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
