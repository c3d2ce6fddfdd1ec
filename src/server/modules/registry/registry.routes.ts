import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "#server/http/deps.ts";
import { contextOf } from "#server/http/context.ts";
import { readFor } from "#server/http/reads.ts";
import { fastAnswer } from "#server/http/serialize.ts";
import { createEnterprise, getEnterprise, listEnterprises, listZones, updateEnterprise } from "./enterprises.service.ts";
import { correctMembership, join, leave, membersAsOf, transfer } from "./memberships.service.ts";
import { createPerson, getPerson, listPeople, timelineOf, getPersonRow, updatePerson } from "./people.service.ts";
import {
  enterpriseCreateBody,
  enterpriseListQuery,
  enterpriseUpdateBody,
  idParams,
  joinBody,
  leaveBody,
  membershipCorrectionBody,
  membershipParams,
  memberCountQuery,
  peopleListQuery,
  personCreateBody,
  personUpdateBody,
  searchQuery,
  transferBody,
  unionCreateBody,
  unionListQuery,
  unionUpdateBody,
} from "./registry.schema.ts";
import { search } from "./search.service.ts";
import { createUnion, getUnion, listUnions, updateUnion } from "./unions.service.ts";
import {
  enterpriseDetailSchema,
  enterprisePageSchema,
  enterpriseSavedSchema,
  membersAsOfSchema,
  membershipChangeSchema,
  personDetailSchema,
  personPageSchema,
  personSavedSchema,
  searchSchema,
  timelineSchema,
  unionDetailSchema,
  unionPageSchema,
  unionRowSchema,
  zoneListSchema,
} from "#shared/contract/registry.ts";

/** Zones, enterprises, grassroots unions, people, memberships and the one search box. */
export const registryRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (fastify, { deps }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ["registry"];

  app.get(
    "/api/registry/zones",
    { schema: { tags, summary: "Khu công nghiệp, khu kinh tế, cụm công nghiệp", response: { 200: zoneListSchema } } },
    async (request) => listZones(database, contextOf(request, "registry:read")),
  );

  app.get(
    "/api/registry/enterprises",
    { schema: { response: { 200: fastAnswer(enterprisePageSchema) }, tags, summary: "Danh sách doanh nghiệp", querystring: enterpriseListQuery } },
    async (request) => listEnterprises(database, contextOf(request, "registry:read"), request.query),
  );
  app.get(
    "/api/registry/enterprises/:id",
    { schema: { tags, summary: "Hồ sơ doanh nghiệp", params: idParams, response: { 200: enterpriseDetailSchema } } },
    async (request) => getEnterprise(database, contextOf(request, "registry:read"), request.params.id),
  );
  app.post(
    "/api/registry/enterprises",
    { schema: { response: { 201: enterpriseSavedSchema }, tags, summary: "Thêm doanh nghiệp", body: enterpriseCreateBody } },
    async (request, reply) => reply.status(201).send(await createEnterprise(database, contextOf(request, "registry:write"), request.body)),
  );
  app.patch(
    "/api/registry/enterprises/:id",
    { schema: { response: { 200: enterpriseSavedSchema }, tags, summary: "Sửa hồ sơ doanh nghiệp", params: idParams, body: enterpriseUpdateBody } },
    async (request) => updateEnterprise(database, contextOf(request, "registry:write"), request.params.id, request.body),
  );

  app.get(
    "/api/registry/unions",
    { schema: { response: { 200: fastAnswer(unionPageSchema) }, tags, summary: "Danh sách công đoàn cơ sở", querystring: unionListQuery } },
    async (request) => listUnions(database, contextOf(request, "registry:read"), request.query),
  );
  app.get(
    "/api/registry/unions/:id",
    { schema: { tags, summary: "Hồ sơ công đoàn cơ sở", params: idParams, response: { 200: unionDetailSchema } } },
    async (request) => getUnion(database, contextOf(request, "registry:read"), request.params.id),
  );
  app.post(
    "/api/registry/unions",
    { schema: { response: { 201: unionRowSchema }, tags, summary: "Thành lập công đoàn cơ sở", body: unionCreateBody } },
    async (request, reply) => reply.status(201).send(await createUnion(database, contextOf(request, "registry:write"), request.body)),
  );
  app.patch(
    "/api/registry/unions/:id",
    { schema: { response: { 200: unionRowSchema }, tags, summary: "Sửa hồ sơ công đoàn cơ sở", params: idParams, body: unionUpdateBody } },
    async (request) => updateUnion(database, contextOf(request, "registry:write"), request.params.id, request.body),
  );

  app.get(
    "/api/registry/people",
    { schema: { response: { 200: fastAnswer(personPageSchema) }, tags, summary: "Danh sách người lao động, đoàn viên", querystring: peopleListQuery } },
    async (request) => listPeople(database, contextOf(request, "people:read"), request.query),
  );
  app.get(
    "/api/registry/people/:id",
    { schema: { response: { 200: personDetailSchema }, tags, summary: "Hồ sơ một người (mỗi lần xem được ghi nhật ký)", params: idParams } },
    async (request) => getPerson(database, contextOf(request, "people:read"), request.params.id),
  );
  app.get(
    "/api/registry/people/:id/timeline",
    { schema: { response: { 200: timelineSchema }, tags, summary: "Quá trình sinh hoạt công đoàn", params: idParams } },
    async (request) => {
      const ctx = contextOf(request, "people:read");
      await getPersonRow(database, ctx, request.params.id);
      return timelineOf(database, request.params.id);
    },
  );
  app.post(
    "/api/registry/people",
    { schema: { response: { 201: personSavedSchema }, tags, summary: "Thêm người lao động", body: personCreateBody } },
    async (request, reply) => reply.status(201).send(await createPerson(database, contextOf(request, "people:write"), request.body)),
  );
  app.patch(
    "/api/registry/people/:id",
    { schema: { response: { 200: personSavedSchema }, tags, summary: "Sửa hồ sơ người lao động", params: idParams, body: personUpdateBody } },
    async (request) => updatePerson(database, contextOf(request, "people:write"), request.params.id, request.body),
  );
  app.post(
    "/api/registry/people/:id/join",
    { schema: { response: { 200: membershipChangeSchema }, tags, summary: "Kết nạp / kết nạp lại vào công đoàn", params: idParams, body: joinBody } },
    async (request) => join(database, contextOf(request, "people:write"), request.params.id, request.body),
  );
  app.post(
    "/api/registry/people/:id/transfer",
    { schema: { response: { 200: membershipChangeSchema }, tags, summary: "Chuyển sinh hoạt công đoàn", params: idParams, body: transferBody } },
    async (request) => transfer(database, contextOf(request, "people:write"), request.params.id, request.body),
  );
  app.post(
    "/api/registry/people/:id/leave",
    { schema: { response: { 200: membershipChangeSchema }, tags, summary: "Thôi sinh hoạt công đoàn", params: idParams, body: leaveBody } },
    async (request) => leave(database, contextOf(request, "people:write"), request.params.id, request.body),
  );
  app.patch(
    "/api/registry/people/:id/memberships/:membershipId",
    {
      schema: {
        response: { 200: membershipChangeSchema },
        tags,
        summary: "Sửa một quá trình sinh hoạt ghi nhầm (ngày vào, ngày thôi, số thẻ)",
        params: membershipParams,
        body: membershipCorrectionBody,
      },
    },
    async (request) => correctMembership(database, contextOf(request, "people:write"), request.params.id, request.params.membershipId, request.body),
  );
  app.get(
    "/api/registry/members/count",
    { schema: { response: { 200: membersAsOfSchema }, tags, summary: "Số đoàn viên tại một ngày", querystring: memberCountQuery } },
    async (request) => membersAsOf(database, contextOf(request, "registry:read"), request.query),
  );

  app.get(
    "/api/search",
    { schema: { response: { 200: searchSchema }, tags, summary: "Tìm người, doanh nghiệp, công đoàn", querystring: searchQuery } },
    async (request) => {
      const ctx = contextOf(request, "registry:read");
      return readFor(deps, request, (reader) => search(reader, ctx, request.query.q, request.query.limit));
    },
  );
};
