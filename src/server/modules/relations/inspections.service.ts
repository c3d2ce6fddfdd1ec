/** Inspections: the checklist in force on a day, the form for an enterprise, and the inspections themselves with their answers and findings. */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { formatDate, formatNumber } from "#shared/text.ts";
import { type MinimumWage, type WageLookup, enterpriseWageLookup, regionName } from "./minwage.service.ts";
import { addDays, assertBodies, enterpriseInScope } from "./relations.common.ts";
import { refreshEnterpriseScore } from "./risk.service.ts";
import type { InspectionInput, InspectionUpdate } from "./relations.schema.ts";
import { vnToday } from "#shared/clock.ts";

/** Days given to fix a finding when the inspector names no deadline. */
export const DEFAULT_FINDING_DAYS = 30;

export interface ChecklistItem {
  id: number;
  ord: number;
  cluster: string;
  pointCode: string;
  point: string;
  question: string;
  legalBasis: string;
  prefill: "minimum_wage" | null;
  minWorkforce: number;
}

/**
 * The checklist version in force on a date (the newest that took effect on or before it). An
 * inspection is judged by the version of its own day, never by a later one: before the first
 * version no checklist existed, and the answer says so (422 with the first version's date).
 */
export async function checklistAt(database: Database, date: string, tx?: Tx, pointer = "/querystring/date") {
  const [checklist] = await database.rows<{ id: number; code: string; version: number; title: string; effectiveFrom: string }>(
    sql`SELECT id, code, version, title, effective_from::text AS "effectiveFrom" FROM relations_checklists
        WHERE effective_from <= ${date}::date ORDER BY effective_from DESC, version DESC LIMIT 1`,
    tx,
  );
  if (!checklist) {
    const [first] = await database.rows<{ effectiveFrom: string }>(sql`SELECT min(effective_from)::text AS "effectiveFrom" FROM relations_checklists`, tx);
    const message = first?.effectiveFrom
      ? `Ngày ${formatDate(date)} chưa có bộ nội dung kiểm tra nào có hiệu lực (bộ đầu tiên áp dụng từ ${formatDate(first.effectiveFrom)})`
      : "Chưa có bộ nội dung kiểm tra";
    throw new AppError("checklist_not_in_force", message, { errors: [{ pointer, message }] });
  }
  return { ...checklist, items: await checklistItems(database, checklist.id, tx) };
}

async function checklistItems(database: Database, checklistId: number, tx?: Tx) {
  return database.rows<ChecklistItem>(
    sql`SELECT id, ord, cluster, point_code AS "pointCode", point, question, legal_basis AS "legalBasis", prefill, min_workforce AS "minWorkforce"
        FROM relations_checklist_items WHERE checklist_id = ${checklistId} ORDER BY ord`,
    tx,
  );
}

function minimumText(m: MinimumWage, date: string): string {
  return `Lương tối thiểu ${regionName(m.region).toLowerCase()} áp dụng ngày ${formatDate(date)}: ${formatNumber(m.monthly)} đồng/tháng (Nghị định ${m.decree})`;
}

/**
 * The inspection form for an enterprise on a date: the checklist in force, each question marked
 * applicable or not (internal labor rules from 10 employees), the wage question pre-filled with the
 * minimum that applied.
 */
export async function inspectionForm(database: Database, ctx: RequestContext, enterpriseId: number, date: string) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId);
  const checklist = await checklistAt(database, date);
  const lookup = await enterpriseWageLookup(database, enterprise, date);
  const minimum = lookup.known ? lookup.minimum : null;
  return {
    enterprise,
    date,
    checklist: { id: checklist.id, code: checklist.code, version: checklist.version, title: checklist.title },
    minimum,
    regionUnknown: lookup.known ? null : lookup.unknown.message,
    items: checklist.items.map((it) => ({
      ...it,
      applicable: enterprise.workforce >= it.minWorkforce,
      prefillText: it.prefill === "minimum_wage" ? (minimum ? minimumText(minimum, date) : lookup.known ? null : lookup.unknown.message) : null,
      referenceValue: it.prefill === "minimum_wage" && minimum ? minimum.monthly : null,
    })),
  };
}

interface InspectionHead {
  id: number;
  planId: number | null;
  planTitle: string | null;
  enterpriseId: number;
  enterpriseName: string;
  zoneName: string | null;
  ownership: string;
  investorCountry: string | null;
  checklistId: number;
  checklistVersion: number;
  inspectedOn: string;
  leadBodyId: number;
  leadBodyName: string;
  kind: string;
  previousId: number | null;
  status: "draft" | "completed";
  summary: string;
}

const headColumns = sql`i.id, i.plan_id AS "planId", p.title AS "planTitle", i.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", z.name AS "zoneName",
  e.ownership, e.investor_country AS "investorCountry", i.checklist_id AS "checklistId", c.version AS "checklistVersion", i.inspected_on AS "inspectedOn",
  i.lead_body_id AS "leadBodyId", coalesce(b.short_name, b.name) AS "leadBodyName", i.kind, i.previous_id AS "previousId", i.status, i.summary`;
const headFrom = sql`relations_inspections i JOIN enterprises e ON e.id = i.enterprise_id LEFT JOIN zones z ON z.id = e.zone_id
  JOIN relations_checklists c ON c.id = i.checklist_id JOIN bodies b ON b.id = i.lead_body_id LEFT JOIN relations_plans p ON p.id = i.plan_id`;

async function fetchHead(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<InspectionHead> {
  const [row] = await database.rows<InspectionHead>(
    sql`SELECT ${headColumns} FROM ${headFrom} WHERE i.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

export async function getInspection(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const head = await fetchHead(database, ctx, id, tx);
  const answers = await database.rows<{
    itemId: number;
    ord: number;
    cluster: string;
    pointCode: string;
    point: string;
    question: string;
    legalBasis: string;
    result: string;
    evidence: string;
    observedValue: number | null;
    referenceValue: number | null;
  }>(
    sql`SELECT a.item_id AS "itemId", it.ord, it.cluster, it.point_code AS "pointCode", it.point, it.question, it.legal_basis AS "legalBasis",
               a.result, a.evidence, a.observed_value::float8 AS "observedValue", a.reference_value::float8 AS "referenceValue"
        FROM relations_answers a JOIN relations_checklist_items it ON it.id = a.item_id WHERE a.inspection_id = ${id} ORDER BY it.ord`,
    tx,
  );
  const recommendations = await listRecommendationsOf(database, sql`r.inspection_id = ${id}`, tx);
  return { ...head, answers, recommendations };
}

export interface RecommendationRow {
  id: number;
  inspectionId: number;
  enterpriseId: number;
  enterpriseName: string;
  itemId: number | null;
  question: string | null;
  pointCode: string | null;
  text: string;
  issuedOn: string;
  deadline: string;
  status: "open" | "closed" | "reinspect";
  closedOn: string | null;
  overdue: boolean;
  followups: { id: number; onDate: string; outcome: string; note: string }[];
}

export async function listRecommendationsOf(database: Database, where: SQL, tx?: Tx) {
  return database.rows<RecommendationRow>(
    sql`SELECT r.id, r.inspection_id AS "inspectionId", r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", r.item_id AS "itemId",
               it.question, it.point_code AS "pointCode", r.text, r.issued_on AS "issuedOn", r.deadline, r.status, r.closed_on AS "closedOn",
               (r.status <> 'closed' AND r.deadline < ${vnToday()}::date) AS overdue,
               coalesce((SELECT json_agg(json_build_object('id', f.id, 'onDate', f.on_date, 'outcome', f.outcome, 'note', f.note) ORDER BY f.on_date, f.id)
                         FROM relations_followups f WHERE f.recommendation_id = r.id), '[]'::json) AS followups
        FROM relations_recommendations r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN relations_checklist_items it ON it.id = r.item_id
        WHERE ${where} ORDER BY r.deadline, r.id`,
    tx,
  );
}

export async function listInspections(
  database: Database,
  ctx: RequestContext,
  q: { planId?: number | undefined; enterpriseId?: number | undefined; year?: number | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)];
  if (q.planId) where.push(sql`i.plan_id = ${q.planId}`);
  if (q.enterpriseId) where.push(sql`i.enterprise_id = ${q.enterpriseId}`);
  if (q.year) where.push(sql`extract(year FROM i.inspected_on) = ${q.year}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${headFrom} WHERE ${cond}`);
  const items = await database.rows<InspectionHead & { nonCompliant: number; openFindings: number }>(
    sql`SELECT ${headColumns},
          (SELECT count(*)::int FROM relations_answers a WHERE a.inspection_id = i.id AND a.result = 'non_compliant') AS "nonCompliant",
          (SELECT count(*)::int FROM relations_recommendations r WHERE r.inspection_id = i.id AND r.status <> 'closed') AS "openFindings"
        FROM ${headFrom} WHERE ${cond} ORDER BY i.inspected_on DESC, i.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items };
}

async function saveAnswersAndFindings(
  database: Database,
  tx: Tx,
  head: { id: number; enterpriseId: number; checklistId: number; inspectedOn: string },
  enterprise: { id: number; commune: string | null },
  answers: InspectionInput["answers"],
  findings: InspectionInput["findings"],
) {
  const items = await checklistItems(database, head.checklistId, tx);
  const byId = new Map(items.map((it) => [it.id, it]));
  let lookup: WageLookup | undefined;
  for (const [i, a] of answers.entries()) {
    const item = byId.get(a.itemId);
    if (!item) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: `/body/answers/${i}/itemId`, message: "Câu hỏi không thuộc bộ nội dung kiểm tra này" }],
      });
    }
    let result = a.result;
    let reference: number | null = null;
    let evidence = a.evidence;
    if (item.prefill === "minimum_wage") {
      if (lookup === undefined) lookup = await enterpriseWageLookup(database, enterprise, head.inspectedOn, tx);
      const minimum: MinimumWage | null = lookup.known ? lookup.minimum : null;
      reference = minimum?.monthly ?? null;
      // Without a region nobody can say the wage is legal: "compliant" is refused until an officer sets it.
      if (!lookup.known && result === "compliant") {
        throw new AppError("region_unknown", lookup.unknown.message, {
          errors: [{ pointer: `/body/answers/${i}/result`, message: lookup.unknown.message }],
        });
      }
      if (!lookup.known && a.observedValue && !evidence) evidence = lookup.unknown.message;
      // The wage question judges itself from the observed lowest wage, so a mistyped verdict cannot hide a shortfall.
      if (a.observedValue && reference) {
        result = a.observedValue >= reference ? "compliant" : "non_compliant";
        if (!evidence) {
          evidence =
            result === "compliant"
              ? `Lương thấp nhất ${formatNumber(a.observedValue)} đồng ≥ mức tối thiểu ${formatNumber(reference)} đồng`
              : `Lương thấp nhất ${formatNumber(a.observedValue)} đồng thấp hơn mức tối thiểu ${regionName(minimum?.region ?? 0).toLowerCase()} ${formatNumber(reference)} đồng (Nghị định ${minimum?.decree})`;
        }
      }
    }
    if (!result) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: `/body/answers/${i}/result`, message: "Chọn kết quả: đạt, không đạt hoặc không áp dụng" }],
      });
    }
    await database.rows(
      sql`INSERT INTO relations_answers (inspection_id, item_id, result, evidence, observed_value, reference_value)
          VALUES (${head.id}, ${a.itemId}, ${result}, ${evidence}, ${a.observedValue ?? null}, ${reference})
          ON CONFLICT (inspection_id, item_id) DO UPDATE SET result = EXCLUDED.result, evidence = EXCLUDED.evidence,
            observed_value = EXCLUDED.observed_value, reference_value = EXCLUDED.reference_value`,
      tx,
    );
  }
  for (const [i, f] of findings.entries()) {
    if (f.itemId && !byId.has(f.itemId)) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: `/body/findings/${i}/itemId`, message: "Câu hỏi không thuộc bộ nội dung kiểm tra này" }],
      });
    }
    if (f.deadline < head.inspectedOn) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: `/body/findings/${i}/deadline`, message: "Hạn khắc phục không được trước ngày kiểm tra" }],
      });
    }
    await database.rows(
      sql`INSERT INTO relations_recommendations (inspection_id, enterprise_id, item_id, text, issued_on, deadline)
          VALUES (${head.id}, ${head.enterpriseId}, ${f.itemId ?? null}, ${f.text}, ${head.inspectedOn}, ${f.deadline})`,
      tx,
    );
  }
}

/** On completion every non-compliant answer without a recommendation gets one, with the default deadline. */
async function completeInspection(database: Database, tx: Tx, head: { id: number; enterpriseId: number; inspectedOn: string }) {
  const [missing] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_answers WHERE inspection_id = ${head.id}`, tx);
  if ((missing?.n ?? 0) === 0) {
    throw new AppError("validation_failed", "Chưa có kết quả nào: không thể hoàn thành biên bản", {
      errors: [{ pointer: "/body/answers", message: "Nhập kết quả ít nhất một câu hỏi" }],
    });
  }
  await database.rows(
    sql`INSERT INTO relations_recommendations (inspection_id, enterprise_id, item_id, text, issued_on, deadline)
        SELECT a.inspection_id, ${head.enterpriseId}, a.item_id, 'Khắc phục: ' || it.question, ${head.inspectedOn}::date, ${addDays(head.inspectedOn, DEFAULT_FINDING_DAYS)}::date
        FROM relations_answers a JOIN relations_checklist_items it ON it.id = a.item_id
        WHERE a.inspection_id = ${head.id} AND a.result = 'non_compliant'
          AND NOT EXISTS (SELECT 1 FROM relations_recommendations r WHERE r.inspection_id = a.inspection_id AND r.item_id = a.item_id)`,
    tx,
  );
  await database.rows(sql`UPDATE relations_inspections SET status = 'completed', updated_at = now() WHERE id = ${head.id}`, tx);
}

export async function createInspection(database: Database, ctx: RequestContext, input: InspectionInput) {
  const id = await database.db.transaction(async (tx) => {
    const enterprise = await enterpriseInScope(database, ctx, input.enterpriseId, tx, "/body/enterpriseId");
    await assertBodies(database, [input.leadBodyId], "/body/leadBodyId", tx);
    if (input.planId) {
      const [target] = await database.rows<{ ok: number }>(
        sql`SELECT 1 AS ok FROM relations_plan_targets WHERE plan_id = ${input.planId} AND enterprise_id = ${input.enterpriseId}`,
        tx,
      );
      if (!target) {
        throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/planId", message: "Doanh nghiệp không có trong kế hoạch này" }] });
      }
    }
    if (input.previousId) {
      const prev = await fetchHead(database, ctx, input.previousId, tx);
      if (prev.enterpriseId !== input.enterpriseId) {
        throw new AppError("validation_failed", undefined, {
          errors: [{ pointer: "/body/previousId", message: "Lần kiểm tra trước thuộc doanh nghiệp khác" }],
        });
      }
    }
    // Findings are issued on the inspection's day: a day after today (in Vietnam) would date them in the future.
    if (input.inspectedOn > vnToday()) {
      throw new AppError("validation_failed", undefined, {
        errors: [{ pointer: "/body/inspectedOn", message: `Ngày kiểm tra không được sau hôm nay (${formatDate(vnToday())})` }],
      });
    }
    const checklist = await checklistAt(database, input.inspectedOn, tx, "/body/inspectedOn");
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO relations_inspections (plan_id, enterprise_id, checklist_id, inspected_on, lead_body_id, kind, previous_id, summary, created_by)
          VALUES (${input.planId ?? null}, ${input.enterpriseId}, ${checklist.id}, ${input.inspectedOn}, ${input.leadBodyId}, ${input.kind},
                  ${input.previousId ?? null}, ${input.summary}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const head = { id: row?.id ?? 0, enterpriseId: input.enterpriseId, checklistId: checklist.id, inspectedOn: input.inspectedOn };
    await saveAnswersAndFindings(database, tx, head, enterprise, input.answers, input.findings);
    if (input.complete) await completeInspection(database, tx, head);
    if (input.previousId) {
      // A re-inspection closes the loop on the recommendations that asked for it.
      await database.rows(
        sql`INSERT INTO relations_followups (recommendation_id, on_date, outcome, note, reinspection_id, created_by)
            SELECT r.id, ${input.inspectedOn}::date, 'reinspect', 'Đã tái kiểm tra', ${head.id}, ${ctx.actor.userId}
            FROM relations_recommendations r WHERE r.inspection_id = ${input.previousId} AND r.status = 'reinspect'`,
        tx,
      );
    }
    const after = await getInspection(database, ctx, head.id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "relations_inspection", objectId: head.id, after });
    return head.id;
  });
  await refreshEnterpriseScore(database, input.enterpriseId);
  return getInspection(database, ctx, id);
}

export async function updateInspection(database: Database, ctx: RequestContext, id: number, input: InspectionUpdate) {
  const enterpriseId = await database.db.transaction(async (tx) => {
    const before = await getInspection(database, ctx, id, tx);
    if (before.status === "completed") throw new AppError("inspection_completed");
    const enterprise = await enterpriseInScope(database, ctx, before.enterpriseId, tx);
    if (input.summary !== undefined)
      await database.rows(sql`UPDATE relations_inspections SET summary = ${input.summary}, updated_at = now() WHERE id = ${id}`, tx);
    const head = { id, enterpriseId: before.enterpriseId, checklistId: before.checklistId, inspectedOn: before.inspectedOn };
    await saveAnswersAndFindings(database, tx, head, enterprise, input.answers, input.findings);
    if (input.complete) await completeInspection(database, tx, head);
    const after = await getInspection(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "relations_inspection", objectId: id, before, after });
    return before.enterpriseId;
  });
  await refreshEnterpriseScore(database, enterpriseId);
  return getInspection(database, ctx, id);
}
