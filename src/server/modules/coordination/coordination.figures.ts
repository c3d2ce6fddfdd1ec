import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/access.policy.ts";
import type { Figure, FigureSection, Period } from "#server/modules/contracts.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { measureDate } from "#server/modules/reporting/period.ts";
import { activityScope, zoneVisible } from "./coordination.scope.ts";
import { planAreas, type PlanArea } from "./coordination.schema.ts";
import { activityTotals, admissions, enterprises20, membersAsOf, newMembers, newUnions, referrals } from "./metrics.ts";
import { summarize } from "./plans.service.ts";

/**
 * The coordination module's figures for the dashboards and the joint report. Section keys are
 * the areas of the joint report (001): other modules' providers may return a section with the same
 * key (e.g. relations → "supervision", care → "situation"/"housing") and reporting merges them.
 */
export const sectionTitles: Record<PlanArea, { order: number; title: string }> = {
  leadership: { order: 10, title: "Phối hợp trong công tác lãnh đạo, chỉ đạo" },
  propaganda: { order: 20, title: "Phối hợp trong công tác tuyên truyền" },
  situation: { order: 30, title: "Phối hợp trong nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi cho công nhân lao động" },
  housing: { order: 40, title: "Phối hợp tham mưu xây dựng các dự án nhà ở cho công nhân" },
  party_union: { order: 50, title: "Phối hợp trong xây dựng, nâng cao chất lượng tổ chức đảng, đoàn thể trong các doanh nghiệp" },
  mobilization: { order: 60, title: "Xây dựng các mô hình “Dân vận khéo”" },
  supervision: { order: 70, title: "Phối hợp trong công tác kiểm tra, giám sát" },
  general: { order: 80, title: "Các nội dung phối hợp khác" },
};

const n = formatNumber;
const q = (p: Period) => `from=${p.from}&to=${p.to}`;

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

async function yearTarget(database: Database, year: number, metric: string): Promise<number | undefined> {
  const [row] = await database.rows<{ v: number }>(
    sql`SELECT target_value AS v FROM targets WHERE year = ${year} AND metric = ${metric} AND zone_id IS NULL ORDER BY id DESC LIMIT 1`,
  );
  return row ? Number(row.v) : undefined;
}

const against = (value: number, target: number | undefined) => (target ? `${n(value)}/${n(target)}` : n(value));
/** "61,8%", but "100%" for a whole number, as the bodies write it. */
export const ratioText = (value: number, target: number) => {
  const r = (100 * value) / target;
  return Math.abs(r - Math.round(r)) < 0.05 ? `${formatNumber(Math.round(r))}%` : formatPercent(r);
};
const pct = (value: number, target: number | undefined) => (target ? ratioText(value, target) : "");
/** A plan item as a sentence of the report. */
const sentence = (s: string) => (/[.!?;:]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** Figures and sentences of the coordination module for a period and scope. */
export async function coordinationFigures(database: Database, scope: Scope, period: Period): Promise<FigureSection[]> {
  const year = Number(period.from.slice(0, 4));
  const f = { scope };
  const asOf = measureDate(period);
  const city = scope.kind === "city";
  // Every query below is independent of the others: all start now and run at once on the pool;
  // the sections are then written in the report's order.
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
    targets: city
      ? Promise.all([
          yearTarget(database, year, "new_unions_in_year"),
          yearTarget(database, year, "new_members_in_year"),
          yearTarget(database, year, "party_referrals_in_year"),
        ])
      : Promise.resolve([undefined, undefined, undefined] as const),
    models: database.rows<{ name: string; awards: { year: number; title: string }[] }>(
      sql`SELECT name, awards FROM mobilization_models m WHERE m.year = ${year} AND ${zoneVisible(scope, sql`m.zone_id`)} ORDER BY id`,
    ),
  };
  // One failure surfaces through its await below; the others must not become unhandled rejections meanwhile.
  for (const p of Object.values(pending)) (p as Promise<unknown>).catch(() => undefined);
  const totals = await pending.totals;
  const sections = new Map<PlanArea, FigureSection>();
  const section = (area: PlanArea) => {
    let s = sections.get(area);
    if (!s) {
      s = { key: area, title: sectionTitles[area].title, order: sectionTitles[area].order, figures: [], paragraphs: [] };
      sections.set(area, s);
    }
    return s;
  };
  const add = (area: PlanArea, fig: Figure, sentence?: string) => {
    const s = section(area);
    s.figures.push(fig);
    if (sentence) s.paragraphs.push(sentence);
  };

  // The plan items done in the period's plan, as the report's bullet points per area.
  const plan = await pending.plan;
  if (plan) {
    for (const area of planAreas) {
      for (const item of plan.items.filter((i) => i.area === area && (i.status === "done" || i.status === "in_progress"))) {
        section(area).paragraphs.push(sentence(item.content));
      }
    }
  }

  const propaganda = totals.get("propaganda");
  if (propaganda) {
    add(
      "propaganda",
      { key: "propaganda.sessions", label: "Buổi tuyên truyền", value: propaganda.count, link: `/staff/coordination/activities?kind=propaganda&${q(period)}` },
      `Tổ chức ${n(propaganda.count)} buổi tuyên truyền về pháp luật lao động, Bảo hiểm xã hội, các chính sách đối với lao động nữ, Luật Thực hiện dân chủ ở cơ sở cho ${n(propaganda.participants)} lượt công nhân lao động tại các doanh nghiệp trong KCN, KKT${propaganda.copies ? `; biên soạn và phát hành ${n(propaganda.copies)} cuốn tài liệu tuyên truyền` : ""}.`,
    );
    section("propaganda").figures.push({
      key: "propaganda.reached",
      label: "Lượt công nhân lao động được tuyên truyền",
      value: propaganda.participants,
      link: `/staff/coordination/activities?kind=propaganda&${q(period)}`,
    });
    if (propaganda.copies)
      section("propaganda").figures.push({
        key: "propaganda.copies",
        label: "Tài liệu phát hành (cuốn)",
        value: propaganda.copies,
        link: `/staff/coordination/activities?kind=propaganda&${q(period)}`,
      });
  }
  const dialogue = totals.get("dialogue");
  if (dialogue) {
    const [qs] = await pending.questions;
    add(
      "situation",
      { key: "dialogue.conferences", label: "Hội nghị đối thoại", value: dialogue.count, link: `/staff/coordination/activities?kind=dialogue&${q(period)}` },
      `Tổ chức ${n(dialogue.count)} hội nghị gặp gỡ, đối thoại với ${n(dialogue.participants)} lượt công nhân lao động; tiếp nhận ${n(qs?.n ?? 0)} ý kiến, kiến nghị của người lao động.`,
    );
    section("situation").figures.push({
      key: "dialogue.questions",
      label: "Ý kiến, kiến nghị tại hội nghị đối thoại",
      value: qs?.n ?? 0,
      link: `/staff/coordination/activities?kind=dialogue&${q(period)}`,
    });
  }
  const market = totals.get("tet_market");
  if (market) {
    add(
      "situation",
      {
        key: "tet_market.visitors",
        label: "Lượt người tham dự Chợ Tết Công đoàn",
        value: market.visitors,
        link: `/staff/coordination/activities?kind=tet_market&${q(period)}`,
      },
      `Tổ chức ${market.count > 1 ? `${n(market.count)} ` : ""}“Chợ Tết Công đoàn” với sự tham gia của ${n(market.units)} đơn vị, doanh nghiệp, ${n(market.stalls)} gian hàng, thu hút ${n(market.visitors)} lượt người tham dự.`,
    );
    section("situation").figures.push({
      key: "tet_market.stalls",
      label: "Gian hàng Chợ Tết",
      value: market.stalls,
      link: `/staff/coordination/activities?kind=tet_market&${q(period)}`,
    });
  }
  const fair = totals.get("job_fair");
  if (fair) {
    add(
      "situation",
      { key: "job_fair.count", label: "Phiên giao dịch việc làm", value: fair.count, link: `/staff/coordination/activities?kind=job_fair&${q(period)}` },
      `Tổ chức ${n(fair.count)} phiên giao dịch việc làm với ${n(fair.units)} doanh nghiệp tham gia tuyển dụng, ${n(fair.visitors || fair.participants)} lượt người lao động được kết nối việc làm.`,
    );
  }
  const cultural = totals.get("cultural");
  if (cultural) {
    add(
      "situation",
      {
        key: "cultural.count",
        label: "Chương trình văn hóa, văn nghệ",
        value: cultural.count,
        link: `/staff/coordination/activities?kind=cultural&${q(period)}`,
      },
      `Tổ chức ${n(cultural.count)} chương trình văn hóa, văn nghệ, thể thao phục vụ ${n(cultural.participants)} lượt công nhân lao động.`,
    );
  }

  // Party and union building: yearly plan figures against their targets.
  const [unionsNew, membersNew, referred, admitted, members, cover] = await pending.partyUnion;
  const [tUnions, tMembers, tReferrals] = await pending.targets;
  const pu = section("party_union");
  pu.figures.push(
    {
      key: "party_union.new_unions",
      label: "Công đoàn cơ sở thành lập mới",
      value: unionsNew,
      ...(tUnions ? { target: tUnions } : {}),
      link: `/staff/reports/trace/new_unions?${q(period)}`,
    },
    {
      key: "party_union.new_members",
      label: "Đoàn viên phát triển mới",
      value: membersNew,
      ...(tMembers ? { target: tMembers } : {}),
      link: `/staff/reports/trace/new_members?${q(period)}`,
    },
    { key: "party_union.members", label: `Đoàn viên tại ngày ${formatDate(asOf)}`, value: members, link: `/staff/reports/trace/members?asOf=${asOf}` },
    {
      key: "party_union.enterprises20_with_union",
      label: "Doanh nghiệp từ 20 lao động trở lên có công đoàn cơ sở",
      value: cover.withUnion,
      target: cover.total,
      link: `/staff/reports/trace/enterprises20?asOf=${asOf}`,
    },
  );
  const parts: string[] = [];
  if (unionsNew || tUnions) {
    parts.push(`thành lập mới ${against(unionsNew, tUnions)} tổ chức công đoàn cơ sở${tUnions ? ` (đạt ${pct(unionsNew, tUnions)} kế hoạch)` : ""}`);
  }
  if (membersNew || tMembers)
    parts.push(`phát triển mới ${against(membersNew, tMembers)} đoàn viên${tMembers ? `, đạt ${pct(membersNew, tMembers)} kế hoạch năm` : ""}`);
  if (parts.length) pu.paragraphs.push(`Các cấp công đoàn ${parts.join("; ")}.`);
  if (referred || tReferrals) {
    pu.figures.push(
      {
        key: "party_union.referrals",
        label: "Đoàn viên ưu tú giới thiệu cho Đảng",
        value: referred,
        ...(tReferrals ? { target: tReferrals } : {}),
        link: `/staff/coordination/referrals?${q(period)}`,
      },
      {
        key: "party_union.admissions",
        label: "Đoàn viên được kết nạp Đảng",
        value: admitted,
        link: `/staff/coordination/referrals?outcome=admitted&${q(period)}`,
      },
    );
    pu.paragraphs.push(
      `Giới thiệu đoàn viên ưu tú cho Đảng để bồi dưỡng kết nạp ${against(referred, tReferrals)}${tReferrals ? ` (${pct(referred, tReferrals)})` : ""}${admitted ? `; trong kỳ có ${n(admitted)} đoàn viên được kết nạp Đảng` : ""}.`,
    );
  }
  const training = totals.get("training");
  if (training) {
    pu.figures.push(
      {
        key: "training.classes",
        label: "Lớp tập huấn, bồi dưỡng",
        value: training.sessions,
        link: `/staff/coordination/activities?kind=training&${q(period)}`,
      },
      {
        key: "training.participants",
        label: "Lượt cán bộ được tập huấn",
        value: training.participants,
        link: `/staff/coordination/activities?kind=training&${q(period)}`,
      },
    );
    pu.paragraphs.push(
      `Tổ chức ${n(training.sessions)} lớp tập huấn, bồi dưỡng kỹ năng, nghiệp vụ công tác công đoàn, kiến thức pháp luật, an toàn vệ sinh lao động cho ${n(training.participants)} lượt cán bộ công đoàn.`,
    );
  }
  if (cover.total) {
    pu.paragraphs.push(
      `Đến ngày ${formatDate(asOf)}, toàn ${city ? "thành phố" : "đơn vị"} có ${n(members)} đoàn viên; ${n(cover.withUnion)}/${n(cover.total)} doanh nghiệp có từ 20 lao động trở lên đã có tổ chức công đoàn (${formatPercent((100 * cover.withUnion) / cover.total)}).`,
    );
  }

  // "Dân vận khéo" models of the year.
  const models = await pending.models;
  if (models.length) {
    const awarded = models.filter((m) => m.awards.some((a) => a.year === year)).length;
    add(
      "mobilization",
      { key: "mobilization.models", label: "Mô hình “Dân vận khéo”", value: models.length, link: `/staff/coordination/models?year=${year}` },
      `Các đơn vị đã tích cực triển khai thực hiện phong trào thi đua “Dân vận khéo” với ${n(models.length)} mô hình tiêu biểu như: ${models
        .slice(0, 8)
        .map((m) => `mô hình “${m.name}”`)
        .join("; ")}.${awarded ? ` Có ${n(awarded)} mô hình “Dân vận khéo” được khen thưởng trong năm ${year}.` : ""}`,
    );
    if (awarded)
      section("mobilization").figures.push({
        key: "mobilization.awarded",
        label: "Mô hình được khen thưởng",
        value: awarded,
        link: `/staff/coordination/models?year=${year}`,
      });
  }

  // Supervision visits recorded as activities of kind "supervision" (one row per enterprise visited).
  const sup = totals.get("supervision");
  if (sup) {
    add(
      "supervision",
      {
        key: "supervision.enterprises",
        label: "Doanh nghiệp được giám sát",
        value: sup.enterprises,
        link: `/staff/coordination/activities?kind=supervision&${q(period)}`,
      },
      `Chủ trì phối hợp tổ chức giám sát tại ${n(sup.enterprises)} doanh nghiệp${sup.fdiEnterprises === sup.enterprises ? " FDI" : sup.fdiEnterprises ? ` (trong đó ${n(sup.fdiEnterprises)} doanh nghiệp FDI)` : ""} tập trung vào các nội dung: mức lương tối thiểu vùng; công tác an toàn vệ sinh lao động; quy chế dân chủ, thỏa ước lao động tập thể.`,
    );
    section("supervision").figures.push({
      key: "supervision.fdi",
      label: "Doanh nghiệp FDI được giám sát",
      value: sup.fdiEnterprises,
      link: `/staff/coordination/activities?kind=supervision&enterpriseOwnership=fdi&${q(period)}`,
    });
  }

  if (plan) {
    const s = summarize(plan.items as { status: "done" }[]);
    section("general").figures.push({
      key: "plan.done",
      label: "Nội dung phối hợp hoàn thành",
      value: s.done,
      target: s.total,
      link: `/staff/coordination/plans/${plan.id}`,
    });
  }
  return [...sections.values()].filter((s) => s.figures.length || s.paragraphs.length);
}
