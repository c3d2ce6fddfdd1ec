import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import {
  answerBody,
  decisionBody,
  decisionItemSchema,
  difficultyAnswerBody,
  difficultyBody,
  difficultyListQuery,
  difficultySchema,
  evidenceSchema,
  extensionBody,
  idParams,
  inboxItemDetailSchema,
  inboxItemSchema,
  itemParams,
  noticeBody,
  noticeSchema,
} from "./enterprise.schema.ts";
import { decide, listDecisions } from "./decisions.service.ts";
import { MAX_EVIDENCE_BYTES } from "./inbox.items.ts";
import { addEvidence, answerItem, getInboxItem, listInbox, ownEnterprise, requestExtension } from "./inbox.service.ts";
import { readEvidence, timeline } from "./inbox.timeline.ts";
import { answerDifficulty, fileDifficulty, getDifficulty, listDifficulties, listNotices, sendNotice } from "./notices.service.ts";
import { fileResponse } from "#shared/contract/common.ts";
import { difficultyFiledSchema, exchangeCreatedSchema, noticeSentSchema, timelineSchema } from "#shared/contract/enterprise.ts";

const tags = ["enterprise"];
const created = exchangeCreatedSchema;

/** One uploaded file, read up to the size limit; a file over it is refused with a sentence on the field. */
async function readEvidenceUpload(request: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  const message = "Chọn ảnh (JPEG, PNG) hoặc tệp PDF để gửi";
  if (!request.isMultipart()) throw new AppError("unsupported_media_type", message, { errors: [{ pointer: "/body/file", message }] });
  const part = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
  if (!part) throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/file", message }] });
  const data = await part.toBuffer().catch((err: unknown) => {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      const big = "Tệp quá lớn: mỗi tệp tối đa 5 MB";
      throw new AppError("payload_too_large", big, { errors: [{ pointer: "/body/file", message: big }] });
    }
    throw err;
  });
  return { name: part.filename, data };
}

/**
 * The enterprise side (eHeza): the enterprise's inbox (forwarded requests, findings, notices), its
 * answers, evidence and extension requests, its timeline and its difficulties to the authority; and
 * the officers' side: decisions on the enterprises' answers, notices, answers to difficulties.
 */
export const enterpriseRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const ent = (request: FastifyRequest) => {
    const ctx = contextOf(request, "enterprise:answer");
    ownEnterprise(ctx);
    return ctx;
  };

  // ----- the enterprise's side
  app.get(
    "/api/enterprise/inbox",
    {
      schema: {
        tags,
        summary: "Hộp thư của doanh nghiệp: yêu cầu được chuyển, kiến nghị sau kiểm tra, thông báo",
        response: { 200: z.array(inboxItemSchema) },
      },
    },
    async (request) => listInbox(database, ent(request)),
  );
  app.get(
    "/api/enterprise/inbox/:kind/:key",
    { schema: { tags, summary: "Một mục của hộp thư với mọi trao đổi", params: itemParams, response: { 200: inboxItemDetailSchema } } },
    async (request) => getInboxItem(database, ent(request), request.params.kind, request.params.key),
  );
  app.post(
    "/api/enterprise/inbox/:kind/:key/answers",
    { schema: { tags, summary: "Doanh nghiệp trả lời (minh chứng gửi kèm sau)", params: itemParams, body: answerBody, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await answerItem(database, ent(request), request.params.kind, request.params.key, request.body.body)),
  );
  app.post(
    "/api/enterprise/inbox/:kind/:key/extensions",
    { schema: { tags, summary: "Doanh nghiệp xin gia hạn, nêu lý do và ngày", params: itemParams, body: extensionBody, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await requestExtension(database, ent(request), request.params.kind, request.params.key, request.body)),
  );
  app.post(
    "/api/enterprise/exchanges/:id/evidence",
    {
      schema: {
        tags,
        summary: "Đính kèm minh chứng khắc phục (ảnh JPEG, PNG hoặc PDF; tối đa 5 MB; kiểm tra theo nội dung tệp)",
        params: idParams,
        consumes: ["multipart/form-data"],
        response: { 201: evidenceSchema.omit({ fileName: true }) },
      },
    },
    async (request, reply) => {
      const ctx = ent(request);
      const file = await readEvidenceUpload(request);
      return reply.status(201).send(await addEvidence(database, ctx, request.params.id, file));
    },
  );
  app.get(
    "/api/enterprise/timeline",
    { schema: { tags, summary: "Dòng thời gian trao đổi của doanh nghiệp", response: { 200: timelineSchema } } },
    async (request) => {
      const ctx = ent(request);
      return timeline(database, ctx, ownEnterprise(ctx));
    },
  );

  // ----- both sides
  app.get(
    "/api/enterprise/evidence/:id",
    {
      schema: {
        tags,
        summary: "Tải minh chứng (ghi nhật ký)",
        params: idParams,
        response: { 200: fileResponse("*/*", "Tệp minh chứng, với kiểu tệp đã lưu") },
      },
    },
    async (request, reply) => {
      const ctx = request.actor?.scope.kind === "enterprise" ? contextOf(request, "enterprise:answer") : contextOf(request);
      const file = await readEvidence(database, ctx, request.params.id);
      return reply
        .type(file.mime)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header("x-content-type-options", "nosniff")
        .send(file.data);
    },
  );
  app.get(
    "/api/enterprise/difficulties",
    {
      schema: {
        tags,
        summary: "Khó khăn, vướng mắc: của doanh nghiệp mình, hoặc đơn vị mình phải trả lời",
        querystring: difficultyListQuery,
        response: { 200: z.array(difficultySchema) },
      },
    },
    async (request) => {
      const ctx = request.actor?.scope.kind === "enterprise" ? contextOf(request, "enterprise:answer") : contextOf(request);
      return listDifficulties(database, ctx, request.query);
    },
  );
  app.get(
    "/api/enterprise/difficulties/:id",
    { schema: { tags, summary: "Một khó khăn, vướng mắc và câu trả lời", params: idParams, response: { 200: difficultySchema } } },
    async (request) => {
      const ctx = request.actor?.scope.kind === "enterprise" ? contextOf(request, "enterprise:answer") : contextOf(request);
      return getDifficulty(database, ctx, request.params.id);
    },
  );
  app.post(
    "/api/enterprise/difficulties",
    {
      schema: {
        tags,
        summary: "Doanh nghiệp gửi khó khăn, vướng mắc đến Ban Quản lý (định tuyến và thời hạn như yêu cầu của người lao động)",
        body: difficultyBody,
        response: { 201: difficultyFiledSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await fileDifficulty(database, ent(request), request.body)),
  );

  // ----- the officers' side
  app.post(
    "/api/enterprise/difficulties/:id/answer",
    {
      schema: {
        tags,
        summary: "Cán bộ trả lời khó khăn, vướng mắc của doanh nghiệp",
        params: idParams,
        body: difficultyAnswerBody,
        response: { 200: difficultySchema },
      },
    },
    async (request) => answerDifficulty(database, contextOf(request, "voice:write"), request.params.id, request.body.answer),
  );
  app.get(
    "/api/enterprise/decisions",
    {
      schema: {
        tags,
        summary: "Câu trả lời và đề nghị gia hạn của doanh nghiệp đang chờ quyết định (trong phạm vi)",
        response: { 200: z.array(decisionItemSchema) },
      },
    },
    async (request) => listDecisions(database, contextOf(request)),
  );
  app.post(
    "/api/enterprise/exchanges/:id/decision",
    {
      schema: {
        tags,
        summary: "Chấp nhận hoặc mở lại câu trả lời; đồng ý hoặc không đồng ý gia hạn",
        params: idParams,
        body: decisionBody,
        response: { 201: created },
      },
    },
    async (request, reply) => reply.status(201).send(await decide(database, contextOf(request), request.params.id, request.body)),
  );
  app.get(
    "/api/enterprise/enterprises/:id/timeline",
    { schema: { tags, summary: "Dòng thời gian trao đổi với một doanh nghiệp (ghi nhật ký)", params: idParams, response: { 200: timelineSchema } } },
    async (request) => {
      const ctx = contextOf(request, "registry:read");
      if (ctx.actor.scope.kind === "enterprise") throw new AppError("not_found");
      return timeline(database, ctx, request.params.id);
    },
  );
  app.post(
    "/api/enterprise/notices",
    {
      schema: {
        tags,
        summary: "Ban Quản lý gửi thông báo đến một hoặc nhiều doanh nghiệp",
        body: noticeBody,
        response: { 201: noticeSentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await sendNotice(database, contextOf(request), request.body)),
  );
  app.get(
    "/api/enterprise/notices",
    { schema: { tags, summary: "Thông báo đã gửi cho doanh nghiệp", response: { 200: z.array(noticeSchema) } } },
    async (request) => listNotices(database, contextOf(request)),
  );
};
