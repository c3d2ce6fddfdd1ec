import { publicRateLimits } from "#server/http/rate-limit.ts";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { audit } from "#server/modules/access/index.ts";
import { codeParams } from "#server/modules/voice/index.ts";
import { createIncident, listIncidents, markNotified } from "./incidents.service.ts";
import { noticeFor, noticeForms } from "./notices.ts";
import { runRetention } from "./retention.ts";
import { RETENTION_DEFAULTS, type RetentionKind, retentionSettings } from "./retention.settings.ts";
import { fileForMember, fileFromPortal, heldAbout, listRightsRequests, resolveRightsRequest, rightKinds } from "./rights.service.ts";
import {
  fileForMemberSchema,
  fileFromPortalSchema,
  heldAboutSchema,
  incidentSchema,
  incidentsListSchema,
  markNotifiedSchema,
  resolveRightsRequestSchema,
  retentionSettingsSchema,
  rightsRequestsListSchema,
  rowsSchema,
  runRetentionSchema,
  noticeSchema,
} from "#shared/contract/privacy.ts";

const tags = ["privacy"];
const secretHeader = z.object({ "x-request-secret": z.string().max(100).optional() });
const phone = z
  .string()
  .trim()
  .regex(/^(\+84|0)[0-9]{9,10}$/, "Số điện thoại không hợp lệ");

/** Personal data: notices, the data subject's rights, retention and the incident register (issue #15). */
export const privacyRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  const { submitLimit, readLimit } = publicRateLimits(config.PUBLIC_RATE_LIMIT);

  app.get(
    "/api/public/privacy/notices/:form",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Thông báo xử lý dữ liệu cá nhân của một biểu mẫu (có phiên bản)",
        params: z.object({ form: z.enum(noticeForms, { message: "Biểu mẫu không có thông báo" }) }),
        response: {
          200: noticeSchema,
        },
      },
    },
    async (request) => noticeFor(request.params.form),
  );

  app.get(
    "/api/public/privacy/requests/:code",
    {
      config: { public: true, ...readLimit },
      schema: {
        response: { 200: heldAboutSchema },
        tags,
        summary: "Dữ liệu đang lưu về người gửi (mã theo dõi + X-Request-Secret)",
        params: codeParams,
        headers: secretHeader,
      },
    },
    async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return heldAbout(database, request.params.code, request.headers["x-request-secret"]);
    },
  );

  app.post(
    "/api/public/privacy/requests/:code/rights",
    {
      config: { public: true, ...submitLimit },
      schema: {
        response: { 201: fileFromPortalSchema },
        tags,
        summary: "Yêu cầu về dữ liệu cá nhân: xem, sửa, rút lại sự đồng ý, xóa",
        params: codeParams,
        headers: secretHeader,
        body: z.object({ kind: z.enum(rightKinds, { message: "Chọn loại yêu cầu" }), detail: z.string().trim().max(2000, "Tối đa 2.000 ký tự").optional() }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .header("cache-control", "no-store")
        .send(await fileFromPortal(database, request.params.code, request.headers["x-request-secret"], request.body, { requestId: request.id })),
  );

  app.get(
    "/api/privacy/requests",
    {
      schema: {
        response: { 200: rightsRequestsListSchema },
        tags,
        summary: "Yêu cầu về dữ liệu cá nhân cần xử lý (hạn theo luật)",
        querystring: z.object({
          open: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
        }),
      },
    },
    async (request) => listRightsRequests(database, contextOf(request, "voice:identity"), request.query),
  );

  app.post(
    "/api/privacy/requests",
    {
      schema: {
        response: { 201: fileForMemberSchema },
        tags,
        summary: "Ghi nhận yêu cầu về dữ liệu của đoàn viên (sau khi kiểm tra CCCD)",
        body: z.object({
          personId: z.number().int().positive(),
          kind: z.enum(rightKinds, { message: "Chọn loại yêu cầu" }),
          detail: z.string().trim().min(3, "Nêu nội dung yêu cầu").max(2000, "Tối đa 2.000 ký tự"),
          identityChecked: z.literal(true, { message: "Cần kiểm tra giấy tờ tùy thân của đoàn viên trước khi ghi nhận" }),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await fileForMember(database, contextOf(request, "people:identity"), request.body)),
  );

  app.post(
    "/api/privacy/requests/:id/resolve",
    {
      schema: {
        response: { 200: resolveRightsRequestSchema },
        tags,
        summary: "Trả lời yêu cầu về dữ liệu (đã thực hiện hoặc từ chối, có lý do)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          outcome: z.enum(["done", "refused"]),
          answer: z.string().trim().min(10, "Câu trả lời quá ngắn").max(4000, "Tối đa 4.000 ký tự"),
          correction: z
            .object({
              fullName: z.string().trim().min(1).max(120).optional(),
              phone: phone.optional(),
              email: z.string().trim().email("Email không hợp lệ").max(200).optional(),
              address: z.string().trim().max(300).optional(),
            })
            .optional(),
        }),
      },
    },
    async (request) => resolveRightsRequest(database, contextOf(request, "voice:identity"), request.params.id, request.body),
  );

  const retentionShape = z.object(
    Object.fromEntries(Object.keys(RETENTION_DEFAULTS).map((k) => [k, z.number().int().min(1, "Ít nhất 1 tháng").max(600, "Tối đa 600 tháng")])) as Record<
      RetentionKind,
      z.ZodNumber
    >,
  );

  app.get(
    "/api/privacy/retention",
    { schema: { response: { 200: rowsSchema }, tags, summary: "Thời hạn lưu giữ theo loại dữ liệu và các lần chạy gần đây" } },
    async (request) => {
      contextOf(request, "admin:settings");
      const runs = await database.rows<{ ranAt: string; kind: string; action: string; rows: number }>(
        sql`SELECT ran_at::text AS "ranAt", kind, action, rows FROM retention_runs ORDER BY ran_at DESC, id DESC LIMIT 50`,
      );
      return { months: await retentionSettings(database), defaults: RETENTION_DEFAULTS, runs };
    },
  );

  app.put(
    "/api/privacy/retention",
    { schema: { response: { 200: retentionSettingsSchema }, tags, summary: "Sửa thời hạn lưu giữ (tháng)", body: retentionShape.partial() } },
    async (request) => {
      const ctx = contextOf(request, "admin:settings");
      const before = await retentionSettings(database);
      const after = { ...before, ...request.body };
      await database.db.transaction(async (tx) => {
        await database.rows(
          sql`INSERT INTO settings (key, value, updated_by) VALUES ('privacy.retention', ${JSON.stringify(after)}::jsonb, ${ctx.actor.userId})
              ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          tx,
        );
        await audit(database, tx, ctx, { action: "privacy_retention_put", objectType: "settings", objectId: "privacy.retention", before, after });
      });
      return { months: after };
    },
  );

  app.post(
    "/api/privacy/retention/run",
    { schema: { response: { 200: runRetentionSchema }, tags, summary: "Chạy xóa / khử định danh dữ liệu quá hạn lưu ngay" } },
    async (request) => {
      contextOf(request, "admin:settings");
      return { done: await runRetention(database, new Date()) };
    },
  );

  app.get(
    "/api/privacy/incidents",
    { schema: { response: { 200: incidentsListSchema }, tags, summary: "Sổ sự cố dữ liệu cá nhân (hạn thông báo 72 giờ)" } },
    async (request) => listIncidents(database, contextOf(request, "audit:read")),
  );

  app.post(
    "/api/privacy/incidents",
    {
      schema: {
        response: { 201: incidentSchema },
        tags,
        summary: "Ghi sự cố dữ liệu cá nhân",
        body: z.object({
          title: z.string().trim().min(5, "Nhập tên sự cố").max(300),
          description: z.string().trim().min(10, "Mô tả sự cố").max(8000),
          detectedAt: z.string().datetime({ offset: true, message: "Thời điểm phát hiện không hợp lệ" }),
          dataKinds: z.string().trim().min(3, "Nêu loại dữ liệu bị ảnh hưởng").max(1000),
          peopleAffected: z.number().int().min(0).max(10_000_000).optional(),
          measures: z.string().trim().max(4000).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createIncident(database, contextOf(request, "audit:read"), request.body)),
  );

  app.post(
    "/api/privacy/incidents/:id/notified",
    {
      schema: {
        response: { 200: markNotifiedSchema },
        tags,
        summary: "Đã thông báo cơ quan chuyên trách (A05); quá 72 giờ phải nêu lý do",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          notifiedAt: z.string().datetime({ offset: true, message: "Thời điểm thông báo không hợp lệ" }),
          lateReason: z.string().trim().min(5).max(2000).optional(),
        }),
      },
    },
    async (request) => markNotified(database, contextOf(request, "audit:read"), request.params.id, request.body),
  );
};
