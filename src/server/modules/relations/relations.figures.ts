import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { enterpriseScope, type Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureProvider, FigureSection, Period } from "#server/modules/contracts.ts";
import { moneyWords } from "#shared/money.ts";
import { formatNumber, formatPercent } from "#shared/text.ts";
import { incidentKindLabels, incidentKinds } from "./relations.schema.ts";
import { vnToday } from "#shared/clock.ts";

type KindRow = { kind: string; n: number; workers: number; amount: number };
type InspectionCounts = {
  inspections: number;
  enterprises: number;
  fdi: number;
  answered: number;
  nonCompliant: number;
  recs: number;
  closed: number;
  overdue: number;
};

/** Incidents that started in the period, by kind: how many, workers affected, amounts owed. */
function incidentsByKind(database: Database, scope: Scope, period: Period) {
  const inScope = enterpriseScope(scope, sql`e.id`, sql`e.zone_id`);
  return database.rows<KindRow>(
    sql`SELECT i.kind, count(*)::int AS n, coalesce(sum(i.workers_affected), 0)::int AS workers, coalesce(sum(i.amount_owed), 0)::float8 AS amount
        FROM relations_incidents i JOIN enterprises e ON e.id = i.enterprise_id
        WHERE i.started_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${inScope}
        GROUP BY i.kind`,
  );
}

/** Completed inspections of the period: enterprises (FDI), answers not compliant, recommendations issued, closed, overdue. */
async function inspectionCounts(database: Database, scope: Scope, period: Period): Promise<InspectionCounts | undefined> {
  const inScope = enterpriseScope(scope, sql`e.id`, sql`e.zone_id`);
  const [ins] = await database.rows<InspectionCounts>(
    sql`SELECT count(DISTINCT i.id)::int AS inspections, count(DISTINCT i.enterprise_id)::int AS enterprises,
               count(DISTINCT i.enterprise_id) FILTER (WHERE e.ownership = 'fdi')::int AS fdi,
               (SELECT count(*)::int FROM relations_answers a JOIN relations_inspections x ON x.id = a.inspection_id JOIN enterprises e ON e.id = x.enterprise_id
                 WHERE x.status = 'completed' AND a.result <> 'not_applicable' AND x.inspected_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${inScope}) AS answered,
               (SELECT count(*)::int FROM relations_answers a JOIN relations_inspections x ON x.id = a.inspection_id JOIN enterprises e ON e.id = x.enterprise_id
                 WHERE x.status = 'completed' AND a.result = 'non_compliant' AND x.inspected_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${inScope}) AS "nonCompliant",
               (SELECT count(*)::int FROM relations_recommendations r JOIN enterprises e ON e.id = r.enterprise_id
                 WHERE r.issued_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${inScope}) AS recs,
               (SELECT count(*)::int FROM relations_recommendations r JOIN enterprises e ON e.id = r.enterprise_id
                 WHERE r.issued_on BETWEEN ${period.from}::date AND ${period.to}::date AND r.status = 'closed' AND ${inScope}) AS closed,
               (SELECT count(*)::int FROM relations_recommendations r JOIN enterprises e ON e.id = r.enterprise_id
                 WHERE r.issued_on BETWEEN ${period.from}::date AND ${period.to}::date AND r.status <> 'closed' AND r.deadline < ${vnToday()}::date AND ${inScope}) AS overdue
        FROM relations_inspections i JOIN enterprises e ON e.id = i.enterprise_id
        WHERE i.status = 'completed' AND i.inspected_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${inScope}`,
  );
  return ins;
}

/** The incidents' section: by kind, workers affected, workers in stoppages, amounts owed, and its sentence. */
function incidentSection(byKind: KindRow[], period: Period): FigureSection {
  const range = `from=${period.from}&to=${period.to}`;
  const get = (k: string) => byKind.find((r) => r.kind === k);
  const totalIncidents = byKind.reduce((s, r) => s + r.n, 0);
  const workers = byKind.reduce((s, r) => s + r.workers, 0);
  const owed = byKind.filter((r) => r.kind === "wage_arrears" || r.kind === "si_arrears").reduce((s, r) => s + r.amount, 0);
  const link = (params = "") => `/staff/relations/incidents?${params}${range}`;
  const figures: Figure[] = [
    { key: "relations.incidents.total", label: "Sự việc quan hệ lao động", value: totalIncidents, unit: "count", link: link() },
    ...incidentKinds.map((k) => ({
      key: `relations.incidents.${k}`,
      label: incidentKindLabels[k],
      value: get(k)?.n ?? 0,
      unit: "count" as const,
      link: link(`kind=${k}&`),
    })),
    { key: "relations.incidents.workers", label: "Lượt người lao động bị ảnh hưởng", value: workers, unit: "count", link: link() },
    {
      key: "relations.incidents.stoppage_workers",
      label: "Người lao động tham gia ngừng việc tập thể",
      value: get("work_stoppage")?.workers ?? 0,
      unit: "count",
      link: link("kind=work_stoppage&"),
    },
    { key: "relations.incidents.owed", label: "Số tiền nợ lương, nợ BHXH", value: owed, unit: "vnd", link: link() },
  ];
  let paragraph = `Trong ${period.label}, không ghi nhận sự việc quan hệ lao động nào trong phạm vi theo dõi.`;
  if (totalIncidents > 0) {
    const kinds = byKind
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n)
      .map((r) => `${formatNumber(r.n)} vụ ${incidentKindLabels[r.kind as keyof typeof incidentKindLabels].toLowerCase()}`)
      .join(", ");
    paragraph =
      `Trong ${period.label}, các cơ quan đã nắm bắt và phối hợp xử lý ${formatNumber(totalIncidents)} sự việc liên quan đến quan hệ lao động (${kinds}), ảnh hưởng đến ${formatNumber(workers)} lượt người lao động` +
      (owed > 0 ? `; tổng số tiền nợ lương, nợ bảo hiểm xã hội ${moneyWords(owed)}.` : ".");
  }
  return {
    key: "relations.incidents",
    title: "Tình hình quan hệ lao động, tranh chấp lao động, ngừng việc tập thể",
    order: 40,
    figures,
    paragraphs: [paragraph],
  };
}

/** The inspections' section: inspections, enterprises (FDI), non-compliance rate, recommendations, and its sentence. */
function inspectionSection(ins: InspectionCounts | undefined, period: Period): FigureSection {
  const list = `/staff/relations/inspections?from=${period.from}&to=${period.to}`;
  const rate = ins && ins.answered > 0 ? (100 * ins.nonCompliant) / ins.answered : 0;
  const figures: Figure[] = [
    { key: "relations.inspections.done", label: "Cuộc kiểm tra, giám sát đã thực hiện", value: ins?.inspections ?? 0, unit: "count", link: list },
    { key: "relations.inspections.enterprises", label: "Doanh nghiệp được kiểm tra, giám sát", value: ins?.enterprises ?? 0, unit: "count", link: list },
    { key: "relations.inspections.fdi", label: "Doanh nghiệp FDI được kiểm tra, giám sát", value: ins?.fdi ?? 0, unit: "count", link: list },
    {
      key: "relations.inspections.noncompliance",
      label: "Tỷ lệ nội dung không đạt",
      value: Math.round(rate * 10) / 10,
      unit: "percent",
      link: "/staff/relations/inspections",
    },
    { key: "relations.recommendations.issued", label: "Kiến nghị sau kiểm tra", value: ins?.recs ?? 0, unit: "count", link: "/staff/relations/inspections" },
    {
      key: "relations.recommendations.closed",
      label: "Kiến nghị đã khắc phục",
      value: ins?.closed ?? 0,
      unit: "count",
      target: ins?.recs ?? 0,
      link: "/staff/relations/inspections",
    },
    {
      key: "relations.recommendations.overdue",
      label: "Kiến nghị quá hạn chưa khắc phục",
      value: ins?.overdue ?? 0,
      unit: "count",
      link: "/staff/relations/inspections",
    },
  ];
  const paragraphs: string[] = [];
  if ((ins?.inspections ?? 0) > 0 && ins) {
    paragraphs.push(
      `Phối hợp kiểm tra, giám sát ${formatNumber(ins.enterprises)} doanh nghiệp (trong đó ${formatNumber(ins.fdi)} doanh nghiệp FDI) về thực hiện lương tối thiểu vùng, an toàn vệ sinh lao động, dân chủ ở cơ sở, thỏa ước lao động tập thể, bảo hiểm xã hội và kinh phí công đoàn; ` +
        `tỷ lệ nội dung không đạt ${formatPercent(rate)}; đã kiến nghị ${formatNumber(ins.recs)} nội dung, doanh nghiệp đã khắc phục ${formatNumber(ins.closed)}` +
        (ins.overdue > 0 ? `, còn ${formatNumber(ins.overdue)} kiến nghị quá hạn đang theo dõi.` : "."),
    );
  }
  return { key: "relations.inspections", title: "Công tác kiểm tra, giám sát việc thực hiện chính sách, pháp luật lao động", order: 41, figures, paragraphs };
}

/**
 * Figures of labor relations for the dashboards and the joint report: incidents by kind with the
 * workers affected and the amounts owed; inspections and supervision (enterprises supervised, of
 * which FDI), non-compliance rate, recommendations. Every figure links to the records behind it.
 */
export const relationsFigures: FigureProvider = async (database: Database, scope: Scope, period: Period): Promise<FigureSection[]> => {
  const byKind = await incidentsByKind(database, scope, period);
  const ins = await inspectionCounts(database, scope, period);
  return [incidentSection(byKind, period), inspectionSection(ins, period)];
};
