import { decisionStatuses } from "#shared/enums.ts";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { fold } from "#shared/text.ts";
import { createCampaign, fairnessList, getCampaign, listCampaigns, updateCampaign } from "./campaigns.service.ts";
import { campaignBody, campaignPatch, decisionBody, idParams, importReport, nominationBody, pageQuery, payoutBody } from "./care.schema.ts";
import { campaignPurposes, payoutKinds } from "./care.text.ts";
import { importPayouts } from "./payouts.import.ts";
import { payoutTemplate, readList } from "./payouts.list.ts";
import { decideNomination, deletePayout, listNominations, listPayouts, nominate, recordPayout } from "./payouts.service.ts";
import {
  campaignSchema,
  campaignsListSchema,
  decideNominationSchema,
  fairnessListSchema,
  foldSchema,
  nominateSchema,
  nominationsListSchema,
  payoutSchema,
} from "#shared/contract/care.ts";
import { noContentSchema } from "#shared/contract/common.ts";
import { XLSX, fileResponse } from "#shared/contract/common.ts";

const tags = ["care"];

/** Welfare campaigns: budget, eligibility, allocations, nominations, payouts, imports, totals, fairness. */
export const campaignRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  app.get(
    "/api/care/campaigns",
    {
      schema: {
        response: { 200: campaignsListSchema },
        tags,
        summary: "Danh sách đợt hỗ trợ, chăm lo",
        querystring: pageQuery.extend({
          q: z.string().trim().max(200).optional(),
          purpose: z.enum(campaignPurposes).optional(),
          status: z.enum(["draft", "open", "closed"]).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (request) => {
      const { q, ...rest } = request.query;
      return listCampaigns(database, contextOf(request, "care:read"), { ...rest, q: q ? fold(q) : undefined });
    },
  );

  app.post(
    "/api/care/campaigns",
    { schema: { response: { 201: campaignSchema }, tags, summary: "Tạo đợt hỗ trợ", body: campaignBody } },
    async (request, reply) => {
      const campaign = await createCampaign(database, contextOf(request, "care:write"), request.body);
      return reply.status(201).send(campaign);
    },
  );

  app.get(
    "/api/care/campaigns/:id",
    { schema: { response: { 200: campaignSchema }, tags, summary: "Chi tiết đợt hỗ trợ, tổng hợp theo hình thức", params: idParams } },
    async (request) => getCampaign(database, contextOf(request, "care:read"), request.params.id),
  );

  app.patch(
    "/api/care/campaigns/:id",
    { schema: { response: { 200: campaignSchema }, tags, summary: "Sửa đợt hỗ trợ", params: idParams, body: campaignPatch } },
    async (request) => updateCampaign(database, contextOf(request, "care:write"), request.params.id, request.body),
  );

  app.get(
    "/api/care/campaigns/:id/payouts",
    {
      schema: {
        response: { 200: foldSchema },
        tags,
        summary: "Danh sách người đã nhận hỗ trợ trong đợt",
        params: idParams,
        querystring: pageQuery.extend({
          q: z.string().trim().max(200).optional(),
          kind: z.enum(payoutKinds).optional(),
          unionId: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (request) => {
      const { q, ...rest } = request.query;
      const query = q ? (/^\d{9,12}$/.test(q) ? q : fold(q)) : undefined;
      // The list names each worker: a person's name is read only by roles that read people.
      return listPayouts(database, contextOf(request, "care:read", "people:read"), request.params.id, { ...rest, q: query });
    },
  );

  app.post(
    "/api/care/campaigns/:id/payouts",
    {
      schema: {
        response: { 201: payoutSchema },
        tags,
        summary: "Ghi nhận một khoản hỗ trợ (mỗi người một lần trong một đợt)",
        params: idParams,
        body: payoutBody,
      },
    },
    async (request, reply) => {
      const result = await recordPayout(database, contextOf(request, "care:write"), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  app.delete(
    "/api/care/payouts/:id",
    { schema: { response: { 204: noContentSchema }, tags, summary: "Xóa khoản hỗ trợ ghi nhầm", params: idParams } },
    async (request, reply) => {
      await deletePayout(database, contextOf(request, "care:write"), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/care/payouts/import-template",
    { schema: { tags, summary: "Tải tệp mẫu danh sách người nhận hỗ trợ (.xlsx)", response: { 200: fileResponse(XLSX, "Tệp mẫu Excel") } } },
    async (request, reply) => {
      contextOf(request, "care:write");
      return reply
        .header("content-disposition", 'attachment; filename="mau-danh-sach-nhan-ho-tro.xlsx"')
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(await payoutTemplate());
    },
  );

  app.post(
    "/api/care/campaigns/:id/payouts/import",
    {
      schema: {
        tags,
        summary: "Nhập danh sách người nhận từ Excel/CSV (dryRun=true để kiểm tra trước)",
        description:
          "Tệp multipart `file` (.xlsx hoặc .csv) với các cột Họ và tên, Số CCCD, Ngày sinh, Công đoàn cơ sở, Hình thức, Số tiền, Ngày nhận. " +
          "Có lỗi ở bất kỳ dòng nào thì không ghi gì (tất cả hoặc không), trừ khi skipInvalid=true: ghi các dòng hợp lệ, bỏ qua dòng lỗi.",
        params: idParams,
        querystring: z.object({
          dryRun: z.enum(["true", "false", "1", "0"]).default("false"),
          skipInvalid: z.enum(["true", "false", "1", "0"]).default("false"),
        }),
        response: { 200: importReport },
      },
    },
    async (request) => {
      const ctx = contextOf(request, "care:write");
      if (!request.isMultipart()) throw new AppError("unsupported_media_type", 'Gửi tệp danh sách dạng multipart/form-data, trường "file"');
      const file = await request.file();
      if (!file) throw new AppError("import_unreadable", 'Chưa chọn tệp danh sách (trường "file")');
      // To a temporary file, then streamed: a 50 MB list is never one string in memory.
      const tmp = path.join(tmpdir(), `caunoi-payouts-${randomBytes(8).toString("hex")}`);
      try {
        await pipeline(file.file, createWriteStream(tmp));
        if (file.file.truncated) throw new AppError("payload_too_large", "Tệp vượt quá 100 MB");
        const rows = await readList(tmp, file.filename);
        const dryRun = request.query.dryRun === "true" || request.query.dryRun === "1";
        const skipInvalid = request.query.skipInvalid === "true" || request.query.skipInvalid === "1";
        return await importPayouts(database, ctx, request.params.id, rows, dryRun, { skipInvalid });
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    },
  );

  app.get(
    "/api/care/campaigns/:id/nominations",
    {
      schema: {
        response: { 200: nominationsListSchema },
        tags,
        summary: "Danh sách đề nghị của các công đoàn cơ sở",
        params: idParams,
        querystring: pageQuery.extend({ status: z.enum(decisionStatuses).optional() }),
      },
    },
    async (request) => listNominations(database, contextOf(request, "care:read", "people:read"), request.params.id, request.query),
  );

  app.post(
    "/api/care/campaigns/:id/nominations",
    { schema: { response: { 201: nominateSchema }, tags, summary: "Công đoàn cơ sở đề nghị hỗ trợ một người", params: idParams, body: nominationBody } },
    async (request, reply) => {
      const result = await nominate(database, contextOf(request, "care:write"), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/api/care/nominations/:id/decision",
    {
      schema: {
        response: { 200: decideNominationSchema },
        tags,
        summary: "Duyệt (ghi nhận khoản hỗ trợ) hoặc từ chối đề nghị",
        params: idParams,
        body: decisionBody,
      },
    },
    async (request) => decideNomination(database, contextOf(request, "care:write"), request.params.id, request.body),
  );

  app.get(
    "/api/care/fairness",
    {
      schema: {
        response: { 200: fairnessListSchema },
        tags,
        summary: "Đoàn viên khó khăn chưa được hỗ trợ trong N đợt gần nhất",
        querystring: pageQuery.extend({ n: z.coerce.number().int().min(1).max(20).default(3) }),
      },
    },
    async (request) => fairnessList(database, contextOf(request, "care:read", "people:read"), request.query),
  );
};
