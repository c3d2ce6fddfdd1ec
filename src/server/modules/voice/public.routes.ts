import { publicRateLimits } from "#server/http/rate-limit.ts";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { challengeSchema } from "#shared/contract/voice.ts";
import type { AppDeps } from "#server/http/deps.ts";
import { AppError } from "#server/http/errors.ts";
import { spendChallenge } from "./challenge.service.ts";
import { issueChallenge } from "./pow.ts";
import { searchQa, getQa } from "./qa.service.ts";
import { MAX_ATTACHMENT_BYTES, publicAttach } from "./attachments.service.ts";
import { lookupEnterprises } from "./intake.service.ts";
import { keyedReceipt, submitPublic } from "./submission.service.ts";
import { resendSecret, publicAddition, publicRate, publicStatus } from "./tracking.service.ts";
import {
  CONSENT_TEXT,
  CONSENT_VERSION,
  codeParams,
  publicEnterpriseSchema,
  publicQaSchema,
  publicRequestBody,
  publicStatusSchema,
  receiptSchema,
} from "./voice.schema.ts";

const secretHeader = z.object({ "x-request-secret": z.string().max(100).optional() });

/** The public worker portal: no account; the tracking code and secret open one request. */
export const voicePublicRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  const { submitLimit, readLimit } = publicRateLimits(config.PUBLIC_RATE_LIMIT);

  app.get(
    "/api/public/voice/consent",
    {
      config: { public: true },
      schema: {
        tags: ["voice-public"],
        summary: "Điều khoản đồng ý xử lý dữ liệu cá nhân",
        response: { 200: z.object({ version: z.string(), text: z.string() }) },
      },
    },
    async () => ({ version: CONSENT_VERSION, text: CONSENT_TEXT }),
  );

  app.get(
    "/api/public/challenge",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Thử thách chống gửi tự động (proof-of-work SHA-256)",
        description: "Tìm counter sao cho SHA-256(token + ':' + counter) có `difficulty` bit 0 đầu tiên; gửi kèm { challenge: { token, counter } }.",
        response: { 200: challengeSchema },
      },
    },
    async (_request, reply) => {
      void reply.header("cache-control", "no-store");
      return issueChallenge(config.SESSION_SECRET, config.PUBLIC_CHALLENGE_DIFFICULTY);
    },
  );

  app.post(
    "/api/public/requests",
    {
      config: { public: true, ...submitLimit },
      bodyLimit: 256 * 1024,
      schema: {
        tags: ["voice-public"],
        summary: "Gửi câu hỏi, khiếu nại, kiến nghị hoặc phản ánh (không cần tài khoản)",
        body: publicRequestBody,
        response: { 201: receiptSchema },
      },
    },
    async (request, reply) => {
      // Sent again under its key (the answer was lost: a server died, the phone lost its signal): the first receipt.
      const again = await keyedReceipt(database, config.SESSION_SECRET, request.body.submissionKey);
      if (again) return reply.status(201).header("cache-control", "no-store").send(again);
      await spendChallenge(database, config.SESSION_SECRET, config.PUBLIC_CHALLENGE_DIFFICULTY, request.body.challenge, undefined, request.body.submissionKey);
      const channel = request.headers["x-client"] === "app" ? "app" : "web";
      const result = await submitPublic(database, request.body, { ip: request.ip, requestId: request.id, channel, sessionSecret: config.SESSION_SECRET });
      return reply.status(201).header("cache-control", "no-store").send(result);
    },
  );

  app.get(
    "/api/public/requests/:code",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Tình trạng yêu cầu (mã theo dõi + X-Request-Secret)",
        params: codeParams,
        headers: secretHeader,
        response: { 200: publicStatusSchema },
      },
    },
    async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return publicStatus(database, request.params.code, request.headers["x-request-secret"]);
    },
  );

  app.post(
    "/api/public/requests/:code/additions",
    {
      config: { public: true, ...submitLimit },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ["voice-public"],
        summary: "Bổ sung thông tin",
        params: codeParams,
        headers: secretHeader,
        body: z.object({ body: z.string().trim().min(1, "Nhập nội dung bổ sung").max(4000, "Tối đa 4.000 ký tự") }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await publicAddition(database, request.params.code, request.headers["x-request-secret"], request.body.body, { requestId: request.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/public/requests/:code/secret",
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: "1 hour" } },
      schema: {
        tags: ["voice-public"],
        summary: "Quên mật mã: gửi mật mã mới đến số điện thoại hoặc email người gửi đã cung cấp (không hiển thị ở đây)",
        params: codeParams,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .header("cache-control", "no-store")
        .send(await resendSecret(database, request.params.code, { requestId: request.id })),
  );

  app.post(
    "/api/public/requests/:code/rating",
    {
      config: { public: true, ...submitLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Đánh giá câu trả lời",
        params: codeParams,
        headers: secretHeader,
        body: z.object({
          score: z.number().int().min(1, "Chọn từ 1 đến 5 sao").max(5, "Chọn từ 1 đến 5 sao"),
          comment: z.string().trim().max(1000).optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await publicRate(database, request.params.code, request.headers["x-request-secret"], request.body.score, request.body.comment);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/public/requests/:code/attachments",
    {
      config: { public: true, ...submitLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Đính kèm ảnh (JPEG, PNG) hoặc PDF, tối đa 5 MB; kiểm tra theo nội dung tệp",
        params: codeParams,
        headers: secretHeader,
        consumes: ["multipart/form-data"],
        response: { 201: z.object({ id: z.number(), mime: z.string(), sizeBytes: z.number() }) },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      const result = await publicAttach(database, request.params.code, request.headers["x-request-secret"], file);
      return reply.status(201).send(result);
    },
  );

  app.get(
    "/api/public/enterprises",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Tìm doanh nghiệp theo tên hoặc mã số thuế (không cần dấu)",
        querystring: z.object({ q: z.string().trim().max(100) }),
        response: { 200: z.array(publicEnterpriseSchema) },
      },
    },
    async (request) => lookupEnterprises(database, request.query.q),
  );

  app.get(
    "/api/public/qa",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Hỏi đáp pháp luật lao động (tìm không cần dấu)",
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          tag: z.string().max(60).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: {
          200: z.object({
            total: z.number(),
            /** The other words of the synonym groups the query used ("tăng ca" → "làm thêm giờ", …), to show the worker. */
            alsoSearched: z.array(z.string()),
            items: z.array(publicQaSchema),
          }),
        },
      },
    },
    async (request) => {
      const { q, tag, page, pageSize } = request.query;
      return searchQa(database, q, { tag, limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  app.get(
    "/api/public/qa/:id",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Một mục hỏi đáp",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: publicQaSchema },
      },
    },
    async (request) => {
      const e = await getQa(database, request.params.id, true);
      return { id: e.id, question: e.question, answer: e.answer, citations: e.citations, tags: e.tags, validFrom: e.validFrom, validTo: e.validTo };
    },
  );
};

/** One uploaded file, read up to the size limit (over it: 413). */
export async function readUpload(request: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Gửi tệp dạng multipart/form-data");
  const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
  if (!part) throw new AppError("validation_failed", "Chưa chọn tệp");
  const data = await part.toBuffer();
  return { name: part.filename, data };
}
