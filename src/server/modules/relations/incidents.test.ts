import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUnion, buildUser, buildZone } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let enterprise: { id: number; name: string };
let otherZoneEnterprise: { id: number };

const login = async (role: Parameters<typeof buildUser>[1], bodyId: number) => {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  expect((await c.login(u.username, u.password)).statusCode).toBe(200);
  return c;
};

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  enterprise = await buildEnterprise(t.database, city, { name: "Công ty TNHH Giày Đông Á" });
  const otherZoneUnion = await buildBody(t.database, "zone_union", city.federation);
  const otherZone = await buildZone(t.database, otherZoneUnion.id);
  otherZoneEnterprise = await buildEnterprise(t.database, city, { zoneId: otherZone });
  officer = await login("officer", city.authority);
});
afterAll(async () => t.close());

const valid = () => ({
  enterpriseId: enterprise.id,
  kind: "work_stoppage",
  title: "Ngừng việc tập thể đòi tăng lương",
  startedOn: "2026-09-10",
  workersAffected: 820,
  amountOwed: 0,
  demands: "Tăng lương cơ bản, trả phụ cấp chuyên cần",
  bodyIds: [city.zoneUnion, city.authority],
});

describe("incidents", () => {
  it("records an incident with its bodies, lists it, adds actions, resolves it, and shows it on the timeline", async () => {
    const res = await officer.post("/api/relations/incidents", valid());
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({ enterpriseId: enterprise.id, kind: "work_stoppage", workersAffected: 820, status: "open" });
    expect(incident.bodies.map((b: { id: number }) => b.id).sort()).toEqual([city.zoneUnion, city.authority].sort());
    expect(await auditCount(t.database, "create", "relations_incident", incident.id)).toBe(1);

    const act = await officer.post(`/api/relations/incidents/${incident.id}/actions`, {
      actedOn: "2026-09-11",
      bodyId: city.zoneUnion,
      note: "Công đoàn KKT đối thoại với chủ doanh nghiệp",
    });
    expect(act.statusCode).toBe(201);
    expect(act.json().status).toBe("in_progress");
    expect(act.json().actions).toHaveLength(1);

    const done = await officer.patch(`/api/relations/incidents/${incident.id}`, { status: "resolved", resolution: "Doanh nghiệp tăng lương 6% từ tháng 10" });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe("resolved");
    expect(done.json().endedOn).not.toBeNull();

    const list = await officer.get(`/api/relations/incidents?enterpriseId=${enterprise.id}&kind=work_stoppage&q=dong a`);
    expect(list.json().total).toBe(1);
    const timeline = await officer.get(`/api/relations/enterprises/${enterprise.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const types = timeline.json().events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(["incident", "incident_action", "incident_end"]));
  });

  it("refuses anonymous callers (401), roles without the permission (403) and read-only roles on writes (403)", async () => {
    const anon = await t.app.inject({ method: "GET", url: "/api/relations/incidents" });
    expect(anon.statusCode).toBe(401);
    const rep = await login("enterprise_rep", enterprise.id);
    expect((await rep.get("/api/relations/incidents")).statusCode).toBe(403);
    const viewer = await login("viewer", city.federation);
    expect((await viewer.get("/api/relations/incidents")).statusCode).toBe(200);
    expect((await viewer.post("/api/relations/incidents", valid())).statusCode).toBe(403);
    const mmc = await login("officer", city.mmc);
    expect((await mmc.post("/api/relations/incidents", valid())).statusCode).toBe(403);
  });

  it("answers 404 for an incident outside the caller's scope, and does not let them write to it", async () => {
    const res = await officer.post("/api/relations/incidents", { ...valid(), enterpriseId: otherZoneEnterprise.id, kind: "wage_arrears", arrearsMonths: 2 });
    expect(res.statusCode).toBe(201);
    const zoneOfficer = await login("officer", city.zoneUnion);
    expect((await zoneOfficer.get(`/api/relations/incidents/${res.json().id}`)).statusCode).toBe(404);
    expect((await zoneOfficer.patch(`/api/relations/incidents/${res.json().id}`, { status: "closed" })).statusCode).toBe(404);
    const list = await zoneOfficer.get("/api/relations/incidents");
    expect(list.json().items.map((i: { id: number }) => i.id)).not.toContain(res.json().id);
    // A grassroots union sees its own enterprise only.
    const union = await buildUnion(t.database, city, enterprise.id);
    const chair = await login("union_officer", union.id);
    expect((await chair.get(`/api/relations/incidents/${res.json().id}`)).statusCode).toBe(404);
    expect((await chair.get(`/api/relations/incidents?enterpriseId=${enterprise.id}`)).json().total).toBeGreaterThan(0);
    // Creating for an enterprise out of scope is refused without saying whether it exists.
    const out = await zoneOfficer.post("/api/relations/incidents", { ...valid(), enterpriseId: otherZoneEnterprise.id });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0]).toMatchObject({ pointer: "/body/enterpriseId" });
  });

  it("rejects bad input with Vietnamese messages and writes nothing", async () => {
    const [before] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_incidents`);
    const bad = await officer.post("/api/relations/incidents", { ...valid(), kind: "riot", workersAffected: -3, title: "" });
    expect(bad.statusCode).toBe(400);
    const messages = bad
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(" | ");
    expect(messages).toContain("Loại sự việc không hợp lệ");
    expect(messages).toContain("Số người không được âm");
    const dates = await officer.post("/api/relations/incidents", { ...valid(), endedOn: "2026-09-01" });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().errors[0].message).toBe("Ngày kết thúc không được trước ngày bắt đầu");
    const body = await officer.post("/api/relations/incidents", { ...valid(), bodyIds: [999999] });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors[0]).toMatchObject({ pointer: "/body/bodyIds", message: "Đơn vị không tồn tại" });
    const [after] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_incidents`);
    expect(after?.n).toBe(before?.n);
    expect((await officer.get("/api/relations/incidents/abc")).statusCode).toBe(400);
    expect((await officer.get("/api/relations/incidents/99999")).statusCode).toBe(404);
  });
});
