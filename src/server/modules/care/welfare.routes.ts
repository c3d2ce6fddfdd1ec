import { decisionStatuses, houseStages } from "#shared/enums.ts";
import { createHmac, randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canonicalCode, squeeze } from "#shared/secrets.ts";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { spendChallenge } from "#server/modules/voice/index.ts";
import { idParams, pageQuery } from "./care.schema.ts";
import { createHouse, getHouse, houseBody, housePatch, listHouses, updateHouse } from "./houses.service.ts";
import { addMilestone, createHousing, getHousing, housingBody, housingPatch, listHousing, milestoneBody, updateHousing } from "./housing.service.ts";
import { decideJoinRequest, fileJoinRequest, joinBody, joinDecision, joinStatus, listJoinRequests } from "./join.service.ts";
import {
  answerBody,
  createSurvey,
  getSurvey,
  listSurveys,
  publicSurvey,
  submitAnswer,
  surveyBody,
  surveyPatch,
  surveyResults,
  updateSurvey,
} from "./surveys.service.ts";
import {
  decideJoinRequestSchema,
  deviceOfSchema,
  fileJoinRequestSchema,
  houseSchema,
  houseWrittenSchema,
  housesListSchema,
  housingListSchema,
  housingReaderSchema,
  housingRowSchema,
  joinRequestsListSchema,
  joinStatusSchema,
  publicSurveySchema,
  surveyResultsSchema,
  surveyDetailSchema,
  surveysListSchema,
} from "#shared/contract/care.ts";

const tags = ["care"];
const publicTags = ["public"];

/** The cookie that tells one answering device from another (random, not tied to a person). */
const DEVICE_COOKIE = "caunoi_device";

/** The device's id from its cookie; a device without one gets a new one. */
function deviceOf(request: FastifyRequest, reply: FastifyReply): string {
  const given = request.cookies[DEVICE_COOKIE];
  if (given && /^[\w-]{32}$/.test(given)) return given;
  const id = randomBytes(24).toString("base64url");
  void reply.setCookie(DEVICE_COOKIE, id, {
    path: "/api/public/surveys",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: 400 * 24 * 3600,
  });
  return id;
}

/** Union houses, worker housing, surveys and joining online: staff and public routes. */
export const welfareRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  // ── Union houses ──
  app.get(
    "/api/care/union-houses",
    {
      schema: {
        response: { 200: housesListSchema },
        tags,
        summary: "Hồ sơ Mái ấm Công đoàn",
        querystring: pageQuery.extend({
          stage: z.enum(houseStages).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (request) => listHouses(database, contextOf(request, "care:read", "people:read"), request.query),
  );
  app.get("/api/care/union-houses/:id", { schema: { response: { 200: houseSchema }, tags, params: idParams } }, async (request) =>
    getHouse(database, contextOf(request, "care:read", "people:read"), request.params.id),
  );
  app.post(
    "/api/care/union-houses",
    { schema: { response: { 201: houseWrittenSchema }, tags, summary: "Thêm hồ sơ Mái ấm Công đoàn", body: houseBody } },
    async (request, reply) => reply.status(201).send(await createHouse(database, contextOf(request, "care:write"), request.body)),
  );
  app.patch(
    "/api/care/union-houses/:id",
    { schema: { response: { 200: houseWrittenSchema }, tags, summary: "Cập nhật tiến độ, bàn giao", params: idParams, body: housePatch } },
    async (request) => updateHouse(database, contextOf(request, "care:write"), request.params.id, request.body),
  );

  // ── Worker housing projects ──
  const housingReader = (request: Parameters<typeof contextOf>[0]) => {
    const ctx = contextOf(request);
    if (!ctx.actor.permissions.has("care:read") && !ctx.actor.permissions.has("registry:read")) throw new AppError("forbidden");
    return ctx;
  };
  app.get("/api/care/housing", { schema: { response: { 200: housingReaderSchema }, tags, summary: "Dự án nhà ở cho công nhân" } }, async (request) => {
    housingReader(request);
    return listHousing(database, false);
  });
  app.get("/api/care/housing/:id", { schema: { response: { 200: housingRowSchema }, tags, params: idParams } }, async (request) => {
    housingReader(request);
    return getHousing(database, request.params.id);
  });
  app.post(
    "/api/care/housing",
    { schema: { response: { 201: housingRowSchema }, tags, summary: "Thêm dự án nhà ở", body: housingBody } },
    async (request, reply) => reply.status(201).send(await createHousing(database, contextOf(request), request.body)),
  );
  app.patch("/api/care/housing/:id", { schema: { response: { 200: housingRowSchema }, tags, params: idParams, body: housingPatch } }, async (request) =>
    updateHousing(database, contextOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/care/housing/:id/milestones",
    { schema: { response: { 201: housingRowSchema }, tags, summary: "Thêm mốc tiến độ", params: idParams, body: milestoneBody } },
    async (request, reply) => reply.status(201).send(await addMilestone(database, contextOf(request), request.params.id, request.body)),
  );
  app.get(
    "/api/public/housing",
    {
      config: { public: true },
      schema: { response: { 200: housingListSchema }, tags: publicTags, summary: "Dự án nhà ở cho công nhân (công khai, không có dữ liệu cá nhân)" },
    },
    async () => {
      const list = await listHousing(database, true);
      return { ...list, items: list.items.map(({ published: _p, ...i }) => i) };
    },
  );

  // ── Surveys ──
  app.get("/api/care/surveys", { schema: { response: { 200: surveysListSchema }, tags, summary: "Phiếu khảo sát ý kiến NLĐ" } }, async (request) =>
    listSurveys(database, contextOf(request, "care:read")),
  );
  app.post(
    "/api/care/surveys",
    { schema: { response: { 201: surveyDetailSchema }, tags, summary: "Tạo phiếu khảo sát", body: surveyBody } },
    async (request, reply) => reply.status(201).send(await createSurvey(database, contextOf(request, "care:write"), request.body)),
  );
  app.get("/api/care/surveys/:id", { schema: { response: { 200: surveyDetailSchema }, tags, params: idParams } }, async (request) =>
    getSurvey(database, contextOf(request, "care:read"), request.params.id),
  );
  app.patch("/api/care/surveys/:id", { schema: { response: { 200: surveyDetailSchema }, tags, params: idParams, body: surveyPatch } }, async (request) =>
    updateSurvey(database, contextOf(request, "care:write"), request.params.id, request.body),
  );
  app.get(
    "/api/care/surveys/:id/results",
    { schema: { response: { 200: surveyResultsSchema }, tags, summary: "Kết quả khảo sát (nhóm dưới 5 câu trả lời được ẩn)", params: idParams } },
    async (request) => surveyResults(database, contextOf(request, "care:read"), request.params.id),
  );
  const tokenParams = z.object({ token: z.string().regex(/^[\w-]{8,64}$/, "Mã phiếu không hợp lệ") });
  app.get(
    "/api/public/surveys/:token",
    {
      config: { public: true },
      schema: { response: { 200: publicSurveySchema }, tags: publicTags, summary: "Phiếu khảo sát theo đường link", params: tokenParams },
    },
    async (request, reply) => {
      const survey = await publicSurvey(database, request.params.token);
      deviceOf(request, reply);
      return survey;
    },
  );
  app.post(
    "/api/public/surveys/:token/responses",
    {
      config: {
        public: true,
        // Per address and survey, in memory only: the address is never stored with the answer.
        rateLimit: { max: 60, timeWindow: "1 hour", keyGenerator: (req) => `${req.ip}|${(req.params as { token?: string }).token ?? ""}` },
      },
      schema: {
        response: { 201: deviceOfSchema },
        tags: publicTags,
        summary: "Gửi câu trả lời ẩn danh",
        description: "Kèm lời giải thử thách { challenge: { token, counter } } (GET /api/public/challenge). Mỗi thiết bị trả lời một phiếu một lần.",
        params: tokenParams,
        body: answerBody,
      },
    },
    async (request, reply) => {
      const device = deviceOf(request, reply);
      const result = await submitAnswer(database, request.params.token, request.body, {
        device: (surveyId) => createHmac("sha256", deps.config.SESSION_SECRET).update(`survey-device:${surveyId}:${device}`).digest("base64url"),
        spend: (tx) => spendChallenge(database, deps.config.SESSION_SECRET, deps.config.PUBLIC_CHALLENGE_DIFFICULTY, request.body.challenge, tx),
      });
      return reply.status(201).send(result);
    },
  );

  // ── Joining the union online ──
  // The enterprise picker uses the worker-voice lookup, GET /api/public/enterprises (one public search).
  app.post(
    "/api/public/join-requests",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 hour" } },
      schema: { response: { 201: fileJoinRequestSchema }, tags: publicTags, summary: "Đăng ký gia nhập công đoàn trực tuyến", body: joinBody },
    },
    async (request, reply) => reply.status(201).send(await fileJoinRequest(database, request.body)),
  );
  app.get(
    "/api/public/join-requests/:code",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        response: { 200: joinStatusSchema },
        tags: publicTags,
        summary: "Tra cứu tình trạng đơn theo mã",
        params: z.object({
          // Typed in any case, with or without dashes or spaces; codes issued before (hex) keep working.
          code: z
            .string()
            .max(40, "Mã đơn có dạng KN-XXXX-XXXX")
            .transform((c) => (/^KN[0-9A-F]{10}$/.test(squeeze(c)) ? `KN-${squeeze(c).slice(2)}` : canonicalCode(c)))
            .pipe(z.string().regex(/^KN-([0-9A-F]{10}|[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4})$/, "Mã đơn có dạng KN-XXXX-XXXX")),
        }),
      },
    },
    async (request) => joinStatus(database, request.params.code),
  );
  app.get(
    "/api/care/join-requests",
    {
      schema: {
        response: { 200: joinRequestsListSchema },
        tags,
        summary: "Đơn xin gia nhập công đoàn chờ xét",
        querystring: pageQuery.extend({ status: z.enum(decisionStatuses).optional() }),
      },
    },
    async (request) => listJoinRequests(database, contextOf(request, "people:read"), request.query),
  );
  app.post(
    "/api/care/join-requests/:id/decision",
    {
      schema: {
        response: { 200: decideJoinRequestSchema },
        tags,
        summary: "Kết nạp (mở thẻ đoàn viên) hoặc từ chối có lý do",
        params: idParams,
        body: joinDecision,
      },
    },
    async (request) => decideJoinRequest(database, contextOf(request, "people:write"), request.params.id, request.body),
  );
};
