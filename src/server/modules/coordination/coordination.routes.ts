import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import {
  createActivity,
  createModel,
  deleteActivity,
  deleteModel,
  getActivity,
  linkQuestion,
  listActivities,
  listModels,
  pendingQuestions,
  updateActivity,
  updateModel,
} from "./activities.service.ts";
import {
  activityInput,
  activityQuery,
  idParams,
  modelInput,
  planInput,
  planItemInput,
  planItemPatch,
  planPatch,
  referralInput,
  referralOutcome,
  targetInput,
  targetValueInput,
} from "./coordination.schema.ts";
import { addItem, carryOver, createPlan, deleteItem, deletePlan, getPlan, listPlans, updateItem, updatePlan } from "./plans.service.ts";
import { createReferral, deleteReferral, listReferrals, setOutcome } from "./referrals.service.ts";
import { addTargetValue, createTarget, deleteTarget, getTarget, listTargets, snapshotTargets, updateTarget } from "./targets.service.ts";
import {
  activitiesListSchema,
  activitySchema,
  carryOverSchema,
  itemSchema,
  linkQuestionSchema,
  modelRowSchema,
  modelsListSchema,
  pendingQuestionsSchema,
  planItemRowSchema,
  planSchema,
  plansListSchema,
  referralRowSchema,
  referralsListSchema,
  snapshotTargetsSchema,
  targetRowSchema,
  targetSchema,
  targetValueSchema,
  targetsListSchema,
} from "#shared/contract/coordination.ts";
import { noContentSchema } from "#shared/contract/common.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd");
const yearQuery = z.object({ year: z.coerce.number().int().min(2000, "Năm không hợp lệ").max(2200, "Năm không hợp lệ").optional() });

/** Joint plans, targets, activities, "Dân vận khéo" models and Party referrals. */
export const coordinationRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ["coordination"];

  // Plans and items
  app.get(
    "/api/coordination/plans",
    { schema: { response: { 200: plansListSchema }, tags, summary: "Kế hoạch phối hợp", querystring: yearQuery } },
    async (request) => listPlans(database, contextOf(request, "coordination:read"), request.query),
  );
  app.post(
    "/api/coordination/plans",
    { schema: { response: { 201: planSchema }, tags, summary: "Tạo kế hoạch phối hợp", body: planInput } },
    async (request, reply) => reply.status(201).send(await createPlan(database, contextOf(request, "coordination:write"), request.body)),
  );
  app.get("/api/coordination/plans/:id", { schema: { response: { 200: planSchema }, tags, params: idParams } }, async (request) =>
    getPlan(database, contextOf(request, "coordination:read"), request.params.id),
  );
  app.patch("/api/coordination/plans/:id", { schema: { response: { 200: planSchema }, tags, params: idParams, body: planPatch } }, async (request) =>
    updatePlan(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/plans/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deletePlan(database, contextOf(request, "coordination:write"), request.params.id);
    return reply.status(204).send(null);
  });
  app.post(
    "/api/coordination/plans/:id/items",
    { schema: { response: { 201: planItemRowSchema }, tags, params: idParams, body: planItemInput } },
    async (request, reply) => reply.status(201).send(await addItem(database, contextOf(request, "coordination:write"), request.params.id, request.body)),
  );
  app.patch("/api/coordination/items/:id", { schema: { response: { 200: itemSchema }, tags, params: idParams, body: planItemPatch } }, async (request) =>
    updateItem(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/items/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deleteItem(database, contextOf(request, "coordination:write"), request.params.id);
    return reply.status(204).send(null);
  });
  app.post(
    "/api/coordination/plans/:id/carry-over",
    {
      schema: {
        response: { 200: carryOverSchema },
        tags,
        summary: "Chuyển các nội dung chưa hoàn thành sang kế hoạch năm sau",
        params: idParams,
        body: z.object({ toPlanId: z.number({ message: "Chọn kế hoạch năm sau" }).int().positive(), itemIds: z.array(z.number().int().positive()).optional() }),
      },
    },
    async (request) => carryOver(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );

  // Targets
  app.get(
    "/api/coordination/targets",
    {
      schema: {
        response: { 200: targetsListSchema },
        tags,
        summary: "Chỉ tiêu và tiến độ (tính trực tiếp từ dữ liệu)",
        querystring: yearQuery.extend({ asOf: isoDate.optional() }),
      },
    },
    async (request) => listTargets(database, contextOf(request, "coordination:read"), request.query),
  );
  app.post("/api/coordination/targets", { schema: { response: { 201: targetRowSchema }, tags, body: targetInput } }, async (request, reply) =>
    reply.status(201).send(await createTarget(database, contextOf(request, "coordination:write"), request.body)),
  );
  app.post(
    "/api/coordination/targets/snapshots",
    {
      schema: {
        response: { 200: snapshotTargetsSchema },
        tags,
        summary: "Lưu số liệu cuối tháng của mọi chỉ tiêu",
        body: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, "Tháng có dạng yyyy-mm") }),
      },
    },
    async (request) => ({ targets: await snapshotTargets(database, request.body.month, contextOf(request, "coordination:write")) }),
  );
  app.get(
    "/api/coordination/targets/:id",
    { schema: { response: { 200: targetSchema }, tags, params: idParams, querystring: z.object({ asOf: isoDate.optional() }) } },
    async (request) => getTarget(database, contextOf(request, "coordination:read"), request.params.id, request.query.asOf),
  );
  app.put("/api/coordination/targets/:id", { schema: { response: { 200: targetRowSchema }, tags, params: idParams, body: targetInput } }, async (request) =>
    updateTarget(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/targets/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deleteTarget(database, contextOf(request, "coordination:write"), request.params.id);
    return reply.status(204).send(null);
  });
  app.post(
    "/api/coordination/targets/:id/values",
    { schema: { response: { 201: targetValueSchema }, tags, summary: "Nhập số liệu thủ công", params: idParams, body: targetValueInput } },
    async (request, reply) => reply.status(201).send(await addTargetValue(database, contextOf(request, "coordination:write"), request.params.id, request.body)),
  );

  // Activities and dialogue questions
  app.get("/api/coordination/activities", { schema: { response: { 200: activitiesListSchema }, tags, querystring: activityQuery } }, async (request) =>
    listActivities(database, contextOf(request, "coordination:read"), request.query),
  );
  app.post("/api/coordination/activities", { schema: { response: { 201: activitySchema }, tags, body: activityInput } }, async (request, reply) =>
    reply.status(201).send(await createActivity(database, contextOf(request, "coordination:write"), request.body)),
  );
  app.get("/api/coordination/activities/:id", { schema: { response: { 200: activitySchema }, tags, params: idParams } }, async (request) =>
    getActivity(database, contextOf(request, "coordination:read"), request.params.id),
  );
  app.put("/api/coordination/activities/:id", { schema: { response: { 200: activitySchema }, tags, params: idParams, body: activityInput } }, async (request) =>
    updateActivity(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/activities/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deleteActivity(database, contextOf(request, "coordination:write"), request.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    "/api/coordination/dialogue-questions/pending",
    { schema: { response: { 200: pendingQuestionsSchema }, tags, summary: "Câu hỏi tại hội nghị đối thoại chưa chuyển thành yêu cầu" } },
    async (request) => pendingQuestions(database, contextOf(request, "coordination:read", "voice:read")),
  );
  app.put(
    "/api/coordination/dialogue-questions/:id/request",
    {
      schema: {
        response: { 200: linkQuestionSchema },
        tags,
        params: idParams,
        body: z.object({ requestRef: z.string().trim().min(1, "Nhập mã yêu cầu").max(100) }),
      },
    },
    async (request) => linkQuestion(database, contextOf(request, "coordination:write", "voice:write"), request.params.id, request.body.requestRef),
  );

  // "Dân vận khéo" models
  app.get("/api/coordination/models", { schema: { response: { 200: modelsListSchema }, tags, querystring: yearQuery } }, async (request) =>
    listModels(database, contextOf(request, "coordination:read"), request.query),
  );
  app.post("/api/coordination/models", { schema: { response: { 201: modelRowSchema }, tags, body: modelInput } }, async (request, reply) =>
    reply.status(201).send(await createModel(database, contextOf(request, "coordination:write"), request.body)),
  );
  app.put("/api/coordination/models/:id", { schema: { response: { 200: modelRowSchema }, tags, params: idParams, body: modelInput } }, async (request) =>
    updateModel(database, contextOf(request, "coordination:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/models/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deleteModel(database, contextOf(request, "coordination:write"), request.params.id);
    return reply.status(204).send(null);
  });

  // Party referrals: only roles holding referrals:read see them.
  app.get(
    "/api/coordination/referrals",
    {
      schema: {
        response: { 200: referralsListSchema },
        tags,
        summary: "Giới thiệu đoàn viên ưu tú cho Đảng",
        querystring: z.object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          outcome: z.enum(["pending", "admitted", "not_admitted"]).optional(),
          unionId: z.coerce.number().int().positive().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (request) => listReferrals(database, contextOf(request, "referrals:read"), request.query),
  );
  app.post("/api/coordination/referrals", { schema: { response: { 201: referralRowSchema }, tags, body: referralInput } }, async (request, reply) =>
    reply.status(201).send(await createReferral(database, contextOf(request, "referrals:write"), request.body)),
  );
  app.put(
    "/api/coordination/referrals/:id/outcome",
    { schema: { response: { 200: referralRowSchema }, tags, params: idParams, body: referralOutcome } },
    async (request) => setOutcome(database, contextOf(request, "referrals:write"), request.params.id, request.body),
  );
  app.delete("/api/coordination/referrals/:id", { schema: { response: { 204: noContentSchema }, tags, params: idParams } }, async (request, reply) => {
    await deleteReferral(database, contextOf(request, "referrals:write"), request.params.id);
    return reply.status(204).send(null);
  });
};
