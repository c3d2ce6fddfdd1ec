import { sql } from "drizzle-orm";
import { enterpriseScope } from "#server/modules/access/index.ts";
import type { FigureProvider, RiskSignal, RiskSignalProvider } from "#server/modules/contracts.ts";
import { wageJudgedOnSql } from "#server/modules/relations/index.ts";
import { measureDate } from "#server/modules/reporting/index.ts";
import { addDays, vnDayEnd } from "#shared/clock.ts";
import { formatDate, formatNumber, formatVnd } from "#shared/text.ts";
import { daysLate, deadlineOf, getLabourSettings, lastEndedPeriod, periodEnd, periodLabel } from "./labour.deadlines.ts";

/**
 * The labour figures of the dashboards and the joint report: the reports of record (the registry's
 * latest filing of each enterprise for the last half-year ended by the period's measuring day —
 * officers' filings and enterprises' accepted submissions alike), read, never written, here; and
 * the figures only the enterprises' own form carries (foreign workers, accidents, overtime) from
 * the accepted submissions.
 */
export const labourFigures: FigureProvider = async (database, scope, period) => {
  const asOf = measureDate(period);
  const half = lastEndedPeriod(addDays(asOf, 1));
  const end = periodEnd(half);
  const inScope = enterpriseScope(scope, sql`e.id`, sql`e.zone_id`);
  const wage = wageJudgedOnSql(sql`${end}::date`);
  const [record] = await database.rows<{
    reported: number;
    expected: number;
    workforce: number;
    women: number;
    insured: number;
    wageSum: number;
    wageBase: number;
    below: number;
  }>(
    sql`WITH latest AS (
          SELECT DISTINCT ON (r.enterprise_id) r.*, coalesce(z.commune, e.commune) AS commune
          FROM labor_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
          WHERE r.period = ${half} AND ${inScope}
          ORDER BY r.enterprise_id, r.filed_at DESC, r.id DESC),
        -- The region of each commune named by a report paying less than Region I's minimum, once.
        places AS MATERIALIZED (${wage.regions(sql`SELECT DISTINCT commune FROM latest WHERE commune IS NOT NULL AND lowest_wage < ${wage.top}`)})
        SELECT (SELECT count(*)::int FROM latest) AS reported,
               -- Those that had to report: the active ones established by the half's end, and every one that did
               -- report (since closed, or dated later in the registry), so the count reported is never above it.
               (SELECT count(*)::int FROM enterprises e
                 WHERE ((e.status = 'active' AND (e.established_on IS NULL OR e.established_on <= ${end}::date))
                        OR e.id IN (SELECT enterprise_id FROM latest)) AND ${inScope}) AS expected,
               coalesce(sum(workforce), 0)::int AS workforce, coalesce(sum(women), 0)::int AS women, coalesce(sum(insured), 0)::int AS insured,
               coalesce(sum(average_wage::float8 * workforce) FILTER (WHERE average_wage IS NOT NULL), 0)::float8 AS "wageSum",
               coalesce(sum(workforce) FILTER (WHERE average_wage IS NOT NULL), 0)::float8 AS "wageBase",
               count(*) FILTER (WHERE lowest_wage < ${wage.top} AND lowest_wage < ${wage.minimum(sql`p.region`, sql`l.enterprise_id`)})::int AS below
        FROM latest l LEFT JOIN places p ON p.commune = l.commune`,
  );
  const [own] = await database.rows<{ n: number; foreigners: number; accidents: number; deaths: number; overtime: number }>(
    sql`SELECT count(*)::int AS n, coalesce(sum(s.foreigners), 0)::int AS foreigners, coalesce(sum(s.accidents), 0)::int AS accidents,
               coalesce(sum(s.accident_deaths), 0)::int AS deaths, coalesce(sum(s.overtime_hours), 0)::float8 AS overtime
        FROM labour_submissions s JOIN enterprises e ON e.id = s.enterprise_id
        WHERE s.period = ${half} AND s.status = 'accepted' AND ${inScope}
          AND NOT EXISTS (SELECT 1 FROM labour_submissions n WHERE n.enterprise_id = s.enterprise_id AND n.period = s.period AND n.status = 'accepted' AND n.version > s.version)`,
  );
  const r = record ?? { reported: 0, expected: 0, workforce: 0, women: 0, insured: 0, wageSum: 0, wageBase: 0, below: 0 };
  const o = own ?? { n: 0, foreigners: 0, accidents: 0, deaths: 0, overtime: 0 };
  const averageWage = r.wageBase > 0 ? Math.round(r.wageSum / r.wageBase) : 0;
  const label = periodLabel(half);
  const link = `/staff/labour/submissions?period=${half}`;
  const paragraphs =
    r.reported === 0
      ? [`Chưa có doanh nghiệp nào có báo cáo tình hình lao động ${label} được ghi nhận (${formatNumber(r.expected)} doanh nghiệp phải báo cáo).`]
      : [
          `Theo báo cáo tình hình lao động ${label} của ${formatNumber(r.reported)}/${formatNumber(r.expected)} doanh nghiệp, tổng số lao động là ${formatNumber(r.workforce)} người (nữ ${formatNumber(r.women)} người), ${formatNumber(r.insured)} người tham gia bảo hiểm xã hội; lương bình quân ${formatVnd(averageWage)}/tháng${r.below > 0 ? `; ${formatNumber(r.below)} doanh nghiệp báo cáo lương thấp nhất dưới mức lương tối thiểu vùng` : ""}.`,
        ];
  if (o.n > 0)
    paragraphs.push(
      `${formatNumber(o.n)} doanh nghiệp tự nộp báo cáo qua hệ thống và được Ban Quản lý chấp nhận: ${formatNumber(o.foreigners)} lao động nước ngoài, ${formatNumber(o.overtime)} giờ làm thêm, ${formatNumber(o.accidents)} người bị tai nạn lao động (${formatNumber(o.deaths)} người chết).`,
    );
  return [
    {
      key: "labour.reports",
      title: "Tình hình lao động tại doanh nghiệp (báo cáo 6 tháng)",
      order: 12,
      figures: [
        { key: "labour.enterprises", label: `Doanh nghiệp có báo cáo lao động ${label}`, value: r.reported, unit: "count", target: r.expected, link },
        { key: "labour.workforce", label: `Lao động theo báo cáo ${label}`, value: r.workforce, unit: "count", link },
        { key: "labour.women", label: `Lao động nữ theo báo cáo ${label}`, value: r.women, unit: "count", link },
        { key: "labour.insured", label: `Người tham gia BHXH theo báo cáo ${label}`, value: r.insured, unit: "count", link },
        { key: "labour.averageWage", label: `Lương bình quân theo báo cáo ${label}`, value: averageWage, unit: "vnd", link },
        { key: "labour.belowMinimum", label: "Doanh nghiệp báo cáo lương thấp nhất dưới mức tối thiểu vùng", value: r.below, unit: "count", link },
        { key: "labour.accidents", label: `Người bị tai nạn lao động (báo cáo doanh nghiệp tự nộp, ${label})`, value: o.accidents, unit: "count", link },
      ],
      paragraphs,
    },
  ];
};

/**
 * Early-warning signal "labour_report_late": the report of the last half-year ended by `asOf` is
 * past its deadline with nothing submitted and no report of record (value: days late).
 */
export const labourRiskSignals: RiskSignalProvider = async (database, asOf) => {
  const s = await getLabourSettings(database);
  const period = lastEndedPeriod(asOf);
  const deadline = deadlineOf(period, s);
  if (asOf <= deadline) return [];
  const before = vnDayEnd(asOf);
  const rows = await database.rows<{ id: number }>(
    sql`SELECT e.id FROM enterprises e
        WHERE e.status = 'active' AND (e.established_on IS NULL OR e.established_on <= ${periodEnd(period)}::date)
          AND NOT EXISTS (SELECT 1 FROM labour_submissions x WHERE x.enterprise_id = e.id AND x.period = ${period} AND x.submitted_at < ${before}::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM labor_reports r WHERE r.enterprise_id = e.id AND r.period = ${period} AND r.filed_at < ${before}::timestamptz)`,
  );
  const late = daysLate(deadline, asOf);
  return rows.map(
    (r): RiskSignal => ({
      enterpriseId: r.id,
      kind: "labour_report_late",
      value: late,
      evidence: `Chưa nộp báo cáo tình hình lao động ${periodLabel(period)} (hạn ${formatDate(deadline)}), chậm ${formatNumber(late)} ngày`,
      link: `/staff/labour/overdue?period=${period}`,
    }),
  );
};
