/** The coordination module's figures and sentences for the dashboards and the joint report, area by area. */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { FigureSection, Period } from "#server/modules/contracts.ts";
import { measureDate } from "#server/modules/reporting/index.ts";
import { partyUnionSection, yearTarget, zoneUnions } from "./coordination.party-union.ts";
import { type FigureFrame, Sections, n, q, sentence } from "./coordination.report-text.ts";
import { activityScope, zoneVisible } from "./coordination.scope.ts";
import { planAreas, type PlanArea } from "./coordination.schema.ts";
import { type ActivityTotals, activityTotals, admissions, enterprises20, membersAsOf, newMembers, newUnions, referrals } from "./metrics.ts";
import { summarize } from "./plans.service.ts";
import { computeProgress, targetsOfLevel } from "./targets.service.ts";

export { ratioText, sectionTitles } from "./coordination.report-text.ts";

/** How the supervision sentence begins: the report states supervision once when another module records the same visits. */
export const SUPERVISION_SENTENCE = "Chủ trì phối hợp tổ chức giám sát tại";

export interface PlanForPeriod {
  id: number;
  year: number;
  code: string;
  issuedOn: string | null;
  items: { id: number; no: number; area: PlanArea; content: string; status: string; reasonNotDone: string | null; leadBodyId: number }[];
}

/**
 * The joint plan of a year as the caller's scope sees it: a plan signed by a city body (the three
 * bodies' plan, most parties first); for a zone union also its own plans. Another zone's plan never.
 * The city sees every plan, the joint one first.
 */
export async function planOfYear(database: Database, year: number, scope: Scope): Promise<PlanForPeriod | null> {
  const own = scope.kind === "zones" ? sql` OR ${scope.bodyPath} LIKE pb.path || '%'` : sql``;
  const [plan] = await database.rows<Omit<PlanForPeriod, "items">>(
    sql`SELECT p.id, p.year, p.code, p.issued_on AS "issuedOn" FROM coordination_plans p
        WHERE p.year = ${year} AND (${scope.kind === "city"} OR EXISTS (SELECT 1 FROM bodies pb WHERE pb.id = ANY(p.parties)
          AND (pb.kind IN ('federation','zone_authority','mass_mobilization','system')${own})))
        ORDER BY EXISTS (SELECT 1 FROM bodies pb WHERE pb.id = ANY(p.parties) AND pb.kind IN ('federation','zone_authority','mass_mobilization')) DESC,
                 cardinality(p.parties) DESC, p.id LIMIT 1`,
  );
  if (!plan) return null;
  const items = await database.rows<PlanForPeriod["items"][number]>(
    sql`SELECT id, no, area, content, status, reason_not_done AS "reasonNotDone", lead_body_id AS "leadBodyId" FROM plan_items WHERE plan_id = ${plan.id} ORDER BY no`,
  );
  return { ...plan, items };
}

/**
 * Every query the figures need, started at once: each is independent of the others, so all run
 * together on the pool and the sections are then written in the report's order.
 */
function startQueries(database: Database, frame: FigureFrame) {
  const { scope, period, year, asOf, city } = frame;
  const f = { scope };
  const pending = {
    totals: activityTotals(database, f, period.from, period.to),
    plan: scope.kind === "enterprise" ? Promise.resolve(null) : planOfYear(database, year, scope),
    questions: database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM dialogue_questions dq JOIN activities a ON a.id = dq.activity_id WHERE a.kind = 'dialogue' AND a.held_on BETWEEN ${period.from}::date AND ${period.to}::date
          AND a.id IN (SELECT a2.id FROM activities a2 WHERE ${activityScope(scope, "a2")})`,
    ),
    partyUnion: Promise.all([
      newUnions(database, f, period.from, period.to),
      newMembers(database, f, period.from, period.to),
      referrals(database, f, period.from, period.to),
      admissions(database, f, period.from, period.to),
      membersAsOf(database, f, asOf),
      enterprises20(database, f, asOf),
    ]),
    targets:
      city || scope.kind === "zones"
        ? Promise.all(
            (["new_unions_in_year", "new_members_in_year", "party_referrals_in_year"] as const).map((m) =>
              yearTarget(database, year, m, scope.kind === "zones" ? scope.zoneIds : null),
            ),
          )
        : Promise.resolve([undefined, undefined, undefined]),
    // The second level (seed 001: the zone union's figures beside the federation's), for the city only.
    zones: city ? zoneUnions(database) : Promise.resolve([]),
    partyBuilding: database.rows<{ kind: string; n: number; people: number; workers: number; names: string[] }>(
      sql`SELECT a.kind, count(*)::int AS n, coalesce(sum(a.participants), 0)::int AS people, coalesce(sum(a.units), 0)::int AS workers,
            array_agg(a.title ORDER BY a.held_on, a.id) AS names
          FROM activities a WHERE a.kind IN ('party_cell','youth_org','party_admission') AND a.held_on BETWEEN ${period.from}::date AND ${period.to}::date
            AND ${activityScope(scope, "a")} GROUP BY a.kind`,
    ),
    levelTargets: scope.kind === "city" || scope.kind === "zones" ? targetsOfLevel(database, scope, year) : Promise.resolve([]),
    models: database.rows<{ name: string; awards: { year: number; title: string }[] }>(
      sql`SELECT name, awards FROM mobilization_models m WHERE m.year = ${year} AND ${zoneVisible(scope, sql`m.zone_id`)} ORDER BY id`,
    ),
  };
  // One failure surfaces through its await; the others must not become unhandled rejections meanwhile.
  for (const p of Object.values(pending)) (p as Promise<unknown>).catch(() => undefined);
  return pending;
}

/**
 * The plan items DONE in the period's plan, as the report's bullet points per area. An item still in
 * progress, not started, not done or carried over is a result of nothing yet: the assessment names
 * it once (reporting.service.ts), never here as well.
 */
function doneItems(out: Sections, plan: PlanForPeriod | null) {
  if (!plan) return;
  for (const area of planAreas) {
    for (const item of plan.items.filter((i) => i.area === area && i.status === "done")) out.get(area).paragraphs.push(sentence(item.content));
  }
}

/** Propaganda sessions: how many, how many workers reached, how many copies of material. */
function propaganda(out: Sections, t: ActivityTotals | undefined, period: Period) {
  if (!t) return;
  const link = `/staff/coordination/activities?kind=propaganda&${q(period)}`;
  out.add(
    "propaganda",
    { key: "propaganda.sessions", label: "Buổi tuyên truyền", value: t.count, link },
    `Tổ chức ${n(t.count)} buổi tuyên truyền về pháp luật lao động, Bảo hiểm xã hội, các chính sách đối với lao động nữ, Luật Thực hiện dân chủ ở cơ sở cho ${n(t.participants)} lượt công nhân lao động tại các doanh nghiệp trong KCN, KKT${t.copies ? `; biên soạn và phát hành ${n(t.copies)} cuốn tài liệu tuyên truyền` : ""}.`,
  );
  out.get("propaganda").figures.push({ key: "propaganda.reached", label: "Lượt công nhân lao động được tuyên truyền", value: t.participants, link });
  if (t.copies) out.get("propaganda").figures.push({ key: "propaganda.copies", label: "Tài liệu phát hành (cuốn)", value: t.copies, link });
}

/** Knowing the workers' situation and caring for them: dialogue conferences, the Tết market, job fairs, cultural programmes. */
function situation(out: Sections, totals: Map<string, ActivityTotals>, questions: number | undefined, period: Period) {
  const link = (kind: string) => `/staff/coordination/activities?kind=${kind}&${q(period)}`;
  const dialogue = totals.get("dialogue");
  if (dialogue) {
    out.add(
      "situation",
      { key: "dialogue.conferences", label: "Hội nghị đối thoại", value: dialogue.count, link: link("dialogue") },
      `Tổ chức ${n(dialogue.count)} hội nghị gặp gỡ, đối thoại với ${n(dialogue.participants)} lượt công nhân lao động; tiếp nhận ${n(questions ?? 0)} ý kiến, kiến nghị của người lao động.`,
    );
    out
      .get("situation")
      .figures.push({ key: "dialogue.questions", label: "Ý kiến, kiến nghị tại hội nghị đối thoại", value: questions ?? 0, link: link("dialogue") });
  }
  const market = totals.get("tet_market");
  if (market) {
    out.add(
      "situation",
      { key: "tet_market.visitors", label: "Lượt người tham dự Chợ Tết Công đoàn", value: market.visitors, link: link("tet_market") },
      `Tổ chức ${market.count > 1 ? `${n(market.count)} ` : ""}“Chợ Tết Công đoàn” với sự tham gia của ${n(market.units)} đơn vị, doanh nghiệp, ${n(market.stalls)} gian hàng, thu hút ${n(market.visitors)} lượt người tham dự.`,
    );
    out.get("situation").figures.push({ key: "tet_market.stalls", label: "Gian hàng Chợ Tết", value: market.stalls, link: link("tet_market") });
  }
  const fair = totals.get("job_fair");
  if (fair) {
    out.add(
      "situation",
      { key: "job_fair.count", label: "Phiên giao dịch việc làm", value: fair.count, link: link("job_fair") },
      `Tổ chức ${n(fair.count)} phiên giao dịch việc làm với ${n(fair.units)} doanh nghiệp tham gia tuyển dụng, ${n(fair.visitors || fair.participants)} lượt người lao động được kết nối việc làm.`,
    );
  }
  const cultural = totals.get("cultural");
  if (cultural) {
    out.add(
      "situation",
      { key: "cultural.count", label: "Chương trình văn hóa, văn nghệ", value: cultural.count, link: link("cultural") },
      `Tổ chức ${n(cultural.count)} chương trình văn hóa, văn nghệ, thể thao phục vụ ${n(cultural.participants)} lượt công nhân lao động.`,
    );
  }
}

/** "Dân vận khéo" models of the year, and how many were awarded in it. */
function models(out: Sections, rows: { name: string; awards: { year: number; title: string }[] }[], year: number) {
  if (!rows.length) return;
  const awarded = rows.filter((m) => m.awards.some((a) => a.year === year)).length;
  out.add(
    "mobilization",
    { key: "mobilization.models", label: "Mô hình “Dân vận khéo”", value: rows.length, link: `/staff/coordination/models?year=${year}` },
    `Các đơn vị đã tích cực triển khai thực hiện phong trào thi đua “Dân vận khéo” với ${n(rows.length)} mô hình tiêu biểu như: ${rows
      .slice(0, 8)
      .map((m) => `mô hình “${m.name}”`)
      .join("; ")}.${awarded ? ` Có ${n(awarded)} mô hình “Dân vận khéo” được khen thưởng trong năm ${year}.` : ""}`,
  );
  if (awarded)
    out
      .get("mobilization")
      .figures.push({ key: "mobilization.awarded", label: "Mô hình được khen thưởng", value: awarded, link: `/staff/coordination/models?year=${year}` });
}

/** Supervision visits recorded as activities of kind "supervision" (one row per enterprise visited). */
function supervision(out: Sections, sup: ActivityTotals | undefined, period: Period) {
  if (!sup) return;
  out.add(
    "supervision",
    {
      key: "supervision.enterprises",
      label: "Doanh nghiệp được giám sát",
      value: sup.enterprises,
      link: `/staff/coordination/activities?kind=supervision&${q(period)}`,
    },
    `${SUPERVISION_SENTENCE} ${n(sup.enterprises)} doanh nghiệp${sup.fdiEnterprises === sup.enterprises ? " FDI" : sup.fdiEnterprises ? ` (trong đó ${n(sup.fdiEnterprises)} doanh nghiệp FDI)` : ""} tập trung vào các nội dung: mức lương tối thiểu vùng; công tác an toàn vệ sinh lao động; quy chế dân chủ, thỏa ước lao động tập thể.`,
  );
  out.get("supervision").figures.push({
    key: "supervision.fdi",
    label: "Doanh nghiệp FDI được giám sát",
    value: sup.fdiEnterprises,
    link: `/staff/coordination/activities?kind=supervision&enterpriseOwnership=fdi&${q(period)}`,
  });
}

/** Metrics the report states in sentences of their own (new unions, members, referrals, members, coverage of 20+). */
const stated: readonly string[] = [
  "new_unions_in_year",
  "new_members_in_year",
  "party_referrals_in_year",
  "members_as_of",
  "enterprises20_with_union",
  "enterprises20_with_union_pct",
];

/**
 * Targets a sentence above does not already state (agreement coverage, figures entered by hand, …),
 * each with the value every page shows for this day and its source in a footnote.
 */
async function otherTargets(database: Database, out: Sections, targets: Awaited<ReturnType<typeof targetsOfLevel>>, frame: FigureFrame) {
  const { year, asOf } = frame;
  for (const t of targets) {
    if (stated.includes(t.metric)) continue;
    const p = await computeProgress(database, t, asOf);
    if (p.actual === null) continue;
    const area: PlanArea = t.metric === "agreement_coverage_pct" || t.computedMetric === "agreement_coverage_pct" ? "supervision" : "party_union";
    const source = `${p.source.charAt(0).toLocaleUpperCase("vi")}${p.source.slice(1)}${p.other ? `; ${p.other.source}: ${p.other.text}` : ""}.${p.rule ? ` ${p.rule}` : ""}`;
    out.add(area, {
      key: `target.${t.computedMetric ?? t.metric}.${t.id}`,
      label: `${t.title} (${t.program})`,
      value: p.actual,
      unit: t.unit,
      target: t.targetValue,
      link: `/staff/coordination/targets?year=${year}`,
      source,
    });
    out.say(
      area,
      `Chỉ tiêu “${t.title.replace(/\.$/, "")}” (${t.program}): ${p.text}${p.reached ? ", đã đạt" : ""}.`,
      `${source} Xem danh sách: /staff/coordination/targets?year=${year}.`,
    );
  }
}

/** Figures and sentences of the coordination module for a period and scope. */
export async function coordinationFigures(database: Database, scope: Scope, period: Period): Promise<FigureSection[]> {
  const frame: FigureFrame = { scope, period, year: Number(period.from.slice(0, 4)), asOf: measureDate(period), city: scope.kind === "city" };
  const pending = startQueries(database, frame);
  const totals = await pending.totals;
  const out = new Sections();
  const plan = await pending.plan;
  doneItems(out, plan);
  propaganda(out, totals.get("propaganda"), period);
  situation(out, totals, totals.get("dialogue") ? (await pending.questions)[0]?.n : undefined, period);
  const [unionsNew, membersNew, referred, admitted, members, cover] = await pending.partyUnion;
  const counts = { unionsNew, membersNew, referred, admitted, members, cover, targets: await pending.targets };
  await partyUnionSection(database, out, frame, counts, await pending.zones, await pending.partyBuilding, totals.get("training"));
  models(out, await pending.models, frame.year);
  supervision(out, totals.get("supervision"), period);
  await otherTargets(database, out, await pending.levelTargets, frame);
  if (plan) {
    const s = summarize(plan.items as { status: "done" }[]);
    out.get("general").figures.push({
      key: "plan.done",
      label: "Nội dung phối hợp hoàn thành",
      value: s.done,
      target: s.total,
      link: `/staff/coordination/plans/${plan.id}`,
      // The joint plan is the city's (planOfYear): a zone or a union sees the same items.
      cityWide: scope.kind !== "city",
    });
  }
  return out.list();
}
