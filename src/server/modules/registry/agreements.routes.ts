import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { agreementCoverage, createAgreement, deleteAgreement, getAgreement, listAgreements, updateAgreement } from "./agreements.service.ts";
import { fileReport, listReports, reportHistory } from "./labor-reports.service.ts";
import { todayIso } from "./registry.common.ts";
import { agreementBody, agreementListQuery, idParams, isoDate, laborReportBody, pageQuery } from "./registry.schema.ts";
import {
  agreementCoverageSchema,
  agreementPageSchema,
  agreementSavedSchema,
  agreementSchema,
  fileReportSchema,
  laborReportHistorySchema,
  laborReportPageSchema,
} from "#shared/contract/registry.ts";
import { noContentSchema } from "#shared/contract/common.ts";

/** Collective agreements and enterprises' half-yearly labor reports. */
export const agreementRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ["registry"];

  app.get(
    "/api/registry/agreements",
    {
      schema: {
        tags,
        summary: "Thỏa ước lao động tập thể (status=expiring: hết hạn trong 90 ngày)",
        querystring: agreementListQuery,
        response: { 200: agreementPageSchema },
      },
    },
    async (request) => listAgreements(database, contextOf(request, "registry:read"), request.query),
  );
  app.get(
    "/api/registry/agreements/coverage",
    { schema: { response: { 200: agreementCoverageSchema }, tags, summary: "Tỷ lệ bao phủ thỏa ước", querystring: z.object({ asOf: isoDate.optional() }) } },
    async (request) => agreementCoverage(database, contextOf(request, "registry:read").actor.scope, request.query.asOf ?? todayIso()),
  );
  app.get(
    "/api/registry/agreements/:id",
    { schema: { tags, summary: "Một thỏa ước", params: idParams, response: { 200: agreementSchema } } },
    async (request) => getAgreement(database, contextOf(request, "registry:read"), request.params.id),
  );
  app.post(
    "/api/registry/agreements",
    { schema: { tags, summary: "Ghi nhận thỏa ước", body: agreementBody, response: { 201: agreementSavedSchema } } },
    async (request, reply) => reply.status(201).send(await createAgreement(database, contextOf(request, "registry:read"), request.body)),
  );
  app.put(
    "/api/registry/agreements/:id",
    { schema: { tags, summary: "Sửa thỏa ước", params: idParams, body: agreementBody, response: { 200: agreementSavedSchema } } },
    async (request) => updateAgreement(database, contextOf(request, "registry:read"), request.params.id, request.body),
  );
  app.delete(
    "/api/registry/agreements/:id",
    { schema: { response: { 204: noContentSchema }, tags, summary: "Xóa thỏa ước ghi nhầm", params: idParams } },
    async (request, reply) => {
      await deleteAgreement(database, contextOf(request, "registry:read"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/registry/labor-reports",
    {
      schema: {
        tags,
        summary: "Báo cáo tình hình lao động 6 tháng (bản mới nhất mỗi kỳ)",
        querystring: pageQuery.extend({
          period: z
            .string()
            .regex(/^\d{4}-H[12]$/, "Kỳ dạng 2025-H1")
            .optional(),
          zoneId: z.coerce.number().int().positive().optional(),
          belowMinimum: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
        }),
        response: { 200: laborReportPageSchema },
      },
    },
    async (request) => listReports(database, contextOf(request, "registry:read"), request.query),
  );
  app.get(
    "/api/registry/enterprises/:id/labor-reports",
    { schema: { tags, summary: "Lịch sử báo cáo lao động của doanh nghiệp", params: idParams, response: { 200: laborReportHistorySchema } } },
    async (request) => reportHistory(database, contextOf(request, "registry:read"), request.params.id),
  );
  app.post(
    "/api/registry/enterprises/:id/labor-reports",
    { schema: { response: { 201: fileReportSchema }, tags, summary: "Nộp báo cáo lao động 6 tháng", params: idParams, body: laborReportBody } },
    async (request, reply) => reply.status(201).send(await fileReport(database, contextOf(request, "registry:read"), request.params.id, request.body)),
  );
};
