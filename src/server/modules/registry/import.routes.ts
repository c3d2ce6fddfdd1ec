import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { exportList, importTemplate } from "./export.service.ts";
import type { Permission } from "#server/modules/access/index.ts";
import { type ImportKind, importTemplates } from "./import.columns.ts";
import type { ImportRunner } from "./import.organizations.ts";
import { createImportJob, getImportJob } from "./import.jobs.ts";
import { enqueueImport, importRunners } from "./import.queue.ts";
import { enterpriseListQuery, idParams, peopleListQuery, unionListQuery } from "./registry.schema.ts";
import { vnToday } from "#shared/clock.ts";
import { XLSX, fileResponse } from "#shared/contract/common.ts";
import { importJobSchema, importResultSchema, importStartedSchema } from "#shared/contract/registry.ts";

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .default(false);

/** Import of members, enterprises and grassroots unions from .xlsx / CSV, their templates and progress; export of lists to .xlsx. */
export const importRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ["registry"];

  // Members need `people:write`; enterprises and unions `registry:write`, as their forms do.
  const kinds: Record<ImportKind, { permission: Permission; label: string; run: ImportRunner }> = {
    members: { permission: "people:write", label: "đoàn viên", run: importRunners.members },
    enterprises: { permission: "registry:write", label: "doanh nghiệp", run: importRunners.enterprises },
    unions: { permission: "registry:write", label: "công đoàn cơ sở", run: importRunners.unions },
  };
  for (const [kind, { permission, label, run }] of Object.entries(kinds) as [ImportKind, (typeof kinds)[ImportKind]][]) {
    app.get(
      `/api/registry/imports/${kind}/template`,
      {
        schema: {
          tags,
          summary: `Tải tệp mẫu nhập ${label}`,
          querystring: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
          response: {
            200: {
              description: "Tệp mẫu .xlsx hoặc .csv",
              content: { [XLSX]: fileResponse(XLSX, "").content[XLSX], "text/csv": fileResponse("text/csv", "").content["text/csv"] },
            },
          },
        },
      },
      async (request, reply) => {
        contextOf(request, permission);
        const { format } = request.query;
        const body = await importTemplate(kind, format);
        return reply
          .header("content-disposition", `attachment; filename="${importTemplates[kind].file}.${format}"`)
          .type(format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
          .send(body);
      },
    );

    app.post(
      `/api/registry/imports/${kind}`,
      {
        schema: {
          tags,
          summary: `Nhập ${label} từ Excel (.xlsx) hoặc CSV (trường multipart \`file\`)`,
          description:
            "dryRun=true: chỉ kiểm tra. skipInvalid=true: nhập các dòng hợp lệ, bỏ qua dòng lỗi (mặc định: có dòng lỗi thì không nhập gì). background=true: trả về 202 và mã lượt nhập để theo dõi tiến độ.",
          querystring: z.object({ dryRun: flag, skipInvalid: flag, background: flag }),
          response: { 200: importResultSchema, 202: importStartedSchema },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request, permission);
        // A grassroots union or an enterprise never writes enterprises or unions (their forms refuse it too).
        if (kind !== "members" && (ctx.actor.scope.kind === "union" || ctx.actor.scope.kind === "enterprise")) throw new AppError("forbidden");
        if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Gửi tệp dạng multipart/form-data, trường `file`");
        const file = await request.file();
        if (file?.fieldname !== "file")
          throw new AppError("validation_failed", "Thiếu tệp", { errors: [{ pointer: "/file", message: "Chọn tệp .xlsx hoặc .csv để nhập" }] });
        const { dryRun, skipInvalid, background } = request.query;
        // A queued import's file is kept where every worker reads it (IMPORT_DIR), until its job ends.
        const dir = background ? (deps.config.IMPORT_DIR ?? tmpdir()) : tmpdir();
        await mkdir(dir, { recursive: true });
        const tmp = path.join(dir, `caunoi-import-${randomBytes(8).toString("hex")}`);
        await pipeline(file.file, createWriteStream(tmp));
        if (file.file.truncated) {
          await unlink(tmp).catch(() => undefined);
          throw new AppError("payload_too_large", "Tệp vượt quá 100 MB");
        }
        if (background) {
          const jobId = await enqueueImport(database, ctx, kind, { path: tmp, name: file.filename ?? null }, { dryRun, skipInvalid }).catch(async (err) => {
            await unlink(tmp).catch(() => undefined);
            throw err;
          });
          return reply.status(202).send({ jobId });
        }
        // Without `background` the caller waits for the answer: the import runs in this request.
        const jobId = await createImportJob(database, ctx, kind, dryRun, file.filename ?? null);
        return run(database, ctx, jobId, tmp, { dryRun, skipInvalid }).finally(() => unlink(tmp).catch(() => undefined));
      },
    );
  }

  app.get(
    "/api/registry/imports/:id",
    { schema: { tags, summary: "Tiến độ và kết quả một lượt nhập", params: idParams, response: { 200: importJobSchema } } },
    async (request) => {
      const ctx = contextOf(request);
      if (!ctx.actor.permissions.has("people:write") && !ctx.actor.permissions.has("registry:write")) throw new AppError("forbidden");
      return getImportJob(database, ctx, request.params.id);
    },
  );

  const exportQuery = {
    enterprises: enterpriseListQuery.omit({ page: true, pageSize: true }),
    unions: unionListQuery.omit({ page: true, pageSize: true }),
    people: peopleListQuery.omit({ page: true, pageSize: true }).extend({
      /** "full": unmasked citizen IDs and phones (people:identity), with the purpose audited. */
      identifiers: z.enum(["masked", "full"]).optional(),
      purpose: z.string().trim().max(500, "Tối đa 500 ký tự").optional(),
    }),
  } as const;
  const names = { enterprises: "doanh-nghiep", unions: "cong-doan-co-so", people: "doan-vien" } as const;
  for (const kind of ["enterprises", "unions", "people"] as const) {
    app.get(
      `/api/registry/export/${kind}.xlsx`,
      {
        schema: {
          tags,
          summary: `Xuất danh sách ra Excel (${names[kind]})`,
          querystring: exportQuery[kind],
          response: { 200: fileResponse(XLSX, "Danh sách, tệp Excel") },
        },
      },
      async (request, reply) => {
        const ctx = kind === "people" ? contextOf(request, "people:read") : contextOf(request, "registry:read");
        const stream = await exportList(database, ctx, kind, request.query as Record<string, unknown>);
        const day = vnToday();
        return reply
          .header("content-disposition", `attachment; filename="${names[kind]}-${day}.xlsx"`)
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(stream);
      },
    );
  }
};
