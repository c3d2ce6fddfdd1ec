import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { type RequestContext, contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { deleteHoliday, getSettings, listHolidays, putHoliday, putSettings } from "./calendar.service.ts";
import { readUpload } from "./public.routes.ts";
import { createSynonym, deleteSynonym, listSynonyms, updateSynonym } from "./qa-synonyms.service.ts";
import { createQa, getQa, listQaStaff, listSuperseded, markSuperseded, publishQa, qaDraftFromRequest, updateQa } from "./qa.service.ts";
import { readAttachment, staffAttach } from "./attachments.service.ts";
import { escalateOverdue, overdueForHead } from "./deadlines.service.ts";
import { getIdentity } from "./identity.service.ts";
import { findCaller, intakeRequest } from "./intake.service.ts";
import { getRequest, listRequests } from "./reads.service.ts";
import {
  addNote,
  assignableOfficers,
  receivingBodies,
  askForInfo,
  assignRequest,
  closeRequest,
  draftAnswer,
  forwardRequest,
  publishAnswer,
  reopenRequest,
  reviewAnswer,
  startRequest,
  transferRequest,
} from "./workflow.service.ts";
import {
  enterpriseViewSchema,
  forwardBody,
  identitySchema,
  idParams,
  intakeBody,
  listQuery,
  qaInput,
  qaSchema,
  requestDetailSchema,
  requestSummarySchema,
} from "./voice.schema.ts";
import { fileResponse } from "#shared/contract/common.ts";

const tags = ["voice"];
/** Staff-only areas: an enterprise representative holds voice:read for its own requests only. */
const staffOnly = (ctx: RequestContext) => {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  return ctx;
};
const noContent = { 204: z.null() };
const reason = (msg: string) => z.string().trim().min(3, msg).max(2000, "Tối đa 2.000 ký tự");

/** Staff side of worker voice: intake, lists, workflow, identity (audited), Q&A, calendar. */
export const voiceRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  app.post(
    "/api/voice/requests",
    {
      schema: {
        tags,
        summary: "Tiếp nhận yêu cầu qua đường dây nóng, trực tiếp, thư hoặc đối thoại",
        body: intakeBody,
        response: { 201: z.object({ id: z.number(), code: z.string(), secret: z.string(), deadline: z.string(), responsibleBodyId: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await intakeRequest(database, contextOf(request, "voice:write"), request.body)),
  );

  app.get(
    "/api/voice/callers",
    {
      schema: {
        tags,
        summary: "Tìm người gọi theo số điện thoại hoặc CCCD (ghi nhật ký)",
        querystring: z.object({
          phone: z
            .string()
            .trim()
            .regex(/^(\+84|0)[0-9]{9,10}$/, "Số điện thoại không hợp lệ")
            .optional(),
          citizenId: z
            .string()
            .trim()
            .regex(/^[0-9]{12}$/, "Số CCCD gồm 12 chữ số")
            .optional(),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              fullName: z.string(),
              phone: z.string().nullable(),
              citizenId: z.string().nullable(),
              enterpriseId: z.number().nullable(),
              enterpriseName: z.string().nullable(),
            }),
          ),
        },
      },
    },
    // A caller is a person of the registry: only roles that read people, and only people in their scope.
    async (request) => findCaller(database, contextOf(request, "voice:write", "voice:identity", "people:read"), request.query),
  );

  app.get(
    "/api/voice/requests",
    {
      schema: {
        tags,
        summary: "Danh sách yêu cầu (lọc theo trạng thái, loại, lĩnh vực, đơn vị, khu, quá hạn, sắp đến hạn)",
        querystring: listQuery,
        response: { 200: z.object({ total: z.number(), items: z.union([z.array(requestSummarySchema), z.array(enterpriseViewSchema)]) }) },
      },
    },
    async (request) => listRequests(database, contextOf(request, "voice:read"), request.query),
  );

  app.get(
    "/api/voice/requests/:id",
    { schema: { tags, summary: "Chi tiết yêu cầu", params: idParams, response: { 200: z.union([requestDetailSchema, enterpriseViewSchema]) } } },
    async (request) => getRequest(database, contextOf(request, "voice:read"), request.params.id),
  );

  app.post(
    "/api/voice/requests/:id/identity",
    {
      schema: {
        tags,
        summary: "Xem danh tính người gửi (cần quyền voice:identity, ghi nhật ký)",
        params: idParams,
        body: z.object({ purpose: reason("Nêu mục đích xem danh tính (ít nhất 3 ký tự)") }),
        response: { 200: identitySchema },
      },
    },
    async (request) => getIdentity(database, contextOf(request, "voice:read", "voice:identity"), request.params.id, request.body.purpose),
  );

  app.post(
    "/api/voice/requests/:id/assign",
    { schema: { tags, summary: "Phân công cán bộ", params: idParams, body: z.object({ userId: z.number().int().positive() }), response: noContent } },
    async (request, reply) => {
      await assignRequest(database, contextOf(request, "voice:write"), request.params.id, request.body.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/start",
    { schema: { tags, summary: "Bắt đầu giải quyết", params: idParams, response: noContent } },
    async (request, reply) => {
      await startRequest(database, contextOf(request, "voice:write"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/transfer",
    {
      schema: {
        tags,
        summary: "Chuyển đơn vị giải quyết (đóng hạn cũ, tính hạn mới)",
        params: idParams,
        body: z.object({ toBodyId: z.number().int().positive(), reason: reason("Nêu lý do chuyển") }),
        response: { 200: z.object({ deadline: z.string(), responsibleBodyId: z.number() }) },
      },
    },
    async (request) => transferRequest(database, contextOf(request, "voice:write"), request.params.id, request.body),
  );

  app.post(
    "/api/voice/requests/:id/forward",
    {
      schema: {
        tags,
        summary: "Chuyển doanh nghiệp: gửi doanh nghiệp bản tóm tắt do cán bộ viết (không kèm tiêu đề, nội dung của người gửi)",
        params: idParams,
        body: forwardBody,
        response: { 200: z.object({ ref: z.string(), forwardedOn: z.string() }) },
      },
    },
    async (request) => forwardRequest(database, contextOf(request, "voice:write"), request.params.id, request.body),
  );

  app.post(
    "/api/voice/requests/:id/notes",
    {
      schema: {
        tags,
        summary: "Ghi chú nội bộ (không công khai)",
        params: idParams,
        body: z.object({ body: reason("Nhập ghi chú") }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await addNote(database, contextOf(request, "voice:write"), request.params.id, request.body.body)),
  );

  app.post(
    "/api/voice/requests/:id/ask-info",
    {
      schema: {
        tags,
        summary: "Đề nghị người gửi bổ sung thông tin (hiện trên trang theo dõi, người gửi được báo)",
        params: idParams,
        body: z.object({ message: z.string().trim().min(3, "Nêu thông tin cần bổ sung").max(2000, "Tối đa 2.000 ký tự") }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await askForInfo(database, contextOf(request, "voice:write"), request.params.id, request.body.message);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/answer",
    {
      schema: {
        tags,
        summary: "Soạn câu trả lời (chuyển duyệt)",
        params: idParams,
        body: z.object({ answer: z.string().trim().min(10, "Câu trả lời quá ngắn").max(12000, "Tối đa 12.000 ký tự") }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await draftAnswer(database, contextOf(request, "voice:write"), request.params.id, request.body.answer);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/answer/review",
    {
      schema: {
        tags,
        summary: "Duyệt hoặc trả lại câu trả lời",
        params: idParams,
        body: z.object({ approve: z.boolean(), comment: z.string().trim().max(2000).optional() }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await reviewAnswer(database, contextOf(request, "voice:write"), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/answer/publish",
    { schema: { tags, summary: "Công bố câu trả lời đã duyệt", params: idParams, response: noContent } },
    async (request, reply) => {
      await publishAnswer(database, contextOf(request, "voice:write"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/close",
    { schema: { tags, summary: "Đóng yêu cầu", params: idParams, body: z.object({ reason: z.string().trim().max(2000).optional() }), response: noContent } },
    async (request, reply) => {
      await closeRequest(database, contextOf(request, "voice:write"), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/voice/requests/:id/reopen",
    {
      schema: {
        tags,
        summary: "Mở lại yêu cầu (trong thời hạn cho phép)",
        params: idParams,
        body: z.object({ reason: reason("Nêu lý do mở lại") }),
        response: { 200: z.object({ deadline: z.string() }) },
      },
    },
    async (request) => reopenRequest(database, contextOf(request, "voice:write"), request.params.id, request.body.reason),
  );

  app.post(
    "/api/voice/requests/:id/attachments",
    {
      schema: {
        tags,
        summary: "Đính kèm tệp (JPEG, PNG, PDF; tối đa 5 MB)",
        params: idParams,
        consumes: ["multipart/form-data"],
        response: { 201: z.object({ id: z.number(), mime: z.string(), sizeBytes: z.number() }) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, "voice:write");
      const file = await readUpload(request);
      return reply.status(201).send(await staffAttach(database, ctx, request.params.id, file));
    },
  );

  app.get(
    "/api/voice/requests/:id/attachments/:attachmentId",
    {
      schema: {
        tags,
        summary: "Tải tệp đính kèm (ghi nhật ký)",
        params: idParams.extend({ attachmentId: z.coerce.number().int().positive() }),
        response: { 200: fileResponse("*/*", "Tệp đính kèm, với kiểu tệp đã lưu") },
      },
    },
    async (request, reply) => {
      const file = await readAttachment(database, contextOf(request, "voice:read", "voice:identity"), request.params.id, request.params.attachmentId);
      return reply
        .type(file.mime)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header("x-content-type-options", "nosniff")
        .send(file.data);
    },
  );

  app.get(
    "/api/voice/bodies",
    {
      schema: {
        tags,
        summary: "Đơn vị có thể nhận yêu cầu (để chuyển)",
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: { 200: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string() })) },
      },
    },
    async (request) => receivingBodies(database, contextOf(request, "voice:write"), request.query.q),
  );

  app.get(
    "/api/voice/requests/:id/officers",
    {
      schema: {
        tags,
        summary: "Cán bộ có thể phân công",
        params: idParams,
        response: { 200: z.array(z.object({ id: z.number(), fullName: z.string(), bodyName: z.string() })) },
      },
    },
    async (request) => assignableOfficers(database, contextOf(request, "voice:write"), request.params.id),
  );

  app.get(
    "/api/voice/overdue",
    { schema: { tags, summary: "Danh sách quá hạn của đơn vị (lãnh đạo đơn vị)", response: { 200: z.array(requestSummarySchema) } } },
    async (request) => overdueForHead(database, contextOf(request, "voice:read")),
  );

  app.post(
    "/api/voice/escalations",
    { schema: { tags, summary: "Báo cáo lãnh đạo các yêu cầu quá hạn", response: { 200: z.object({ escalated: z.number() }) } } },
    async (request) => escalateOverdue(database, contextOf(request, "voice:write")),
  );

  // ------------------------------------------------------------ legal Q&A

  app.get(
    "/api/voice/qa",
    {
      schema: {
        tags,
        summary: "Mục hỏi đáp (cán bộ)",
        querystring: z.object({
          needsReview: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          q: z.string().trim().max(200).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(qaSchema) }) },
      },
    },
    async (request) => {
      staffOnly(contextOf(request, "voice:read", "voice:write"));
      return listQaStaff(database, request.query);
    },
  );

  app.get("/api/voice/qa/:id", { schema: { tags, params: idParams, response: { 200: qaSchema } } }, async (request) => {
    staffOnly(contextOf(request, "voice:read", "voice:write"));
    return getQa(database, request.params.id, false);
  });

  app.get(
    "/api/voice/requests/:id/qa-draft",
    {
      schema: {
        tags,
        summary: "Bản nháp hỏi đáp từ một yêu cầu đã trả lời (đã che thông tin nhận dạng)",
        params: idParams,
        response: { 200: z.object({ question: z.string(), answer: z.string(), tags: z.array(z.string()), validFrom: z.string() }) },
      },
    },
    async (request) => qaDraftFromRequest(database, contextOf(request, "voice:read", "voice:write"), request.params.id),
  );

  app.post("/api/voice/qa", { schema: { tags, summary: "Tạo mục hỏi đáp", body: qaInput, response: { 201: qaSchema } } }, async (request, reply) =>
    reply.status(201).send(await createQa(database, contextOf(request, "voice:write"), request.body)),
  );

  app.put(
    "/api/voice/qa/:id",
    { schema: { tags, summary: "Sửa mục hỏi đáp", params: idParams, body: qaInput, response: { 200: qaSchema } } },
    async (request) => updateQa(database, contextOf(request, "voice:write"), request.params.id, request.body),
  );

  app.post(
    "/api/voice/qa/:id/publish",
    { schema: { tags, summary: "Công bố hoặc gỡ mục hỏi đáp", params: idParams, body: z.object({ publish: z.boolean() }), response: { 200: qaSchema } } },
    async (request) => publishQa(database, contextOf(request, "voice:write"), request.params.id, request.body.publish),
  );

  app.get(
    "/api/voice/superseded",
    {
      schema: {
        tags,
        summary: "Văn bản đã được thay thế",
        response: {
          200: z.array(
            z.object({ id: z.number(), oldCitation: z.string(), newCitation: z.string(), note: z.string().nullable(), at: z.string(), entries: z.number() }),
          ),
        },
      },
    },
    async (request) => {
      staffOnly(contextOf(request, "voice:read", "voice:write"));
      return listSuperseded(database);
    },
  );

  app.post(
    "/api/voice/superseded",
    {
      schema: {
        tags,
        summary: "Đánh dấu văn bản bị thay thế (các mục hỏi đáp trích dẫn sẽ được gắn cờ rà soát)",
        body: z.object({
          oldCitation: z.string().trim().min(3, "Nhập văn bản cũ").max(200),
          newCitation: z.string().trim().min(3, "Nhập văn bản mới").max(200),
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: z.object({ flagged: z.number(), ids: z.array(z.number()) }) },
      },
    },
    async (request) => markSuperseded(database, contextOf(request, "admin:settings"), request.body),
  );

  // Everyday words of the Q&A search: every officer sees them, the administrators who keep the settings edit them.
  const synonymSchema = z.object({ id: z.number(), terms: z.array(z.string()), updatedAt: z.string(), updatedBy: z.string().nullable() });
  const synonymBody = z.object({
    terms: z.array(z.string().trim().min(1, "Nhập từ").max(80, "Tối đa 80 ký tự")).min(2, "Nhóm cần ít nhất hai từ").max(20, "Tối đa 20 từ một nhóm"),
  });
  app.get(
    "/api/voice/qa-synonyms",
    { schema: { tags, summary: "Từ đồng nghĩa của tìm kiếm hỏi đáp", response: { 200: z.array(synonymSchema) } } },
    async (request) => {
      staffOnly(contextOf(request, "voice:read", "voice:write"));
      return listSynonyms(database);
    },
  );
  app.post(
    "/api/voice/qa-synonyms",
    { schema: { tags, summary: "Thêm nhóm từ đồng nghĩa", body: synonymBody, response: { 201: synonymSchema } } },
    async (request, reply) => reply.status(201).send(await createSynonym(database, contextOf(request, "admin:settings"), request.body)),
  );
  app.put(
    "/api/voice/qa-synonyms/:id",
    { schema: { tags, summary: "Sửa nhóm từ đồng nghĩa", params: idParams, body: synonymBody, response: { 200: synonymSchema } } },
    async (request) => updateSynonym(database, contextOf(request, "admin:settings"), request.params.id, request.body),
  );
  app.delete(
    "/api/voice/qa-synonyms/:id",
    { schema: { tags, summary: "Xóa nhóm từ đồng nghĩa", params: idParams, response: noContent } },
    async (request, reply) => {
      await deleteSynonym(database, contextOf(request, "admin:settings"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ calendar and settings

  app.get(
    "/api/voice/holidays",
    {
      schema: {
        tags,
        summary: "Lịch ngày nghỉ lễ, Tết",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.array(z.object({ day: z.string(), name: z.string() })) },
      },
    },
    async (request) => {
      contextOf(request, "voice:read");
      return listHolidays(database, request.query.year);
    },
  );

  app.put(
    "/api/voice/holidays/:day",
    {
      schema: {
        tags,
        summary: "Thêm/sửa ngày nghỉ",
        params: z.object({ day: z.string().date("Ngày không hợp lệ (yyyy-mm-dd)") }),
        body: z.object({ name: z.string().trim().min(2, "Nhập tên ngày nghỉ").max(200) }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await putHoliday(database, contextOf(request, "admin:settings"), request.params.day, request.body.name);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/voice/holidays/:day",
    { schema: { tags, summary: "Xóa ngày nghỉ", params: z.object({ day: z.string().date("Ngày không hợp lệ (yyyy-mm-dd)") }), response: noContent } },
    async (request, reply) => {
      await deleteHoliday(database, contextOf(request, "admin:settings"), request.params.day);
      return reply.status(204).send(null);
    },
  );

  const settingsSchema = z.object({
    deadlines: z.object({
      consultation: z.number().int().min(1).max(90),
      complaint: z.number().int().min(1).max(90),
      petition: z.number().int().min(1).max(90),
      report: z.number().int().min(1).max(90),
    }),
    legalBasis: z.object({
      consultation: z.string().trim().min(3, "Nêu căn cứ pháp lý").max(2000),
      complaint: z.string().trim().min(3, "Nêu căn cứ pháp lý").max(2000),
      petition: z.string().trim().min(3, "Nêu căn cứ pháp lý").max(2000),
      report: z.string().trim().min(3, "Nêu căn cứ pháp lý").max(2000),
    }),
    reopenDays: z.number().int().min(0).max(365),
    dueSoonDays: z.number().int().min(0).max(30),
    routing: z
      .array(
        z.object({
          when: z.object({
            topics: z.array(z.string()).optional(),
            kinds: z.array(z.string()).optional(),
            requesterKind: z.enum(["worker", "enterprise"]).optional(),
            ownership: z.array(z.string()).optional(),
            hasUnion: z.boolean().optional(),
            hasZone: z.boolean().optional(),
          }),
          to: z.enum(["grassroots_union", "zone_union", "zone_authority", "federation"]),
          note: z.string().max(300).optional(),
        }),
      )
      .min(1, "Cần ít nhất một quy tắc"),
  });

  app.get(
    "/api/voice/settings",
    { schema: { tags, summary: "Cấu hình: thời hạn, mở lại, quy tắc phân luồng", response: { 200: settingsSchema } } },
    async (request) => {
      contextOf(request, "voice:read");
      return getSettings(database);
    },
  );

  app.put(
    "/api/voice/settings",
    { schema: { tags, summary: "Sửa cấu hình", body: settingsSchema.partial(), response: { 200: settingsSchema } } },
    async (request) => putSettings(database, contextOf(request, "admin:settings"), request.body),
  );
};
