import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { jobQueue } from "#server/jobs/queue.ts";
import { audit } from "./audit.service.ts";
import { jobListSchema } from "#shared/contract/access.ts";

const states = ["queued", "active", "failed", "completed"] as const;

/** The background jobs for the system administrator: what waits, what runs, what failed; a failed job run again. */
export const jobsRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const adminOnly = (request: Parameters<typeof contextOf>[0]) => {
    const ctx = contextOf(request);
    if (ctx.actor.role !== "system_admin") throw new AppError("forbidden", "Chỉ quản trị hệ thống xem và chạy lại việc nền");
    return ctx;
  };

  app.get(
    "/api/admin/jobs",
    {
      schema: {
        tags: ["access"],
        summary: "Việc nền: đang chờ, đang chạy, thất bại (quản trị hệ thống)",
        querystring: z.object({
          state: z.enum(states).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: jobListSchema },
      },
    },
    async (request) => {
      adminOnly(request);
      const queue = jobQueue(database);
      const { state, limit } = request.query;
      return { queue: queue.kind, items: await queue.list(state ? [state] : ["queued", "active", "failed"], limit) };
    },
  );

  app.post(
    "/api/admin/jobs/:name/:id/retry",
    {
      schema: {
        tags: ["access"],
        summary: "Chạy lại một việc nền thất bại",
        params: z.object({ name: z.string().min(1).max(100), id: z.string().min(1).max(40) }),
        response: { 200: z.object({ retried: z.literal(true) }) },
      },
    },
    async (request) => {
      const ctx = adminOnly(request);
      const { name, id } = request.params;
      if (!(await jobQueue(database).retry(name, id))) throw notFound("Không có việc nền thất bại nào như vậy");
      await database.db.transaction((tx) => audit(database, tx, ctx, { action: "job_retry", objectType: "job", objectId: id, detail: { name } }));
      return { retried: true as const };
    },
  );
};
