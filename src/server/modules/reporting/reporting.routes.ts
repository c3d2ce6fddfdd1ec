import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/app.ts";
import { contextOf } from "#server/http/context.ts";
import { audit } from "#server/modules/access/audit.service.ts";
import { dashboard } from "./dashboard.service.ts";
import { renderJointReportDocx } from "./joint-report.docx.ts";
import { renderJointReportXlsx } from "./joint-report.xlsx.ts";
import { parsePeriod } from "./period.ts";
import { buildJointReport, figureText, withReportSlot } from "./reporting.service.ts";
import { traceFigure } from "./trace.service.ts";

const periodQuery = z.object({ period: z.string().max(10).optional() });
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
        tags,
        summary: "Bảng điều khiển (theo kỳ, phạm vi; xem chi tiết theo khu, công đoàn)",
        querystring: periodQuery.extend({ zoneId: z.coerce.number().int().positive().optional(), unionId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, "reports:read");
      const { period, ...drill } = request.query;
      return dashboard(database, ctx, parsePeriod(period), drill);
    },
  );

  app.get(
    "/api/reports/preview",
    { schema: { tags, summary: "Xem trước báo cáo liên tịch với nguồn của từng số liệu", querystring: periodQuery } },
    async (request) => {
      const ctx = contextOf(request, "reports:read");
      const report = await withReportSlot(() => buildJointReport(database, ctx, parsePeriod(request.query.period)));
      return { ...report, sections: report.sections.map((s) => ({ ...s, figures: s.figures.map((f) => ({ ...f, text: figureText(f) })) })) };
    },
  );

  app.get("/api/reports/joint.docx", { schema: { tags, summary: "Báo cáo liên tịch (Word)", querystring: periodQuery } }, async (request, reply) => {
    const ctx = contextOf(request, "reports:read");
    const period = parsePeriod(request.query.period);
    const buffer = await withReportSlot(async () => renderJointReportDocx(await buildJointReport(database, ctx, period)));
    await audit(database, database.db, ctx, {
      action: "export",
      objectType: "joint_report",
      objectId: period.from,
      detail: { period: request.query.period ?? period.label, format: "docx" },
    });
    const name = `bao-cao-lien-tich-${request.query.period ?? period.from.slice(0, 4)}.docx`;
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("content-disposition", `attachment; filename="${name}"`)
      .send(buffer);
  });

  app.get("/api/reports/joint.xlsx", { schema: { tags, summary: "Phụ lục số liệu (Excel)", querystring: periodQuery } }, async (request, reply) => {
    const ctx = contextOf(request, "reports:read");
    const period = parsePeriod(request.query.period);
    const buffer = await withReportSlot(async () => renderJointReportXlsx(await buildJointReport(database, ctx, period), deps.config.PUBLIC_URL));
    await audit(database, database.db, ctx, {
      action: "export",
      objectType: "joint_report",
      objectId: period.from,
      detail: { period: request.query.period ?? period.label, format: "xlsx" },
    });
    const name = `phu-luc-so-lieu-${request.query.period ?? period.from.slice(0, 4)}.xlsx`;
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${name}"`)
      .send(buffer);
  });

  app.get(
    "/api/reports/trace/:key",
    {
      schema: {
        tags,
        summary: "Các bản ghi đứng sau một số liệu",
        params: z.object({ key: z.enum(["new_members", "members", "new_unions", "enterprises20"], { message: "Số liệu không có danh sách chi tiết" }) }),
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), asOf: isoDate.optional() }),
      },
    },
    async (request) => traceFigure(database, contextOf(request, "reports:read"), request.params.key, request.query),
  );
};
