import { publicRateLimits } from "#server/http/rate-limit.ts";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, contextOf, requireActor } from "#server/http/context.ts";
import { queryFlag } from "#server/http/query.ts";
import { type AppDeps, SESSION_COOKIE } from "#server/http/deps.ts";
import { fold } from "#shared/text.ts";
import { bodyKinds, enterpriseRights } from "./access.policy.ts";
import {
  auditRowSchema,
  bodySchema,
  createBodyBody,
  createUserBody,
  idParams,
  loginBody,
  meResponse,
  pageQuery,
  updateBodyBody,
  updateUserBody,
  userSchema,
} from "./access.schema.ts";
import { searchAudit } from "./audit.service.ts";
import { SESSION_ABSOLUTE_MS, changeOwnPassword, createToken, listTokens, login, logout, revokeToken } from "./auth.service.ts";
import { createBody, deleteBody, getBody, listBodies, publicContacts, updateBody } from "./bodies.service.ts";
import { createUser, listUsers, setOwnLocale, updateUser } from "./users.service.ts";
import { createdTokenSchema, publicContactsSchema, tokenSchema } from "#shared/contract/access.ts";

/** Sets the session cookie (sign-in, and an activated account signing straight in). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string) {
  return reply.setCookie(SESSION_COOKIE, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

/** The answer of /api/auth/me for an actor (also given by sign-in and by an activation). */
export function me(actor: Actor) {
  return {
    user: { id: actor.userId, username: actor.username, fullName: actor.fullName, role: actor.role, locale: actor.locale },
    body: { id: actor.bodyId, kind: actor.bodyKind, name: actor.bodyName },
    scope: actor.scope,
    permissions: [...actor.permissions].sort(),
    csrfToken: actor.csrfToken,
  };
}

const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ total: z.number(), items: z.array(item) });

/** Sign-in, sessions, API tokens, users, bodies and the audit log. */
export const accessRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  app.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: config.LOGIN_RATE_LIMIT, timeWindow: "1 minute" } },
      schema: { tags: ["access"], summary: "Đăng nhập", body: loginBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const result = await login(database, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        requestId: request.id,
        previousSessionId: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(request, reply, result.sessionId);
      return me(result.actor);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      schema: {
        tags: ["access"],
        summary: "Đăng xuất",
        // Strictly "true"/"false" (or 1/0): z.coerce.boolean() would read "false" as true and log out everywhere.
        querystring: z.object({ everywhere: queryFlag }),
        response: { 200: z.object({ sessionsEnded: z.number() }) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ended = await logout(database, ctx, request.query.everywhere);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { sessionsEnded: ended };
    },
  );

  app.get("/api/auth/me", { schema: { tags: ["access"], summary: "Người dùng hiện tại", response: { 200: meResponse } } }, async (request) =>
    me(requireActor(request)),
  );

  app.put(
    "/api/auth/me/locale",
    { schema: { tags: ["access"], body: z.object({ locale: z.enum(["vi", "en"]) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await setOwnLocale(database, contextOf(request), request.body.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/me/password",
    {
      schema: {
        tags: ["access"],
        summary: "Đổi mật khẩu của tôi (cần mật khẩu hiện tại; các phiên khác và mã truy cập API bị thu hồi)",
        body: z.object({
          currentPassword: z.string().min(1, "Nhập mật khẩu hiện tại").max(1000),
          newPassword: z.string().max(1000, "Mật khẩu tối đa 1.000 ký tự"),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(database, contextOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get("/api/auth/tokens", { schema: { tags: ["access"], summary: "Mã truy cập API của tôi", response: { 200: z.array(tokenSchema) } } }, async (request) =>
    listTokens(database, contextOf(request)),
  );

  app.post(
    "/api/auth/tokens",
    {
      schema: {
        tags: ["access"],
        summary: "Tạo mã truy cập API (cùng vai trò và phạm vi của người tạo; mã của doanh nghiệp luôn có hạn và có thể hẹp quyền hơn)",
        body: z.object({
          name: z.string().trim().min(1, "Nhập tên mã").max(100),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
          rights: z.array(z.enum(enterpriseRights)).max(3).optional(),
        }),
        response: { 201: createdTokenSchema },
      },
    },
    async (request, reply) => {
      const token = await createToken(database, contextOf(request), request.body);
      return reply.status(201).send(token);
    },
  );

  app.delete("/api/auth/tokens/:id", { schema: { tags: ["access"], params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    await revokeToken(database, contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    "/api/admin/users",
    {
      schema: {
        tags: ["access"],
        summary: "Danh sách người dùng",
        querystring: pageQuery.extend({ q: z.string().optional() }),
        response: { 200: paged(userSchema) },
      },
    },
    async (request) => {
      const { q, ...page } = request.query;
      return listUsers(database, contextOf(request, "admin:users"), { ...page, q: q ? fold(q) : undefined });
    },
  );

  app.post(
    "/api/admin/users",
    { schema: { tags: ["access"], summary: "Tạo người dùng", body: createUserBody, response: { 201: userSchema } } },
    async (request, reply) => {
      const user = await createUser(database, contextOf(request, "admin:users"), request.body);
      return reply.status(201).send(user);
    },
  );

  app.patch("/api/admin/users/:id", { schema: { tags: ["access"], params: idParams, body: updateUserBody, response: { 200: userSchema } } }, async (request) =>
    updateUser(database, contextOf(request, "admin:users"), request.params.id, request.body),
  );

  app.get(
    "/api/admin/bodies",
    {
      schema: {
        tags: ["access"],
        summary: "Danh sách đơn vị",
        querystring: pageQuery.extend({ q: z.string().optional(), kind: z.enum(bodyKinds).optional(), parentId: z.coerce.number().int().optional() }),
        response: { 200: paged(bodySchema) },
      },
    },
    async (request) => {
      const { q, ...rest } = request.query;
      return listBodies(database, contextOf(request, "admin:users"), { ...rest, q: q ? fold(q) : undefined });
    },
  );

  app.get("/api/admin/bodies/:id", { schema: { tags: ["access"], params: idParams, response: { 200: bodySchema } } }, async (request) =>
    getBody(database, contextOf(request, "admin:users"), request.params.id),
  );

  app.post(
    "/api/admin/bodies",
    { schema: { tags: ["access"], summary: "Tạo đơn vị", body: createBodyBody, response: { 201: bodySchema } } },
    async (request, reply) => {
      const body = await createBody(database, contextOf(request, "admin:bodies"), request.body);
      return reply.status(201).send(body);
    },
  );

  app.patch("/api/admin/bodies/:id", { schema: { tags: ["access"], params: idParams, body: updateBodyBody, response: { 200: bodySchema } } }, async (request) =>
    updateBody(database, contextOf(request, "admin:bodies"), request.params.id, request.body),
  );

  app.delete("/api/admin/bodies/:id", { schema: { tags: ["access"], params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    await deleteBody(database, contextOf(request, "admin:bodies"), request.params.id);
    return reply.status(204).send(null);
  });

  // The numbers the portal shows (hotline, housing line): public, and cached for five minutes, so a
  // worker's phone asks again rarely while a changed number still reaches them the same hour.
  app.get(
    "/api/public/contacts",
    {
      config: { public: true, ...publicRateLimits(config.PUBLIC_RATE_LIMIT).readLimit },
      schema: {
        tags: ["access"],
        summary: "Số điện thoại đường dây nóng và hỗ trợ nhà ở của các đơn vị",
        response: { 200: publicContactsSchema },
      },
    },
    async (_request, reply) => {
      void reply.header("cache-control", "public, max-age=300");
      return publicContacts(database);
    },
  );

  app.get(
    "/api/admin/audit",
    {
      schema: {
        tags: ["access"],
        summary: "Nhật ký truy cập và thay đổi",
        querystring: pageQuery.extend({
          q: z.string().optional(),
          action: z.string().optional(),
          objectType: z.string().optional(),
          objectId: z.string().optional(),
          userId: z.coerce.number().int().optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: {
          200: paged(auditRowSchema),
        },
      },
    },
    async (request) => searchAudit(database, contextOf(request, "audit:read"), request.query),
  );
};
