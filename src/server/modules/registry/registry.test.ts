import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser, uniqueTaxCode } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let officer: Client; // federation officer: whole city
let unionA: { id: number; name: string };
let unionB: { id: number; name: string };
let entA: { id: number; name: string; taxCode: string };
let entB: { id: number; name: string; taxCode: string };
let chairA: Client; // grassroots-union officer of union A
let repA: Client; // enterprise representative of enterprise A
let viewer: Client;

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { name: "Công ty TNHH May Hải Đăng", workforce: 120 });
  entB = await buildEnterprise(t.database, city, { name: "Công ty TNHH Điện tử Sông Cấm", workforce: 80 });
  unionA = await buildUnion(t.database, city, entA.id, "Công đoàn cơ sở Công ty TNHH May Hải Đăng");
  unionB = await buildUnion(t.database, city, entB.id, "Công đoàn cơ sở Công ty TNHH Điện tử Sông Cấm");
  officer = await signedIn("officer", city.federation);
  chairA = await signedIn("union_officer", unionA.id);
  repA = await signedIn("enterprise_rep", entA.id);
  viewer = await signedIn("viewer", city.federation);
});
afterAll(async () => t.close());

describe("enterprises", () => {
  it("refuses anonymous callers with 401", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/registry/enterprises" });
    expect(res.statusCode).toBe(401);
  });

  it("lists with server-side filter, sort and paging", async () => {
    const res = await officer.get("/api/registry/enterprises?q=hai%20dang&sort=workforce&dir=desc&pageSize=5");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: entA.id, unionId: unionA.id, workforceTotal: 120 });
    const byTax = await officer.get(`/api/registry/enterprises?q=${entB.taxCode.slice(0, 8)}`);
    expect(byTax.json().items.map((e: { id: number }) => e.id)).toContain(entB.id);
    const bad = await officer.get("/api/registry/enterprises?pageSize=1000");
    expect(bad.statusCode).toBe(400);
  });

  it("shows an enterprise with its union, members against workforce, agreement and labor reports", async () => {
    await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const res = await officer.get(`/api/registry/enterprises/${entA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: entA.id, union: { id: unionA.id }, workforceTotal: 120, agreement: null, laborReports: [] });
    expect(res.json().members).toBeGreaterThanOrEqual(1);
  });

  it("creates with a tax-code check-digit warning, not a refusal; refuses malformed and duplicate codes", async () => {
    const good = uniqueTaxCode();
    const wrongCheck = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    const res = await officer.post("/api/registry/enterprises", {
      taxCode: wrongCheck,
      name: "Công ty CP Thép Đình Vũ",
      ownership: "domestic_private",
      sector: "Luyện kim",
      zoneId: city.zoneId,
      workforceTotal: 40,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings[0]).toMatchObject({ field: "taxCode", code: "tax_check_digit" });
    expect(await auditCount(t.database, "create", "enterprise", res.json().enterprise.id)).toBe(1);
    const dup = await officer.post("/api/registry/enterprises", { taxCode: wrongCheck, name: "Khác", ownership: "fdi", sector: "May" });
    expect(dup.statusCode).toBe(409);
    const bad = await officer.post("/api/registry/enterprises", { taxCode: "12345", name: "Sai", ownership: "fdi", sector: "May" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toMatch(/10 chữ số/);
    const branch = await officer.post("/api/registry/enterprises", {
      taxCode: `${good}001`,
      name: "Chi nhánh Thép",
      ownership: "domestic_private",
      sector: "Luyện kim",
    });
    expect(branch.statusCode).toBe(201);
    expect(branch.json().enterprise.taxCode).toBe(`${good}-001`);
    expect(branch.json().warnings).toEqual([]);
  });

  it("updates and audits; women cannot exceed the workforce; nothing half-written on failure", async () => {
    const res = await officer.patch(`/api/registry/enterprises/${entB.id}`, { workforceTotal: 95, status: "suspended" });
    expect(res.statusCode).toBe(200);
    expect(res.json().enterprise).toMatchObject({ workforceTotal: 95, status: "suspended" });
    const bad = await officer.patch(`/api/registry/enterprises/${entB.id}`, { name: "Tên mới", workforceWomen: 500 });
    expect(bad.statusCode).toBe(400);
    const after = await officer.get(`/api/registry/enterprises/${entB.id}`);
    expect(after.json().name).toBe(entB.name);
  });

  it("scopes: a union officer sees only its enterprises, an enterprise rep only its own, 404 otherwise", async () => {
    expect((await chairA.get(`/api/registry/enterprises/${entA.id}`)).statusCode).toBe(200);
    expect((await chairA.get(`/api/registry/enterprises/${entB.id}`)).statusCode).toBe(404);
    expect((await repA.get(`/api/registry/enterprises/${entA.id}`)).statusCode).toBe(200);
    expect((await repA.get(`/api/registry/enterprises/${entB.id}`)).statusCode).toBe(404);
    const list = await repA.get("/api/registry/enterprises");
    expect(list.json().items.map((e: { id: number }) => e.id)).toEqual([entA.id]);
    expect((await chairA.patch(`/api/registry/enterprises/${entA.id}`, { workforceTotal: 1 })).statusCode).toBe(403);
    expect((await viewer.post("/api/registry/enterprises", { taxCode: uniqueTaxCode(), name: "X", ownership: "fdi", sector: "May" })).statusCode).toBe(403);
  });
});

describe("grassroots unions", () => {
  it("founds a union covering an enterprise; refuses an enterprise that already has one", async () => {
    const e = await buildEnterprise(t.database, city, { name: "Công ty TNHH Giày Thành Đạt" });
    const res = await officer.post("/api/registry/unions", {
      name: "Công đoàn cơ sở Giày Thành Đạt",
      enterpriseIds: [e.id],
      foundedOn: "15/03/2024",
      chairName: "Trần Văn Hùng",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ foundedOn: "2024-03-15", enterprises: 1, parentId: city.zoneUnion });
    const again = await officer.post("/api/registry/unions", { name: "Trùng", enterpriseIds: [e.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("enterprise_has_union");
    const detail = await officer.get(`/api/registry/unions/${res.json().id}`);
    expect(detail.json().coveredEnterprises[0]).toMatchObject({ id: e.id });
    const upd = await officer.patch(`/api/registry/unions/${res.json().id}`, { chairName: "Lê Thị Mai" });
    expect(upd.json().chairName).toBe("Lê Thị Mai");
  });

  it("scopes: union A's officer gets 404 for union B; an enterprise rep sees no unions", async () => {
    expect((await chairA.get(`/api/registry/unions/${unionA.id}`)).statusCode).toBe(200);
    expect((await chairA.get(`/api/registry/unions/${unionB.id}`)).statusCode).toBe(404);
    expect((await chairA.get("/api/registry/unions")).json().items.map((u: { id: number }) => u.id)).toEqual([unionA.id]);
    expect((await repA.get(`/api/registry/unions/${unionA.id}`)).statusCode).toBe(404);
    expect((await repA.get("/api/registry/unions")).json().total).toBe(0);
  });
});

describe("people and memberships", () => {
  it("creates a person with citizen-ID warnings, masks IDs for viewers, audits every read", async () => {
    const res = await officer.post("/api/registry/people", {
      citizenId: "031090123456", // male (digit 0), born 1990
      familyName: "Nguyễn",
      middleName: "Thị",
      givenName: "Hoa",
      birthDate: "12/05/1992",
      gender: "female",
      phone: "+84 912 345 678",
      enterpriseId: entA.id,
      membership: { unionId: unionA.id, joinedOn: "2020-01-01" },
    });
    expect(res.statusCode).toBe(201);
    const codes = res
      .json()
      .warnings.map((w: { code: string }) => w.code)
      .sort();
    expect(codes).toEqual(["citizen_id_birth_year", "citizen_id_gender"]);
    const id = res.json().person.id;
    expect(res.json().person.phone).toBe("0912345678");
    const before = await auditCount(t.database, "read", "person", id);
    const detail = await officer.get(`/api/registry/people/${id}`);
    expect(detail.json()).toMatchObject({ citizenId: "031090123456", unionId: unionA.id, timeline: [{ unionId: unionA.id, validFrom: "2020-01-01" }] });
    expect(await auditCount(t.database, "read", "person", id)).toBe(before + 1);
    const masked = await viewer.get(`/api/registry/people/${id}`);
    // One masking rule (issue #15.5): the last two digits only, phones too.
    expect(masked.json().citizenId).toBe("**********56");
    expect(masked.json().phone).toBe("********78");
    const dup = await officer.post("/api/registry/people", { citizenId: "031090123456", givenName: "Lan", enterpriseId: entA.id });
    expect(dup.statusCode).toBe(409);
    const badPhone = await officer.post("/api/registry/people", { givenName: "Lan", phone: "12", enterpriseId: entA.id });
    expect(badPhone.statusCode).toBe(400);
  });

  it("sorts people the Vietnamese way: given name, family name, middle name", async () => {
    const e = await buildEnterprise(t.database, city);
    await buildPerson(t.database, { enterpriseId: e.id, familyName: "Trần", middleName: "Văn", givenName: "Bình" });
    await buildPerson(t.database, { enterpriseId: e.id, familyName: "Lê", middleName: "Thị", givenName: "Anh" });
    await buildPerson(t.database, { enterpriseId: e.id, familyName: "Nguyễn", middleName: "Văn", givenName: "Ánh" });
    await buildPerson(t.database, { enterpriseId: e.id, familyName: "Đỗ", middleName: "Văn", givenName: "Bình" });
    await buildPerson(t.database, { enterpriseId: e.id, familyName: "Dương", middleName: "Văn", givenName: "Bình" });
    const res = await officer.get(`/api/registry/people?enterpriseId=${e.id}&sort=name`);
    expect(res.json().items.map((p: { fullName: string }) => p.fullName)).toEqual([
      "Lê Thị Anh",
      "Nguyễn Văn Ánh",
      "Dương Văn Bình",
      "Đỗ Văn Bình",
      "Trần Văn Bình",
    ]);
  });

  it("joins, transfers in one step, leaves with a reason, rejoins — and past counts do not move", async () => {
    const p = await buildPerson(t.database, { enterpriseId: entA.id });
    const base = `/api/registry/people/${p.id}`;
    const countA = async (asOf: string) => (await officer.get(`/api/registry/members/count?asOf=${asOf}&unionId=${unionA.id}`)).json().members as number;
    const before2021 = await countA("2021-06-30");
    expect((await officer.post(`${base}/join`, { unionId: unionA.id, date: "2021-01-10" })).statusCode).toBe(200);
    expect(await countA("2021-06-30")).toBe(before2021 + 1);
    const again = await officer.post(`${base}/join`, { unionId: unionB.id, date: "2022-01-10" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("membership_open");
    const tr = await officer.post(`${base}/transfer`, { unionId: unionB.id, date: "2023-03-01" });
    expect(tr.statusCode).toBe(200);
    expect(tr.json().timeline).toMatchObject([
      { unionId: unionA.id, validFrom: "2021-01-10", validTo: "2023-02-28", endReason: "transfer" },
      { unionId: unionB.id, validFrom: "2023-03-01", validTo: null, startReason: "transfer" },
    ]);
    expect(await countA("2021-06-30")).toBe(before2021 + 1);
    const lv = await officer.post(`${base}/leave`, { date: "2024-06-30", reason: "left", note: "Nghỉ việc" });
    expect(lv.json().timeline[1]).toMatchObject({ validTo: "2024-06-30", endReason: "left", endNote: "Nghỉ việc" });
    expect((await officer.post(`${base}/leave`, { date: "2024-07-30", reason: "left" })).json().code).toBe("no_open_membership");
    const early = await officer.post(`${base}/join`, { unionId: unionA.id, date: "2024-06-01" });
    expect(early.statusCode).toBe(400);
    const rj = await officer.post(`${base}/join`, { unionId: unionA.id, date: "01/09/2024" });
    expect(rj.json().timeline[2]).toMatchObject({ unionId: unionA.id, startReason: "rejoin", validFrom: "2024-09-01" });
    const bad = await officer.post(`${base}/leave`, { date: "31/02/2025", reason: "left" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toMatch(/Ngày không hợp lệ/);
    // The database refuses a second open interval even if a service forgot to check.
    await expect(
      t.database.rows(sql`INSERT INTO memberships (person_id, union_id, valid_from) VALUES (${p.id}, ${unionB.id}, '2025-01-01')`),
    ).rejects.toThrow();
  });

  it("counts members as of a date per zone and for the city", async () => {
    const city1 = (await officer.get("/api/registry/members/count?asOf=2025-12-31")).json();
    const zone1 = (await officer.get(`/api/registry/members/count?asOf=2025-12-31&zoneId=${city.zoneId}`)).json();
    expect(city1.level).toBe("city");
    expect(zone1.level).toBe("zone");
    expect(city1.members).toBeGreaterThanOrEqual(zone1.members);
    expect(zone1.members).toBeGreaterThan(0);
    expect((await chairA.get(`/api/registry/members/count?asOf=2025-12-31&unionId=${unionB.id}`)).statusCode).toBe(404);
  });

  it("scopes people: union A's officer gets 404 for union B's member and cannot move them; enterprise reps see no one", async () => {
    const pb = await buildPerson(t.database, { enterpriseId: entB.id, unionId: unionB.id });
    const pa = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    expect((await chairA.get(`/api/registry/people/${pb.id}`)).statusCode).toBe(404);
    expect((await chairA.get(`/api/registry/people/${pa.id}`)).statusCode).toBe(200);
    expect((await chairA.patch(`/api/registry/people/${pb.id}`, { hometown: "Nam Định" })).statusCode).toBe(404);
    expect((await chairA.post(`/api/registry/people/${pb.id}/leave`, { date: "2025-01-01", reason: "left" })).statusCode).toBe(404);
    expect((await chairA.post(`/api/registry/people/${pa.id}/transfer`, { unionId: unionB.id, date: "2025-01-01" })).statusCode).toBe(400);
    const list = await chairA.get("/api/registry/people?pageSize=200");
    expect(list.json().items.every((p: { unionId: number | null; enterpriseId: number | null }) => p.unionId === unionA.id || p.enterpriseId === entA.id)).toBe(
      true,
    );
    expect((await repA.get(`/api/registry/people/${pa.id}`)).statusCode).toBe(403);
  });
});

describe("search", () => {
  it("finds people, enterprises and unions without diacritics, exact diacritics first, IDs masked for viewers", async () => {
    const e = await buildEnterprise(t.database, city, { name: "Công ty TNHH Cơ khí Đức Thịnh" });
    const exact = await buildPerson(t.database, { enterpriseId: e.id, familyName: "Đặng", middleName: "Văn", givenName: "Đức", phone: "0987001122" });
    const near = await buildPerson(t.database, { enterpriseId: e.id, familyName: "Đặng", middleName: "Văn", givenName: "Dục" });
    const res = await officer.get(`/api/search?q=${encodeURIComponent("đặng văn đức")}`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().people.map((p: { id: number }) => p.id);
    expect(ids.indexOf(exact.id)).toBeGreaterThanOrEqual(0);
    const plain = await officer.get("/api/search?q=dang%20van%20d");
    const plainIds = plain.json().people.map((p: { id: number }) => p.id);
    expect(plainIds).toContain(exact.id);
    expect(plainIds).toContain(near.id);
    const ranked = (await officer.get(`/api/search?q=${encodeURIComponent("Văn Dục")}`)).json().people.map((p: { id: number }) => p.id);
    expect(ranked[0]).toBe(near.id);
    const byPhone = await officer.get("/api/search?q=0987%20001");
    expect(byPhone.json().people.map((p: { id: number }) => p.id)).toContain(exact.id);
    const byCid = await viewer.get(`/api/search?q=${exact.citizenId}`);
    expect(byCid.json().people[0].citizenId).toBe(`**********${exact.citizenId.slice(-2)}`);
    const ent = await officer.get("/api/search?q=co%20khi%20duc%20thinh");
    expect(ent.json().enterprises[0].id).toBe(e.id);
    const un = await officer.get("/api/search?q=song%20cam");
    expect(un.json().unions.map((u: { id: number }) => u.id)).toContain(unionB.id);
    expect((await officer.get("/api/search?q=")).statusCode).toBe(400);
  });

  it("is scoped to the caller", async () => {
    const mine = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id, familyName: "Khổng", middleName: "Thị", givenName: "Quyên" });
    const theirs = await buildPerson(t.database, { enterpriseId: entB.id, unionId: unionB.id, familyName: "Khổng", middleName: "Thị", givenName: "Quyên" });
    for (const q of ["khong thi quyen", "Thị Quyên", "quy"]) {
      const found = (await chairA.get(`/api/search?q=${encodeURIComponent(q)}`)).json().people.map((p: { id: number }) => p.id);
      expect(found).toContain(mine.id);
      expect(found).not.toContain(theirs.id);
    }
    // The city sees both; "quy" is the start of a later word only (the unindexed fallback).
    const partial = (await officer.get("/api/search?q=quy")).json().people.map((p: { id: number }) => p.id);
    expect(partial).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const res = await chairA.get("/api/search?q=song%20cam");
    expect(res.json()).toMatchObject({ enterprises: [], unions: [] });
    const rep = await repA.get("/api/search?q=cong%20ty");
    expect(rep.json().people).toEqual([]);
    expect(rep.json().unions).toEqual([]);
    expect(rep.json().enterprises.map((e: { id: number }) => e.id)).toEqual([entA.id]);
  });
});

describe("zones", () => {
  it("lists zones with the minimum-wage region of their commune", async () => {
    const res = await officer.get("/api/registry/zones");
    expect(res.json().find((z: { id: number }) => z.id === city.zoneId)).toMatchObject({ commune: "An Dương", wageRegion: 1 });
    void buildBody;
  });
});
