import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";

/** The registry edited by hand from a person's page: the import's checks and the audit, one person at a time. */
let t: TestApp;
let city: TestCity;
let officer: Client;
let chairB: Client;
let entA: { id: number };
let unionA: { id: number };
let unionB: { id: number };

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

const pointers = (res: { json: () => { errors?: { pointer: string; message: string }[] } }) =>
  Object.fromEntries((res.json().errors ?? []).map((e) => [e.pointer, e.message]));

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { name: "Công ty TNHH Sửa Tay An Lạc" });
  const entB = await buildEnterprise(t.database, city, { name: "Công ty TNHH Sửa Tay Bình Minh" });
  unionA = await buildUnion(t.database, city, entA.id, "Công đoàn cơ sở Công ty TNHH Sửa Tay An Lạc");
  unionB = await buildUnion(t.database, city, entB.id, "Công đoàn cơ sở Công ty TNHH Sửa Tay Bình Minh");
  officer = await signedIn("officer", city.federation);
  chairB = await signedIn("union_officer", unionB.id);
});
afterAll(async () => t.close());

describe("adding one member by hand", () => {
  it("cleans and splits a whole name as the import does, and audits the creation", async () => {
    const res = await officer.post("/api/registry/people", {
      fullName: "  ÐỖ   THỊ  HỒNG NHUNG ",
      birthDate: "14/02/1998",
      gender: "female",
      phone: "0912 345 678",
      enterpriseId: entA.id,
      membership: { unionId: unionA.id, joinedOn: "01/03/2024" },
    });
    expect(res.statusCode).toBe(201);
    const person = res.json().person;
    expect(person).toMatchObject({ familyName: "Đỗ", middleName: "Thị Hồng", givenName: "Nhung", birthDate: "1998-02-14", phone: "0912345678" });
    expect(await auditCount(t.database, "create", "person", person.id)).toBe(1);
  });

  it("refuses digits in a name, an impossible or future birth date and a bad phone, each on its field", async () => {
    const digits = await officer.post("/api/registry/people", { fullName: "Nguyễn Văn 3", enterpriseId: entA.id });
    expect(digits.statusCode).toBe(400);
    expect(pointers(digits)["/body/fullName"]).toBe('Họ và tên có chữ số: "Nguyễn Văn 3"');
    const future = await officer.post("/api/registry/people", { fullName: "Lê Văn Tới", birthDate: addDays(vnToday(), 1), enterpriseId: entA.id });
    expect(future.statusCode).toBe(400);
    expect(pointers(future)["/body/birthDate"]).toMatch(/^Ngày không được sau hôm nay/);
    const impossible = await officer.post("/api/registry/people", { fullName: "Lê Văn Sai", birthDate: "31/02/1990", enterpriseId: entA.id });
    expect(impossible.statusCode).toBe(400);
    expect(Object.keys(pointers(impossible))).toContain("/body/birthDate");
    const noName = await officer.post("/api/registry/people", { enterpriseId: entA.id });
    expect(noName.statusCode).toBe(400);
    expect(pointers(noName)["/body/fullName"]).toBe("Nhập tên");
    const phone = await officer.post("/api/registry/people", { fullName: "Lê Văn Máy", phone: "12345", enterpriseId: entA.id });
    expect(phone.statusCode).toBe(400);
    expect(Object.keys(pointers(phone))).toContain("/body/phone");
  });
});

describe("correcting a person", () => {
  it("corrects the name, phone and birth date, with before and after in the audit log", async () => {
    const p = await buildPerson(t.database, { familyName: "Trần", givenName: "Sai", enterpriseId: entA.id, unionId: unionA.id });
    const before = await auditCount(t.database, "update", "person", p.id);
    const res = await officer.patch(`/api/registry/people/${p.id}`, { fullName: "TRẦN VĂN ĐÚNG", phone: "0987654321", birthDate: "2000-05-06" });
    expect(res.statusCode).toBe(200);
    expect(res.json().person).toMatchObject({ familyName: "Trần", middleName: "Văn", givenName: "Đúng", phone: "0987654321", birthDate: "2000-05-06" });
    expect(await auditCount(t.database, "update", "person", p.id)).toBe(before + 1);
    const bad = await officer.patch(`/api/registry/people/${p.id}`, { birthDate: "2999-01-01" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(pointers(bad))).toEqual(["/body/birthDate"]);
  });
});

describe("correcting a membership", () => {
  async function memberOf(unionId: number, joinedOn: string) {
    const p = await buildPerson(t.database, { givenName: "Sinh Hoạt", enterpriseId: entA.id, unionId, joinedOn });
    const [m] = await t.database.rows<{ id: number }>(sql`SELECT id FROM memberships WHERE person_id = ${p.id}`);
    return { personId: p.id, membershipId: m?.id ?? 0 };
  }

  it("moves a mistyped joining day and card number, keeps the interval, and audits it", async () => {
    const { personId, membershipId } = await memberOf(unionA.id, "2024-05-01");
    const res = await officer.patch(`/api/registry/people/${personId}/memberships/${membershipId}`, { validFrom: "01/04/2024", cardNo: "HP-123" });
    expect(res.statusCode).toBe(200);
    expect(res.json().timeline).toEqual([expect.objectContaining({ id: membershipId, validFrom: "2024-04-01", validTo: null, cardNo: "HP-123" })]);
    expect(await auditCount(t.database, "update", "membership", membershipId)).toBe(1);
  });

  it("refuses an overlap with another interval, an end on an open interval, a future start, and another union's member (404)", async () => {
    const { personId, membershipId } = await memberOf(unionA.id, "2023-01-01");
    const left = await officer.post(`/api/registry/people/${personId}/leave`, { date: "2023-06-30", reason: "left" });
    expect(left.statusCode).toBe(200);
    const rejoin = await officer.post(`/api/registry/people/${personId}/join`, { unionId: unionA.id, date: "2024-01-01" });
    expect(rejoin.statusCode).toBe(200);
    const overlap = await officer.patch(`/api/registry/people/${personId}/memberships/${membershipId}`, { validTo: "2024-02-01" });
    expect(overlap.statusCode).toBe(400);
    expect(pointers(overlap)["/body/validTo"]).toMatch(/^Trùng với quá trình sinh hoạt khác \(01\/01\/2024–nay\)/);
    const current = rejoin.json().timeline.at(-1).id as number;
    const openEnd = await officer.patch(`/api/registry/people/${personId}/memberships/${current}`, { validTo: "2024-03-01" });
    expect(pointers(openEnd)["/body/validTo"]).toMatch(/thôi sinh hoạt/);
    const future = await officer.patch(`/api/registry/people/${personId}/memberships/${current}`, { validFrom: addDays(vnToday(), 3) });
    expect(Object.keys(pointers(future))).toEqual(["/body/validFrom"]);
    const outside = await chairB.patch(`/api/registry/people/${personId}/memberships/${membershipId}`, { cardNo: "X" });
    expect(outside.statusCode).toBe(404);
    const [row] = await t.database.rows<{ validTo: string; cardNo: string | null }>(
      sql`SELECT valid_to AS "validTo", card_no AS "cardNo" FROM memberships WHERE id = ${membershipId}`,
    );
    expect(row).toEqual({ validTo: "2023-06-30", cardNo: null });
  });
});
