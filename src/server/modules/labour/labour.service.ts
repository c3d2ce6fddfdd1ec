import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { Actor, RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit, enterpriseScope } from "#server/modules/access/index.ts";
import { addDays, nowIso, vnDate, vnDayEnd, vnToday } from "#shared/clock.ts";
import { checkReport } from "./labour.checks.ts";
import {
  SETTINGS_KEY,
  daysLate,
  deadlineOf,
  getLabourSettings,
  isAfterDeadline,
  lastEndedPeriod,
  nextPeriod,
  periodEnd,
  periodLabel,
  standingOf,
} from "./labour.deadlines.ts";
import type { Issue, LabourReportInput, LabourSettings, Submission } from "./labour.schema.ts";

type Source = "form" | "excel" | "api";

/** The enterprise an enterprise account acts for; staff accounts submit nothing here. */
export function ownEnterprise(actor: Actor): number {
  if (actor.scope.kind !== "enterprise" || actor.scope.enterpriseIds.length !== 1) {
    throw new AppError("forbidden", "Chỉ tài khoản của doanh nghiệp nộp báo cáo lao động của doanh nghiệp mình");
  }
  return actor.scope.enterpriseIds[0] as number;
}

/** Officers of the zone authority (or the system administrator) review enterprises' reports. */
function assertReviewer(actor: Actor) {
  const body = actor.bodyKind === "zone_authority" || actor.bodyKind === "system";
  if (!body || !actor.permissions.has("registry:write")) throw new AppError("forbidden", "Chỉ cán bộ Ban Quản lý Khu kinh tế duyệt báo cáo lao động");
}

const columns = sql`s.id, s.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.tax_code AS "taxCode", s.period, s.version, s.status, s.source,
  s.workforce, s.women, s.men, s.contract_indefinite AS "contractIndefinite", s.contract_fixed AS "contractFixed", s.contract_other AS "contractOther",
  s.foreigners, s.hires, s.leavers, s.lowest_wage::float8 AS "lowestWage", s.average_wage::float8 AS "averageWage", s.overtime_hours AS "overtimeHours",
  s.insured, s.accidents, s.accident_deaths AS "accidentDeaths", s.has_agreement AS "hasAgreement", s.has_union AS "hasUnion", s.note,
  s.wage_reason AS "wageReason", s.warnings, su.full_name AS "submittedBy", s.submitted_at AS "submittedAt",
  du.full_name AS "decidedBy", s.decided_at AS "decidedAt", s.decision_reason AS "decisionReason",
  (SELECT min(x.submitted_at) FROM labour_submissions x WHERE x.enterprise_id = s.enterprise_id AND x.period = s.period) AS "firstAt",
  (SELECT min(r.filed_at) FROM labor_reports r WHERE r.enterprise_id = s.enterprise_id AND r.period = s.period) AS "recordFirstAt"`;
const from = sql`FROM labour_submissions s JOIN enterprises e ON e.id = s.enterprise_id
  LEFT JOIN users su ON su.id = s.submitted_by LEFT JOIN users du ON du.id = s.decided_by`;

type Row = Omit<Submission, "periodLabel" | "deadline" | "submittedLate" | "submittedAt" | "decidedAt"> & {
  submittedAt: Date | string;
  decidedAt: Date | string | null;
  firstAt: Date | string;
  recordFirstAt: Date | string | null;
};
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * "Late" is about the period's report, not the version: the first version came after the deadline
 * and no report of record (an officer's filing) was in by then. A correction is never late by itself.
 */
function shape({ firstAt, recordFirstAt, ...r }: Row, s: LabourSettings): Submission {
  const deadline = deadlineOf(r.period, s);
  const submittedAt = iso(r.submittedAt) as string;
  const recordOnTime = recordFirstAt !== null && !isAfterDeadline(iso(recordFirstAt) as string, deadline);
  return {
    ...r,
    periodLabel: periodLabel(r.period),
    deadline,
    submittedAt,
    submittedLate: isAfterDeadline(iso(firstAt) as string, deadline) && !recordOnTime,
    decidedAt: iso(r.decidedAt),
    warnings: (r.warnings ?? []) as Issue[],
  };
}

/** The "Kiểm tra" step: every check, nothing written. */
export async function checkSubmission(database: Database, ctx: RequestContext, input: LabourReportInput) {
  return checkReport(database, ownEnterprise(ctx.actor), input);
}

/**
 * Submits a version of the enterprise's report. The server runs the same checks as the "Kiểm tra"
 * step and refuses while any error remains; a version waiting for review must be decided first.
 */
export async function submitReport(database: Database, ctx: RequestContext, input: LabourReportInput, source: Source) {
  const enterpriseId = ownEnterprise(ctx.actor);
  const check = await checkReport(database, enterpriseId, input);
  if (!check.ok) {
    throw new AppError("labour_report_invalid", check.errors.map((e) => e.message).join("; "), {
      errors: check.errors.map(({ pointer, message, code }) => ({ pointer, message, code })),
      extra: { warnings: check.warnings },
    });
  }
  const id = await database.db.transaction(async (tx) => {
    const [prev] = await database.rows<{ version: number; status: string }>(
      sql`SELECT version, status FROM labour_submissions WHERE enterprise_id = ${enterpriseId} AND period = ${input.period}
          ORDER BY version DESC LIMIT 1 FOR UPDATE`,
      tx,
    );
    if (prev?.status === "submitted") {
      throw new AppError("labour_pending_review", `Bản số ${prev.version} của kỳ ${periodLabel(input.period)} đang chờ Ban Quản lý xem xét`);
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO labour_submissions (enterprise_id, period, version, source, workforce, women, men, contract_indefinite, contract_fixed, contract_other,
            foreigners, hires, leavers, lowest_wage, average_wage, overtime_hours, insured, accidents, accident_deaths, has_agreement, has_union, note,
            wage_reason, warnings, submitted_by, submitted_at)
          VALUES (${enterpriseId}, ${input.period}, ${(prev?.version ?? 0) + 1}, ${source}, ${input.workforce}, ${input.women}, ${input.men},
            ${input.contractIndefinite}, ${input.contractFixed}, ${input.contractOther}, ${input.foreigners}, ${input.hires}, ${input.leavers},
            ${input.lowestWage}, ${input.averageWage}, ${input.overtimeHours}, ${input.insured}, ${input.accidents}, ${input.accidentDeaths},
            ${input.hasAgreement}, ${input.hasUnion}, ${input.note ?? null}, ${input.wageReason?.trim() || null},
            ${JSON.stringify(check.warnings)}::jsonb, ${ctx.actor.userId}, ${nowIso()}::timestamptz) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "submit",
      objectType: "labour_submission",
      objectId: row?.id,
      after: { enterpriseId, source, ...input },
      detail: check.warnings.length ? { warnings: check.warnings } : undefined,
    });
    return row?.id ?? 0;
  });
  await signalsChanged(database, enterpriseId);
  return getSubmission(database, ctx, id);
}

/**
 * A report in (or accepted) ends the "late report" signal: the watch list rescores the enterprise at
 * once. Loaded on use: the providers list names this module's figures.
 */
async function signalsChanged(database: Database, enterpriseId: number) {
  const { enterpriseSignalsChanged } = await import("#server/modules/providers.ts");
  await enterpriseSignalsChanged(database, [enterpriseId]);
}

/** One submission with every version of its period, newest first; out of scope → 404. */
export async function getSubmission(database: Database, ctx: RequestContext, id: number) {
  const s = await getLabourSettings(database);
  const scope = enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`);
  const [row] = await database.rows<Row>(sql`SELECT ${columns} ${from} WHERE s.id = ${id} AND ${scope}`);
  if (!row) throw new AppError("not_found");
  const versions = await database.rows<Row>(
    sql`SELECT ${columns} ${from} WHERE s.enterprise_id = ${row.enterpriseId} AND s.period = ${row.period} ORDER BY s.version DESC`,
  );
  return { ...shape(row, s), versions: versions.map((v) => shape(v, s)) };
}

/** Submissions in scope, latest version of each enterprise and period; an enterprise sees its own. */
export async function listSubmissions(
  database: Database,
  ctx: RequestContext,
  q: { period?: string | undefined; status?: "submitted" | "accepted" | "returned" | undefined; page: number; pageSize: number },
) {
  const s = await getLabourSettings(database);
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.period) where.push(sql`s.period = ${q.period}`);
  const latest = sql`NOT EXISTS (SELECT 1 FROM labour_submissions n WHERE n.enterprise_id = s.enterprise_id AND n.period = s.period AND n.version > s.version)`;
  where.push(latest);
  if (q.status) where.push(sql`s.status = ${q.status}`);
  const w = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${from} WHERE ${w}`);
  const rows = await database.rows<Row>(
    sql`SELECT ${columns} ${from} WHERE ${w} ORDER BY (s.status = 'submitted') DESC, s.submitted_at DESC, s.id DESC
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items: rows.map((r) => shape(r, s)) };
}

async function pending(database: Database, tx: Tx, ctx: RequestContext, id: number) {
  const [row] = await database.rows<{
    id: number;
    enterpriseId: number;
    status: string;
    period: string;
    submittedBy: number | null;
    input: LabourReportInput;
  }>(
    sql`SELECT s.id, s.enterprise_id AS "enterpriseId", s.status, s.period, s.submitted_by AS "submittedBy",
          json_build_object('period', s.period, 'workforce', s.workforce, 'women', s.women, 'hires', s.hires, 'leavers', s.leavers,
            'averageWage', s.average_wage, 'lowestWage', s.lowest_wage, 'insured', s.insured) AS input
        FROM labour_submissions s JOIN enterprises e ON e.id = s.enterprise_id
        WHERE s.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)} FOR UPDATE OF s`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  if (row.status !== "submitted")
    throw new AppError("labour_already_decided", row.status === "accepted" ? "Báo cáo đã được chấp nhận" : "Báo cáo đã bị trả lại");
  return row;
}

/**
 * Accepts a submitted version: its figures become the enterprise's labour report of record (a
 * filing in the registry, in the same transaction), so lists, figures and signals read them.
 */
export async function acceptSubmission(database: Database, ctx: RequestContext, id: number, note?: string) {
  assertReviewer(ctx.actor);
  // Loaded on use: the registry's door reaches the providers list, which lists this module's figures.
  const { recordReportOfRecord } = await import("#server/modules/registry/index.ts");
  const accepted = await database.db.transaction(async (tx) => {
    const row = await pending(database, tx, ctx, id);
    await database.rows(
      sql`UPDATE labour_submissions SET status = 'accepted', decided_by = ${ctx.actor.userId}, decided_at = ${nowIso()}::timestamptz, decision_reason = ${note || null} WHERE id = ${id}`,
      tx,
    );
    await recordReportOfRecord(database, tx, ctx, {
      ...row.input,
      averageWage: Number(row.input.averageWage),
      lowestWage: Number(row.input.lowestWage),
      note: `Doanh nghiệp nộp (bản số ${id}), Ban Quản lý chấp nhận`,
      enterpriseId: row.enterpriseId,
      filedBy: row.submittedBy,
      filedByBody: row.enterpriseId,
    });
    await audit(database, tx, ctx, { action: "accept", objectType: "labour_submission", objectId: id, detail: note ? { note } : undefined });
    return row;
  });
  await signalsChanged(database, accepted.enterpriseId);
  return getSubmission(database, ctx, id);
}

/** Returns a submitted version with the reason; the enterprise corrects it and submits a new version. */
export async function returnSubmission(database: Database, ctx: RequestContext, id: number, reason: string) {
  assertReviewer(ctx.actor);
  await database.db.transaction(async (tx) => {
    await pending(database, tx, ctx, id);
    await database.rows(
      sql`UPDATE labour_submissions SET status = 'returned', decided_by = ${ctx.actor.userId}, decided_at = ${nowIso()}::timestamptz, decision_reason = ${reason} WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "return", objectType: "labour_submission", objectId: id, detail: { reason } });
  });
  return getSubmission(database, ctx, id);
}

interface OwedRow {
  enterpriseId: number;
  enterpriseName: string;
  taxCode: string;
  zoneName: string | null;
  latest: "submitted" | "accepted" | "returned" | null;
  latestId: number | null;
  firstAt: Date | string | null;
  recorded: boolean;
  recordedOnTime: boolean;
}

/**
 * Every enterprise that owes a period's report (active, established before the period ended), in
 * scope, with its latest submission, its first submission instant and whether a report of record
 * exists (an officer may have typed in a paper report).
 */
async function owed(database: Database, scope: SQL, period: string, asOfInstant: string, deadlineEnd: string, tx?: Tx): Promise<OwedRow[]> {
  return database.rows<OwedRow>(
    sql`SELECT e.id AS "enterpriseId", e.name AS "enterpriseName", e.tax_code AS "taxCode", z.name AS "zoneName",
          l.status AS latest, l.id AS "latestId", f.first_at AS "firstAt",
          EXISTS (SELECT 1 FROM labor_reports r WHERE r.enterprise_id = e.id AND r.period = ${period} AND r.filed_at < ${asOfInstant}::timestamptz) AS recorded,
          EXISTS (SELECT 1 FROM labor_reports r WHERE r.enterprise_id = e.id AND r.period = ${period} AND r.filed_at < ${deadlineEnd}::timestamptz) AS "recordedOnTime"
        FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        LEFT JOIN LATERAL (SELECT s.id, s.status FROM labour_submissions s WHERE s.enterprise_id = e.id AND s.period = ${period}
                             AND s.submitted_at < ${asOfInstant}::timestamptz ORDER BY s.version DESC LIMIT 1) l ON true
        LEFT JOIN LATERAL (SELECT min(s.submitted_at) AS first_at FROM labour_submissions s WHERE s.enterprise_id = e.id AND s.period = ${period}) f ON true
        WHERE e.status = 'active' AND (e.established_on IS NULL OR e.established_on <= ${periodEnd(period)}::date) AND ${scope}
        ORDER BY e.name`,
    tx,
  );
}

/** Late and missing reports of a period (default: the last half-year that ended), and those that came late. */
export async function overdueReports(database: Database, ctx: RequestContext, q: { period?: string | undefined }) {
  const today = vnToday();
  const period = q.period ?? lastEndedPeriod(today);
  const s = await getLabourSettings(database);
  const deadline = deadlineOf(period, s);
  const rows = await owed(database, enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`), period, vnDayEnd(today), vnDayEnd(deadline));
  const items = [];
  for (const r of rows) {
    const status = standingOf(period, r.latest, r.recorded, today, s);
    const firstAt = iso(r.firstAt);
    // A correction sent after the deadline is not late when a report of record was in by then.
    const cameLate = firstAt !== null && isAfterDeadline(firstAt, deadline) && !r.recordedOnTime;
    if (status === "late" || status === "missing" || cameLate) {
      items.push({
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        taxCode: r.taxCode,
        zoneName: r.zoneName,
        status,
        daysLate: cameLate && firstAt ? daysLate(deadline, vnDate(firstAt)) : daysLate(deadline, today),
        submittedAt: cameLate ? firstAt : null,
      });
    }
  }
  return { period, periodLabel: periodLabel(period), deadline, today, expected: rows.length, items };
}

/**
 * An enterprise's standing for its home page: the last half-year that ended, unless its report is
 * in (submitted or accepted) and the next one's reminder window has opened — then the next one.
 */
export async function labourReportStanding(database: Database, enterpriseId: number) {
  const today = vnToday();
  const s = await getLabourSettings(database);
  const at = async (period: string) => {
    const deadline = deadlineOf(period, s);
    const [r] = await owed(database, sql`e.id = ${enterpriseId}`, period, vnDayEnd(today), vnDayEnd(deadline));
    const status = standingOf(period, r?.latest ?? null, r?.recorded ?? false, today, s);
    return {
      enterpriseId,
      period,
      periodLabel: periodLabel(period),
      status,
      deadline,
      remindFrom: addDays(deadline, -s.reminderDays),
      submissionId: r?.latestId ?? null,
    };
  };
  const current = await at(lastEndedPeriod(today));
  if (current.status !== "accepted" && current.status !== "submitted") return current;
  const next = await at(nextPeriod(current.period));
  return today >= next.remindFrom ? next : current;
}

/** The standing of the caller's own enterprise. */
export async function myStanding(database: Database, ctx: RequestContext) {
  return labourReportStanding(database, ownEnterprise(ctx.actor));
}

/** Changes the deadlines and reminder window: the system administrator, or the zone authority's body admin. */
export async function updateLabourSettings(database: Database, ctx: RequestContext, input: LabourSettings) {
  const a = ctx.actor;
  if (!a.permissions.has("admin:settings") && !(a.role === "body_admin" && a.bodyKind === "zone_authority")) throw new AppError("forbidden");
  await database.db.transaction(async (tx) => {
    const before = await getLabourSettings(database, tx);
    await database.rows(
      sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${SETTINGS_KEY}, ${JSON.stringify(input)}::jsonb, now(), ${a.userId})
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      tx,
    );
    await audit(database, tx, ctx, { action: "update", objectType: "setting", objectId: SETTINGS_KEY, before, after: input });
  });
  return getLabourSettings(database);
}
