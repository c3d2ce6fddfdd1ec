import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { readFor } from "#server/http/reads.ts";
import { audit } from "#server/modules/access/index.ts";
import { dashboard } from "./dashboard.service.ts";
import { renderJointReportDocx } from "./joint-report.docx.ts";
import { renderJointReportXlsx } from "./joint-report.xlsx.ts";
import { PERIOD_DESCRIPTION, PERIOD_MESSAGE, parsePeriod } from "./period.ts";
import { buildJointReport, figureText, withReportSlot } from "./reporting.service.ts";
import { asciiFileName, getReportFile, listReportFiles, reportFileContent, requestReportFile } from "./report-files.service.ts";
import { traceFigure } from "./trace.service.ts";
import { dashboardSchema, reportFileListSchema, reportFileSchema, traceFigureSchema, withReportSlotSchema } from "#shared/contract/reporting.ts";
import { DOCX, XLSX, fileResponse } from "#shared/contract/common.ts";

const periodQuery = z.object({ period: z.string().max(40, PERIOD_MESSAGE).optional().describe(PERIOD_DESCRIPTION) });
/** The report itself: a draft (default) or the final version with the number the office gave it. */
const reportQuery = periodQuery.extend({
  version: z
    .enum(["draft", "final"], { message: "Phiên bản là draft (dự thảo) hoặc final (bản chính thức)" })
    .default("draft")
    .describe("draft: bản dự thảo, có dòng “(Dự thảo)”; final: bản chính thức để ban hành"),
  number: z
    .string()
    .regex(/^\d{1,6}$/, "Số văn bản chỉ gồm chữ số, ví dụ 15")
    .optional()
    .describe("Số văn bản do văn thư cấp, chỉ in trên bản chính thức"),
});
const reportOptions = (q: z.infer<typeof reportQuery>) => ({ draft: q.version !== "final", number: q.number });
/** A file to generate on the queue: the same choices as the direct downloads, and its format. */
const fileRequest = reportQuery.extend({
  format: z
    .enum(["docx", "xlsx"], { message: "Định dạng tệp là docx (Word) hoặc xlsx (Excel)" })
    .describe("docx: báo cáo (Word); xlsx: phụ lục số liệu (Excel)"),
});
const fileParams = z.object({ id: z.coerce.number({ message: "Mã tệp phải là số" }).int("Mã tệp phải là số nguyên").positive("Mã tệp phải là số dương") });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd");

/** Dashboards, the joint report (.docx, .xlsx annex, preview) and the records behind each figure. */
export const reportingRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ["reporting"];

  app.get(
    "/api/reports/dashboard",
    {
      schema: {
        response: { 200: dashboardSchema },
        tags,
        summary: "Bảng điều khiển (theo kỳ, phạm vi; xem chi tiết theo khu, công đoàn)",
        querystring: periodQuery.extend({ zoneId: z.coerce.number().int().positive().optional(), unionId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, "reports:read");
      const { period, ...drill } = request.query;
      // Reading work: on the read replica when there is one (the caller's own writes permitting).
      return readFor(deps, request, (reader) => dashboard(reader, ctx, parsePeriod(period), drill));
    },
  );

  app.get(
    "/api/reports/preview",
    { schema: { response: { 200: withReportSlotSchema }, tags, summary: "Xem trước báo cáo liên tịch với nguồn của từng số liệu", querystring: reportQuery } },
    async (request) => {
      const ctx = contextOf(request, "reports:read");
      const report = await withReportSlot(() =>
        readFor(deps, request, (reader) => buildJointReport(reader, ctx, parsePeriod(request.query.period), undefined, reportOptions(request.query))),
      );
      return { ...report, sections: report.sections.map((s) => ({ ...s, figures: s.figures.map((f) => ({ ...f, text: figureText(f) })) })) };
    },
  );

  app.get(
    "/api/reports/joint.docx",
    { schema: { tags, summary: "Báo cáo liên tịch (Word)", querystring: reportQuery, response: { 200: fileResponse(DOCX, "Báo cáo liên tịch, tệp Word") } } },
    async (request, reply) => {
      const ctx = contextOf(request, "reports:read");
      const period = parsePeriod(request.query.period);
      const buffer = await withReportSlot(async () =>
        renderJointReportDocx(await readFor(deps, request, (reader) => buildJointReport(reader, ctx, period, undefined, reportOptions(request.query)))),
      );
      await audit(database, database.db, ctx, {
        action: "export",
        objectType: "joint_report",
        objectId: period.from,
        detail: { period: request.query.period ?? period.label, format: "docx", version: request.query.version },
      });
      const name = `bao-cao-lien-tich-${(request.query.period ?? period.from.slice(0, 4)).replace(/[^\w-]+/g, "_")}${request.query.version === "final" ? "" : "-du-thao"}.docx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(buffer);
    },
  );

  app.get(
    "/api/reports/joint.xlsx",
    { schema: { tags, summary: "Phụ lục số liệu (Excel)", querystring: reportQuery, response: { 200: fileResponse(XLSX, "Phụ lục số liệu, tệp Excel") } } },
    async (request, reply) => {
      const ctx = contextOf(request, "reports:read");
      const period = parsePeriod(request.query.period);
      const buffer = await withReportSlot(async () =>
        renderJointReportXlsx(
          await readFor(deps, request, (reader) => buildJointReport(reader, ctx, period, undefined, reportOptions(request.query))),
          deps.config.PUBLIC_URL,
        ),
      );
      await audit(database, database.db, ctx, {
        action: "export",
        objectType: "joint_report",
        objectId: period.from,
        detail: { period: request.query.period ?? period.label, format: "xlsx" },
      });
      const name = `phu-luc-so-lieu-${(request.query.period ?? period.from.slice(0, 4)).replace(/[^\w-]+/g, "_")}.xlsx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(buffer);
    },
  );

  app.post(
    "/api/reports/files",
    {
      schema: {
        tags,
        summary: "Yêu cầu tạo tệp báo cáo liên tịch (Word) hoặc phụ lục (Excel) trong hàng đợi",
        description: "Trả về 202 với mã tệp và trạng thái queued; theo dõi bằng GET /api/reports/files/:id, tải bằng /content khi status = done.",
        body: fileRequest,
        response: { 202: reportFileSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, "reports:read");
      const file = await requestReportFile(database, ctx, request.body, deps.config.PUBLIC_URL);
      return reply.code(202).send(file);
    },
  );

  app.get(
    "/api/reports/files",
    { schema: { tags, summary: "Các tệp báo cáo người dùng đã yêu cầu gần đây (giữ 7 ngày)", response: { 200: reportFileListSchema } } },
    async (request) => ({ items: await listReportFiles(database, contextOf(request, "reports:read")) }),
  );

  app.get(
    "/api/reports/files/:id",
    { schema: { tags, summary: "Trạng thái một tệp báo cáo", params: fileParams, response: { 200: reportFileSchema } } },
    async (request) => getReportFile(database, contextOf(request, "reports:read"), request.params.id),
  );

  app.get(
    "/api/reports/files/:id/content",
    {
      schema: {
        tags,
        summary: "Tải tệp báo cáo đã tạo (409 report_not_ready khi chưa xong)",
        params: fileParams,
        response: {
          200: { description: "Tệp Word hoặc Excel", content: { [DOCX]: fileResponse(DOCX, "").content[DOCX], [XLSX]: fileResponse(XLSX, "").content[XLSX] } },
        },
      },
    },
    async (request, reply) => {
      const file = await reportFileContent(database, contextOf(request, "reports:read"), request.params.id);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${asciiFileName(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.data);
    },
  );

  app.get(
    "/api/reports/trace/:key",
    {
      schema: {
        response: { 200: traceFigureSchema },
        tags,
        summary: "Các bản ghi đứng sau một số liệu",
        params: z.object({ key: z.enum(["new_members", "members", "new_unions", "enterprises20"], { message: "Số liệu không có danh sách chi tiết" }) }),
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), asOf: isoDate.optional() }),
      },
    },
    async (request) => traceFigure(database, contextOf(request, "reports:read"), request.params.key, request.query),
  );
};
