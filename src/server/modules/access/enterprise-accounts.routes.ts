import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { enterpriseRights } from "./access.policy.ts";
import { activationCheckSchema, accountSchema, createdInviteSchema, overviewSchema } from "#shared/contract/access.ts";
import { me, setSessionCookie } from "./access.routes.ts";
import { idParams, meResponse } from "./access.schema.ts";
import { activateAccount, checkActivationCode, createInvite, enterpriseAccounts, revokeInvite, updateColleague } from "./enterprise-accounts.service.ts";

const rightsSchema = z.array(z.enum(enterpriseRights)).max(3);

const personFields = {
  fullName: z.string().trim().min(2, "Nhập họ và tên").max(200).optional(),
  email: z.string().trim().email("Email không hợp lệ").max(200).optional(),
};

const codeField = z.string().trim().min(1, "Nhập mã kích hoạt").max(64, "Mã kích hoạt quá dài");

/**
 * Enterprise accounts: the zone authority invites an enterprise's representative; the
 * representative invites colleagues with narrower rights and deactivates them; whoever holds the
 * code activates their account on the public page /kich-hoat.
 */
export const enterpriseAccountRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  // The activation routes are public: a tight per-address limit on top of the database's lock
  // after ten wrong codes (which holds across servers).
  const activationLimit = config.PUBLIC_RATE_LIMIT > 0 ? { rateLimit: { max: config.PUBLIC_RATE_LIMIT, timeWindow: "1 minute" } } : {};

  app.get(
    "/api/accounts/enterprises/:id",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Tài khoản và lời mời của một doanh nghiệp (Ban Quản lý)",
        params: idParams,
        response: { 200: overviewSchema },
      },
    },
    async (request) => enterpriseAccounts(database, contextOf(request, "accounts:invite"), request.params.id),
  );

  app.post(
    "/api/accounts/invites",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Mời người đại diện doanh nghiệp: mã kích hoạt dùng một lần, hiệu lực 7 ngày",
        description: "Mã chỉ trả về một lần (chỉ lưu bản băm). Chưa cấu hình gửi thư: `emailSent` là false, cán bộ chuyển mã hoặc đường dẫn cho doanh nghiệp.",
        body: z.object({ enterpriseId: z.number().int().positive(), ...personFields }),
        response: { 201: createdInviteSchema },
      },
    },
    async (request, reply) => {
      const made = await createInvite(database, contextOf(request, "accounts:invite"), request.body, config.PUBLIC_URL);
      return reply.status(201).send(made);
    },
  );

  app.delete(
    "/api/accounts/invites/:id",
    { schema: { tags: ["enterprise-accounts"], summary: "Thu hồi lời mời chưa dùng", params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeInvite(database, contextOf(request, "accounts:invite"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/enterprise/colleagues",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Tài khoản đồng nghiệp trong doanh nghiệp của tôi",
        response: { 200: overviewSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "enterprise:self", "enterprise:manage");
      return enterpriseAccounts(database, ctx, ctx.actor.bodyId);
    },
  );

  app.post(
    "/api/enterprise/colleagues/invites",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Mời đồng nghiệp (nhân sự, kế toán) với quyền hẹp hơn",
        body: z.object({ ...personFields, fullName: z.string().trim().min(2, "Nhập họ và tên").max(200), rights: rightsSchema }),
        response: { 201: createdInviteSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, "enterprise:self", "enterprise:manage");
      const made = await createInvite(database, ctx, { ...request.body, enterpriseId: ctx.actor.bodyId }, config.PUBLIC_URL);
      return reply.status(201).send(made);
    },
  );

  app.delete(
    "/api/enterprise/colleagues/invites/:id",
    { schema: { tags: ["enterprise-accounts"], summary: "Thu hồi lời mời đồng nghiệp", params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeInvite(database, contextOf(request, "enterprise:self", "enterprise:manage"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/api/enterprise/colleagues/:id",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Đổi quyền hoặc khóa tài khoản đồng nghiệp",
        params: idParams,
        body: z.object({ rights: rightsSchema.optional(), active: z.boolean().optional() }),
        response: { 200: accountSchema },
      },
    },
    async (request) => updateColleague(database, contextOf(request, "enterprise:self", "enterprise:manage"), request.params.id, request.body),
  );

  app.post(
    "/api/public/activation/check",
    {
      config: { public: true, ...activationLimit },
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Kiểm tra mã kích hoạt (trước khi chọn tên đăng nhập)",
        description: "Mã gửi trong thân yêu cầu, không bao giờ trong đường dẫn, để không lọt vào nhật ký máy chủ. Sai 10 lần từ một địa chỉ: khóa 15 phút.",
        security: [],
        body: z.object({ code: codeField }),
        response: {
          200: activationCheckSchema,
        },
      },
    },
    async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return checkActivationCode(database, request.body.code, request.ip);
    },
  );

  app.post(
    "/api/public/activation",
    {
      config: { public: true, ...activationLimit },
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Kích hoạt tài khoản doanh nghiệp: chọn tên đăng nhập và mật khẩu, rồi đăng nhập",
        security: [],
        body: z.object({
          code: codeField,
          username: z
            .string()
            .trim()
            .min(3, "Tên đăng nhập ít nhất 3 ký tự")
            .max(50, "Tên đăng nhập tối đa 50 ký tự")
            .regex(/^[a-zA-Z0-9._-]+$/, "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch"),
          fullName: z.string().trim().min(2, "Nhập họ và tên").max(200),
          password: z.string().min(1, "Nhập mật khẩu").max(200, "Mật khẩu tối đa 200 ký tự"),
        }),
        response: { 201: meResponse },
      },
    },
    async (request, reply) => {
      const result = await activateAccount(database, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        requestId: request.id,
      });
      setSessionCookie(request, reply, result.sessionId);
      return reply.status(201).send(me(result.actor));
    },
  );
};
