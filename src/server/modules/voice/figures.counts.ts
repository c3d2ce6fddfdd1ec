import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Period } from "#server/modules/contracts.ts";
import { periodParts } from "#shared/clock.ts";
import { addDays, vnDayStart, vnToday } from "./calendar.ts";
import { requestScopeOf } from "./requests.shared.ts";

/**
 * Worker voice counted for the figures (figures.ts): received, answered (late), overdue, ratings,
 * anonymous and collective requests per topic × kind × zone cell and per month, and the median
 * time to answer — from the counts kept per month (migration 0980) where a scope allows, else from
 * the requests themselves.
 */

// LEFT JOINs only (every request has its responsible body): a join whose columns a statement does not use is left out by the planner.
const from = sql`FROM voice_requests r LEFT JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id`;
/** One group of the counting pass: the totals (dim "total") or one topic, kind, body, zone or month. */
export type CountRow = {
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
export async function countRequests(database: Database, scope: Scope, period: Period, months: string[], appendix: boolean) {
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
