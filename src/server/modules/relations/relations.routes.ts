import { vnToday } from "#shared/clock.ts";
import { recommendationStatuses } from "#shared/enums.ts";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { fold } from "#shared/text.ts";
import { sql } from "drizzle-orm";
import { disputeCase, recordDisputeStep } from "./disputes.service.ts";
import { evaluateWatchlist } from "./evaluation.service.ts";
import { addIncidentAction, createIncident, getIncident, listIncidents, updateIncident } from "./incidents.service.ts";
import { createPlan, getPlan, listPlans } from "./inspection-plans.service.ts";
import { checklistAt, createInspection, getInspection, inspectionForm, listInspections, updateInspection } from "./inspections.service.ts";
import { followUp, listRecommendations, nonComplianceRates } from "./recommendations.service.ts";
import { checkWage, listRates, lookupMinimumWage, regionUnknownError, setWageRegion } from "./minwage.service.ts";
import {
  acknowledgeAlert,
  alertToAction,
  enterpriseRisk,
  enterpriseTimeline,
  getRiskSettings,
  listAlerts,
  recomputeScores,
  signalLabels,
  updateRiskSettings,
  watchlist,
} from "./risk.service.ts";
import {
  actionInput,
  evaluationQuery,
  followupInput,
  idParams,
  disputeStepInput,
  incidentActionInput,
  incidentInput,
  incidentPatch,
  incidentQuery,
  inspectionInput,
  inspectionUpdate,
  minimumWageQuery,
  wageRegionInput,
  pageQuery,
  planInput,
  riskSettingsInput,
  wageCheckInput,
  watchlistQuery,
} from "./relations.schema.ts";
import {
  alertListSchema,
  alertSchema,
  alertStatuses,
  checkWageSchema,
  checklistAtSchema,
  disputeCaseSchema,
  enterpriseRiskSchema,
  enterpriseTimelineSchema,
  evaluationResultSchema,
  enterpriseLookupSchema,
  incidentSchema,
  incidentsListSchema,
  inspectionFormSchema,
  inspectionSchema,
  inspectionsListSchema,
  minimumWageSchema,
  nonComplianceRatesSchema,
  planSchema,
  plansListSchema,
  ratesListSchema,
  recommendationRowSchema,
  recommendationsListSchema,
  recomputeScoresSchema,
  riskSettingsSchema,
  zoneLookupSchema,
  bodyLookupSchema,
  wageLookupSchema,
  watchlistSchema,
} from "#shared/contract/relations.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd");
const tags = ["relations"];

/** Labor relations: incidents, minimum wage, inspections, early warning, alerts. */
export const relationsRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  // ----- Look-ups for the forms (the admin body list needs admin:users, officers need these) -----
  app.get(
    "/api/relations/lookup/enterprises",
    {
      schema: {
        response: { 200: enterpriseLookupSchema },
        tags,
        summary: "Tìm doanh nghiệp trong phạm vi",
        querystring: z.object({ q: z.string().trim().max(200).default(""), id: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, "relations:read");
      const q = fold(request.query.q);
      const only = request.query.id ? sql`AND e.id = ${request.query.id}` : sql``;
      return database.rows<{ id: number; name: string; zoneName: string | null }>(
        sql`SELECT e.id, e.name, z.name AS "zoneName" FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
            WHERE ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)} ${q ? sql`AND e.name_fold LIKE ${`%${q}%`}` : sql``} ${only}
            ORDER BY (e.name_fold LIKE ${`${q}%`}) DESC, e.name LIMIT 30`,
      );
    },
  );
  app.get("/api/relations/lookup/zones", { schema: { response: { 200: zoneLookupSchema }, tags, summary: "Các khu trong phạm vi" } }, async (request) => {
    const ctx = contextOf(request, "relations:read");
    const scope = ctx.actor.scope;
    return database.rows<{ id: number; name: string }>(
      sql`SELECT z.id, z.name FROM zones z
          WHERE ${scope.kind === "city" ? sql`true` : sql`EXISTS (SELECT 1 FROM enterprises e WHERE e.zone_id = z.id AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)})`}
          ORDER BY z.name`,
    );
  });
  app.get(
    "/api/relations/lookup/bodies",
    { schema: { response: { 200: bodyLookupSchema }, tags, summary: "Các cơ quan phối hợp (LĐLĐ, công đoàn KKT, BQL, Ban Dân vận)" } },
    async (request) => {
      const ctx = contextOf(request, "relations:read");
      // City-level bodies for everyone; zone unions only the caller's own line outside the city scope.
      const zoneUnions = ctx.actor.scope.kind === "city" ? sql`true` : sql`${ctx.actor.bodyPath} LIKE path || '%'`;
      return database.rows<{ id: number; name: string; kind: string }>(
        sql`SELECT id, coalesce(short_name, name) AS name, kind FROM bodies
          WHERE kind IN ('federation','zone_authority','mass_mobilization') OR (kind = 'zone_union' AND ${zoneUnions}) ORDER BY path`,
      );
    },
  );

  // ----- Incidents -----
  app.get(
    "/api/relations/incidents",
    { schema: { response: { 200: incidentsListSchema }, tags, summary: "Danh sách sự việc quan hệ lao động", querystring: incidentQuery } },
    async (request) => {
      const ctx = contextOf(request, "relations:read");
      const q = request.query;
      return listIncidents(database, ctx, { ...q, q: q.q ? fold(q.q) : undefined });
    },
  );
  app.get(
    "/api/relations/incidents/:id",
    { schema: { response: { 200: incidentSchema }, tags, summary: "Chi tiết sự việc", params: idParams } },
    async (request) => getIncident(database, contextOf(request, "relations:read"), request.params.id),
  );
  app.post(
    "/api/relations/incidents",
    { schema: { response: { 201: incidentSchema }, tags, summary: "Ghi nhận sự việc", body: incidentInput } },
    async (request, reply) => {
      const result = await createIncident(database, contextOf(request, "relations:write"), request.body);
      return reply.status(201).send(result);
    },
  );
  app.patch(
    "/api/relations/incidents/:id",
    { schema: { response: { 200: incidentSchema }, tags, summary: "Cập nhật sự việc", params: idParams, body: incidentPatch } },
    async (request) => updateIncident(database, contextOf(request, "relations:write"), request.params.id, request.body),
  );
  app.post(
    "/api/relations/incidents/:id/actions",
    { schema: { response: { 201: incidentSchema }, tags, summary: "Thêm bước xử lý sự việc", params: idParams, body: incidentActionInput } },
    async (request, reply) => reply.status(201).send(await addIncidentAction(database, contextOf(request, "relations:write"), request.params.id, request.body)),
  );
  app.get(
    "/api/relations/incidents/:id/dispute",
    { schema: { response: { 200: disputeCaseSchema }, tags, summary: "Các bước giải quyết tranh chấp lao động theo luật, với thời hạn", params: idParams } },
    async (request) => disputeCase(database, contextOf(request, "relations:read"), request.params.id),
  );
  app.post(
    "/api/relations/incidents/:id/dispute-steps",
    { schema: { response: { 201: disputeCaseSchema }, tags, summary: "Ghi nhận một bước giải quyết tranh chấp", params: idParams, body: disputeStepInput } },
    async (request, reply) => reply.status(201).send(await recordDisputeStep(database, contextOf(request, "relations:write"), request.params.id, request.body)),
  );
  app.get(
    "/api/relations/enterprises/:id/timeline",
    { schema: { response: { 200: enterpriseTimelineSchema }, tags, summary: "Dòng thời gian quan hệ lao động của doanh nghiệp", params: idParams } },
    async (request) => enterpriseTimeline(database, contextOf(request, "relations:read"), request.params.id),
  );

  // ----- Minimum wage -----
  app.get(
    "/api/relations/minimum-wage/rates",
    { schema: { response: { 200: ratesListSchema }, tags, summary: "Bảng lương tối thiểu vùng theo thời gian" } },
    async (request) => {
      contextOf(request, "relations:read");
      return listRates(database);
    },
  );
  app.get(
    "/api/relations/minimum-wage",
    { schema: { response: { 200: minimumWageSchema }, tags, summary: "Lương tối thiểu vùng tại một phường/xã vào một ngày", querystring: minimumWageQuery } },
    async (request) => {
      contextOf(request, "relations:read");
      const r = await lookupMinimumWage(database, { province: request.query.province ?? null, commune: request.query.commune }, request.query.date);
      if (!r.known) throw regionUnknownError(r.unknown);
      return r.minimum;
    },
  );
  app.put(
    "/api/relations/enterprises/:id/wage-region",
    {
      schema: {
        response: { 200: wageLookupSchema },
        tags,
        summary: "Cán bộ xác định vùng lương tối thiểu cho doanh nghiệp có địa bàn chưa có trong danh mục",
        params: idParams,
        body: wageRegionInput,
      },
    },
    async (request) => setWageRegion(database, contextOf(request, "relations:write"), request.params.id, request.body),
  );
  app.post(
    "/api/relations/minimum-wage/check",
    { schema: { response: { 200: checkWageSchema }, tags, summary: "Kiểm tra mức lương so với lương tối thiểu vùng", body: wageCheckInput } },
    async (request) => checkWage(database, contextOf(request, "relations:read"), request.body),
  );

  // ----- Plans, checklists, inspections, recommendations -----
  app.get(
    "/api/relations/plans",
    {
      schema: {
        response: { 200: plansListSchema },
        tags,
        summary: "Kế hoạch kiểm tra, giám sát",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (request) => listPlans(database, contextOf(request, "relations:read"), request.query.year),
  );
  app.get("/api/relations/plans/:id", { schema: { response: { 200: planSchema }, tags, summary: "Chi tiết kế hoạch", params: idParams } }, async (request) =>
    getPlan(database, contextOf(request, "relations:read"), request.params.id),
  );
  app.post(
    "/api/relations/plans",
    { schema: { response: { 201: planSchema }, tags, summary: "Lập kế hoạch kiểm tra, giám sát", body: planInput } },
    async (request, reply) => reply.status(201).send(await createPlan(database, contextOf(request, "relations:write"), request.body)),
  );
  app.get(
    "/api/relations/checklists/current",
    {
      schema: { response: { 200: checklistAtSchema }, tags, summary: "Bộ nội dung kiểm tra đang áp dụng", querystring: z.object({ date: isoDate.optional() }) },
    },
    async (request) => {
      contextOf(request, "relations:read");
      return checklistAt(database, request.query.date ?? vnToday());
    },
  );
  app.get(
    "/api/relations/inspections/form",
    {
      schema: {
        response: { 200: inspectionFormSchema },
        tags,
        summary: "Phiếu kiểm tra cho một doanh nghiệp (điền sẵn lương tối thiểu)",
        querystring: z.object({ enterpriseId: z.coerce.number().int().positive(), date: isoDate }),
      },
    },
    async (request) => inspectionForm(database, contextOf(request, "relations:read"), request.query.enterpriseId, request.query.date),
  );
  app.get(
    "/api/relations/inspections",
    {
      schema: {
        response: { 200: inspectionsListSchema },
        tags,
        summary: "Danh sách cuộc kiểm tra",
        querystring: z.object({
          planId: z.coerce.number().int().positive().optional(),
          enterpriseId: z.coerce.number().int().positive().optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          ...pageQuery,
        }),
      },
    },
    async (request) => listInspections(database, contextOf(request, "relations:read"), request.query),
  );
  app.get(
    "/api/relations/inspections/stats",
    {
      schema: {
        response: { 200: nonComplianceRatesSchema },
        tags,
        summary: "Tỷ lệ vi phạm theo nội dung, khu, loại hình, quốc gia đầu tư",
        querystring: z.object({ from: isoDate, to: isoDate }),
      },
    },
    async (request) => nonComplianceRates(database, contextOf(request, "relations:read"), request.query.from, request.query.to),
  );
  app.get(
    "/api/relations/inspections/:id",
    { schema: { response: { 200: inspectionSchema }, tags, summary: "Biên bản kiểm tra", params: idParams } },
    async (request) => getInspection(database, contextOf(request, "relations:read"), request.params.id),
  );
  app.post(
    "/api/relations/inspections",
    { schema: { response: { 201: inspectionSchema }, tags, summary: "Ghi nhận cuộc kiểm tra", body: inspectionInput } },
    async (request, reply) => reply.status(201).send(await createInspection(database, contextOf(request, "relations:write"), request.body)),
  );
  app.put(
    "/api/relations/inspections/:id",
    { schema: { response: { 200: inspectionSchema }, tags, summary: "Cập nhật biên bản nháp", params: idParams, body: inspectionUpdate } },
    async (request) => updateInspection(database, contextOf(request, "relations:write"), request.params.id, request.body),
  );
  app.get(
    "/api/relations/recommendations",
    {
      schema: {
        response: { 200: recommendationsListSchema },
        tags,
        summary: "Kiến nghị sau kiểm tra",
        querystring: z.object({
          enterpriseId: z.coerce.number().int().positive().optional(),
          status: z.enum(recommendationStatuses).optional(),
          overdue: z.enum(["true", "false"]).optional(),
        }),
      },
    },
    async (request) => listRecommendations(database, contextOf(request, "relations:read"), { ...request.query, overdue: request.query.overdue === "true" }),
  );
  app.post(
    "/api/relations/recommendations/:id/followups",
    {
      schema: {
        response: { 200: recommendationRowSchema },
        tags,
        summary: "Theo dõi kiến nghị: tiến độ, đóng, tái kiểm tra",
        params: idParams,
        body: followupInput,
      },
    },
    async (request) => followUp(database, contextOf(request, "relations:write"), request.params.id, request.body),
  );

  // ----- Early warning -----
  app.get(
    "/api/relations/watchlist",
    { schema: { response: { 200: watchlistSchema }, tags, summary: "Danh sách doanh nghiệp cần theo dõi (xếp hạng nguy cơ)", querystring: watchlistQuery } },
    async (request) => watchlist(database, contextOf(request, "relations:read"), request.query),
  );
  app.get(
    "/api/relations/enterprises/:id/risk",
    { schema: { response: { 200: enterpriseRiskSchema }, tags, summary: "Điểm nguy cơ và lịch sử của doanh nghiệp", params: idParams } },
    async (request) => enterpriseRisk(database, contextOf(request, "relations:read"), request.params.id),
  );
  app.post(
    "/api/relations/risk/recompute",
    {
      schema: {
        response: { 200: recomputeScoresSchema },
        tags,
        summary: "Tính lại điểm nguy cơ của mọi doanh nghiệp",
        body: z.object({ asOf: isoDate.optional() }).default({}),
      },
    },
    async (request) => {
      const ctx = contextOf(request, "relations:write");
      if (ctx.actor.scope.kind !== "city") throw new AppError("forbidden");
      return recomputeScores(database, request.body.asOf);
    },
  );
  app.get("/api/relations/risk/settings", { schema: { response: { 200: riskSettingsSchema }, tags, summary: "Trọng số cảnh báo sớm" } }, async (request) => {
    contextOf(request, "relations:read");
    return { ...(await getRiskSettings(database)), labels: signalLabels };
  });
  app.put(
    "/api/relations/risk/settings",
    { schema: { response: { 200: riskSettingsSchema }, tags, summary: "Cập nhật trọng số cảnh báo sớm", body: riskSettingsInput } },
    async (request) => {
      const ctx = contextOf(request);
      return { ...(await updateRiskSettings(database, ctx, request.body)), labels: signalLabels };
    },
  );
  app.get(
    "/api/relations/alerts",
    {
      schema: {
        tags,
        summary: "Cảnh báo vượt ngưỡng",
        querystring: z.object({ status: z.enum(alertStatuses).optional(), zone: z.coerce.number().int().positive().optional() }),
        response: { 200: alertListSchema },
      },
    },
    async (request) => listAlerts(database, contextOf(request, "relations:read"), request.query),
  );
  app.post(
    "/api/relations/alerts/:id/acknowledge",
    { schema: { response: { 200: alertSchema }, tags, summary: "Tiếp nhận cảnh báo", params: idParams } },
    async (request) => acknowledgeAlert(database, contextOf(request, "relations:write"), request.params.id),
  );
  app.post(
    "/api/relations/alerts/:id/action",
    { schema: { response: { 201: alertSchema }, tags, summary: "Chuyển cảnh báo thành hoạt động phối hợp", params: idParams, body: actionInput } },
    async (request, reply) => reply.status(201).send(await alertToAction(database, contextOf(request, "relations:write"), request.params.id, request.body)),
  );
  app.get(
    "/api/relations/evaluation",
    { schema: { response: { 200: evaluationResultSchema }, tags, summary: "Đánh giá danh sách cảnh báo (precision/recall@k)", querystring: evaluationQuery } },
    async (request) => {
      const ctx = contextOf(request, "relations:read");
      let ids: Set<number> | undefined;
      if (ctx.actor.scope.kind !== "city") {
        const rows = await database.rows<{ id: number }>(
          sql`SELECT e.id FROM enterprises e WHERE ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
        );
        ids = new Set(rows.map((r) => r.id));
      }
      return evaluateWatchlist(database, { ...request.query, ...(ids ? { enterpriseIds: ids } : {}) });
    },
  );
};
