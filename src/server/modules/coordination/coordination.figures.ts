import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureSection, Period } from "#server/modules/contracts.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { measureDate } from "#server/modules/reporting/index.ts";
import { activityScope, intArray, zoneVisible } from "./coordination.scope.ts";
import { planAreas, type PlanArea } from "./coordination.schema.ts";
import { activityTotals, admissions, enterprises20, membersAsOf, newMembers, newUnions, referrals } from "./metrics.ts";
import { summarize } from "./plans.service.ts";
import { computeProgress, targetsOfLevel } from "./targets.service.ts";

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
/** How the supervision sentence begins: the report states supervision once when another module records the same visits. */
export const SUPERVISION_SENTENCE = "Chủ trì phối hợp tổ chức giám sát tại";
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

/**
 * A year's target of a metric for a level: the city's own (no zone), or the sum of a zone union's
 * zones' targets. A zone union's report uses its own targets; the city's never borrows them.
 */
export async function yearTarget(database: Database, year: number, metric: string, zoneIds: number[] | null = null): Promise<number | undefined> {
  if (zoneIds && zoneIds.length === 0) return undefined;
  const [row] = await database.rows<{ v: number | null }>(
    zoneIds
      ? sql`SELECT sum(v)::float8 AS v FROM (SELECT DISTINCT ON (zone_id) target_value AS v FROM targets
              WHERE year = ${year} AND metric = ${metric} AND zone_id = ANY(${intArray(zoneIds)}) ORDER BY zone_id, id DESC) t`
      : sql`SELECT target_value AS v FROM targets WHERE year = ${year} AND metric = ${metric} AND zone_id IS NULL ORDER BY id DESC LIMIT 1`,
  );
  return row?.v ? Number(row.v) : undefined;
}

/** The zone unions under the city, with the zones they cover: the second level of the report. */
async function zoneUnions(database: Database): Promise<{ id: number; name: string; path: string; zoneIds: number[] }[]> {
  const rows = await database.rows<{ id: number; name: string; path: string; zoneIds: number[]; city: string | null }>(
    sql`SELECT b.id, b.name, b.path, coalesce(array_agg(z.id ORDER BY z.id) FILTER (WHERE z.id IS NOT NULL), '{}') AS "zoneIds",
          (SELECT f.name FROM bodies f WHERE f.kind = 'federation' ORDER BY length(f.path), f.id LIMIT 1) AS city
        FROM bodies b LEFT JOIN zones z ON z.zone_union_id = b.id WHERE b.kind = 'zone_union' GROUP BY b.id ORDER BY b.path`,
  );
  // Named in the city's report without the city, as seed 001 writes "Công đoàn Khu kinh tế".
  return rows.map(({ city, ...z }) => {
    const place = /(?:thành phố|tỉnh)\s+(.+)$/i.exec(city ?? "")?.[1]?.trim();
    return { ...z, name: place && z.name.endsWith(` ${place}`) ? z.name.slice(0, -place.length - 1) : z.name };
  });
}

const against = (value: number, target: number | undefined) => (target ? `${n(value)}/${n(target)}` : n(value));
/** "61,8%", but "100%" for a whole number, as the bodies write it. */
export const ratioText = (value: number, target: number) => {
  const r = (100 * value) / target;
  return Math.abs(r - Math.round(r)) < 0.05 ? `${formatNumber(Math.round(r))}%` : formatPercent(r);
};
const pct = (value: number, target: number | undefined) => (target ? ratioText(value, target) : "");
/** A count under ten the way the bodies write it: "09", "03"; larger ones as usual. */
const two = (v: number) => (v >= 0 && v < 10 ? String(v).padStart(2, "0") : n(v));
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

  // The plan items DONE in the period's plan, as the report's bullet points per area. An item still in
  // progress, not started, not done or carried over is a result of nothing yet: the assessment names
  // it once (reporting.service.ts), never here as well.
  const plan = await pending.plan;
  if (plan) {
    for (const area of planAreas) {
      for (const item of plan.items.filter((i) => i.area === area && i.status === "done")) {
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

  // Party and union building: yearly plan figures against their targets, at both levels.
  const [unionsNew, membersNew, referred, admitted, members, cover] = await pending.partyUnion;
  const [tUnions, tMembers, tReferrals] = await pending.targets;
  const pu = section("party_union");
  pu.notes ??= [];
  const notes = pu.notes;
  const say = (text: string, note: string | null = null) => {
    notes[pu.paragraphs.length] = note;
    pu.paragraphs.push(text);
  };
  const traceNote = `Số liệu tính từ sổ đoàn viên, công đoàn cơ sở và danh sách giới thiệu đoàn viên cho Đảng trên Cầu Nối, ${period.label}; chỉ tiêu theo kế hoạch năm ${year} đã nhập tại trang Chỉ tiêu. Xem danh sách: /staff/reports/trace/new_unions?${q(period)}; /staff/reports/trace/new_members?${q(period)}; /staff/coordination/referrals?${q(period)}.`;
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
  }
  // The zone unions' own figures against their own targets. A figure one zone union accounts for
  // entirely is stated once, at that zone union (as seed 001 does); otherwise the city states its
  // total and each zone union its part.
  const zoneRows = await Promise.all(
    (await pending.zones).map(async (z) => {
      const zf = { scope: { kind: "zones", bodyPath: z.path, zoneIds: z.zoneIds } as Scope };
      const [u, m, r, a, tu, tm, tr] = await Promise.all([
        newUnions(database, zf, period.from, period.to),
        newMembers(database, zf, period.from, period.to),
        referrals(database, zf, period.from, period.to),
        admissions(database, zf, period.from, period.to),
        yearTarget(database, year, "new_unions_in_year", z.zoneIds),
        yearTarget(database, year, "new_members_in_year", z.zoneIds),
        yearTarget(database, year, "party_referrals_in_year", z.zoneIds),
      ]);
      return { ...z, u, m, r, a, tu, tm, tr };
    }),
  );
  // A zone union accounting for the whole city figure states it against its own target; without a
  // target of its own the city states it against the city's, and the zone union does not repeat it.
  const whole = (pick: (z: (typeof zoneRows)[number]) => number, target: (z: (typeof zoneRows)[number]) => number | undefined, cityValue: number) =>
    cityValue > 0 ? zoneRows.find((z) => pick(z) === cityValue && target(z) !== undefined) : undefined;
  const allUnions = whole(
    (z) => z.u,
    (z) => z.tu,
    unionsNew,
  );
  const allMembers = whole(
    (z) => z.m,
    (z) => z.tm,
    membersNew,
  );
  const allReferrals = whole(
    (z) => z.r,
    (z) => z.tr,
    referred,
  );
  const part = (v: number, t: number | undefined, cityValue: number) => (v === cityValue && !t ? null : v || t ? { v, t } : null);
  const unionsPart = (v: number, t: number | undefined) => `thành lập mới ${against(v, t)} tổ chức công đoàn cơ sở${t ? ` (đạt ${pct(v, t)} kế hoạch)` : ""}`;
  const membersPart = (v: number, t: number | undefined) => `phát triển mới ${against(v, t)} đoàn viên${t ? `, đạt ${pct(v, t)} kế hoạch năm` : ""}`;
  const referralsPart = (v: number, t: number | undefined, a: number) =>
    `giới thiệu đoàn viên ưu tú cho Đảng để bồi dưỡng kết nạp ${against(v, t)}${t ? ` (đạt ${pct(v, t)} kế hoạch)` : ""}${a ? `, trong đó có ${n(a)} đoàn viên được kết nạp Đảng` : ""}`;
  const cityParts: string[] = [];
  if (!allUnions && (unionsNew || tUnions)) cityParts.push(unionsPart(unionsNew, tUnions));
  if (!allMembers && (membersNew || tMembers)) cityParts.push(membersPart(membersNew, tMembers));
  if (!allReferrals && (referred || tReferrals)) cityParts.push(referralsPart(referred, tReferrals, admitted));
  const who = city ? "Các cấp công đoàn thành phố" : "Các cấp công đoàn";
  if (cityParts.length) say(`${who} ${cityParts.join("; ")}.`, traceNote);
  for (const z of zoneRows) {
    const parts: string[] = [];
    const unionsHere = z === allUnions ? { v: z.u, t: z.tu } : allUnions ? null : part(z.u, z.tu, unionsNew);
    const membersHere = z === allMembers ? { v: z.m, t: z.tm } : allMembers ? null : part(z.m, z.tm, membersNew);
    const referralsHere = z === allReferrals ? { v: z.r, t: z.tr } : allReferrals ? null : part(z.r, z.tr, referred);
    if (unionsHere) parts.push(unionsPart(unionsHere.v, unionsHere.t));
    if (membersHere) parts.push(membersPart(membersHere.v, membersHere.t));
    if (referralsHere) parts.push(referralsPart(referralsHere.v, referralsHere.t, z.a));
    if (parts.length) say(`${z.name} ${parts.join("; ")}.`, cityParts.length ? null : traceNote);
    for (const [k, label, v, t] of [
      ["new_unions", "Công đoàn cơ sở thành lập mới", z.u, z.tu],
      ["new_members", "Đoàn viên phát triển mới", z.m, z.tm],
      ["referrals", "Đoàn viên ưu tú giới thiệu cho Đảng", z.r, z.tr],
    ] as const) {
      if (!v && !t) continue;
      pu.figures.push({
        key: `party_union.zone.${z.id}.${k}`,
        label: `${label} — ${z.name}`,
        value: v,
        ...(t ? { target: t } : {}),
        link: k === "referrals" ? `/staff/coordination/referrals?${q(period)}` : `/staff/reports/trace/${k}?${q(period)}`,
      });
    }
  }

  // What the Party and the Youth Union report through the coordination records (seed 001): Party
  // cells founded at enterprises (listed in a footnote), non-members admitted to the Party, youth-union organisations.
  const building = await pending.partyBuilding;
  const kindRow = (k: string) => building.find((b) => b.kind === k);
  const cells = kindRow("party_cell");
  const youth = kindRow("youth_org");
  const joinedParty = kindRow("party_admission");
  const activitiesLink = (kind: string) => `/staff/coordination/activities?kind=${kind}&${q(period)}`;
  if (cells?.n) {
    pu.figures.push({
      key: "party_union.party_cells",
      label: "Tổ chức đảng thành lập mới tại doanh nghiệp",
      value: cells.n,
      link: activitiesLink("party_cell"),
    });
    say(`Thành lập mới ${two(cells.n)} tổ chức đảng tại doanh nghiệp.`, `${cells.names.join(", ")}.`);
  }
  if (joinedParty?.people) {
    pu.figures.push({
      key: "party_union.party_admissions",
      label: "Quần chúng ưu tú được kết nạp vào Đảng",
      value: joinedParty.people,
      link: activitiesLink("party_admission"),
    });
    if (joinedParty.workers)
      pu.figures.push({
        key: "party_union.party_admissions.workers",
        label: "Trong đó: người lao động trong các doanh nghiệp",
        value: joinedParty.workers,
        link: activitiesLink("party_admission"),
      });
    say(
      `Kết nạp được ${n(joinedParty.people)} quần chúng ưu tú vào Đảng${joinedParty.workers ? `, trong đó ${n(joinedParty.workers)} đảng viên là người lao động trong các doanh nghiệp` : ""}.`,
    );
  }
  if (youth?.n) {
    pu.figures.push({ key: "party_union.youth_orgs", label: "Tổ chức Đoàn thanh niên thành lập mới", value: youth.n, link: activitiesLink("youth_org") });
    say(`Thành lập được ${two(youth.n)} tổ chức Đoàn thanh niên trong doanh nghiệp.`, youth.n > 1 ? `${youth.names.join(", ")}.` : null);
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
    say(
      `Tổ chức ${n(training.sessions)} lớp tập huấn, bồi dưỡng kỹ năng, nghiệp vụ công tác công đoàn, kiến thức pháp luật, an toàn vệ sinh lao động cho ${n(training.participants)} lượt cán bộ công đoàn.`,
    );
  }
  if (cover.total) {
    say(
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
      `${SUPERVISION_SENTENCE} ${n(sup.enterprises)} doanh nghiệp${sup.fdiEnterprises === sup.enterprises ? " FDI" : sup.fdiEnterprises ? ` (trong đó ${n(sup.fdiEnterprises)} doanh nghiệp FDI)` : ""} tập trung vào các nội dung: mức lương tối thiểu vùng; công tác an toàn vệ sinh lao động; quy chế dân chủ, thỏa ước lao động tập thể.`,
    );
    section("supervision").figures.push({
      key: "supervision.fdi",
      label: "Doanh nghiệp FDI được giám sát",
      value: sup.fdiEnterprises,
      link: `/staff/coordination/activities?kind=supervision&enterpriseOwnership=fdi&${q(period)}`,
    });
  }

  // Targets a sentence above does not already state (agreement coverage, figures entered by hand, …),
  // each with the value every page shows for this day and its source in a footnote.
  for (const t of await pending.levelTargets) {
    if (stated.includes(t.metric)) continue;
    const p = await computeProgress(database, t, asOf);
    if (p.actual === null) continue;
    const area: PlanArea = t.metric === "agreement_coverage_pct" || t.computedMetric === "agreement_coverage_pct" ? "supervision" : "party_union";
    const source = `${p.source.charAt(0).toLocaleUpperCase("vi")}${p.source.slice(1)}${p.other ? `; ${p.other.source}: ${p.other.text}` : ""}.${p.rule ? ` ${p.rule}` : ""}`;
    const s = section(area);
    s.figures.push({
      key: `target.${t.computedMetric ?? t.metric}.${t.id}`,
      label: `${t.title} (${t.program})`,
      value: p.actual,
      unit: t.unit,
      target: t.targetValue,
      link: `/staff/coordination/targets?year=${year}`,
      source,
    });
    s.notes ??= [];
    s.notes[s.paragraphs.length] = `${source} Xem danh sách: /staff/coordination/targets?year=${year}.`;
    s.paragraphs.push(`Chỉ tiêu “${t.title.replace(/\.$/, "")}” (${t.program}): ${p.text}${p.reached ? ", đã đạt" : ""}.`);
  }

  if (plan) {
    const s = summarize(plan.items as { status: "done" }[]);
    section("general").figures.push({
      key: "plan.done",
      label: "Nội dung phối hợp hoàn thành",
      value: s.done,
      target: s.total,
      link: `/staff/coordination/plans/${plan.id}`,
      // The joint plan is the city's (planOfYear): a zone or a union sees the same items.
      cityWide: scope.kind !== "city",
    });
  }
  return [...sections.values()].filter((s) => s.figures.length || s.paragraphs.length);
}
