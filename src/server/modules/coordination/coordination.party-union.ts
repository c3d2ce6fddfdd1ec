/**
 * The joint report's "party and union building" area: new unions, members and referrals against the
 * year's targets at the city and at each zone union, and what the Party and the Youth Union report
 * through the coordination records.
 */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Period } from "#server/modules/contracts.ts";
import { formatDate, formatPercent } from "#shared/text.ts";
import { intArray } from "./coordination.scope.ts";
import { type FigureFrame, type Sections, against, n, pct, q, two } from "./coordination.report-text.ts";
import { type ActivityTotals, admissions, newMembers, newUnions, referrals } from "./metrics.ts";

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

export interface ZoneUnion {
  id: number;
  name: string;
  path: string;
  zoneIds: number[];
}

/** The zone unions under the city, with the zones they cover: the second level of the report. */
export async function zoneUnions(database: Database): Promise<ZoneUnion[]> {
  const rows = await database.rows<ZoneUnion & { city: string | null }>(
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

/** The level's counts for the period (metrics.ts), in the order the report states them. */
export interface PartyUnionCounts {
  unionsNew: number;
  membersNew: number;
  referred: number;
  admitted: number;
  members: number;
  cover: { withUnion: number; total: number };
  /** The year's targets for new unions, new members and referrals. */
  targets: (number | undefined)[];
}

/** A row of party building activities (party cells, youth organisations, admissions) for the period. */
export interface PartyBuildingRow {
  kind: string;
  n: number;
  people: number;
  workers: number;
  names: string[];
}

type ZoneRow = ZoneUnion & { u: number; m: number; r: number; a: number; tu?: number | undefined; tm?: number | undefined; tr?: number | undefined };

/** Each zone union's own counts and targets for the period. */
async function zoneRowsOf(database: Database, zones: ZoneUnion[], period: Period, year: number): Promise<ZoneRow[]> {
  return Promise.all(
    zones.map(async (z) => {
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
}

/** The level's own figures: new unions, new members, members on the day, coverage of enterprises of 20+, referrals. */
function levelFigures(out: Sections, c: PartyUnionCounts, frame: FigureFrame) {
  const { period, asOf } = frame;
  const [tUnions, tMembers, tReferrals] = c.targets;
  out.get("party_union").figures.push(
    {
      key: "party_union.new_unions",
      label: "Công đoàn cơ sở thành lập mới",
      value: c.unionsNew,
      ...(tUnions ? { target: tUnions } : {}),
      link: `/staff/reports/trace/new_unions?${q(period)}`,
    },
    {
      key: "party_union.new_members",
      label: "Đoàn viên phát triển mới",
      value: c.membersNew,
      ...(tMembers ? { target: tMembers } : {}),
      link: `/staff/reports/trace/new_members?${q(period)}`,
    },
    { key: "party_union.members", label: `Đoàn viên tại ngày ${formatDate(asOf)}`, value: c.members, link: `/staff/reports/trace/members?asOf=${asOf}` },
    {
      key: "party_union.enterprises20_with_union",
      label: "Doanh nghiệp từ 20 lao động trở lên có công đoàn cơ sở",
      value: c.cover.withUnion,
      target: c.cover.total,
      link: `/staff/reports/trace/enterprises20?asOf=${asOf}`,
    },
  );
  if (c.referred || tReferrals) {
    out.get("party_union").figures.push(
      {
        key: "party_union.referrals",
        label: "Đoàn viên ưu tú giới thiệu cho Đảng",
        value: c.referred,
        ...(tReferrals ? { target: tReferrals } : {}),
        link: `/staff/coordination/referrals?${q(period)}`,
      },
      {
        key: "party_union.admissions",
        label: "Đoàn viên được kết nạp Đảng",
        value: c.admitted,
        link: `/staff/coordination/referrals?outcome=admitted&${q(period)}`,
      },
    );
  }
}

const unionsPart = (v: number, t: number | undefined) => `thành lập mới ${against(v, t)} tổ chức công đoàn cơ sở${t ? ` (đạt ${pct(v, t)} kế hoạch)` : ""}`;
const membersPart = (v: number, t: number | undefined) => `phát triển mới ${against(v, t)} đoàn viên${t ? `, đạt ${pct(v, t)} kế hoạch năm` : ""}`;
const referralsPart = (v: number, t: number | undefined, a: number) =>
  `giới thiệu đoàn viên ưu tú cho Đảng để bồi dưỡng kết nạp ${against(v, t)}${t ? ` (đạt ${pct(v, t)} kế hoạch)` : ""}${a ? `, trong đó có ${n(a)} đoàn viên được kết nạp Đảng` : ""}`;

/**
 * The growth sentences: the city's, then each zone union's own figures against their own targets. A
 * figure one zone union accounts for entirely is stated once, at that zone union (as seed 001 does);
 * otherwise the city states its total and each zone union its part.
 */
function growthSentences(out: Sections, c: PartyUnionCounts, zoneRows: ZoneRow[], frame: FigureFrame) {
  const { period, year } = frame;
  const [tUnions, tMembers, tReferrals] = c.targets;
  const traceNote = `Số liệu tính từ sổ đoàn viên, công đoàn cơ sở và danh sách giới thiệu đoàn viên cho Đảng trên Cầu Nối, ${period.label}; chỉ tiêu theo kế hoạch năm ${year} đã nhập tại trang Chỉ tiêu. Xem danh sách: /staff/reports/trace/new_unions?${q(period)}; /staff/reports/trace/new_members?${q(period)}; /staff/coordination/referrals?${q(period)}.`;
  // A zone union accounting for the whole city figure states it against its own target; without a
  // target of its own the city states it against the city's, and the zone union does not repeat it.
  const whole = (pick: (z: ZoneRow) => number, target: (z: ZoneRow) => number | undefined, cityValue: number) =>
    cityValue > 0 ? zoneRows.find((z) => pick(z) === cityValue && target(z) !== undefined) : undefined;
  const allUnions = whole(
    (z) => z.u,
    (z) => z.tu,
    c.unionsNew,
  );
  const allMembers = whole(
    (z) => z.m,
    (z) => z.tm,
    c.membersNew,
  );
  const allReferrals = whole(
    (z) => z.r,
    (z) => z.tr,
    c.referred,
  );
  const part = (v: number, t: number | undefined, cityValue: number) => (v === cityValue && !t ? null : v || t ? { v, t } : null);
  const cityParts: string[] = [];
  if (!allUnions && (c.unionsNew || tUnions)) cityParts.push(unionsPart(c.unionsNew, tUnions));
  if (!allMembers && (c.membersNew || tMembers)) cityParts.push(membersPart(c.membersNew, tMembers));
  if (!allReferrals && (c.referred || tReferrals)) cityParts.push(referralsPart(c.referred, tReferrals, c.admitted));
  const who = frame.city ? "Các cấp công đoàn thành phố" : "Các cấp công đoàn";
  if (cityParts.length) out.say("party_union", `${who} ${cityParts.join("; ")}.`, traceNote);
  for (const z of zoneRows) {
    const parts: string[] = [];
    const unionsHere = z === allUnions ? { v: z.u, t: z.tu } : allUnions ? null : part(z.u, z.tu, c.unionsNew);
    const membersHere = z === allMembers ? { v: z.m, t: z.tm } : allMembers ? null : part(z.m, z.tm, c.membersNew);
    const referralsHere = z === allReferrals ? { v: z.r, t: z.tr } : allReferrals ? null : part(z.r, z.tr, c.referred);
    if (unionsHere) parts.push(unionsPart(unionsHere.v, unionsHere.t));
    if (membersHere) parts.push(membersPart(membersHere.v, membersHere.t));
    if (referralsHere) parts.push(referralsPart(referralsHere.v, referralsHere.t, z.a));
    if (parts.length) out.say("party_union", `${z.name} ${parts.join("; ")}.`, cityParts.length ? null : traceNote);
    for (const [k, label, v, t] of [
      ["new_unions", "Công đoàn cơ sở thành lập mới", z.u, z.tu],
      ["new_members", "Đoàn viên phát triển mới", z.m, z.tm],
      ["referrals", "Đoàn viên ưu tú giới thiệu cho Đảng", z.r, z.tr],
    ] as const) {
      if (!v && !t) continue;
      out.get("party_union").figures.push({
        key: `party_union.zone.${z.id}.${k}`,
        label: `${label} — ${z.name}`,
        value: v,
        ...(t ? { target: t } : {}),
        link: k === "referrals" ? `/staff/coordination/referrals?${q(period)}` : `/staff/reports/trace/${k}?${q(period)}`,
      });
    }
  }
}

/**
 * What the Party and the Youth Union report through the coordination records (seed 001): Party cells
 * founded at enterprises (listed in a footnote), non-members admitted to the Party, youth-union
 * organisations; then the union officers trained and the members and coverage on the day.
 */
function partyBuilding(out: Sections, building: PartyBuildingRow[], training: ActivityTotals | undefined, c: PartyUnionCounts, frame: FigureFrame) {
  const pu = out.get("party_union");
  const kindRow = (k: string) => building.find((b) => b.kind === k);
  const cells = kindRow("party_cell");
  const youth = kindRow("youth_org");
  const joinedParty = kindRow("party_admission");
  const activitiesLink = (kind: string) => `/staff/coordination/activities?kind=${kind}&${q(frame.period)}`;
  if (cells?.n) {
    pu.figures.push({
      key: "party_union.party_cells",
      label: "Tổ chức đảng thành lập mới tại doanh nghiệp",
      value: cells.n,
      link: activitiesLink("party_cell"),
    });
    out.say("party_union", `Thành lập mới ${two(cells.n)} tổ chức đảng tại doanh nghiệp.`, `${cells.names.join(", ")}.`);
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
    out.say(
      "party_union",
      `Kết nạp được ${n(joinedParty.people)} quần chúng ưu tú vào Đảng${joinedParty.workers ? `, trong đó ${n(joinedParty.workers)} đảng viên là người lao động trong các doanh nghiệp` : ""}.`,
    );
  }
  if (youth?.n) {
    pu.figures.push({ key: "party_union.youth_orgs", label: "Tổ chức Đoàn thanh niên thành lập mới", value: youth.n, link: activitiesLink("youth_org") });
    out.say("party_union", `Thành lập được ${two(youth.n)} tổ chức Đoàn thanh niên trong doanh nghiệp.`, youth.n > 1 ? `${youth.names.join(", ")}.` : null);
  }
  if (training) {
    pu.figures.push(
      { key: "training.classes", label: "Lớp tập huấn, bồi dưỡng", value: training.sessions, link: activitiesLink("training") },
      { key: "training.participants", label: "Lượt cán bộ được tập huấn", value: training.participants, link: activitiesLink("training") },
    );
    out.say(
      "party_union",
      `Tổ chức ${n(training.sessions)} lớp tập huấn, bồi dưỡng kỹ năng, nghiệp vụ công tác công đoàn, kiến thức pháp luật, an toàn vệ sinh lao động cho ${n(training.participants)} lượt cán bộ công đoàn.`,
    );
  }
  if (c.cover.total) {
    out.say(
      "party_union",
      `Đến ngày ${formatDate(frame.asOf)}, toàn ${frame.city ? "thành phố" : "đơn vị"} có ${n(c.members)} đoàn viên; ${n(c.cover.withUnion)}/${n(c.cover.total)} doanh nghiệp có từ 20 lao động trở lên đã có tổ chức công đoàn (${formatPercent((100 * c.cover.withUnion) / c.cover.total)}).`,
    );
  }
}

/** The whole "party and union building" area, at the level asked and (for the city) at each zone union. */
export async function partyUnionSection(
  database: Database,
  out: Sections,
  frame: FigureFrame,
  counts: PartyUnionCounts,
  zones: ZoneUnion[],
  building: PartyBuildingRow[],
  training: ActivityTotals | undefined,
) {
  out.get("party_union").notes ??= [];
  levelFigures(out, counts, frame);
  growthSentences(out, counts, await zoneRowsOf(database, zones, frame.period, frame.year), frame);
  partyBuilding(out, building, training, counts, frame);
}
