import type { ServerResponse } from "node:http";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import {
  callCardSchema,
  callPageSchema,
  callRecordedSchema,
  callSchema,
  callStatuses,
  hotlineDutySchema,
  hotlineLineSchema,
} from "#shared/contract/hotline.ts";
import { fileResponse } from "#shared/contract/common.ts";
import { nowMs } from "#shared/clock.ts";
import { currentDuty, endShift, startShift } from "./hotline.duty.ts";
import { listenForCalls, onCall } from "./hotline.events.ts";
import { callCard, callFor, closeCallback, listCalls, normalisePhone } from "./hotline.reads.ts";
import { hearsCall, listLines, putLine, recordCall } from "./hotline.service.ts";
import { verifyHotline } from "./hotline.signature.ts";
import { idParams } from "./voice.schema.ts";

const tags = ["voice"];
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{3,20}$/, "Số điện thoại không hợp lệ")
  .transform((v) => v.replace(/[ .-]/g, ""));
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ dạng HH:MM")
  .nullable();

/** What the call centre or PBX sends for each call. */
const callReport = z.object({
  callId: z.string().trim().min(1).max(200),
  caller: phone,
  line: phone,
  at: z.string().datetime({ offset: true, message: "Thời điểm cuộc gọi không hợp lệ" }),
  status: z.enum(callStatuses),
});

/** The hotline on the officer's screen (issue 21, item 6): the PBX's webhook, the live stream, the log, call-backs, lines. */
export const hotlineRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  // Without a shared secret nobody can sign a call: the route does not exist.
  const secret = config.HOTLINE_WEBHOOK_SECRET;
  if (secret) await fastify.register(async (child) => webhook(child, deps, secret));

  const listener = listenForCalls(database, (msg) => fastify.log.warn(msg));
  await listener.ready;
  const streams = new Set<ServerResponse>();
  fastify.addHook("preClose", async () => {
    for (const s of streams) s.end();
  });
  fastify.addHook("onClose", listener.stop);

  app.get(
    "/api/voice/calls/stream",
    {
      schema: {
        tags,
        summary: "Cuộc gọi đến đường dây nóng của đơn vị, ngay khi có (server-sent events)",
        response: { 200: fileResponse("text/event-stream", "Mỗi cuộc gọi là một sự kiện `call` mang cuộc gọi (JSON)") },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, "voice:write");
      if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
      // A stream never ends: only a client that asks for one (EventSource sends this header) gets it.
      if (!String(request.headers.accept ?? "").includes("text/event-stream"))
        throw new AppError("bad_request", "Luồng sự kiện: gửi kèm Accept: text/event-stream");
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write("retry: 3000\n: mở\n\n");
      streams.add(raw);
      const off = onCall(database, (ev) => {
        if (!hearsCall(ctx, ev)) return;
        callFor(database, ctx, ev.id)
          .then((call) => {
            if (call) raw.write(`event: call\nid: ${call.id}\ndata: ${JSON.stringify(call)}\n\n`);
          })
          .catch((err) => request.log.warn({ err }, "hotline stream"));
      });
      // Proxies close a silent connection; a comment line every 25 s keeps it open.
      const ping = setInterval(() => raw.write(": ping\n\n"), 25_000);
      request.raw.on("close", () => {
        off();
        clearInterval(ping);
        streams.delete(raw);
      });
    },
  );

  app.get(
    "/api/voice/calls",
    {
      schema: {
        tags,
        summary: "Nhật ký cuộc gọi đường dây nóng (callbacks=true: việc gọi lại đang mở, theo hạn)",
        querystring: z.object({
          callbacks: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: callPageSchema },
      },
    },
    async (request) => listCalls(database, contextOf(request, "voice:read"), request.query),
  );

  app.get(
    "/api/voice/calls/:id/card",
    {
      schema: {
        tags,
        summary: "Thẻ người gọi: yêu cầu trước đây và đoàn viên theo số điện thoại (ghi nhật ký)",
        params: idParams,
        response: { 200: callCardSchema },
      },
    },
    async (request) => callCard(database, contextOf(request, "voice:write"), request.params.id),
  );

  app.post(
    "/api/voice/calls/:id/callback",
    {
      schema: {
        tags,
        summary: "Đóng việc gọi lại một cuộc gọi nhỡ, ghi kết quả",
        params: idParams,
        body: z.object({ note: z.string().trim().min(3, "Ghi kết quả gọi lại (ít nhất 3 ký tự)").max(2000, "Tối đa 2.000 ký tự") }),
        response: { 200: callSchema },
      },
    },
    async (request) => {
      const call = await closeCallback(database, contextOf(request, "voice:write"), request.params.id, request.body.note);
      if (!call) throw new AppError("not_found");
      return call;
    },
  );

  app.get(
    "/api/voice/hotline-duty",
    { schema: { tags, summary: "Ai đang trực từng đường dây nóng của đơn vị, và ca trực của tôi", response: { 200: hotlineDutySchema } } },
    async (request) => currentDuty(database, contextOf(request, "voice:read")),
  );

  app.post(
    "/api/voice/hotline-duty/start",
    {
      schema: {
        tags,
        summary: "Nhận ca trực một đường dây nóng của đơn vị: cuộc gọi đến chỉ hiện trên màn hình người đang trực",
        body: z.object({ line: phone }),
        response: { 200: hotlineDutySchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "voice:write");
      await startShift(database, ctx, normalisePhone(request.body.line));
      return currentDuty(database, ctx);
    },
  );

  app.post(
    "/api/voice/hotline-duty/end",
    {
      schema: {
        tags,
        summary: "Kết thúc ca trực (của mình; quản trị viên đơn vị: của cán bộ khác, userId)",
        body: z.object({ userId: z.number().int().positive().optional() }),
        response: { 200: hotlineDutySchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "voice:write");
      await endShift(database, ctx, request.body.userId);
      return currentDuty(database, ctx);
    },
  );

  app.get(
    "/api/voice/hotline-lines",
    { schema: { tags, summary: "Các số đường dây nóng của đơn vị và giờ trực", response: { 200: z.array(hotlineLineSchema) } } },
    async (request) => listLines(database, contextOf(request, "voice:read")),
  );

  app.put(
    "/api/voice/hotline-lines/:line",
    {
      schema: {
        tags,
        summary: "Khai báo một số đường dây nóng: đơn vị trực và giờ trực (để trống: 24/7)",
        params: z.object({ line: phone }),
        body: z
          .object({ bodyId: z.number().int().positive(), opensAt: hhmm.default(null), closesAt: hhmm.default(null) })
          .refine((v) => (v.opensAt === null) === (v.closesAt === null) && (v.opensAt === null || (v.closesAt ?? "") > v.opensAt), {
            message: "Giờ mở phải trước giờ đóng (hoặc để trống cả hai: trực 24/7)",
            path: ["closesAt"],
          }),
        response: { 200: hotlineLineSchema },
      },
    },
    async (request) => putLine(database, contextOf(request, "admin:bodies"), normalisePhone(request.params.line), request.body),
  );
};

/** The PBX's webhook, in a context of its own: it reads the raw body, which the signature covers. */
async function webhook(child: FastifyInstance, deps: AppDeps, secret: string) {
  child.removeContentTypeParser("application/json");
  child.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    (request as { rawBody?: string }).rawBody = String(body);
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new AppError("bad_request", "Nội dung không phải JSON"), undefined);
    }
  });
  child.addHook("preValidation", async (request) => {
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const verdict = verifyHotline(
      secret,
      { signature: header("x-hotline-signature"), timestamp: header("x-hotline-timestamp") },
      (request as { rawBody?: string }).rawBody ?? "",
      nowMs(),
    );
    if (verdict === "expired") throw new AppError("unauthenticated", "Chữ ký đã quá 5 phút");
    if (verdict !== "ok") throw new AppError("unauthenticated", "Chữ ký cuộc gọi không hợp lệ");
  });
  child.withTypeProvider<ZodTypeProvider>().post(
    "/api/voice/calls",
    {
      // Counted in the database like the public routes' limits: every app server meets the same one.
      config: { public: true, rateLimit: { max: deps.config.HOTLINE_RATE_LIMIT, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Tổng đài báo một cuộc gọi đường dây nóng (ký HMAC-SHA256, X-Hotline-Signature, X-Hotline-Timestamp)",
        body: callReport,
        response: { 200: callRecordedSchema, 201: callRecordedSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const signature = String(request.headers["x-hotline-signature"]);
      const r = await recordCall(deps.database, { ...b, caller: normalisePhone(b.caller), line: normalisePhone(b.line) }, signature);
      return reply.status(r.created ? 201 : 200).send({ id: r.id, duplicate: !r.created });
    },
  );
}
