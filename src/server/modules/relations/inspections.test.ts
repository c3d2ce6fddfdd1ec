import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUser, buildZone } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let items: { id: number; pointCode: string; prefill: string | null; minWorkforce: number }[];

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "officer", city.authority);
  officer = new Client(t.app);
  await officer.login(u.username, u.password);
  items = (await officer.get("/api/relations/checklists/current?date=2026-06-01")).json().items;
});
afterAll(async () => t.close());

const allCompliant = () => items.map((i) => ({ itemId: i.id, result: "compliant" }));

describe("checklists", () => {
  it("seeds version 1 with every required point, each with its legal basis", async () => {
    const res = await officer.get("/api/relations/checklists/current?date=2026-06-01");
    const codes = new Set(res.json().items.map((i: { pointCode: string }) => i.pointCode));
    for (const code of ["MW", "OSH", "DIALOGUE", "CONFERENCE", "DEMOCRACY_RULES", "CBA", "WORK_RULES", "SI", "UNION_FEE"])
      expect(codes.has(code), code).toBe(true);
    for (const i of res.json().items) expect(i.legalBasis.length).toBeGreaterThan(5);
  });

  it("marks internal labor rules not applicable under 10 employees", async () => {
    const small = await buildEnterprise(t.database, city, { workforce: 8 });
    const form = await officer.get(`/api/relations/inspections/form?enterpriseId=${small.id}&date=2026-06-01`);
    const rules = form.json().items.find((i: { pointCode: string }) => i.pointCode === "WORK_RULES");
    expect(rules.applicable).toBe(false);
  });

  it("uses a newer version from its effective date while old inspections keep theirs", async () => {
    const e = await buildEnterprise(t.database, city);
    const old = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: "2026-03-01",
      leadBodyId: city.authority,
      answers: allCompliant(),
      complete: true,
    });
    expect(old.statusCode).toBe(201);
    await t.database.rows(sql`INSERT INTO relations_checklists (code, version, title, effective_from) VALUES ('KTGS', 2, 'Bộ nội dung 2027', '2027-01-01')`);
    await t.database.rows(
      sql`INSERT INTO relations_checklist_items (checklist_id, ord, cluster, point_code, point, question, legal_basis)
          SELECT id, 1, 'Tiền lương', 'MW', 'Lương tối thiểu vùng', 'Câu hỏi mới', 'Nghị định giả định' FROM relations_checklists WHERE version = 2`,
    );
    const v2 = await officer.get("/api/relations/checklists/current?date=2027-02-01");
    expect(v2.json().version).toBe(2);
    expect((await officer.get("/api/relations/checklists/current?date=2026-12-31")).json().version).toBe(1);
    expect((await officer.get(`/api/relations/inspections/${old.json().id}`)).json().checklistVersion).toBe(1);
  });
});

describe("plans and inspections", () => {
  it("records a plan, an inspection with findings, follows them to re-inspection and closure, and reports non-compliance rates", async () => {
    const a = await buildEnterprise(t.database, city, { ownership: "fdi", country: "Nhật Bản" });
    const b = await buildEnterprise(t.database, city, { ownership: "domestic_private", country: null });
    const plan = await officer.post("/api/relations/plans", {
      year: 2026,
      title: "Giám sát doanh nghiệp FDI 2026",
      leadBodyId: city.federation,
      coBodyIds: [city.authority],
      startsOn: "2026-04-01",
      endsOn: "2026-10-31",
      targets: [{ enterpriseId: a.id }, { enterpriseId: b.id, plannedOn: "2026-05-10" }],
    });
    expect(plan.statusCode).toBe(201);
    const osh = items.filter((i) => i.pointCode === "OSH").map((i) => i.id);
    const answers = items.map((i) => ({ itemId: i.id, result: osh.includes(i.id) ? "non_compliant" : "compliant", evidence: "Biên bản số 12" }));
    const ins = await officer.post("/api/relations/inspections", {
      planId: plan.json().id,
      enterpriseId: a.id,
      inspectedOn: "2026-05-05",
      leadBodyId: city.federation,
      kind: "supervision",
      answers,
      complete: true,
    });
    expect(ins.statusCode).toBe(201);
    expect(ins.json().recommendations).toHaveLength(osh.length);
    const ins2 = await officer.post("/api/relations/inspections", {
      planId: plan.json().id,
      enterpriseId: b.id,
      inspectedOn: "2026-05-10",
      leadBodyId: city.federation,
      answers: allCompliant(),
      complete: true,
    });
    expect(ins2.statusCode).toBe(201);

    const detail = await officer.get(`/api/relations/plans/${plan.json().id}`);
    expect(detail.json().targets.every((x: { inspectionStatus: string }) => x.inspectionStatus === "completed")).toBe(true);

    const [first] = ins.json().recommendations;
    const re = await officer.post(`/api/relations/recommendations/${first.id}/followups`, {
      outcome: "reinspect",
      onDate: "2026-06-10",
      note: "Chưa khắc phục, tái kiểm tra",
    });
    expect(re.json().status).toBe("reinspect");
    const again = await officer.post("/api/relations/inspections", {
      enterpriseId: a.id,
      inspectedOn: "2026-07-01",
      leadBodyId: city.authority,
      kind: "reinspection",
      previousId: ins.json().id,
      answers: allCompliant(),
      complete: true,
    });
    expect(again.statusCode).toBe(201);
    const closed = await officer.post(`/api/relations/recommendations/${first.id}/followups`, { outcome: "closed", onDate: "2026-07-01" });
    expect(closed.json()).toMatchObject({ status: "closed", closedOn: "2026-07-01" });
    expect(closed.json().followups.map((f: { outcome: string }) => f.outcome)).toEqual(["reinspect", "reinspect", "closed"]);
    const twice = await officer.post(`/api/relations/recommendations/${first.id}/followups`, { outcome: "closed", onDate: "2026-07-02" });
    expect(twice.statusCode).toBe(409);

    const stats = await officer.get("/api/relations/inspections/stats?from=2026-05-01&to=2026-05-31");
    expect(stats.statusCode).toBe(200);
    const s = stats.json();
    expect(s.inspections).toBe(2);
    const oshRow = s.byPoint.find((r: { key: string }) => r.key === "OSH");
    expect(oshRow).toMatchObject({ answered: 2 * osh.length, nonCompliant: osh.length, rate: 50 });
    expect(s.byOwnership.find((r: { key: string }) => r.key === "fdi").nonCompliant).toBe(osh.length);
    expect(s.byOwnership.find((r: { key: string }) => r.key === "domestic_private").nonCompliant).toBe(0);
    expect(s.byCountry.find((r: { key: string }) => r.key === "Nhật Bản").nonCompliant).toBe(osh.length);
    expect(s.byZone[0].label).toBeTruthy();
  });

  it("keeps a draft editable and a completed record closed", async () => {
    const e = await buildEnterprise(t.database, city);
    const draft = await officer.post("/api/relations/inspections", { enterpriseId: e.id, inspectedOn: "2026-06-01", leadBodyId: city.authority });
    expect(draft.json().status).toBe("draft");
    const noAnswers = await officer.put(`/api/relations/inspections/${draft.json().id}`, { complete: true });
    expect(noAnswers.statusCode).toBe(400);
    const done = await officer.put(`/api/relations/inspections/${draft.json().id}`, { answers: allCompliant(), complete: true });
    expect(done.json().status).toBe("completed");
    const locked = await officer.put(`/api/relations/inspections/${draft.json().id}`, { answers: allCompliant() });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe("inspection_completed");
  });

  it("refuses bad input in Vietnamese and writes nothing", async () => {
    const e = await buildEnterprise(t.database, city);
    const [before] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_inspections`);
    const wrongItem = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: "2026-06-01",
      leadBodyId: city.authority,
      answers: [{ itemId: 999999, result: "compliant" }],
    });
    expect(wrongItem.statusCode).toBe(400);
    expect(wrongItem.json().errors[0]).toMatchObject({ pointer: "/body/answers/0/itemId", message: "Câu hỏi không thuộc bộ nội dung kiểm tra này" });
    const noResult = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: "2026-06-01",
      leadBodyId: city.authority,
      answers: [{ itemId: items[2]?.id }],
    });
    expect(noResult.statusCode).toBe(400);
    const early = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: "2026-06-01",
      leadBodyId: city.authority,
      answers: allCompliant(),
      findings: [{ text: "Khắc phục", deadline: "2026-05-01" }],
    });
    expect(early.json().errors[0].message).toBe("Hạn khắc phục không được trước ngày kiểm tra");
    const notTarget = await officer.post("/api/relations/plans", {
      year: 2026,
      title: "KH",
      leadBodyId: city.authority,
      startsOn: "2026-05-01",
      endsOn: "2026-04-01",
    });
    expect(notTarget.statusCode).toBe(400);
    expect(notTarget.json().errors[0].message).toBe("Ngày kết thúc không được trước ngày bắt đầu");
    const [after] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_inspections`);
    expect(after?.n).toBe(before?.n);
  });

  it("refuses: 401, 403 for a read-only role writing, 404 for an inspection out of scope", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/relations/inspections" })).statusCode).toBe(401);
    const e = await buildEnterprise(t.database, city);
    const viewer = await buildUser(t.database, "viewer", city.federation);
    const vc = new Client(t.app);
    await vc.login(viewer.username, viewer.password);
    expect((await vc.post("/api/relations/inspections", { enterpriseId: e.id, inspectedOn: "2026-06-01", leadBodyId: city.authority })).statusCode).toBe(403);
    const zu = await buildBody(t.database, "zone_union", city.federation);
    const far = await buildEnterprise(t.database, city, { zoneId: await buildZone(t.database, zu.id) });
    const ins = await officer.post("/api/relations/inspections", {
      enterpriseId: far.id,
      inspectedOn: "2026-06-01",
      leadBodyId: city.authority,
      answers: allCompliant(),
      complete: true,
    });
    const zo = await buildUser(t.database, "officer", city.zoneUnion);
    const zc = new Client(t.app);
    await zc.login(zo.username, zo.password);
    expect((await zc.get(`/api/relations/inspections/${ins.json().id}`)).statusCode).toBe(404);
    expect((await zc.get(`/api/relations/inspections?enterpriseId=${far.id}`)).json().total).toBe(0);
  });
});
