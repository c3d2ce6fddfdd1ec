import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf, requireActor } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import {
  bellSchema,
  channelSettingsInput,
  channelSettingsSchema,
  channelStatusSchema,
  channelTestInput,
  channelTestSchema,
  markReadSchema,
  notifyPreferencesSchema,
  outboxSchema,
  outboxStatuses,
  resendSchema,
} from "#shared/contract/notify.ts";
import { channelStatus, listOutbox, resendDead } from "./admin.service.ts";
import { configureNotify } from "./channels.ts";
import { channelSettings, putChannelSettings, sendTestMessage } from "./channels.settings.ts";
import { bell, markRead, preferences, setPreferences } from "./officers.service.ts";

const tags = ["notify"];

/** An officer's bell and notice settings; the admin's outbox and channels (issue #21). */
export const notifyRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  configureNotify(database, config);
  /** A staff member (an enterprise representative has no bell). */
  const staff = (request: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(request);
    if (actor.role === "enterprise_rep") throw new AppError("forbidden");
    return actor;
  };

  app.get(
    "/api/notify/notices",
    { schema: { tags, summary: "Chuông thông báo: số chưa đọc và các thông báo mới nhất", response: { 200: bellSchema } } },
    async (request) => bell(database, staff(request).userId),
  );

  app.post(
    "/api/notify/notices/read",
    {
      schema: {
        tags,
        summary: "Đánh dấu đã đọc (các thông báo nêu, hoặc tất cả)",
        body: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }),
        response: { 200: markReadSchema },
      },
    },
    async (request) => markRead(database, staff(request).userId, request.body.ids),
  );

  app.get("/api/notify/preferences", { schema: { tags, summary: "Cài đặt thông báo của tôi", response: { 200: notifyPreferencesSchema } } }, async (request) =>
    preferences(database, staff(request).userId),
  );

  app.put(
    "/api/notify/preferences",
    {
      schema: {
        tags,
        summary: "Bật/tắt chuông và bản tin email hằng ngày (07:00)",
        body: z.object({ bell: z.boolean(), digest: z.boolean() }),
        response: { 200: notifyPreferencesSchema },
      },
    },
    async (request) => setPreferences(database, staff(request).userId, request.body),
  );

  app.get(
    "/api/admin/outbox",
    {
      schema: {
        tags,
        summary: "Hộp thư đi: đang chờ, đã gửi, hỏng (không hiện nội dung)",
        querystring: z.object({ status: z.enum(outboxStatuses).optional() }),
        response: { 200: outboxSchema },
      },
    },
    async (request) => {
      contextOf(request, "admin:settings");
      return listOutbox(database, request.query);
    },
  );

  app.post(
    "/api/admin/outbox/:id/resend",
    {
      schema: {
        tags,
        summary: "Gửi lại một tin nhắn hỏng (cùng khóa, kênh vẫn thấy một tin)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: resendSchema },
      },
    },
    async (request) => resendDead(database, contextOf(request, "admin:settings"), request.params.id),
  );

  app.get(
    "/api/admin/notify/channels",
    { schema: { tags, summary: "Kênh gửi thông báo đã cấu hình (email, SMS, Zalo)", response: { 200: channelStatusSchema } } },
    async (request) => {
      contextOf(request, "admin:settings");
      return channelStatus(database);
    },
  );

  app.get(
    "/api/admin/notify/channels/settings",
    {
      schema: { tags, summary: "Cấu hình cổng SMS và Zalo ZNS (không trả mã truy cập)", response: { 200: channelSettingsSchema } },
    },
    async (request) => {
      contextOf(request, "admin:settings");
      return channelSettings(database);
    },
  );

  app.put(
    "/api/admin/notify/channels/settings",
    {
      schema: {
        tags,
        summary: "Sửa cấu hình cổng SMS và Zalo ZNS (địa chỉ trống: dùng biến môi trường)",
        body: channelSettingsInput,
        response: { 200: channelSettingsSchema },
      },
    },
    async (request) => putChannelSettings(database, contextOf(request, "admin:settings"), request.body),
  );

  app.post(
    "/api/admin/notify/test",
    {
      schema: {
        tags,
        summary: "Gửi một tin nhắn thử ngay trên một kênh (không qua hàng đợi)",
        body: channelTestInput,
        response: { 201: channelTestSchema },
      },
    },
    async (request, reply) => {
      const out = await sendTestMessage(database, contextOf(request, "admin:settings"), request.body);
      return reply.code(201).send(out);
    },
  );
};
