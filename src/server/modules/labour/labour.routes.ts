import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { checkReport } from "./labour.checks.ts";
import { deadlineOf, getLabourSettings } from "./labour.deadlines.ts";
import { MAX_TEMPLATE_BYTES, buildTemplate, readTemplate } from "./labour.excel.ts";
import {
  acceptBody,
  checkResultSchema,
  decisionBody,
  labourReportInput,
  listQuery,
  overdueSchema,
  periodSchema,
  settingsSchema,
  standingSchema,
  submissionDetailSchema,
  submissionsPageSchema,
  uploadResultSchema,
} from "./labour.schema.ts";
import {
  acceptSubmission,
  checkSubmission,
  getSubmission,
  listSubmissions,
  myStanding,
  overdueReports,
  ownEnterprise,
  returnSubmission,
  submitReport,
  updateLabourSettings,
} from "./labour.service.ts";
import { XLSX, fileResponse } from "#shared/contract/common.ts";

const tags = ["labour"];
const idParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * Half-yearly labour reports submitted by enterprises (form, Excel template or their HR system with
 * a bearer token) and reviewed by the zone authority. Bodies and answers are described here so
 * they appear in the OpenAPI document.
 */
export const labourRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  app.get(
    "/api/labour/template",
    { schema: { tags, summary: "Tải tệp mẫu Excel báo cáo tình hình lao động 6 tháng", response: { 200: fileResponse(XLSX, "Tệp mẫu Excel") } } },
    async (request, reply) => {
      contextOf(request, "enterprise:report");
      return reply
        .header("content-disposition", `attachment; filename="mau-bao-cao-lao-dong.xlsx"`)
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(await buildTemplate());
    },
  );

  app.post(
    "/api/labour/check",
    {
      schema: {
        tags,
        summary: "Kiểm tra báo cáo trước khi nộp (không lưu)",
        body: labourReportInput,
        response: { 200: checkResultSchema },
      },
    },
    async (request) => checkSubmission(database, contextOf(request, "enterprise:report"), request.body),
  );

  app.post(
    "/api/labour/upload",
    {
      schema: {
        tags,
        summary: "Đọc tệp mẫu Excel đã điền (trường multipart `file`, tối đa 1 MB) và kiểm tra; chưa nộp",
        response: { 200: uploadResultSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "enterprise:report");
      const enterpriseId = ownEnterprise(ctx.actor);
      if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Gửi tệp dạng multipart/form-data, trường `file`");
      const part = await request.file({ limits: { fileSize: MAX_TEMPLATE_BYTES + 1, files: 1 } });
      if (!part) throw new AppError("labour_template_invalid", "Chưa chọn tệp");
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError("payload_too_large", "Tệp lớn hơn 1 MB: mẫu báo cáo chỉ vài chục KB, hãy dùng đúng tệp mẫu");
      const values = await readTemplate(data);
      const parsed = labourReportInput.safeParse(values);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => {
          const field = String(i.path[0] ?? "");
          return {
            pointer: `/body/${field}`,
            field,
            code: "missing",
            message: values[field as keyof typeof values] === undefined ? "Tệp chưa có số liệu này" : i.message,
          };
        });
        const deadline = values.period ? deadlineOf(values.period, await getLabourSettings(database)) : "";
        return { ok: false, errors, warnings: [], minimum: null, deadline, values };
      }
      return { ...(await checkReport(database, enterpriseId, parsed.data)), values };
    },
  );

  app.post(
    "/api/labour/submissions",
    {
      schema: {
        tags,
        summary: "Nộp báo cáo tình hình lao động 6 tháng (một bản mới; bản bị trả lại được sửa bằng bản mới)",
        body: labourReportInput.extend({ source: z.enum(["form", "excel", "api"]).optional() }),
        response: { 201: submissionDetailSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, "enterprise:report");
      const { source, ...input } = request.body;
      const via = ctx.actor.via === "token" ? "api" : source === "excel" ? "excel" : "form";
      return reply.status(201).send(await submitReport(database, ctx, input, via));
    },
  );

  app.get(
    "/api/labour/submissions",
    {
      schema: {
        tags,
        summary: "Báo cáo lao động doanh nghiệp đã nộp (bản mới nhất mỗi kỳ), trong phạm vi",
        querystring: listQuery,
        response: { 200: submissionsPageSchema },
      },
    },
    async (request) => listSubmissions(database, contextOf(request, "registry:read"), request.query),
  );

  app.get(
    "/api/labour/submissions/:id",
    { schema: { tags, summary: "Một bản báo cáo và các bản trước của cùng kỳ", params: idParams, response: { 200: submissionDetailSchema } } },
    async (request) => getSubmission(database, contextOf(request, "registry:read"), request.params.id),
  );

  app.post(
    "/api/labour/submissions/:id/accept",
    {
      schema: {
        tags,
        summary: "Chấp nhận báo cáo: số liệu thành báo cáo lao động chính thức của doanh nghiệp",
        params: idParams,
        body: acceptBody,
        response: { 200: submissionDetailSchema },
      },
    },
    async (request) => acceptSubmission(database, contextOf(request, "registry:write"), request.params.id, request.body.note),
  );

  app.post(
    "/api/labour/submissions/:id/return",
    {
      schema: {
        tags,
        summary: "Trả lại báo cáo kèm lý do để doanh nghiệp sửa và nộp lại",
        params: idParams,
        body: decisionBody,
        response: { 200: submissionDetailSchema },
      },
    },
    async (request) => returnSubmission(database, contextOf(request, "registry:write"), request.params.id, request.body.reason),
  );

  app.get(
    "/api/labour/overdue",
    {
      schema: {
        tags,
        summary: "Doanh nghiệp chậm nộp, chưa nộp báo cáo lao động của một kỳ (mặc định: kỳ vừa kết thúc)",
        querystring: z.object({ period: periodSchema.optional() }),
        response: { 200: overdueSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "registry:read");
      if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
      return overdueReports(database, ctx, request.query);
    },
  );

  app.get(
    "/api/labour/standing",
    { schema: { tags, summary: "Tình trạng báo cáo lao động của doanh nghiệp mình (kỳ, hạn nộp)", response: { 200: standingSchema } } },
    async (request) => myStanding(database, contextOf(request, "enterprise:report")),
  );

  app.get(
    "/api/labour/settings",
    { schema: { tags, summary: "Hạn nộp báo cáo lao động và số ngày nhắc trước", response: { 200: settingsSchema } } },
    async (request) => {
      contextOf(request);
      return getLabourSettings(database);
    },
  );

  app.put(
    "/api/labour/settings",
    { schema: { tags, summary: "Đổi hạn nộp báo cáo lao động", body: settingsSchema, response: { 200: settingsSchema } } },
    async (request) => updateLabourSettings(database, contextOf(request), request.body),
  );
};
