import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureProvider, FigureSection, Period, RiskSignal, RiskSignalProvider } from "#server/modules/contracts.ts";
import { formatNumber, formatPercent } from "#shared/text.ts";
import { addDays, vnDayStart, vnToday } from "./calendar.ts";
import { requestScopeOf } from "./requests.shared.ts";
import { monthEnd, periodParts, vnDayEnd } from "#shared/clock.ts";

/** Figures of worker voice for the dashboards and the joint report, and early-warning signals. */

export const kindLabels: Record<string, string> = { consultation: "Tư vấn", complaint: "Khiếu nại", petition: "Kiến nghị", report: "Phản ánh" };
export const topicLabels: Record<string, string> = {
  wages: "Tiền lương",
  overtime: "Làm thêm giờ",
  social_insurance: "Bảo hiểm xã hội",
  contract: "Hợp đồng lao động",
  dismissal: "Sa thải, trợ cấp thôi việc",
  osh: "An toàn, vệ sinh lao động",
  union_rights: "Quyền công đoàn",
  housing: "Nhà ở",
  other: "Khác",
};

// LEFT JOINs only (every request has its responsible body): a join whose columns a statement does not use is left out by the planner.
const from = sql`FROM voice_requests r LEFT JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id`;
const link = (params: Record<string, string | number>) =>
  `/staff/requests?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;

/** The first day of each month from `from`'s month to `to`'s, ISO. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (`${y}-${String(m).padStart(2, "0")}` <= to.slice(0, 7)) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** One group of the counting pass: the totals (dim "total") or one topic, kind, body, zone or month. */
type CountRow = {
  dim: "total" | "topic" | "kind" | "body" | "zone" | "received_month" | "answered_month";
  topic: string | null;
  kind: string | null;
  bodyId: number | null;
  bodyName: string | null;
  zoneId: number | null;
  zoneName: string | null;
  month: number | null;
  received: number;
  answered: number;
  answeredLate: number;
  overdue: number;
  overdueOpen: number;
  rated: number;
  avgRating: number | null;
  satisfied: number;
  anonymous: number;
  collective: number;
};

/** The additive measures of a group of requests (the average rating is kept as a sum until the end). */
const MEASURES = ["received", "answered", "answeredLate", "overdue", "overdueOpen", "rated", "ratingSum", "satisfied", "anonymous", "collective"] as const;
type Cell = Omit<CountRow, "dim" | "avgRating"> & { dim: "cell" | "body" | "received_month" | "answered_month"; ratingSum: number };

/**
 * The totals and the breakdowns by topic, kind and zone summed from the cells (topic × kind × zone:
 * every request is in exactly one), as GROUPING SETS over each dimension would give them.
 */
function rollUp(cells: Cell[]): CountRow[] {
  const groups = new Map<string, CountRow & { ratingSum: number }>();
  const add = (dim: "total" | "topic" | "kind" | "zone", key: string, c: Cell) => {
    let g = groups.get(`${dim}|${key}`);
    if (!g) {
      g = {
        dim,
        topic: dim === "topic" ? c.topic : null,
        kind: dim === "kind" ? c.kind : null,
        bodyId: null,
        bodyName: null,
        zoneId: dim === "zone" ? c.zoneId : null,
        zoneName: dim === "zone" ? c.zoneName : null,
        month: null,
        avgRating: null,
        ...Object.fromEntries(MEASURES.map((m) => [m, 0])),
      } as CountRow & { ratingSum: number };
      groups.set(`${dim}|${key}`, g);
    }
    for (const m of MEASURES) g[m] += Number(c[m]);
  };
  for (const c of cells) {
    add("total", "", c);
    add("topic", String(c.topic), c);
    add("kind", String(c.kind), c);
    add("zone", String(c.zoneId), c);
  }
  return [...groups.values()].map(({ ratingSum, ...g }) => ({ ...g, avgRating: g.rated ? ratingSum / g.rated : null }));
}

/** A half-open range of instants [start, end): days in Vietnam, as voice/calendar.ts gives their starts. */
type Window = { start: string; end: string };
const windowOf = (days: { from: string; to: string }): Window => ({ start: vnDayStart(days.from), end: vnDayStart(addDays(days.to, 1)) });
const within = (column: SQL, windows: Window[]) =>
  windows.length
    ? sql`(${sql.join(
        windows.map((w) => sql`(${column} >= ${w.start}::timestamptz AND ${column} < ${w.end}::timestamptz)`),
        sql` OR `,
      )})`
    : sql`false`;

/** Open requests past their deadline today. */
const overdueNow = () => sql`(r.status IN ('received','assigned','in_progress') AND r.deadline < ${vnToday()})`;

/**
 * Cells, months (and bodies for the appendix) from ONE hashed pass over the requests themselves:
 * received or answered within `windows`, and (`overdue`) those overdue today; with `median`, the
 * median time to answer of those answered within the windows, in the same statement. GROUPING SETS
 * of the cells (topic × kind × zone, a few hundred at city scale), the months received and answered
 * (and the responsible bodies); the totals and the breakdowns by topic, kind and zone are summed
 * from the cells (rollUp). One grouping set per breakdown, each carrying every measure, cost three
 * times as much (≈ 140 against 45 ms of PostgreSQL time for the city's year).
 */
async function liveCells(
  database: Database,
  scope: Scope,
  period: Period,
  months: string[],
  pass: { windows: Window[]; overdue: boolean; median: boolean; appendix: boolean },
): Promise<{ cells: Cell[]; medianDays: number | null }> {
  const inScope = requestScopeOf(scope);
  // The days as instants, so each row is compared as stored (and the indexes on received_at and
  // answered_at serve) instead of converting every timestamp to a Vietnamese date: at city scale
  // that conversion, repeated in every FILTER, cost more than the rest of the section.
  const end = vnDayStart(addDays(period.to, 1));
  const received = within(sql`r.received_at`, pass.windows);
  const answered = within(sql`r.answered_at`, pass.windows);
  const overdue = pass.overdue ? overdueNow() : sql`false`;
  // Months as ranges of instants: width_bucket finds a row's month among their starts without converting it.
  const bounds = sql`${`{${[...months.slice(1), addDays(period.to, 1)].map((m) => `"${vnDayStart(m)}"`).join(",")}}`}::timestamptz[]`;
  const bodySet = pass.appendix ? sql`, (r.responsible_body_id)` : sql``;
  // Late: answered from the first instant of the day after the deadline, in Vietnam. Vietnam keeps
  // UTC+7 all year (no summer time since 1975), so the offset is arithmetic, not a look-up of the
  // zone's rules for every answered request (≈ 10 % of the pass at city scale).
  const dayAfterDeadline = sql`(r.deadline + 1)::timestamp AT TIME ZONE INTERVAL '+07:00'`;
  const median = pass.median
    ? sql`(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.received_at) / 86400) FROM r WHERE ${answered})`
    : sql`NULL::float8`;
  // The scope's requests are read twice (the pass, the median's answered ones), not kept: keeping
  // them cost about what reading them again does, for the city as for a zone union.
  const rows = await database.rows<Cell & { medianDays: number | null }>(
    sql`WITH r AS NOT MATERIALIZED (
          SELECT r.topic, r.kind, r.responsible_body_id, e.zone_id, r.received_at, r.answered_at, r.deadline, r.status, r.rating, r.anonymous, r.collective
          ${from} WHERE ${inScope} AND (${received} OR ${answered} OR ${overdue}))
        SELECT g.dim, g.topic, g.kind, g.body_id AS "bodyId", gb.name AS "bodyName", g.zone_id AS "zoneId", gz.name AS "zoneName", g.month,
          g.received, g.answered, g."answeredLate", g.overdue, g."overdueOpen", g.rated, g."ratingSum", g.satisfied, g.anonymous, g.collective,
          ${median} AS "medianDays"
        FROM (SELECT CASE WHEN GROUPING(r.topic) = 0 THEN 'cell' WHEN GROUPING(rm) = 0 THEN 'received_month' WHEN GROUPING(am) = 0 THEN 'answered_month' ELSE 'body' END AS dim,
                r.topic, r.kind, r.zone_id, ${pass.appendix ? sql`r.responsible_body_id` : sql`NULL::int`} AS body_id, coalesce(rm, am) AS month,
                count(*) FILTER (WHERE ${received})::int AS received,
                count(*) FILTER (WHERE ${answered})::int AS answered,
                count(*) FILTER (WHERE ${answered} AND r.answered_at >= ${dayAfterDeadline})::int AS "answeredLate",
                count(*) FILTER (WHERE ${overdue})::int AS overdue,
                count(*) FILTER (WHERE ${overdue} AND r.received_at < ${end}::timestamptz)::int AS "overdueOpen",
                count(*) FILTER (WHERE r.rating IS NOT NULL AND ${received})::int AS rated,
                coalesce(sum(r.rating) FILTER (WHERE ${received}), 0)::int AS "ratingSum",
                count(*) FILTER (WHERE r.rating >= 4 AND ${received})::int AS satisfied,
                count(*) FILTER (WHERE r.anonymous AND ${received})::int AS anonymous,
                count(*) FILTER (WHERE r.collective AND ${received})::int AS collective
              FROM r
              CROSS JOIN LATERAL (SELECT CASE WHEN ${received} THEN width_bucket(r.received_at, ${bounds}) END AS rm,
                                         CASE WHEN ${answered} THEN width_bucket(r.answered_at, ${bounds}) END AS am) b
              GROUP BY GROUPING SETS ((r.topic, r.kind, r.zone_id), (rm), (am) ${bodySet})) g
        LEFT JOIN bodies gb ON gb.id = g.body_id LEFT JOIN zones gz ON gz.id = g.zone_id AND g.dim = 'cell'`,
  );
  // A month group of no request (its rows were all outside the windows) is not a month.
  const cells = rows.filter((r) => !(r.dim !== "cell" && r.dim !== "body" && r.month === null)).map(({ medianDays: _m, ...c }) => c);
  return { cells, medianDays: rows[0]?.medianDays ?? null };
}

/**
 * Whether the scope's requests are those the counts kept per month can tell apart: the city's, or
 * a zone union's (its zones, and the bodies under it: each request keeps its nearest zone union,
 * migration 0980). A grassroots union or an enterprise sees a few hundred requests, read directly.
 */
async function keptCountsServe(database: Database, scope: Scope): Promise<boolean> {
  if (scope.kind === "city") return true;
  if (scope.kind !== "zones") return false;
  const [row] = await database.rows<{ ok: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM bodies b WHERE b.path = ${scope.bodyPath} AND b.kind = 'zone_union') AS ok`,
  );
  return row?.ok === true;
}

/**
 * The requests of the scope by the places each request keeps and its counts carry (see
 * keptCountsServe): `at` names the counts' or the requests' alias.
 */
function keptIn(scope: Scope, at: "c" | "r"): SQL {
  if (scope.kind !== "zones") return sql`true`;
  const zones = sql`ARRAY[${sql.join(scope.zoneIds.length ? scope.zoneIds.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;
  const [zone, zoneUnion] = at === "c" ? [sql`c.zone_id`, sql`c.zone_union_id`] : [sql`r.place_zone_id`, sql`r.place_zone_union_id`];
  return sql`(${zone} = ANY(${zones}) OR ${zoneUnion} IN (SELECT b.id FROM bodies b WHERE b.kind = 'zone_union' AND b.path LIKE ${`${scope.bodyPath}%`}))`;
}

/**
 * Cells and months of the whole months [from, to) from the counts kept per month (migration 0980),
 * summed in two grouping sets: per cell (topic × kind × zone) and per month, received or answered.
 */
async function keptCells(database: Database, scope: Scope, span: { from: string; to: string }, months: string[]): Promise<Cell[]> {
  const rows = await database.rows<{
    answered: boolean;
    month: string | null;
    topic: string | null;
    kind: string | null;
    zoneId: number | null;
    zoneName: string | null;
    n: number;
    late: number;
    rated: number;
    ratingSum: number;
    satisfied: number;
    anonymous: number;
    collective: number;
  }>(
    sql`SELECT c.answered, to_char(c.month, 'YYYY-MM-DD') AS month, c.topic, c.kind, c.zone_id AS "zoneId", z.name AS "zoneName",
          sum(c.n)::int AS n, sum(c.late)::int AS late, sum(c.rated)::int AS rated, sum(c.rating_sum)::int AS "ratingSum",
          sum(c.satisfied)::int AS satisfied, sum(c.anonymous)::int AS anonymous, sum(c.collective)::int AS collective
        FROM voice_request_counts c LEFT JOIN zones z ON z.id = c.zone_id
        WHERE c.month >= ${span.from}::date AND c.month < ${span.to}::date AND ${keptIn(scope, "c")}
        GROUP BY GROUPING SETS ((c.answered, c.topic, c.kind, c.zone_id, z.name), (c.answered, c.month)) HAVING sum(c.n) <> 0`,
  );
  const none = { bodyId: null, bodyName: null, overdue: 0, overdueOpen: 0 };
  return rows.map((r): Cell => {
    const measures = r.answered
      ? { received: 0, answered: r.n, answeredLate: r.late, rated: 0, ratingSum: 0, satisfied: 0, anonymous: 0, collective: 0 }
      : {
          received: r.n,
          answered: 0,
          answeredLate: 0,
          rated: r.rated,
          ratingSum: r.ratingSum,
          satisfied: r.satisfied,
          anonymous: r.anonymous,
          collective: r.collective,
        };
    if (r.month !== null)
      return {
        dim: r.answered ? "answered_month" : "received_month",
        month: months.indexOf(r.month),
        ...none,
        topic: null,
        kind: null,
        zoneId: null,
        zoneName: null,
        ...measures,
      };
    return { dim: "cell", month: null, ...none, topic: r.topic, kind: r.kind, zoneId: r.zoneId, zoneName: r.zoneName, ...measures };
  });
}

/** The requests of the scope overdue today, per cell (the open ones: their index carries the cell). */
async function overdueCells(database: Database, scope: Scope, period: Period): Promise<Cell[]> {
  const end = vnDayStart(addDays(period.to, 1));
  const rows = await database.rows<{ topic: string; kind: string; zoneId: number | null; zoneName: string | null; overdue: number; overdueOpen: number }>(
    sql`SELECT r.topic, r.kind, r.place_zone_id AS "zoneId", z.name AS "zoneName", count(*)::int AS overdue,
          count(*) FILTER (WHERE r.received_at < ${end}::timestamptz)::int AS "overdueOpen"
        FROM voice_requests r LEFT JOIN zones z ON z.id = r.place_zone_id
        WHERE ${keptIn(scope, "r")} AND ${overdueNow()}
        GROUP BY r.topic, r.kind, r.place_zone_id, z.name`,
  );
  const zero = { received: 0, answered: 0, answeredLate: 0, rated: 0, ratingSum: 0, satisfied: 0, anonymous: 0, collective: 0 };
  return rows.map((r): Cell => ({ dim: "cell", month: null, bodyId: null, bodyName: null, ...zero, ...r }));
}

/**
 * The median days to answer of the requests answered in the period, read from the requests through
 * the index on answered_at, which carries the places (see keptCountsServe).
 */
async function medianDaysToAnswer(database: Database, scope: Scope, period: Period): Promise<number | null> {
  const answered = within(sql`r.answered_at`, [windowOf(period)]);
  const [row] = await database.rows<{ medianDays: number | null }>(
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.received_at) / 86400) AS "medianDays"
        FROM voice_requests r WHERE ${keptIn(scope, "r")} AND ${answered}`,
  );
  return row?.medianDays ?? null;
}

/** Groups of the same dimension and key summed into one (the parts of a period read apart). */
function merged(parts: Cell[][]): Cell[] {
  const groups = new Map<string, Cell>();
  for (const c of parts.flat()) {
    const key = `${c.dim}|${c.topic}|${c.kind}|${c.zoneId}|${c.bodyId}|${c.month}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { ...c });
    else {
      for (const m of MEASURES) g[m] += c[m];
      g.zoneName ??= c.zoneName;
      g.bodyName ??= c.bodyName;
    }
  }
  return [...groups.values()];
}

/**
 * Every breakdown and the totals of the period in scope. For the city and a zone union, the whole
 * months come from the counts kept per month (migration 0980: a few thousand rows, not the year's
 * 50.000 requests), and what the counts cannot tell from the requests themselves: the odd days of
 * a range starting or ending mid-month, the requests overdue today, the median time to answer. A
 * grassroots union's or an enterprise's few requests, and the joint report's appendix (per
 * responsible body), are read in one pass over the requests.
 */
async function countRequests(database: Database, scope: Scope, period: Period, months: string[], appendix: boolean) {
  let cells: Cell[];
  let medianDays: number | null;
  if (!appendix && (await keptCountsServe(database, scope))) {
    const parts = periodParts(period);
    const none = { windows: [], overdue: false, median: false, appendix: false };
    const [kept, days, overdue, median] = await Promise.all([
      parts.months ? keptCells(database, scope, parts.months, months) : Promise.resolve([]),
      parts.days.length ? liveCells(database, scope, period, months, { ...none, windows: parts.days.map(windowOf) }) : Promise.resolve({ cells: [] }),
      overdueCells(database, scope, period),
      medianDaysToAnswer(database, scope, period),
    ]);
    cells = merged([kept, days.cells, overdue]);
    medianDays = median;
  } else {
    ({ cells, medianDays } = await liveCells(database, scope, period, months, { windows: [windowOf(period)], overdue: true, median: true, appendix }));
  }
  const others = cells.filter((r) => r.dim !== "cell").map(({ ratingSum, ...r }) => ({ ...r, avgRating: r.rated ? ratingSum / r.rated : null }) as CountRow);
  return { rows: [...rollUp(cells.filter((r) => r.dim === "cell")), ...others], medianDays };
}

/** The period's totals, from the counting pass's "total" group. */
function totalsOf(rows: CountRow[], medianDays: number | null) {
  const total = rows.find((r) => r.dim === "total");
  return {
    received: total?.received ?? 0,
    answered: total?.answered ?? 0,
    answeredLate: total?.answeredLate ?? 0,
    overdueOpen: total?.overdueOpen ?? 0,
    medianDays,
    rated: total?.rated ?? 0,
    avgRating: total?.avgRating ?? null,
    satisfied: total?.satisfied ?? 0,
    anonymous: total?.anonymous ?? 0,
    collective: total?.collective ?? 0,
  };
}
type Totals = ReturnType<typeof totalsOf>;
type Range = { from: string; to: string };

/** The headline figures: received, answered (late), overdue, time to answer, satisfaction, anonymous and collective. */
function mainFigures(t: Totals, range: Range): Figure[] {
  return [
    { key: "voice.received", label: "Yêu cầu tiếp nhận", value: t.received, unit: "count", link: link(range) },
    { key: "voice.answered", label: "Yêu cầu đã trả lời", value: t.answered, unit: "count", link: link({ ...range, status: "answered" }) },
    { key: "voice.answered_late", label: "Trả lời quá hạn", value: t.answeredLate, unit: "count", link: link({ ...range, status: "answered" }) },
    { key: "voice.overdue_open", label: "Đang quá hạn", value: t.overdueOpen, unit: "count", link: link({ overdue: "true" }) },
    {
      key: "voice.median_days_to_answer",
      label: "Thời gian trả lời (trung vị, ngày)",
      value: Math.round(Number(t.medianDays ?? 0) * 10) / 10,
      link: link({ ...range, status: "answered" }),
    },
    { key: "voice.satisfaction_avg", label: "Mức hài lòng bình quân (1–5)", value: Math.round(Number(t.avgRating ?? 0) * 100) / 100, link: link(range) },
    {
      key: "voice.satisfaction_percent",
      label: "Tỷ lệ hài lòng (4–5 sao)",
      value: t.rated ? Math.round((t.satisfied / t.rated) * 1000) / 10 : 0,
      unit: "percent",
      link: link(range),
    },
    { key: "voice.anonymous", label: "Yêu cầu ẩn danh", value: t.anonymous, unit: "count", link: link(range) },
    { key: "voice.collective", label: "Kiến nghị tập thể", value: t.collective, unit: "count", link: link({ ...range, kind: "petition" }) },
  ];
}

type Grouped = { k: string; id: number | null; label: string | null; received: number; answered: number; overdue: number };
type Monthly = { month: string; received: number; answered: number };

/** One dimension of the counting pass, largest first. */
function dimension(rows: CountRow[], dim: "topic" | "kind" | "body" | "zone"): Grouped[] {
  return rows
    .filter((r) => r.dim === dim)
    .map((r) => {
      const counts = { received: r.received, answered: r.answered, overdue: r.overdue };
      if (dim === "topic") return { k: r.topic ?? "", id: null, label: null, ...counts };
      if (dim === "kind") return { k: r.kind ?? "", id: null, label: null, ...counts };
      if (dim === "body") return { k: String(r.bodyId), id: r.bodyId, label: r.bodyName, ...counts };
      return { k: r.zoneId === null ? "none" : String(r.zoneId), id: r.zoneId, label: r.zoneName ?? "Ngoài khu công nghiệp", ...counts };
    })
    .sort((a, b) => b.received - a.received || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
}

/**
 * The breakdowns by topic, kind, body, zone and month. A grassroots union or an enterprise sees one
 * workplace: there a cell of 1–4 requests (one topic, one month) points at the few who complained.
 * Such a breakdown is left out whole, so that no cell can be worked out from the total and the others.
 */
function breakdowns(rows: CountRow[], months: string[], scope: Scope) {
  // Bucket i is the period's month i, counted from 0: the bounds start at its second month.
  const monthCount = (dim: "received_month" | "answered_month", i: number) =>
    rows.find((r) => r.dim === dim && r.month === i)?.[dim === "received_month" ? "received" : "answered"] ?? 0;
  const byMonth: Monthly[] = months.map((m, i) => ({
    month: m.slice(0, 7),
    received: monthCount("received_month", i),
    answered: monthCount("answered_month", i),
  }));
  const small = scope.kind === "union" || scope.kind === "enterprise";
  const isSmall = (v: number) => v > 0 && v < SMALL_CELL;
  const safe = (xs: Grouped[]) => (small && xs.some((r) => isSmall(r.received) || isSmall(r.answered) || isSmall(r.overdue)) ? [] : xs);
  return {
    byTopic: safe(dimension(rows, "topic")),
    byKind: safe(dimension(rows, "kind")),
    byBody: safe(dimension(rows, "body")),
    byZone: safe(dimension(rows, "zone")),
    byMonth: small && byMonth.some((m) => isSmall(m.received) || isSmall(m.answered)) ? [] : byMonth,
  };
}

/** A breakdown's figures: received, answered and overdue for each group, each linked to its list. */
function breakdown(
  range: Range,
  prefix: string,
  rows: Grouped[],
  label: (r: Grouped) => string,
  param: (r: Grouped) => Record<string, string | number>,
): Figure[] {
  return rows.flatMap((r) => [
    { key: `${prefix}.${r.k}.received`, label: `${label(r)} — tiếp nhận`, value: r.received, unit: "count" as const, link: link({ ...range, ...param(r) }) },
    {
      key: `${prefix}.${r.k}.answered`,
      label: `${label(r)} — đã trả lời`,
      value: r.answered,
      unit: "count" as const,
      link: link({ ...range, ...param(r), status: "answered" }),
    },
    { key: `${prefix}.${r.k}.overdue`, label: `${label(r)} — quá hạn`, value: r.overdue, unit: "count" as const, link: link({ ...param(r), overdue: "true" }) },
  ]);
}

/** Received and answered per month of the period. */
function monthFigures(byMonth: Monthly[]): Figure[] {
  return byMonth.flatMap((m) => {
    const label = `Tháng ${m.month.slice(5)}/${m.month.slice(0, 4)}`;
    const range = { from: `${m.month}-01`, to: lastDay(m.month) };
    return [
      { key: `voice.month.${m.month}.received`, label: `${label} — tiếp nhận`, value: m.received, unit: "count" as const, link: link(range) },
      {
        key: `voice.month.${m.month}.answered`,
        label: `${label} — đã trả lời`,
        value: m.answered,
        unit: "count" as const,
        link: link({ ...range, status: "answered" }),
      },
    ];
  });
}

/** The joint report's sentences on workers' requests: how many, what they raise most, satisfaction, what is overdue. */
function situationParagraphs(t: Totals, byTopic: Grouped[], period: Period): string[] {
  // "Khác" is what fits no topic: never named as a concern people raise most.
  const topTopics = byTopic
    .filter((r) => r.k !== "other" && r.received > 0)
    .slice(0, 3)
    .map((r) => `${topicLabels[r.k]?.toLowerCase() ?? r.k} (${formatNumber(r.received)})`);
  const paragraphs: string[] = [];
  paragraphs.push(
    `Trong ${period.label}, các cấp công đoàn và cơ quan phối hợp đã tiếp nhận ${formatNumber(t.received)} yêu cầu tư vấn, khiếu nại, kiến nghị, phản ánh của người lao động` +
      (t.collective ? `, trong đó có ${formatNumber(t.collective)} kiến nghị tập thể` : "") +
      `; đã trả lời ${formatNumber(t.answered)} yêu cầu` +
      (t.answered ? `, thời gian trả lời trung vị ${formatNumber(Math.round(Number(t.medianDays ?? 0) * 10) / 10, 1)} ngày` : "") +
      ".",
  );
  if (topTopics.length) paragraphs.push(`Các nội dung người lao động quan tâm nhiều nhất: ${topTopics.join(", ")}.`);
  if (t.rated)
    paragraphs.push(`${formatPercent((t.satisfied / t.rated) * 100)} người gửi đánh giá hài lòng với câu trả lời (${formatNumber(t.rated)} lượt đánh giá).`);
  if (t.overdueOpen) paragraphs.push(`Hiện còn ${formatNumber(t.overdueOpen)} yêu cầu quá hạn giải quyết, đã báo cáo lãnh đạo đơn vị để đôn đốc.`);
  return paragraphs;
}

/**
 * Received, answered, overdue by body, topic, zone and month; median days to answer; satisfaction.
 * `appendix`: also per responsible body (thousands of figures at city scale, for the joint report's
 * appendix; the dashboards leave them out).
 */
export const voiceFigures: FigureProvider = async (database: Database, scope: Scope, period: Period, opts): Promise<FigureSection[]> => {
  const months = monthsOf(period.from, period.to);
  const { rows, medianDays } = await countRequests(database, scope, period, months, opts?.appendix === true);
  const t = totalsOf(rows, medianDays);
  const range = { from: period.from, to: period.to };
  const b = breakdowns(rows, months, scope);
  return [
    // The joint report's area "nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi" (same key and
    // title as coordination's), so reporting merges the two modules' figures into one section.
    {
      key: "situation",
      title: "Phối hợp trong nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi cho công nhân lao động",
      order: 30,
      figures: mainFigures(t, range),
      paragraphs: situationParagraphs(t, b.byTopic, period),
    },
    {
      key: "voice.breakdown",
      title: "Phụ lục: yêu cầu của người lao động theo lĩnh vực, loại, đơn vị, khu và tháng",
      order: 95,
      figures: [
        ...breakdown(
          range,
          "voice.topic",
          b.byTopic,
          (r) => topicLabels[r.k] ?? r.k,
          (r) => ({ topic: r.k }),
        ),
        ...breakdown(
          range,
          "voice.kind",
          b.byKind,
          (r) => kindLabels[r.k] ?? r.k,
          (r) => ({ kind: r.k }),
        ),
        ...breakdown(
          range,
          "voice.body",
          b.byBody,
          (r) => r.label ?? r.k,
          (r) => ({ bodyId: r.id ?? 0 }),
        ),
        ...breakdown(
          range,
          "voice.zone",
          b.byZone,
          (r) => r.label ?? r.k,
          (r): Record<string, string | number> => (r.id ? { zoneId: r.id } : {}),
        ),
        ...monthFigures(b.byMonth),
      ],
      paragraphs: [],
    },
  ];
};

function lastDay(month: string): string {
  return monthEnd(month);
}

/** Fewer requests than this in one cell of a one-workplace breakdown are not shown (issue #15). */
export const SMALL_CELL = 5;

/** Minimum requests before a rate or a spike counts: two complaints are not a trend. */
const MIN_REQUESTS = 3;

/**
 * "Requests per 1,000 workers in the last 90 days" and "spike: last 30 days against the rate of
 * the 90 days before", for every enterprise with enough requests.
 */
export const voiceRiskSignals: RiskSignalProvider = async (database: Database, asOf: string): Promise<RiskSignal[]> => {
  const rows = await database.rows<{ id: number; workforce: number; n90: number; n30: number; prev90: number }>(
    sql`SELECT e.id, e.workforce_total AS workforce,
          count(*) FILTER (WHERE d > ${asOf}::date - 90)::int AS n90,
          count(*) FILTER (WHERE d > ${asOf}::date - 30)::int AS n30,
          count(*) FILTER (WHERE d <= ${asOf}::date - 30 AND d > ${asOf}::date - 120)::int AS prev90
        FROM (SELECT r.enterprise_id, (r.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d FROM voice_requests r
              WHERE r.enterprise_id IS NOT NULL AND r.requester_kind = 'worker'
                AND r.received_at >= ${vnDayStart(addDays(asOf, -120))}::timestamptz AND r.received_at < ${vnDayEnd(asOf)}::timestamptz) x
        JOIN enterprises e ON e.id = x.enterprise_id
        WHERE x.d <= ${asOf}::date
        GROUP BY e.id, e.workforce_total`,
  );
  const signals: RiskSignal[] = [];
  for (const r of rows) {
    const href = `/staff/requests?enterpriseId=${r.id}&from=${addDays(asOf, -89)}&to=${asOf}`;
    if (r.n90 >= MIN_REQUESTS && r.workforce > 0) {
      const rate = (r.n90 / r.workforce) * 1000;
      signals.push({
        enterpriseId: r.id,
        kind: "voice_requests_rate",
        value: Math.round(rate * 10) / 10,
        evidence: `${formatNumber(r.n90)} yêu cầu trong 90 ngày (${formatNumber(Math.round(rate * 10) / 10)}/1.000 lao động)`,
        link: href,
      });
    }
    const baseline = r.prev90 / 3;
    if (r.n30 >= MIN_REQUESTS && r.n30 >= 2 * baseline) {
      const ratio = baseline > 0 ? r.n30 / baseline : r.n30;
      signals.push({
        enterpriseId: r.id,
        kind: "voice_requests_spike",
        value: Math.round(ratio * 10) / 10,
        evidence:
          baseline > 0
            ? `${formatNumber(r.n30)} yêu cầu trong 30 ngày gần đây, gấp ${formatNumber(Math.round(ratio * 10) / 10, 1)} lần mức bình quân của 90 ngày trước đó (${formatNumber(Math.round(baseline * 10) / 10, 1)}/30 ngày)`
            : `${formatNumber(r.n30)} yêu cầu trong 30 ngày gần đây, trong khi 90 ngày trước đó không có yêu cầu nào`,
        link: `/staff/requests?enterpriseId=${r.id}&from=${addDays(asOf, -29)}&to=${asOf}`,
      });
    }
  }
  return signals;
};
