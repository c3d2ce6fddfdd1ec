import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { type ZodTypeProvider, jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { configureVietnameseValidation } from "#shared/zod-vi.ts";
import { registerEdgeGuard } from "./http/edge.ts";
import { AppError } from "./http/errors.ts";
import { sendProblem } from "./http/problem.ts";
import { listenForInvalidations } from "./db/invalidation.ts";
import { leaseOf } from "./jobs/define.ts";
import { closeJobs, openJobs } from "./jobs/queue.ts";
import { jobDefinitions } from "./modules/jobs.ts";
import { databaseRateLimitStore } from "./http/rate-limit.ts";
import { rememberWrite } from "./http/reads.ts";
import { answerSerializerCompiler } from "./http/serialize.ts";
import { requestIdOf, requestLogLine } from "./http/request-id.ts";
import { type AppDeps, SESSION_COOKIE } from "./http/deps.ts";
import { actorFromSession, actorFromToken } from "./modules/access/auth.service.ts";
import { modules } from "./modules/index.ts";

/** One route of the app, as the attack matrix and the docs enumerate them. */
export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  hasBody: boolean;
  /** The statuses the route declares a response schema for ("200", "201", "204"…): the contract with the web. */
  responses: string[];
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, for the route-by-role attack matrix. */
    routeTable: RouteInfo[];
  }
}

export type { AppDeps } from "./http/deps.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WEB_DIST = path.join(ROOT, "dist/web");
export const VERSION: string = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The OpenAPI document (at /api/openapi.json) and its pages at /api/docs, with both ways to authenticate. */
async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: { title: "Cầu Nối API", description: "API của nền tảng Cầu Nối. Lỗi trả về theo RFC 9457 (application/problem+json).", version: VERSION },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          bearer: {
            type: "http",
            scheme: "bearer",
            description:
              "Mã truy cập cá nhân (`cn_…`), tạo ở trang Tài khoản khi đã đăng nhập; cùng quyền và phạm vi với người tạo (mã của doanh nghiệp: có hạn, có thể hẹp quyền hơn). Gửi `Authorization: Bearer <mã>`: mọi API dùng được bằng phiên đăng nhập đều dùng được bằng mã, trong giới hạn quyền của mã.",
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" } });
}

/** The built web client, when there is one: its files, and its page for every other GET outside the API. */
async function serveWeb(app: FastifyInstance) {
  const hasWeb = existsSync(path.join(WEB_DIST, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      maxAge: "1h",
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) res.header("cache-control", "public, max-age=31536000, immutable");
        // The service worker and the manifest name the current build's files: always checked afresh,
        // or a phone would keep running an old app for an hour after an update.
        if (file.endsWith(`${path.sep}sw.js`) || file.endsWith(".webmanifest")) res.header("cache-control", "no-cache");
        if (file.endsWith(".webmanifest")) res.header("content-type", "application/manifest+json; charset=utf-8");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !hasWeb || request.method !== "GET") {
      return sendProblem(new AppError("not_found"), request, reply);
    }
    // The web client routes its own pages: every other GET gets the single-page app.
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").sendFile("index.html");
  });
}

/** The Fastify app without listen(): main.ts serves it, tests inject into it. */
/** Every /api route as registered (the security matrix and the contract check walk it): `app.routeTable`. */
function recordRouteTable(app: FastifyInstance) {
  const routeTable: RouteInfo[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD" || !route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) continue;
      routeTable.push({
        method,
        url: route.url,
        public: (route.config as { public?: boolean } | undefined)?.public === true,
        hasBody: Boolean((route.schema as { body?: unknown } | undefined)?.body),
        responses: Object.keys((route.schema as { response?: object } | undefined)?.response ?? {}),
      });
    }
  });
}

/**
 * Another server's writes make this one's caches stale: it hears of them (src/server/db/invalidation.ts).
 * The job queue: this app enqueues; its workers (unless WORKER=off) start on the first job it sends,
 * or at once when main.ts opened the queue first.
 */
async function joinOtherServers(app: FastifyInstance, { config, database }: AppDeps): Promise<void> {
  const stopListening = listenForInvalidations(database, (msg) => app.log.warn(msg));
  app.addHook("onClose", stopListening);
  const lease = leaseOf(config.JOB_LEASE_SECONDS);
  await openJobs(database, jobDefinitions(config), { workers: config.WORKER === "on", lazy: true, lease, log: (line) => app.log.info(line) });
  app.addHook("onClose", () => closeJobs(database));
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === "silent"
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ["req.headers.cookie", "req.headers.authorization", 'req.headers["x-request-secret"]'],
            serializers: { req: requestLogLine },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    genReqId: requestIdOf,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot decode (%ED%A0%80, a lone surrogate) is a problem like any other 400.
    frameworkErrors: (error, request, reply) => sendProblem(Object.assign(error, { statusCode: 400 }), request, reply),
  });
  configureVietnameseValidation();
  // What other servers share with this one: their writes (cache invalidation) and the job queue.
  await joinOtherServers(app, deps);
  app.setValidatorCompiler(validatorCompiler);
  registerEdgeGuard(app);
  app.setSerializerCompiler(answerSerializerCompiler);
  app.decorateRequest("actor", null);
  recordRouteTable(app);

  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
    // With a read replica: the caller's write position, so their next reads see what they wrote.
    await rememberWrite(deps, request, reply);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie, { secret: config.SESSION_SECRET });
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: every app server on it meets the same limit (issue #20).
    store: databaseRateLimitStore(database),
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error("rate limited"), { statusCode: 429, headers: { "retry-after": String(Math.ceil(ctx.ttl / 1000)) } }),
  });
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 5, fields: 50 } });
  await registerOpenApi(app);

  // Who is calling: a session cookie or a bearer token. Every /api route but the public ones
  // refuses an anonymous call; cookie-authenticated writes must carry the session's CSRF token.
  app.addHook("onRequest", async (request) => {
    const isApi = request.url.startsWith("/api/") && !request.url.startsWith("/api/docs");
    // Static files and the web client's pages need no caller: no session lookup for them.
    if (!isApi) return;
    const auth = request.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      request.actor = await actorFromToken(database, auth.slice(7).trim());
      if (!request.actor) throw new AppError("unauthenticated", "Mã truy cập không hợp lệ hoặc đã bị thu hồi");
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) request.actor = await actorFromSession(database, sid);
    }
    const routeConfig = request.routeOptions.config as { public?: boolean } | undefined;
    if (routeConfig?.public === true || request.is404) return;
    if (!request.actor) throw new AppError("unauthenticated");
    if (request.actor.via === "session" && !SAFE_METHODS.has(request.method)) {
      if (request.headers["x-csrf-token"] !== request.actor.csrfToken) throw new AppError("csrf_failed");
    }
  });

  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "Tình trạng hệ thống",
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]), version: z.string() }) },
      },
    },
    async () => {
      await database.rows(sql`SELECT 1`);
      return { status: "ok" as const, database: database.kind, version: VERSION };
    },
  );
  typed.get(
    "/api/openapi.json",
    {
      config: { public: true },
      schema: { hide: true, response: { 200: z.custom<ReturnType<typeof app.swagger>>((v) => typeof v === "object" && v !== null) } },
    },
    async () => app.swagger(),
  );

  for (const mod of modules) await app.register(mod, { deps });

  await serveWeb(app);
  return app;
}
