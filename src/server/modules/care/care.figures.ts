import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { enterpriseScope, personScope, unionScope } from "#server/modules/access/index.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureProvider, FigureSection, Period } from "#server/modules/contracts.ts";
import { periodParts } from "#shared/clock.ts";
import { formatNumber } from "#shared/text.ts";
import { totalsSentence } from "./campaigns.service.ts";
import { kindPhrase, moneyPhrase, payoutKinds, type PayoutKind } from "./care.text.ts";

/**
 * The payouts the scope sees: paid by a union in scope, or to a person who, when the payout was
 * recorded, was a member of a union in scope or worked at an enterprise in scope. Each payout keeps
 * those two places itself (migration 0860, filled on insert), and so do the counts kept per month
 * (migration 0970), so every scope tests the same three columns of either, with no join on people
 * or memberships. `at` names the table's alias.
 */
const payoutIn = (scope: Scope, at = "cp") => {
  if (scope.kind === "city") return sql`true`;
  const col = (c: string) => sql.raw(`${at}.${c}`);
  return sql`(${unionScope(scope, col("union_id"))} OR ${unionScope(scope, col("person_union_id"))} OR ${enterpriseScope(scope, col("person_enterprise_id"))})`;
};

type Grouped = { purpose: string; kind: PayoutKind | null; people: number; amount: number };
/** What a section part adds: figures, and the report's sentences. */
type Out = { figures: Figure[]; paragraphs: string[] };

/**
 * Payouts, amounts and people per purpose and per (purpose, kind) in the period and scope. Payouts
 * and amounts are sums: the whole months from the counts kept per month, the odd days from the
 * payouts. People are those payouts less the ones repeating, in the same set, a payout of the same
 * person (same purpose; same purpose and kind): only flagged payouts can (migration 0970), and each
 * is probed for an earlier one of its person in the set. A person paid twice counts once.
 */
async function payoutsByPurpose(database: Database, scope: Scope, period: Period): Promise<Grouped[]> {
  const parts = periodParts(period);
  const inDays = sql.join(
    parts.days.map((d) => sql`cp.paid_on BETWEEN ${d.from}::date AND ${d.to}::date`),
    sql` OR `,
  );
  const summed: SQL[] = [];
  if (parts.months)
    summed.push(sql`SELECT cp.campaign_id, cp.kind, sum(cp.payouts) AS n, sum(cp.amount) AS amount FROM care_payout_counts cp
        WHERE cp.month >= ${parts.months.from}::date AND cp.month < ${parts.months.to}::date AND ${payoutIn(scope)} GROUP BY 1, 2`);
  if (parts.days.length)
    summed.push(sql`SELECT cp.campaign_id, cp.kind, count(*) AS n, sum(cp.amount) AS amount FROM care_payouts cp
        WHERE (${inDays}) AND ${payoutIn(scope)} GROUP BY 1, 2`);
  const same = (kind: boolean) =>
    sql`EXISTS (SELECT 1 FROM care_payouts q JOIN care_campaigns qc ON qc.id = q.campaign_id
          WHERE q.person_id = cp.person_id AND qc.purpose = c.purpose ${kind ? sql`AND q.kind = cp.kind` : sql``}
            AND (q.paid_on, q.id) < (cp.paid_on, cp.id) AND q.paid_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${payoutIn(scope, "q")})`;
  const [sums, repeats] = await Promise.all([
    database.rows<{ purpose: string; kind: PayoutKind; n: number; amount: string }>(
      sql`SELECT c.purpose, x.kind, sum(x.n)::int AS n, coalesce(sum(x.amount), 0) AS amount
          FROM (${sql.join(summed, sql` UNION ALL `)}) x JOIN care_campaigns c ON c.id = x.campaign_id
          GROUP BY 1, 2 HAVING sum(x.n) <> 0`,
    ),
    database.rows<{ purpose: string; kind: PayoutKind; inKind: number; inPurpose: number }>(
      sql`SELECT c.purpose, cp.kind, count(*) FILTER (WHERE cp.repeats_kind AND ${same(true)})::int AS "inKind",
            count(*) FILTER (WHERE ${same(false)})::int AS "inPurpose"
          FROM care_payouts cp JOIN care_campaigns c ON c.id = cp.campaign_id
          WHERE cp.repeats_purpose AND cp.paid_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${payoutIn(scope)}
          GROUP BY 1, 2`,
    ),
  ]);
  const out: Grouped[] = [];
  const purposes = new Map<string, Grouped>();
  for (const s of sums) {
    const r = repeats.find((x) => x.purpose === s.purpose && x.kind === s.kind);
    out.push({ purpose: s.purpose, kind: s.kind, people: s.n - (r?.inKind ?? 0), amount: Number(s.amount) });
    const p = purposes.get(s.purpose) ?? { purpose: s.purpose, kind: null, people: 0, amount: 0 };
    p.people += s.n - (r?.inPurpose ?? 0);
    p.amount += Number(s.amount);
    purposes.set(s.purpose, p);
  }
  return [...out, ...purposes.values()];
}

/** Support by purpose: Tết (by kind), hardship visits, scholarships, Tết market vouchers, tickets home. */
function payoutFigures(grouped: Grouped[], period: Period, out: Out) {
  const { figures, paragraphs } = out;
  const rows = grouped.filter((r): r is typeof r & { kind: PayoutKind } => r.kind !== null);
  const distinct = grouped.filter((r) => r.kind === null);
  const link = (purpose: string) => `/staff/care/campaigns?purpose=${purpose}&from=${period.from}&to=${period.to}`;
  const tet = distinct.find((d) => d.purpose === "tet");
  if (tet) {
    const byKind = payoutKinds.map((k) => {
      const r = rows.find((x) => x.purpose === "tet" && x.kind === k);
      return { kind: k, label: kindPhrase[k].label, people: r?.people ?? 0, amount: Number(r?.amount ?? 0) };
    });
    figures.push({ key: "care.tet.people", label: "Đoàn viên, NLĐ được hỗ trợ nhân dịp Tết", value: tet.people, unit: "count", link: link("tet") });
    figures.push({ key: "care.tet.amount", label: "Tổng số tiền hỗ trợ Tết", value: Number(tet.amount), unit: "vnd", link: link("tet") });
    for (const k of byKind.filter((x) => x.people > 0)) {
      figures.push({
        key: `care.tet.${k.kind}.people`,
        label: `Được hỗ trợ Tết: ${k.label.toLowerCase()}`,
        value: k.people,
        unit: "count",
        link: `${link("tet")}&kind=${k.kind}`,
      });
      figures.push({
        key: `care.tet.${k.kind}.amount`,
        label: `Trị giá hỗ trợ Tết: ${k.label.toLowerCase()}`,
        value: k.amount,
        unit: "vnd",
        link: `${link("tet")}&kind=${k.kind}`,
      });
    }
    paragraphs.push(totalsSentence({ people: tet.people, amount: Number(tet.amount), byKind }, "được hỗ trợ nhân dịp Tết"));
  }
  const hardship = distinct.find((d) => d.purpose === "hardship");
  if (hardship) {
    figures.push({
      key: "care.hardship.people",
      label: "Đoàn viên, NLĐ khó khăn được hỗ trợ, thăm hỏi",
      value: hardship.people,
      unit: "count",
      link: link("hardship"),
    });
    figures.push({ key: "care.hardship.amount", label: "Số tiền hỗ trợ, thăm hỏi", value: Number(hardship.amount), unit: "vnd", link: link("hardship") });
    paragraphs.push(
      `Nhằm động viên, chia sẻ với những trường hợp có hoàn cảnh khó khăn, đã có ${formatNumber(hardship.people)} đoàn viên, NLĐ được công đoàn các cấp hỗ trợ, thăm hỏi với tổng số tiền ${moneyPhrase(Number(hardship.amount))}.`,
    );
  }
  for (const [purpose, label, phrase] of [
    ["scholarship", "Con CNLĐ được trao học bổng", "con CNLĐ được trao học bổng"],
    ["tet_market", "Đoàn viên, NLĐ được tặng phiếu mua hàng Chợ Tết Công đoàn", "đoàn viên, NLĐ được tặng phiếu mua hàng tại Chợ Tết Công đoàn"],
    ["ticket_home", "Đoàn viên, NLĐ được hỗ trợ vé xe về quê", "đoàn viên, NLĐ được hỗ trợ vé xe về quê"],
  ] as const) {
    const d = distinct.find((x) => x.purpose === purpose);
    if (!d) continue;
    figures.push({ key: `care.${purpose}.people`, label, value: d.people, unit: "count", link: link(purpose) });
    figures.push({ key: `care.${purpose}.amount`, label: `${label} — trị giá`, value: Number(d.amount), unit: "vnd", link: link(purpose) });
    paragraphs.push(`Có ${formatNumber(d.people)} ${phrase} với trị giá ${moneyPhrase(Number(d.amount))}.`);
  }
}

/** Union houses ("Mái ấm Công đoàn") built or repaired in the period, in the caller's scope. */
async function unionHouseFigures(database: Database, scope: Scope, period: Period, out: Out) {
  const { figures, paragraphs } = out;
  const [houses] = await database.rows<{ n: number; amount: number }>(
    sql`SELECT count(*)::int AS n, coalesce(sum(h.amount), 0) AS amount FROM care_union_houses h JOIN people p ON p.id = h.person_id
        WHERE coalesce(h.handover_on, h.approved_on) BETWEEN ${period.from}::date AND ${period.to}::date
          AND (${unionScope(scope, sql`h.union_id`)} OR ${personScope(scope, sql`p.id`, sql`p.enterprise_id`)})`,
  );
  if (houses && houses.n > 0) {
    figures.push({
      key: "care.union_houses.count",
      label: 'Nhà "Mái ấm Công đoàn" được hỗ trợ xây dựng, sửa chữa',
      value: houses.n,
      unit: "count",
      link: "/staff/care/union-houses",
    });
    figures.push({
      key: "care.union_houses.amount",
      label: 'Số tiền hỗ trợ "Mái ấm Công đoàn"',
      value: Number(houses.amount),
      unit: "vnd",
      link: "/staff/care/union-houses",
    });
    paragraphs.push(`Hỗ trợ xây dựng, sửa chữa ${formatNumber(houses.n)} nhà "Mái ấm Công đoàn" với tổng số tiền ${moneyPhrase(Number(houses.amount))}.`);
  }
}

/** Worker housing projects and those started in the period. */
async function housingFigures(database: Database, period: Period, out: Out) {
  const { figures, paragraphs } = out;
  // Housing serves workers across the city: the same for every scope.
  const [housing] = await database.rows<{ n: number; units: number; people: number; started: number }>(
    sql`SELECT count(*)::int AS n, coalesce(sum(units), 0)::int AS units, coalesce(sum(capacity_people), 0)::int AS people,
          (SELECT count(DISTINCT m.project_id)::int FROM care_housing_milestones m WHERE m.kind = 'started' AND m.happened_on BETWEEN ${period.from}::date AND ${period.to}::date) AS started
        FROM care_housing_projects WHERE published`,
  );
  if (housing && housing.n > 0) {
    figures.push({ key: "care.housing.projects", label: "Dự án nhà ở cho công nhân", value: housing.n, unit: "count", link: "/staff/care/housing" });
    figures.push({ key: "care.housing.units", label: "Số căn hộ nhà ở cho công nhân", value: housing.units, unit: "count", link: "/staff/care/housing" });
    figures.push({
      key: "care.housing.capacity",
      label: "Chỗ ở cho công nhân lao động (người)",
      value: housing.people,
      unit: "count",
      link: "/staff/care/housing",
    });
    if (housing.started > 0)
      figures.push({
        key: "care.housing.started",
        label: "Dự án nhà ở khởi công trong kỳ",
        value: housing.started,
        unit: "count",
        link: "/staff/care/housing",
      });
    paragraphs.push(
      `Trên địa bàn có ${formatNumber(housing.n)} dự án nhà ở cho công nhân với khoảng ${formatNumber(housing.units)} căn hộ, đáp ứng chỗ ở cho khoảng ${formatNumber(housing.people)} người lao động${housing.started ? `; ${formatNumber(housing.started)} dự án khởi công ${period.label}` : ""}.`,
    );
  }
}

/**
 * Care in the joint report: Tết support by kind, hardship visits, union houses and worker housing,
 * from the payouts dated in the period ("… đoàn viên, NLĐ được hỗ trợ nhân dịp Tết với tổng số tiền …").
 */
export const careFigures: FigureProvider = async (database: Database, scope: Scope, period) => {
  const out: Out = { figures: [], paragraphs: [] };
  payoutFigures(await payoutsByPurpose(database, scope, period), period, out);
  await unionHouseFigures(database, scope, period, out);
  await housingFigures(database, period, out);
  const section: FigureSection = {
    key: "care",
    title: "Công tác chăm lo đời sống, hỗ trợ đoàn viên, người lao động",
    order: 50,
    figures: out.figures,
    paragraphs: out.paragraphs,
  };
  return [section];
};
