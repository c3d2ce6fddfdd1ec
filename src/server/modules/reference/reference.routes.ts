import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { lookupMinimumWage, regionUnknownError } from "#server/modules/relations/index.ts";
import { statutoryHolidays, tetDay } from "#shared/lunar.ts";
import { parseDate } from "#shared/text.ts";
import { deadlineKinds } from "./deadlines.ts";
import { addUnionRate, unionRatesAt } from "./union-rates.service.ts";
import { unionRateListSchema, minimumWageReferenceSchema, deadlineKindListSchema, holidayYearSchema, unionRatesAtSchema } from "#shared/contract/reference.ts";

const tags = ["Tham chiếu pháp lý"];

const dateParam = z
  .string({ error: "Nhập ngày (yyyy-mm-dd)" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-mm-dd")
  .refine((s) => parseDate(s) !== null, "Ngày không có thật trên lịch");

export const minimumWageReferenceQuery = z.object({
  date: dateParam,
  province: z.string({ error: "Nhập tỉnh/thành phố" }).trim().min(1, "Nhập tỉnh/thành phố").max(200, "Tối đa 200 ký tự"),
  commune: z.string({ error: "Nhập phường/xã/đặc khu" }).trim().min(1, "Nhập phường/xã/đặc khu").max(200, "Tối đa 200 ký tự"),
});

/**
 * Legal reference data as of a date, for every signed-in user: the regional minimum wage of a
 * place (region, monthly and hourly floor, decree, effective date). A place no decree lists answers
 * 422 region_unknown naming the field that did not match — never a guessed region.
 */
export const referenceRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  app.get(
    "/api/reference/minimum-wage",
    {
      schema: {
        response: { 200: minimumWageReferenceSchema },
        tags,
        summary: "Lương tối thiểu vùng của một địa bàn vào một ngày",
        querystring: minimumWageReferenceQuery,
      },
    },
    async (request) => {
      contextOf(request);
      const q = request.query;
      const r = await lookupMinimumWage(database, { province: q.province, commune: q.commune }, q.date);
      if (!r.known) throw regionUnknownError(r.unknown);
      const m = r.minimum;
      return {
        date: q.date,
        province: q.province,
        commune: q.commune,
        region: m.region,
        monthly: m.monthly,
        hourly: m.hourly,
        decree: m.decree,
        effectiveFrom: m.effectiveFrom,
        effectiveTo: m.effectiveTo,
        source: m.source,
        regionBasis: m.regionBasis,
      };
    },
  );

  app.get(
    "/api/reference/union-rates",
    {
      schema: {
        response: { 200: unionRatesAtSchema },
        tags,
        summary: "Mức đoàn phí, kinh phí công đoàn và lương cơ sở áp dụng vào một ngày",
        querystring: z.object({
          date: dateParam,
          salary: z.coerce.number({ error: "Tiền lương phải là số" }).int("Tiền lương là số nguyên (đồng)").positive("Tiền lương phải lớn hơn 0").optional(),
        }),
      },
    },
    async (request) => {
      contextOf(request);
      return unionRatesAt(database, request.query.date, request.query.salary);
    },
  );

  app.post(
    "/api/reference/union-rates",
    {
      schema: {
        response: { 201: unionRateListSchema },
        tags,
        summary: "Thêm mức đoàn phí, kinh phí công đoàn hoặc lương cơ sở mới (có hiệu lực từ một ngày)",
        body: z
          .object({
            kind: z.enum(["union_dues", "union_fee", "base_salary"], "Loại phải là: đoàn phí, kinh phí công đoàn hoặc lương cơ sở"),
            rate: z.number().positive("Tỷ lệ phải lớn hơn 0").max(0.2, "Tỷ lệ tối đa 20%").optional(),
            amount: z.number().int().positive("Số tiền phải lớn hơn 0").optional(),
            capShareOfBaseSalary: z.number().positive().max(1).nullable().optional(),
            effectiveFrom: dateParam,
            effectiveTo: dateParam.nullable().default(null),
            source: z.string().trim().min(5, "Nêu văn bản quy định (số, ngày, điều khoản)").max(2000),
          })
          .refine((v) => (v.kind === "base_salary" ? v.amount !== undefined : v.rate !== undefined), {
            message: "Nhập tỷ lệ (đoàn phí, kinh phí) hoặc số tiền (lương cơ sở)",
            path: ["rate"],
          }),
      },
    },
    async (request, reply) => reply.status(201).send(await addUnionRate(database, contextOf(request, "admin:settings"), request.body)),
  );

  app.get(
    "/api/reference/deadlines",
    { schema: { response: { 200: deadlineKindListSchema }, tags, summary: "Các loại thời hạn và căn cứ pháp lý" } },
    async (request) => {
      contextOf(request);
      return deadlineKinds;
    },
  );

  app.get(
    "/api/reference/holidays",
    {
      schema: {
        response: { 200: holidayYearSchema },
        tags,
        summary: "Ngày nghỉ lễ, Tết theo luật của một năm (tính theo âm lịch)",
        querystring: z.object({
          year: z.coerce.number({ error: "Năm phải là số" }).int("Năm phải là số nguyên").min(2020, "Từ năm 2020").max(2100, "Đến năm 2100"),
        }),
      },
    },
    async (request) => {
      contextOf(request);
      const y = request.query.year;
      return { year: y, tet: tetDay(y), basis: "Điều 111 khoản 3, Điều 112 Bộ luật Lao động 2019", days: statutoryHolidays(y) };
    },
  );
};
