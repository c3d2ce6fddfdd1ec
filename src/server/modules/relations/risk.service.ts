import type { z } from "zod";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import type { RiskSignal } from "#server/modules/contracts.ts";
import { riskSignalProviders } from "#server/modules/providers.ts";
import { assertBodies, enterpriseInScope, intArray, intArrayOrEmpty, todayIso } from "./relations.common.ts";
import { type RiskSignalKind, renamedSignalKinds, riskSignals } from "#shared/risk-signals.ts";
import { type RiskSettings, riskSettingsInput } from "./relations.schema.ts";
import type { alertSchema } from "#shared/contract/relations.ts";

export const SETTINGS_KEY = "relations.risk";

/**
 * Default weights: points a signal adds at full strength. A signal's strength is
 * min(1, value / cap) — e.g. wage arrears count fully from 3 months on. Kinds from other modules'
 * providers are listed so an admin sees them; an unlisted kind gets `defaultWeight`.
 */
export const defaultRiskSettings: RiskSettings & { weights: Record<RiskSignalKind, number>; caps: Record<RiskSignalKind, number> } = {
  weights: {
    employer_absconded: 40,
    wage_arrears: 25,
    si_arrears: 15,
    recent_incidents: 15,
    below_minimum_wage: 20,
    findings_open: 10,
    findings_overdue: 15,
    no_union: 8,
    agreement_expired: 10,
    agreement_missing: 6,
    reported_wage_below_minimum: 15,
    voice_requests_rate: 10,
    voice_requests_spike: 12,
    mass_layoff: 20,
    labour_report_late: 8,
  },
  caps: {
    employer_absconded: 1,
    wage_arrears: 3,
    si_arrears: 6,
    recent_incidents: 3,
    below_minimum_wage: 5,
    findings_open: 5,
    findings_overdue: 3,
    no_union: 1,
    agreement_expired: 1,
    agreement_missing: 1,
    reported_wage_below_minimum: 1,
    voice_requests_rate: 50,
    voice_requests_spike: 3,
    mass_layoff: 100,
    // Days after the deadline: a report 60 days late counts fully.
    labour_report_late: 60,
  },
  defaultWeight: 5,
  threshold: 30,
  recentDays: 90,
};

/** Vietnamese names of every signal kind, from the shared table (src/shared/risk-signals.ts). */
export const signalLabels: Record<string, string> = Object.fromEntries(Object.entries(riskSignals).map(([k, w]) => [k, w.vi]));

/** Saved weights and caps under a kind's old name count for its current name (the current name wins). */
function renameKinds(values: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    const name = renamedSignalKinds[k];
    if (!name) out[k] = v;
    else if (!(name in (values ?? {}))) out[name] = v;
  }
  return out;
}

export async function getRiskSettings(database: Database, tx?: Tx): Promise<RiskSettings> {
  const [row] = await database.rows<{ value: Partial<RiskSettings> }>(sql`SELECT value FROM settings WHERE key = ${SETTINGS_KEY}`, tx);
  const v = row?.value ?? {};
  return {
    weights: { ...defaultRiskSettings.weights, ...renameKinds(v.weights) },
    caps: { ...defaultRiskSettings.caps, ...renameKinds(v.caps) },
    defaultWeight: v.defaultWeight ?? defaultRiskSettings.defaultWeight,
    threshold: v.threshold ?? defaultRiskSettings.threshold,
    recentDays: v.recentDays ?? defaultRiskSettings.recentDays,
  };
}

/** Only an admin changes weights: `admin:settings`, or a body admin holding relations:write. */
export async function updateRiskSettings(database: Database, ctx: RequestContext, input: RiskSettings) {
  const canChange = ctx.actor.permissions.has("admin:settings") || (ctx.actor.role === "body_admin" && ctx.actor.permissions.has("relations:write"));
  if (!canChange) throw new AppError("forbidden");
  const value = riskSettingsInput.parse(input);
  await database.db.transaction(async (tx) => {
    const before = await getRiskSettings(database, tx);
    await database.rows(
      sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${SETTINGS_KEY}, ${JSON.stringify(value)}::jsonb, now(), ${ctx.actor.userId})
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      tx,
    );
    await audit(database, tx, ctx, { action: "update", objectType: "setting", objectId: SETTINGS_KEY, before, after: value });
  });
  return getRiskSettings(database);
}

// ---------- Signals ----------

const money = (x: SQL) => sql`replace(to_char(${x}, 'FM999,999,999,999,990'), ',', '.')`;
const dmy = (x: SQL) => sql`to_char(${x}, 'DD/MM/YYYY')`;

/**
 * This module's own signals for every enterprise as of a date, in ONE set-based query (no
 * per-enterprise queries). "As of" is honoured for incidents and findings (what was open that
 * day); enterprise status and union coverage are today's registry values.
 */
export async function ownSignals(database: Database, asOf: string, recentDays: number, enterpriseIds?: number[]): Promise<RiskSignal[]> {
  const only = (col: SQL) => (enterpriseIds ? sql`AND ${col} = ANY(${intArray(enterpriseIds)})` : sql``);
  const d = sql`${asOf}::date`;
  const active = sql`i.started_on <= ${d} AND (i.ended_on > ${d} OR (i.ended_on IS NULL AND i.status IN ('open','in_progress')))`;
  const recOpen = sql`r.issued_on <= ${d} AND (r.closed_on IS NULL OR r.closed_on > ${d}) AND (r.status <> 'closed' OR r.closed_on > ${d})`;
  return database.rows<RiskSignal>(sql`
    SELECT i.enterprise_id AS "enterpriseId", 'wage_arrears' AS kind, max(greatest(i.arrears_months, 1))::float8 AS value,
           'Nợ lương ' || max(greatest(i.arrears_months, 1)) || ' tháng, ' || ${money(sql`sum(i.amount_owed)`)} || ' đồng, ' || ${money(sql`sum(i.workers_affected)`)} || ' người lao động (từ ' || ${dmy(sql`min(i.started_on)`)} || ')' AS evidence,
           '/relations/incidents/' || min(i.id) AS link
    FROM relations_incidents i WHERE i.kind = 'wage_arrears' AND ${active} ${only(sql`i.enterprise_id`)} GROUP BY i.enterprise_id
    UNION ALL
    SELECT i.enterprise_id, 'si_arrears', max(greatest(i.arrears_months, 1))::float8,
           'Nợ BHXH ' || max(greatest(i.arrears_months, 1)) || ' tháng, ' || ${money(sql`sum(i.amount_owed)`)} || ' đồng (từ ' || ${dmy(sql`min(i.started_on)`)} || ')',
           '/relations/incidents/' || min(i.id)
    FROM relations_incidents i WHERE i.kind = 'si_arrears' AND ${active} ${only(sql`i.enterprise_id`)} GROUP BY i.enterprise_id
    UNION ALL
    SELECT e.id, 'employer_absconded', 1::float8,
           CASE WHEN e.status = 'absconded' THEN 'Sổ doanh nghiệp ghi nhận chủ doanh nghiệp bỏ trốn'
                ELSE 'Sự việc chủ doanh nghiệp bỏ trốn ngày ' || ${dmy(sql`(SELECT min(i.started_on) FROM relations_incidents i WHERE i.enterprise_id = e.id AND i.kind = 'employer_absconded' AND ${active})`)} END,
           coalesce('/relations/incidents/' || (SELECT min(i.id) FROM relations_incidents i WHERE i.enterprise_id = e.id AND i.kind = 'employer_absconded' AND ${active}), '/registry/enterprises/' || e.id)
    FROM enterprises e
    WHERE (e.status = 'absconded' OR EXISTS (SELECT 1 FROM relations_incidents i WHERE i.enterprise_id = e.id AND i.kind = 'employer_absconded' AND ${active})) ${only(sql`e.id`)}
    UNION ALL
    SELECT i.enterprise_id, 'recent_incidents', count(*)::float8,
           count(*) || ' sự việc trong ' || ${recentDays} || ' ngày: ' || string_agg(DISTINCT CASE i.kind
             WHEN 'work_stoppage' THEN 'ngừng việc tập thể' WHEN 'dispute_rights' THEN 'tranh chấp về quyền' WHEN 'dispute_interests' THEN 'tranh chấp về lợi ích'
             WHEN 'wage_arrears' THEN 'nợ lương' WHEN 'si_arrears' THEN 'nợ BHXH' WHEN 'employer_absconded' THEN 'chủ bỏ trốn' WHEN 'mass_layoff' THEN 'cắt giảm lao động'
             WHEN 'bankruptcy' THEN 'phá sản, đóng cửa' WHEN 'serious_accident' THEN 'tai nạn lao động nghiêm trọng' ELSE 'khác' END, ', '),
           '/relations/incidents?enterpriseId=' || i.enterprise_id
    FROM relations_incidents i WHERE i.started_on <= ${d} AND i.started_on > ${d} - ${recentDays}::int ${only(sql`i.enterprise_id`)} GROUP BY i.enterprise_id
    UNION ALL
    SELECT DISTINCT ON (r.enterprise_id) r.enterprise_id, 'below_minimum_wage',
           round(100.0 * (a.reference_value - a.observed_value) / a.reference_value, 1)::float8,
           'Kiểm tra ngày ' || ${dmy(sql`i.inspected_on`)} || ': lương thấp nhất ' || ${money(sql`a.observed_value`)} || ' đồng, thấp hơn mức tối thiểu vùng '
             || ${money(sql`a.reference_value`)} || ' đồng (thiếu ' || replace(round(100.0 * (a.reference_value - a.observed_value) / a.reference_value, 1)::text, '.', ',') || '%); hạn khắc phục ' || ${dmy(sql`r.deadline`)},
           '/relations/inspections/' || i.id
    FROM relations_recommendations r JOIN relations_inspections i ON i.id = r.inspection_id AND i.status = 'completed'
      JOIN relations_answers a ON a.inspection_id = i.id AND a.item_id = r.item_id
    WHERE a.result = 'non_compliant' AND a.observed_value IS NOT NULL AND a.reference_value > a.observed_value AND ${recOpen} ${only(sql`r.enterprise_id`)}
    UNION ALL
    SELECT r.enterprise_id, 'findings_open', count(*)::float8,
           count(*) || ' kiến nghị sau kiểm tra chưa khắc phục, hạn gần nhất ' || ${dmy(sql`min(r.deadline)`)},
           '/relations/inspections/' || max(r.inspection_id)
    FROM relations_recommendations r JOIN relations_inspections i ON i.id = r.inspection_id AND i.status = 'completed'
    WHERE ${recOpen} ${only(sql`r.enterprise_id`)} GROUP BY r.enterprise_id
    UNION ALL
    SELECT r.enterprise_id, 'findings_overdue', count(*)::float8,
           count(*) || ' kiến nghị quá hạn khắc phục (hạn ' || ${dmy(sql`min(r.deadline)`)} || ')',
           '/relations/inspections/' || max(r.inspection_id)
    FROM relations_recommendations r JOIN relations_inspections i ON i.id = r.inspection_id AND i.status = 'completed'
    WHERE ${recOpen} AND r.deadline < ${d} ${only(sql`r.enterprise_id`)} GROUP BY r.enterprise_id
    UNION ALL
    SELECT e.id, 'no_union', 1::float8,
           replace(to_char(e.workforce_total, 'FM999,999,990'), ',', '.') || ' lao động, chưa có công đoàn cơ sở',
           '/registry/enterprises/' || e.id
    FROM enterprises e
    WHERE e.workforce_total >= 20 AND e.status = 'active' AND NOT EXISTS (SELECT 1 FROM union_enterprises ue WHERE ue.enterprise_id = e.id) ${only(sql`e.id`)}
  `);
}

export interface ScoredSignal {
  kind: string;
  label: string;
  weight: number;
  value: number;
  points: number;
  evidence: string;
  link: string | null;
}

export interface EnterpriseScore {
  enterpriseId: number;
  score: number;
  signals: ScoredSignal[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Score = Σ weight(kind) × min(1, value / cap(kind)); signals sorted by the points they add. */
export function scoreSignals(signals: RiskSignal[], settings: RiskSettings): EnterpriseScore[] {
  const by = new Map<number, ScoredSignal[]>();
  for (const s of signals) {
    const weight = settings.weights[s.kind] ?? settings.defaultWeight;
    const cap = settings.caps[s.kind] ?? 1;
    const points = round2(weight * Math.min(1, Math.max(0, Number(s.value)) / cap));
    const list = by.get(s.enterpriseId) ?? [];
    list.push({ kind: s.kind, label: signalLabels[s.kind] ?? s.kind, weight, value: Number(s.value), points, evidence: s.evidence, link: s.link ?? null });
    by.set(s.enterpriseId, list);
  }
  const out: EnterpriseScore[] = [];
  for (const [enterpriseId, list] of by) {
    list.sort((a, b) => b.points - a.points);
    out.push({ enterpriseId, score: round2(list.reduce((t, s) => t + s.points, 0)), signals: list });
  }
  return out.sort((a, b) => b.score - a.score || a.enterpriseId - b.enterpriseId);
}

/** Every signal as of a date: this module's and every registered provider's, for known enterprises. */
export async function collectSignals(database: Database, asOf: string, settings: RiskSettings, enterpriseIds?: number[]): Promise<RiskSignal[]> {
  const own = await ownSignals(database, asOf, settings.recentDays, enterpriseIds);
  const fromProviders = (await Promise.all(riskSignalProviders.map((p) => p(database, asOf)))).flat();
  if (fromProviders.length === 0) return own;
  const wanted = enterpriseIds ? new Set(enterpriseIds) : new Set((await database.rows<{ id: number }>(sql`SELECT id FROM enterprises`)).map((r) => r.id));
  return strongestPerKind(own.concat(fromProviders.filter((s) => wanted.has(s.enterpriseId) && Number.isFinite(Number(s.value)))));
}

/**
 * One signal per enterprise and kind: two modules may see the same fact (the registry and this
 * module both notice "no grassroots union"), and it must weigh once. The strongest reading wins.
 */
function strongestPerKind(signals: RiskSignal[]): RiskSignal[] {
  const best = new Map<string, RiskSignal>();
  for (const s of signals) {
    const key = `${s.enterpriseId}|${s.kind}`;
    const seen = best.get(key);
    if (!seen || Number(s.value) > Number(seen.value)) best.set(key, s);
  }
  return [...best.values()];
}

/** Scores as of a date without storing them (evaluation, previews). */
export async function computeScores(database: Database, asOf: string, enterpriseIds?: number[]): Promise<EnterpriseScore[]> {
  const settings = await getRiskSettings(database);
  return scoreSignals(await collectSignals(database, asOf, settings, enterpriseIds), settings);
}

/**
 * Recomputes and stores the scores as of a date — all enterprises, or only the ones given (after a
 * write that concerns them). A date before today only fills the history. Set-based: one signals query, then three statements whatever the count:
 * the current scores, the day's history snapshot, and the alerts for enterprises crossing the threshold.
 */
export async function recomputeScores(database: Database, asOf: string = todayIso(), enterpriseIds?: number[]) {
  const started = performance.now();
  const settings = await getRiskSettings(database);
  const scores = scoreSignals(await collectSignals(database, asOf, settings, enterpriseIds), settings);
  const payload = JSON.stringify(scores.map((s) => ({ enterprise_id: s.enterpriseId, score: s.score, signals: s.signals })));
  const target = enterpriseIds ? sql`c.enterprise_id = ANY(${intArray(enterpriseIds)})` : sql`true`;
  let alerts = 0;
  await database.db.transaction(async (tx) => {
    // History keeps the day's last value, also for enterprises whose score fell to 0 today.
    await database.rows(
      sql`WITH s AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(enterprise_id int, score numeric, signals jsonb))
          INSERT INTO relations_risk_history (enterprise_id, as_of, score, signals)
          SELECT s.enterprise_id, ${asOf}::date, s.score, s.signals FROM s
          UNION ALL
          SELECT c.enterprise_id, ${asOf}::date, 0, '[]'::jsonb FROM relations_risk_current c
          WHERE ${target} AND c.score > 0 AND c.enterprise_id NOT IN (SELECT enterprise_id FROM s)
          ON CONFLICT (enterprise_id, as_of) DO UPDATE SET score = EXCLUDED.score, signals = EXCLUDED.signals`,
      tx,
    );
    // A past date (backfilling history) changes neither the current scores nor the alerts.
    if (asOf < todayIso()) return;
    const raised = await database.rows<{ id: number }>(
      sql`WITH s AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(enterprise_id int, score numeric, signals jsonb))
          INSERT INTO relations_alerts (enterprise_id, raised_on, score, threshold, signals)
          SELECT s.enterprise_id, ${asOf}::date, s.score, ${settings.threshold}, s.signals
          FROM s LEFT JOIN relations_risk_current c ON c.enterprise_id = s.enterprise_id
          WHERE s.score >= ${settings.threshold} AND coalesce(c.score, 0) < ${settings.threshold}
          ON CONFLICT (enterprise_id) WHERE status = 'open' DO NOTHING
          RETURNING id`,
      tx,
    );
    alerts = raised.length;
    await database.rows(sql`DELETE FROM relations_risk_current c WHERE ${target}`, tx);
    await database.rows(
      sql`INSERT INTO relations_risk_current (enterprise_id, as_of, score, signals, computed_at)
          SELECT enterprise_id, ${asOf}::date, score, signals, now()
          FROM jsonb_to_recordset(${payload}::jsonb) AS x(enterprise_id int, score numeric, signals jsonb)`,
      tx,
    );
  });
  return { asOf, enterprises: scores.length, alerts, ms: Math.round(performance.now() - started) };
}

/** After a write about one enterprise: its score follows at once (other enterprises keep theirs). */
export async function refreshEnterpriseScore(database: Database, enterpriseId: number) {
  await recomputeScores(database, todayIso(), [enterpriseId]);
}

/** After another module's write about some enterprises (providers.ts: enterpriseSignalsChanged). */
export async function refreshEnterpriseScores(database: Database, enterpriseIds: number[]) {
  if (enterpriseIds.length) await recomputeScores(database, todayIso(), enterpriseIds);
}

/** Recomputes everything once a day, the first time the watch list is read that day. */
async function ensureFresh(database: Database) {
  const [row] = await database.rows<{ d: string | null }>(sql`SELECT max(as_of)::text AS d FROM relations_risk_history`);
  if (!row?.d || row.d < todayIso()) await recomputeScores(database);
}

export interface WatchItem {
  enterprise: {
    id: number;
    name: string;
    zoneId: number | null;
    zoneName: string | null;
    ownership: string;
    investorCountry: string | null;
    sector: string;
    workforce: number;
  };
  score: number;
  asOf: string;
  alertId: number | null;
  signals: ScoredSignal[];
}

/** The ranked watch list in the caller's scope, optionally for one zone. */
export async function watchlist(
  database: Database,
  ctx: RequestContext,
  q: { zone?: number | undefined; limit: number; minScore: number },
): Promise<WatchItem[]> {
  await ensureFresh(database);
  return database.rows<WatchItem>(
    sql`SELECT json_build_object('id', e.id, 'name', e.name, 'zoneId', e.zone_id, 'zoneName', z.name, 'ownership', e.ownership,
                 'investorCountry', e.investor_country, 'sector', e.sector, 'workforce', e.workforce_total) AS enterprise,
               c.score::float8 AS score, c.as_of AS "asOf",
               (SELECT a.id FROM relations_alerts a WHERE a.enterprise_id = e.id AND a.status = 'open') AS "alertId", c.signals
        FROM relations_risk_current c JOIN enterprises e ON e.id = c.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
        WHERE c.score >= ${q.minScore} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}
          ${q.zone ? sql`AND e.zone_id = ${q.zone}` : sql``}
        ORDER BY c.score DESC, e.id
        LIMIT ${q.limit}`,
  );
}

/** One enterprise's current score and its history. */
export async function enterpriseRisk(database: Database, ctx: RequestContext, enterpriseId: number) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId);
  const [current] = await database.rows<{ score: number; asOf: string; signals: ScoredSignal[] }>(
    sql`SELECT score::float8 AS score, as_of AS "asOf", signals FROM relations_risk_current WHERE enterprise_id = ${enterpriseId}`,
  );
  const history = await database.rows<{ asOf: string; score: number }>(
    sql`SELECT as_of AS "asOf", score::float8 AS score FROM relations_risk_history WHERE enterprise_id = ${enterpriseId} ORDER BY as_of DESC LIMIT 365`,
  );
  return { enterprise, score: current?.score ?? 0, asOf: current?.asOf ?? null, signals: current?.signals ?? [], history: history.reverse() };
}

// ---------- Alerts and coordinated actions ----------

const alertColumns = sql`a.id, a.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", z.name AS "zoneName", a.raised_on AS "raisedOn",
  a.score::float8 AS score, a.threshold::float8 AS threshold, a.signals, a.status, a.acknowledged_at::text AS "acknowledgedAt",
  u.full_name AS "acknowledgedBy",
  (SELECT json_build_object('id', x.id, 'title', x.title, 'leadBodyId', x.lead_body_id, 'leadBodyName', coalesce(b.short_name, b.name), 'deadline', x.deadline, 'status', x.status)
     FROM relations_actions x JOIN bodies b ON b.id = x.lead_body_id WHERE x.alert_id = a.id ORDER BY x.id DESC LIMIT 1) AS action`;
type AlertRow = z.infer<typeof alertSchema>;
const alertFrom = sql`relations_alerts a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id LEFT JOIN users u ON u.id = a.acknowledged_by`;

export async function listAlerts(database: Database, ctx: RequestContext, q: { status?: string | undefined; zone?: number | undefined }) {
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.status) where.push(sql`a.status = ${q.status}`);
  if (q.zone) where.push(sql`e.zone_id = ${q.zone}`);
  return database.rows<AlertRow>(
    sql`SELECT ${alertColumns} FROM ${alertFrom} WHERE ${sql.join(where, sql` AND `)} ORDER BY (a.status = 'open') DESC, a.raised_on DESC, a.score DESC LIMIT 500`,
  );
}

async function fetchAlert(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [row] = await database.rows<AlertRow>(
    sql`SELECT ${alertColumns} FROM ${alertFrom} WHERE a.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

export async function acknowledgeAlert(database: Database, ctx: RequestContext, id: number) {
  return database.db.transaction(async (tx) => {
    const before = await fetchAlert(database, ctx, id, tx);
    if (before.status !== "open") throw new AppError("alert_state", "Cảnh báo đã được tiếp nhận");
    await database.rows(
      sql`UPDATE relations_alerts SET status = 'acknowledged', acknowledged_by = ${ctx.actor.userId}, acknowledged_at = now() WHERE id = ${id}`,
      tx,
    );
    const after = await fetchAlert(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "acknowledge", objectType: "relations_alert", objectId: id, before, after });
    return after;
  });
}

/** Turns an alert into a coordinated action with a lead body and a deadline. */
export async function alertToAction(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: { title: string; leadBodyId: number; coBodyIds: number[]; deadline: string; note: string },
) {
  return database.db.transaction(async (tx) => {
    const before = await fetchAlert(database, ctx, id, tx);
    if (before.status === "actioned") throw new AppError("alert_state", "Cảnh báo đã được chuyển thành hoạt động phối hợp");
    await assertBodies(database, [input.leadBodyId], "/body/leadBodyId", tx);
    await assertBodies(database, input.coBodyIds, "/body/coBodyIds", tx);
    if (input.deadline < todayIso()) {
      throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/deadline", message: "Thời hạn không được trước hôm nay" }] });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO relations_actions (alert_id, enterprise_id, title, lead_body_id, co_body_ids, deadline, note, created_by)
          VALUES (${id}, ${before.enterpriseId}, ${input.title}, ${input.leadBodyId}, ${intArrayOrEmpty(input.coBodyIds)}, ${input.deadline}, ${input.note}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    await database.rows(
      sql`UPDATE relations_alerts SET status = 'actioned', acknowledged_by = coalesce(acknowledged_by, ${ctx.actor.userId}), acknowledged_at = coalesce(acknowledged_at, now()) WHERE id = ${id}`,
      tx,
    );
    const after = await fetchAlert(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "relations_action", objectId: row?.id ?? null, after: { alertId: id, ...input } });
    return after;
  });
}

// ---------- Enterprise timeline ----------

export interface TimelineEvent {
  date: string;
  type: string;
  title: string;
  detail: string;
  link: string;
}

/** Everything this module knows about an enterprise, newest first. */
export async function enterpriseTimeline(database: Database, ctx: RequestContext, enterpriseId: number) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId);
  const events = await database.rows<TimelineEvent>(sql`
    SELECT i.started_on::text AS date, 'incident' AS type, i.title, i.kind || ' · ' || i.status AS detail, '/relations/incidents/' || i.id AS link
      FROM relations_incidents i WHERE i.enterprise_id = ${enterpriseId}
    UNION ALL
    SELECT i.ended_on::text, 'incident_end', 'Kết thúc: ' || i.title, i.resolution, '/relations/incidents/' || i.id
      FROM relations_incidents i WHERE i.enterprise_id = ${enterpriseId} AND i.ended_on IS NOT NULL
    UNION ALL
    SELECT a.acted_on::text, 'incident_action', 'Xử lý: ' || i.title, a.note, '/relations/incidents/' || i.id
      FROM relations_incident_actions a JOIN relations_incidents i ON i.id = a.incident_id WHERE i.enterprise_id = ${enterpriseId}
    UNION ALL
    SELECT s.inspected_on::text, 'inspection', CASE s.kind WHEN 'supervision' THEN 'Giám sát' WHEN 'reinspection' THEN 'Tái kiểm tra' ELSE 'Kiểm tra' END,
           (SELECT count(*) FROM relations_answers x WHERE x.inspection_id = s.id AND x.result = 'non_compliant') || ' nội dung không đạt', '/relations/inspections/' || s.id
      FROM relations_inspections s WHERE s.enterprise_id = ${enterpriseId}
    UNION ALL
    SELECT r.deadline::text, 'recommendation_deadline', 'Hạn khắc phục: ' || r.text, r.status, '/relations/inspections/' || r.inspection_id
      FROM relations_recommendations r WHERE r.enterprise_id = ${enterpriseId}
    UNION ALL
    SELECT r.closed_on::text, 'recommendation_closed', 'Đã khắc phục: ' || r.text, '', '/relations/inspections/' || r.inspection_id
      FROM relations_recommendations r WHERE r.enterprise_id = ${enterpriseId} AND r.closed_on IS NOT NULL
    UNION ALL
    SELECT a.raised_on::text, 'alert', 'Cảnh báo sớm: điểm ' || a.score, a.status, '/relations/alerts?enterpriseId=' || a.enterprise_id
      FROM relations_alerts a WHERE a.enterprise_id = ${enterpriseId}
    ORDER BY 1 DESC, 2`);
  return { enterprise, events };
}
