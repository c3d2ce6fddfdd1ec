import { publicRateLimits } from "#server/http/rate-limit.ts";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { ensureVapidKeys, vapidKeys } from "#server/modules/notify/index.ts";
import { subscribeToRequest, unsubscribeFromRequest } from "./push.service.ts";
import { codeParams } from "./voice.schema.ts";

const secretHeader = z.object({ "x-request-secret": z.string().max(100).optional() });
const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "Khóa không hợp lệ");
/** A browser's PushSubscription as `toJSON()` gives it. */
const subscriptionBody = z.object({
  endpoint: z.string().url("Địa chỉ không hợp lệ").max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64url.min(80).max(100), auth: base64url.min(16).max(32) }),
});

/** Web Push for the installed portal: the server's public key, and a phone's subscription to one request. */
export const voicePushRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  const { submitLimit, readLimit } = publicRateLimits(config.PUBLIC_RATE_LIMIT);
  // The key pair is made at the first start, before any phone can ask for it.
  await ensureVapidKeys(database, config.PUSH_SUBJECT);

  app.get(
    "/api/public/push/key",
    {
      config: { public: true, ...readLimit },
      schema: {
        tags: ["voice-public"],
        summary: "Khóa công khai VAPID của máy chủ (để trình duyệt đăng ký nhận thông báo đẩy)",
        response: { 200: z.object({ publicKey: z.string() }) },
      },
    },
    async () => ({ publicKey: (await vapidKeys(database)).publicKey }),
  );

  app.post(
    "/api/public/requests/:code/push",
    {
      config: { public: true, ...submitLimit },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ["voice-public"],
        summary: "Nhận thông báo đẩy khi yêu cầu đổi trạng thái (mã theo dõi + X-Request-Secret)",
        params: codeParams,
        headers: secretHeader,
        body: subscriptionBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await subscribeToRequest(database, request.params.code, request.headers["x-request-secret"], request.body, config.PUSH_ENDPOINT_HOSTS);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/public/requests/:code/push",
    {
      config: { public: true, ...submitLimit },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ["voice-public"],
        summary: "Thôi nhận thông báo đẩy cho yêu cầu này",
        params: codeParams,
        headers: secretHeader,
        body: z.object({ endpoint: z.string().max(1000) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unsubscribeFromRequest(database, request.params.code, request.headers["x-request-secret"], request.body.endpoint);
      return reply.status(204).send(null);
    },
  );
};
