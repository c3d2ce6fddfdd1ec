import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { enterpriseHomeResponse } from "#shared/contract/eheza.ts";
import { enterpriseHome } from "./home.service.ts";

/** The answer (closed at every level) is the contract shared with the web (src/shared/contract/eheza.ts). */
export { enterpriseHomeResponse };

/** The enterprise side's landing page: its own compliance picture and its union's contact. */
export const enterpriseHomeRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  app.get(
    "/api/enterprise/home",
    {
      schema: {
        tags: ["enterprise-accounts"],
        summary: "Tình hình tuân thủ của doanh nghiệp tôi và liên hệ công đoàn",
        description: "Chỉ dữ liệu của chính doanh nghiệp: không có thông tin nhận diện người lao động, không có điểm cảnh báo sớm.",
        response: { 200: enterpriseHomeResponse },
      },
    },
    async (request) => enterpriseHome(database, contextOf(request, "enterprise:self")),
  );
};
