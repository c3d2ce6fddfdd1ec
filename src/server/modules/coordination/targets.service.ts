import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import type { Scope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { intArray, zoneVisible } from "./coordination.scope.ts";
import { type Metric, type targetInput, type targetValueInput, yearlyMetrics } from "./coordination.schema.ts";
import { metricValue } from "./metrics.ts";
import { addDays, monthEnd, vnToday } from "#shared/clock.ts";

export interface TargetRow {
  id: number;
  program: string;
  title: string;
  metric: Metric;
  unit: "count" | "percent";
  targetValue: number;
  year: number | null;
  deadline: string;
  zoneId: number | null;
  zoneName: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  ownerBodyId: number;
  /** A manual target whose figure the records also give: the metric computing it, and which value is used. */
  computedMetric: Metric | null;
  prefer: "computed" | "entered";
}

export interface Progress {
  asOf: string;
  actual: number | null;
  /** Percent of the target reached (actual / target × 100). */
  ratio: number | null;
  /** "13.297/21.500, đạt 61,8%" — or "72,5%/80%" for a share. */
  text: string;
  detail?: { numerator: number; denominator: number } | undefined;
  /** For manual targets: who entered the value used, and when. */
  enteredBy?: string | null;
  enteredAt?: string | null;
  /** Where the value comes from, in words: "tính từ bản ghi …" or "nhập tay: … ngày …". */
  source: string;
  /**
   * When a figure is both entered and computed: the rule that chose the value, and the other value
   * beside it (every page, the report and the annex show the same choice).
   */
  rule?: string | undefined;
  other?: { value: number; text: string; source: string } | undefined;
  reached: boolean;
  /** The date the target is reached at the current pace; null when it cannot be (no growth). */
  projectedDate: string | null;
  onTrack: boolean | null;
  /** "Theo tốc độ hiện nay, chỉ tiêu đạt vào tháng 08/2026." */
  projection: string;
}

const columns = sql`t.id, t.program, t.title, t.metric, t.unit, t.target_value AS "targetValue", t.year, t.deadline, t.zone_id AS "zoneId",
  z.name AS "zoneName", t.baseline_value AS "baselineValue", t.baseline_date AS "baselineDate", t.owner_body_id AS "ownerBodyId",
  t.computed_metric AS "computedMetric", t.prefer`;

const DAY = 86_400_000;
/** A projected date, `days` (rounded) after an ISO date; beyond year 2200 (a pace that never reaches the target) "9999-12-31". */
const projectAt = (iso: string, days: number) => {
  const whole = Math.round(days);
  if (!Number.isFinite(whole) || whole > 100_000) return "9999-12-31";
  const date = addDays(iso, whole);
  return date < "2200-01-01" ? date : "9999-12-31";
};
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;
const monthYear = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const today = vnToday;

/** "13.297/21.500, đạt 61,8%" */
export function progressText(unit: "count" | "percent", actual: number, target: number): string {
  if (unit === "percent") return `${formatPercent(actual)}/${formatPercent(target, Number.isInteger(target) ? 0 : 1)}`;
  return `${formatNumber(actual)}/${formatNumber(target)}, đạt ${formatPercent((100 * actual) / target)}`;
}

/** The filter a target is computed with: the whole city, or its zone. Aggregates only, no personal data. */
function targetFilter(t: TargetRow) {
  const scope: Scope = { kind: "city" };
  return { scope, zoneIds: t.zoneId ? [t.zoneId] : null };
}

async function manualValue(database: Database, targetId: number, asOf: string, tx?: Tx) {
  const [row] = await database.rows<{ value: number; asOf: string; enteredBy: string; enteredAt: string }>(
    sql`SELECT v.value, v.as_of AS "asOf", u.full_name AS "enteredBy", v.entered_at::text AS "enteredAt"
        FROM target_values v JOIN users u ON u.id = v.entered_by WHERE v.target_id = ${targetId} AND v.as_of <= ${asOf}::date
        ORDER BY v.as_of DESC, v.id DESC LIMIT 1`,
    tx,
  );
  return row ?? null;
}

async function valueAt(database: Database, t: TargetRow, asOf: string, tx?: Tx) {
  if (t.metric === "manual") {
    const m = await manualValue(database, t.id, asOf, tx);
    return m ? { value: Number(m.value), enteredBy: m.enteredBy, enteredAt: m.enteredAt, asOf: m.asOf } : null;
  }
  return metricValue(database, t.metric, targetFilter(t), { asOf, year: t.year }, tx);
}

/** "tính từ bản ghi trên Cầu Nối tại ngày 31/12/2025" / "nhập tay: Nguyễn Văn A, số liệu ngày 30/06/2025". */
const computedSource = (asOf: string) => `tính từ bản ghi trên Cầu Nối tại ngày ${formatDate(asOf)}`;
const enteredSource = (v: { enteredBy?: string | null; asOf?: string }) =>
  `nhập tay${v.enteredBy ? `: ${v.enteredBy}` : ""}${v.asOf ? `, số liệu ngày ${formatDate(v.asOf)}` : ""}`;

/**
 * The value a target is measured by, and its source. A manual target whose figure the records also
 * give (computedMetric) has two: the one its rule prefers is used (the other when that one is missing),
 * and the other is kept beside it, so a reader sees both and which was chosen.
 */
async function chosenValue(database: Database, t: TargetRow, asOf: string, tx?: Tx) {
  const v = await valueAt(database, t, asOf, tx);
  const own = v ? { ...v, source: t.metric === "manual" ? enteredSource(v as { enteredBy?: string; asOf?: string }) : computedSource(asOf) } : null;
  if (t.metric !== "manual" || !t.computedMetric) return own ? { ...own, rule: undefined, other: undefined } : null;
  const c = await metricValue(database, t.computedMetric, targetFilter(t), { asOf, year: t.year }, tx);
  const computed = c ? { ...c, source: computedSource(asOf) } : null;
  const [use, other] = t.prefer === "entered" ? [own ?? computed, own ? computed : null] : [computed ?? own, computed ? own : null];
  if (!use) return null;
  const rule =
    t.prefer === "entered"
      ? "Quy tắc của chỉ tiêu: dùng số liệu nhập tay; số liệu tính từ bản ghi để đối chiếu."
      : "Quy tắc của chỉ tiêu: dùng số liệu tính từ bản ghi khi có; số liệu nhập tay để đối chiếu.";
  return {
    ...use,
    rule,
    other: other ? { value: Number(other.value), text: progressText(t.unit, Number(other.value), t.targetValue), source: other.source } : undefined,
  };
}

/**
 * Actual value, share reached, and the pace projection. Flows (new members in a year) run from
 * 1 January at the year's pace so far; levels (members, coverage) use the change since the baseline,
 * or since one year earlier when no baseline is set.
 */
export async function computeProgress(database: Database, t: TargetRow, asOfInput?: string, tx?: Tx): Promise<Progress> {
  let asOf = asOfInput ?? today();
  if (t.year && yearlyMetrics.includes(t.metric) && asOf > `${t.year}-12-31`) asOf = `${t.year}-12-31`;
  const v = await chosenValue(database, t, asOf, tx);
  if (!v) {
    return {
      asOf,
      actual: null,
      ratio: null,
      text: "Chưa có số liệu",
      source: t.metric === "manual" ? "chưa nhập số liệu" : computedSource(asOf),
      reached: false,
      projectedDate: null,
      onTrack: null,
      projection: "Chưa có số liệu để tính tiến độ.",
    };
  }
  const actual = v.value;
  const ratio = (100 * actual) / t.targetValue;
  const reached = actual >= t.targetValue;
  let projectedDate: string | null = null;
  if (reached) projectedDate = asOf;
  else if (yearlyMetrics.includes(t.metric) && t.year) {
    const start = `${t.year}-01-01`;
    const elapsed = daysBetween(start, asOf) + 1;
    if (elapsed > 0 && actual > 0) projectedDate = projectAt(start, (t.targetValue / actual) * elapsed - 1);
  } else {
    let prev: { value: number; date: string } | null = null;
    if (t.baselineValue !== null && t.baselineDate && t.baselineDate < asOf) prev = { value: t.baselineValue, date: t.baselineDate };
    else {
      const earlier = addDays(asOf, -365);
      // The month-end snapshot of about a year ago gives the pace without recounting; else count live.
      const [snap] = await database.rows<{ monthEnd: string; value: number }>(
        sql`SELECT (month + interval '1 month' - interval '1 day')::date::text AS "monthEnd", value FROM target_snapshots
            WHERE target_id = ${t.id} AND month BETWEEN ${addDays(earlier, -45)}::date AND ${earlier}::date ORDER BY month DESC LIMIT 1`,
        tx,
      );
      let pv: { value: number; asOf?: string } | null = snap ? { value: Number(snap.value), asOf: snap.monthEnd } : await valueAt(database, t, earlier, tx);
      if (!pv && t.metric === "manual") {
        // Values entered by hand may start less than a year ago: the pace runs from the first one.
        const [first] = await database.rows<{ value: number; asOf: string }>(
          sql`SELECT value, as_of AS "asOf" FROM target_values WHERE target_id = ${t.id} AND as_of < ${asOf}::date ORDER BY as_of, id LIMIT 1`,
          tx,
        );
        if (first) pv = { value: Number(first.value), asOf: first.asOf };
      }
      if (pv && ("asOf" in pv ? pv.asOf !== (v as { asOf?: string }).asOf : true))
        prev = { value: pv.value, date: "asOf" in pv && pv.asOf ? pv.asOf : earlier };
    }
    if (prev) {
      const rate = (actual - prev.value) / Math.max(1, daysBetween(prev.date, asOf));
      if (rate > 0) projectedDate = projectAt(asOf, (t.targetValue - actual) / rate);
    }
  }
  if (projectedDate === "9999-12-31") projectedDate = null;
  const onTrack = projectedDate === null ? false : projectedDate <= t.deadline;
  let projection: string;
  if (reached) projection = "Đã đạt chỉ tiêu.";
  else if (!projectedDate) projection = "Theo tốc độ hiện nay, chỉ tiêu chưa thể đạt (số liệu không tăng).";
  else
    projection = `Theo tốc độ hiện nay, chỉ tiêu đạt vào tháng ${monthYear(projectedDate)}${onTrack ? " (kịp thời hạn)" : ` (chậm so với thời hạn ${monthYear(t.deadline)})`}.`;
  return {
    asOf,
    actual,
    ratio,
    text: progressText(t.unit, actual, t.targetValue),
    detail: "detail" in v ? v.detail : undefined,
    enteredBy: "enteredBy" in v ? v.enteredBy : null,
    enteredAt: "enteredAt" in v ? v.enteredAt : null,
    source: v.source,
    rule: v.rule,
    other: v.other,
    reached,
    projectedDate,
    onTrack,
    projection,
  };
}

/**
 * The targets a level reports against: the city's own (no zone) for the city, a zone union's zones' for
 * it. Used by the joint report; the targets page lists every target the caller may see.
 */
export async function targetsOfLevel(database: Database, scope: Scope, year: number): Promise<TargetRow[]> {
  const level = scope.kind === "city" ? sql`t.zone_id IS NULL` : scope.kind === "zones" ? sql`t.zone_id = ANY(${intArray(scope.zoneIds)})` : sql`false`;
  return database.rows<TargetRow>(
    sql`SELECT ${columns} FROM targets t LEFT JOIN zones z ON z.id = t.zone_id
        WHERE ${level} AND (t.year = ${year} OR (t.year IS NULL AND t.deadline >= ${`${year}-01-01`}::date)) ORDER BY t.deadline, t.id`,
  );
}

export async function listTargets(database: Database, ctx: RequestContext, q: { year?: number | undefined; asOf?: string | undefined }) {
  const rows = await database.rows<TargetRow>(
    sql`SELECT ${columns} FROM targets t LEFT JOIN zones z ON z.id = t.zone_id WHERE ${zoneVisible(ctx.actor.scope, sql`t.zone_id`)}
        ${q.year ? sql`AND (t.year = ${q.year} OR t.year IS NULL)` : sql``}
        ORDER BY t.year NULLS FIRST, t.deadline, t.id`,
  );
  // A past year is measured at its last day, as the dashboard and the report of that year measure it.
  const asOf = q.asOf ?? (q.year && `${q.year}-12-31` < today() ? `${q.year}-12-31` : undefined);
  // All at once (the pool bounds how many statements run): one after another they were the longest
  // chain of a dashboard's first view; the counts they share are computed once (figures.memo.ts).
  return Promise.all(rows.map(async (t) => ({ ...t, progress: await computeProgress(database, t, asOf) })));
}

export async function getTargetRow(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<TargetRow> {
  const [row] = await database.rows<TargetRow>(
    sql`SELECT ${columns} FROM targets t LEFT JOIN zones z ON z.id = t.zone_id WHERE t.id = ${id} AND ${zoneVisible(ctx.actor.scope, sql`t.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

export async function getTarget(database: Database, ctx: RequestContext, id: number, asOf?: string) {
  const t = await getTargetRow(database, ctx, id);
  const progress = await computeProgress(database, t, asOf);
  const snapshots = await database.rows<{ month: string; value: number; computedAt: string }>(
    sql`SELECT month, value, computed_at::text AS "computedAt" FROM target_snapshots WHERE target_id = ${id} ORDER BY month`,
  );
  const values = await database.rows<{ id: number; asOf: string; value: number; note: string | null; enteredBy: string; enteredAt: string }>(
    sql`SELECT v.id, v.as_of AS "asOf", v.value, v.note, u.full_name AS "enteredBy", v.entered_at::text AS "enteredAt"
        FROM target_values v JOIN users u ON u.id = v.entered_by WHERE v.target_id = ${id} ORDER BY v.as_of DESC, v.id DESC`,
  );
  return { ...t, progress, snapshots, values };
}

function assertCanWrite(ctx: RequestContext, zoneId: number | null | undefined) {
  const s = ctx.actor.scope;
  if (s.kind === "city") return;
  if (s.kind === "zones" && zoneId && s.zoneIds.includes(zoneId)) return;
  throw new AppError("forbidden", "Chỉ tiêu toàn thành phố do cơ quan cấp thành phố cập nhật");
}

async function checkZone(database: Database, tx: Tx, zoneId: number | null | undefined) {
  if (!zoneId) return;
  const [z] = await database.rows<{ id: number }>(sql`SELECT id FROM zones WHERE id = ${zoneId}`, tx);
  if (!z) throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/zoneId", message: "Khu không tồn tại" }] });
}

export async function createTarget(database: Database, ctx: RequestContext, input: z.infer<typeof targetInput>) {
  assertCanWrite(ctx, input.zoneId);
  return database.db.transaction(async (tx) => {
    await checkZone(database, tx, input.zoneId);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO targets (program, title, metric, unit, target_value, year, deadline, zone_id, baseline_value, baseline_date, owner_body_id, created_by, computed_metric, prefer)
          VALUES (${input.program}, ${input.title}, ${input.metric}, ${input.unit}, ${input.targetValue}, ${input.year ?? null}, ${input.deadline},
                  ${input.zoneId ?? null}, ${input.baselineValue ?? null}, ${input.baselineDate ?? null}, ${ctx.actor.bodyId}, ${ctx.actor.userId},
                  ${input.computedMetric ?? null}, ${input.prefer}) RETURNING id`,
      tx,
    );
    const t = await getTargetRow(database, ctx, row?.id ?? 0, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "target", objectId: t.id, after: t });
    return t;
  });
}

export async function updateTarget(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof targetInput>) {
  return database.db.transaction(async (tx) => {
    const before = await getTargetRow(database, ctx, id, tx);
    assertCanWrite(ctx, before.zoneId);
    assertCanWrite(ctx, input.zoneId);
    await checkZone(database, tx, input.zoneId);
    await database.rows(
      sql`UPDATE targets SET program = ${input.program}, title = ${input.title}, metric = ${input.metric}, unit = ${input.unit}, target_value = ${input.targetValue},
            year = ${input.year ?? null}, deadline = ${input.deadline}, zone_id = ${input.zoneId ?? null}, baseline_value = ${input.baselineValue ?? null},
            baseline_date = ${input.baselineDate ?? null}, computed_metric = ${input.computedMetric ?? null}, prefer = ${input.prefer},
            updated_at = now() WHERE id = ${id}`,
      tx,
    );
    const after = await getTargetRow(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "target", objectId: id, before, after });
    return after;
  });
}

export async function deleteTarget(database: Database, ctx: RequestContext, id: number) {
  await database.db.transaction(async (tx) => {
    const before = await getTargetRow(database, ctx, id, tx);
    assertCanWrite(ctx, before.zoneId);
    await database.rows(sql`DELETE FROM targets WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "target", objectId: id, before });
  });
}

/** A value entered by hand for a 'manual' target (who and when are kept). */
export async function addTargetValue(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof targetValueInput>) {
  return database.db.transaction(async (tx) => {
    const t = await getTargetRow(database, ctx, id, tx);
    assertCanWrite(ctx, t.zoneId);
    if (t.metric !== "manual") throw new AppError("target_computed");
    if (t.unit === "percent" && input.value > 100) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/value", message: "Tỷ lệ tối đa 100%" }] });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO target_values (target_id, as_of, value, note, entered_by) VALUES (${id}, ${input.asOf}, ${input.value}, ${input.note ?? null}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, { action: "create", objectType: "target_value", objectId: row?.id ?? null, after: { targetId: id, ...input } });
    return { id: row?.id ?? 0, ...input };
  });
}

/**
 * Stores every target's value at the end of `month` (or today, for the running month). Run monthly
 * (the CLI or the button on the targets page); running it again for a month replaces that month.
 */
export async function snapshotTargets(database: Database, month: string, ctx: RequestContext | null = null): Promise<number> {
  const first = `${month.slice(0, 7)}-01`;
  const last = monthEnd(month.slice(0, 7));
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings; Math.min would give NaN
  const asOf = last < today() ? last : today();
  const targets = await database.rows<TargetRow>(sql`SELECT ${columns} FROM targets t LEFT JOIN zones z ON z.id = t.zone_id`);
  // Values are read before the transaction: some computations (agreement coverage, from the registry's
  // service) use their own connection, which on PGlite's single connection would wait on this one.
  const values: { t: TargetRow; v: number }[] = [];
  for (const t of targets) {
    const v = await chosenValue(database, t, asOf);
    if (v) values.push({ t, v: Number(v.value) });
  }
  return database.db.transaction(async (tx) => {
    let n = 0;
    for (const { t, v: value } of values) {
      const v = { value };
      await database.rows(
        sql`INSERT INTO target_snapshots (target_id, month, value) VALUES (${t.id}, ${first}, ${v.value})
            ON CONFLICT (target_id, month) DO UPDATE SET value = EXCLUDED.value, computed_at = now()`,
        tx,
      );
      n++;
    }
    if (ctx) await audit(database, tx, ctx, { action: "snapshot", objectType: "target", objectId: null, detail: { month: first, targets: n } });
    return n;
  });
}
