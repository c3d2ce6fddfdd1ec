/**
 * How long the answer serializers take on a large answer: zod's encode (every answer) against
 * fast-json-stringify (answers marked `fastAnswer`, src/server/http/serialize.ts). Prints ms per answer.
 * Run: npx tsx bench/serialize.ts
 */
import { answerSerializerCompiler, fastAnswer } from "#server/http/serialize.ts";
import { z } from "zod";
import { personPageSchema } from "#shared/contract/registry.ts";
import { requestSummarySchema } from "#shared/contract/voice.ts";

const person = (i: number) => ({
  id: i,
  citizenId: `0310950${String(i).padStart(5, "0")}`,
  legacyId: null,
  familyName: "Nguyễn",
  middleName: "Thị",
  givenName: "Lan",
  fullName: "Nguyễn Thị Lan",
  birthDate: "1995-03-02",
  gender: "female" as const,
  ethnicity: "Kinh",
  phone: "0912345678",
  hometown: "Thái Bình",
  enterpriseId: 3,
  enterpriseName: "Công ty TNHH Ánh Dương",
  unionId: 4,
  unionName: "Công đoàn cơ sở Công ty TNHH Ánh Dương",
  cardNo: `CD${i}`,
  joinedOn: "2020-01-01",
});
const page = { total: 50_000, page: 1, pageSize: 200, items: Array.from({ length: 200 }, (_, i) => person(i)) };
const request = (i: number) => ({
  ...{ id: i, code: `YC-2026-${i}`, kind: "complaint", topic: "wages", channel: "web", requesterKind: "worker", title: "Chậm trả lương tháng 11" },
  ...{ status: "received", enterpriseId: 3, enterpriseName: "Công ty TNHH Ánh Dương", zoneId: 1, zoneName: "KCN Đình Vũ", responsibleBodyId: 2 },
  ...{ responsibleBodyName: "Công đoàn KKT", assignedUserId: null, assignedUserName: null, anonymous: false, collective: false, signatoryCount: null },
  ...{ receivedAt: "2026-11-02T08:00:00+07:00", deadline: "2026-11-20", overdue: false, dueSoon: true, answerStatus: "none", escalated: false, rating: null },
});
const requests = { total: 5000, items: Array.from({ length: 200 }, (_, i) => request(i)) };
const requestPageSchema = z.object({ total: z.number(), items: z.array(requestSummarySchema) });
const compile = (schema: z.ZodType) => answerSerializerCompiler({ schema, method: "GET", url: "/api", httpStatus: "200" }) as (data: unknown) => string;

function time(label: string, write: (data: unknown) => string, data: unknown = page, n = 200) {
  for (let i = 0; i < 20; i++) write(data);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) write(data);
  console.log(`${label.padEnd(36)} ${((performance.now() - t0) / n).toFixed(2)} ms`);
}
console.log("a page of 200 people (GET /api/registry/people?pageSize=200)");
time("JSON.stringify (no contract)", (d) => JSON.stringify(d));
time("zod encode + JSON.stringify", compile(personPageSchema.extend({})));
time("fast-json-stringify (fastAnswer)", compile(fastAnswer(personPageSchema)));
console.log("a page of 200 workers' requests (enums: kind, topic, channel, status, answer status)");
time("JSON.stringify (no contract)", (d) => JSON.stringify(d), requests);
time("zod encode + JSON.stringify", compile(requestPageSchema.extend({})), requests);
time("fast-json-stringify (fastAnswer)", compile(fastAnswer(requestPageSchema)), requests);
