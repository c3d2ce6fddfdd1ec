import { describe, expect, it } from "vitest";
import { answerSerializerCompiler, fastAnswer } from "#server/http/serialize.ts";
import { personPageSchema } from "#shared/contract/registry.ts";

const person = {
  id: 7,
  citizenId: "031095001234",
  legacyId: null,
  familyName: "Nguyễn",
  middleName: "Thị",
  givenName: "Lan",
  fullName: "Nguyễn Thị Lan",
  birthDate: "1995-03-02",
  gender: "female" as const,
  ethnicity: null,
  phone: "0912345678",
  hometown: "Thái Bình",
  enterpriseId: 3,
  enterpriseName: 'Công ty TNHH "Ánh Dương"',
  unionId: 4,
  unionName: null,
  cardNo: null,
  joinedOn: "2020-01-01",
};
const page = { total: 1, page: 1, pageSize: 50, items: [{ ...person, namePath: "/secret", internalNote: "không được lộ" }] };
const compile = (schema: typeof personPageSchema) =>
  answerSerializerCompiler({ schema, method: "GET", url: "/api/registry/people", httpStatus: "200" }) as (data: unknown) => string;

describe("answer serializers", () => {
  it("the fast writer of a large answer gives the same JSON as zod's, and drops what the schema lacks", () => {
    const viaZod = compile(personPageSchema.extend({}))(page);
    const viaFast = compile(fastAnswer(personPageSchema))(page);
    expect(JSON.parse(viaFast)).toEqual(JSON.parse(viaZod));
    expect(JSON.parse(viaFast)).toEqual({ total: 1, page: 1, pageSize: 50, items: [person] });
    expect(viaFast).not.toContain("không được lộ");
  });
});
