import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser, buildZone } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let fed: Client;
let unionA: { id: number; name: string };
let entA: { id: number; name: string };
let entB: { id: number; name: string };
let entC: { id: number; name: string };
let officerA: Client;

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}
const anon = (method: "GET" | "POST", url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  // The anti-flood challenge is tested in test/security/challenge.test.ts; here answers come without it.
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0" });
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { name: "Công ty TNHH Giày Thái Bình" });
  entB = await buildEnterprise(t.database, city, { name: "Công ty TNHH Linh kiện Minh Quang" });
  entC = await buildEnterprise(t.database, city, { name: "Công ty CP Cơ khí Tiền Phong" });
  unionA = await buildUnion(t.database, city, entA.id, "Công đoàn cơ sở Công ty TNHH Giày Thái Bình");
  fed = await signIn("officer", city.federation);
  officerA = await signIn("union_officer", unionA.id);
});
afterAll(async () => t.close());

describe("union houses", () => {
  it("opens a case, follows its progress to the handover, and refuses a second open case", async () => {
    const p = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const body = {
      personId: p.id,
      address: "Thôn Đông, xã An Hòa, huyện An Dương",
      amount: 50_000_000,
      coFunding: 30_000_000,
      coFunders: "Doanh nghiệp, gia đình",
      approvedOn: "2026-03-01",
    };
    const res = await officerA.post("/api/care/union-houses", body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ unionId: unionA.id, stage: "approved", amount: 50_000_000, coFunding: 30_000_000 });
    expect((await officerA.post("/api/care/union-houses", body)).json().code).toBe("union_house_open");
    const bad = await officerA.patch(`/api/care/union-houses/${res.json().id}`, { stage: "handed_over", progress: 80 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toContain("Nhập ngày bàn giao nhà");
    const done = await officerA.patch(`/api/care/union-houses/${res.json().id}`, {
      stage: "handed_over",
      progress: 100,
      startedOn: "2026-03-10",
      handoverOn: "2026-06-01",
    });
    expect(done.json()).toMatchObject({ stage: "handed_over", handoverOn: "2026-06-01" });
    const list = (await fed.get("/api/care/union-houses")).json();
    expect(list.summary.handedOver).toBeGreaterThanOrEqual(1);
    expect((await fed.get(`/api/care/union-houses/${res.json().id}`)).statusCode).toBe(200);
    expect(await auditCount(t.database, "read", "care_union_house", res.json().id)).toBe(1);
  });

  it("refuses people outside the union's scope (404) and anonymous callers (401)", async () => {
    const stranger = await buildPerson(t.database, { enterpriseId: entB.id });
    const res = await officerA.post("/api/care/union-houses", {
      personId: stranger.id,
      address: "Xã Lê Lợi, An Dương",
      amount: 40_000_000,
      approvedOn: "2026-03-01",
    });
    expect(res.statusCode).toBe(404);
    expect((await anon("GET", "/api/care/union-houses")).statusCode).toBe(401);
  });
});

describe("worker housing", () => {
  it("the federation records a project and its milestones; the public page lists it without personal data", async () => {
    const res = await fed.post("/api/care/housing", {
      name: "Khu nhà ở xã hội Tràng Duệ",
      place: "Xã Lê Lợi, huyện An Dương",
      developer: "Công ty CP Đầu tư Kinh Bắc",
      zoneId: city.zoneId,
      units: 2538,
      capacityPeople: 8000,
      floorAreaM2: 150000,
      status: "under_construction",
    });
    expect(res.statusCode).toBe(201);
    const m = await fed.post(`/api/care/housing/${res.json().id}/milestones`, { kind: "started", label: "Khởi công", happenedOn: "2023-05-19" });
    expect(m.json().milestones).toHaveLength(1);
    const pub = await anon("GET", "/api/public/housing");
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((i: { id: number }) => i.id === res.json().id);
    expect(item).toMatchObject({ units: 2538, capacityPeople: 8000, zoneName: expect.any(String) });
    expect(JSON.stringify(pub.json())).not.toContain("createdBy");
    expect(pub.json().units).toBeGreaterThanOrEqual(2538);
  });

  it("refuses writers without the right role (403) and a zone union outside its zones", async () => {
    expect((await officerA.post("/api/care/housing", { name: "Dự án thử nghiệm", place: "Hải An", developer: "Chủ đầu tư" })).statusCode).toBe(403);
    const zoneOfficer = await signIn("officer", city.zoneUnion);
    const otherZone = await buildZone(t.database, null, "KCN Khác");
    const res = await zoneOfficer.post("/api/care/housing", { name: "Dự án ngoài phạm vi", place: "Hải An", developer: "Chủ đầu tư", zoneId: otherZone });
    expect(res.statusCode).toBe(403);
    const bad = await fed.post("/api/care/housing", { name: "", place: "", developer: "" });
    expect(bad.statusCode).toBe(400);
  });
});

describe("surveys: anonymous answers, small groups suppressed", () => {
  const survey = {
    title: "Khảo sát nhu cầu nhà ở và đời sống công nhân 2026",
    questions: [
      { kind: "single", text: "Anh/chị đang ở đâu?", options: ["Nhà riêng", "Nhà trọ", "Ký túc xá"] },
      { kind: "multiple", text: "Anh/chị cần công đoàn hỗ trợ gì?", options: ["Nhà ở", "Nhà trẻ", "Tư vấn pháp luật"] },
      { kind: "scale", text: "Mức hài lòng với bữa ăn ca", scaleMin: 1, scaleMax: 5 },
      { kind: "text", text: "Ý kiến khác", required: false },
    ],
  };
  async function open(targetEnterpriseIds: number[]) {
    const res = await fed.post("/api/care/surveys", { ...survey, targetEnterpriseIds, status: "open" });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; token: string; link: string; questions: { id: number }[] };
  }
  const answer = (s: { questions: { id: number }[] }, enterpriseId: number, i: number) => ({
    enterpriseId,
    answers: {
      [s.questions[0]?.id ?? 0]: i % 2 ? "Nhà trọ" : "Ký túc xá",
      [s.questions[1]?.id ?? 0]: ["Nhà ở"],
      [s.questions[2]?.id ?? 0]: (i % 5) + 1,
      [s.questions[3]?.id ?? 0]: `Ý kiến số ${i}`,
    },
  });

  it("a survey of 4 answers from one enterprise shows no breakdown for it", async () => {
    const s = await open([entA.id, entB.id]);
    expect(s.link).toBe(`/khao-sat/${s.token}`);
    for (let i = 0; i < 4; i++) expect((await anon("POST", `/api/public/surveys/${s.token}/responses`, answer(s, entA.id, i))).statusCode).toBe(201);
    const r = (await fed.get(`/api/care/surveys/${s.id}/results`)).json();
    expect(r.total).toBe(4);
    expect(r.overall.suppressed).toBe(true);
    const group = r.byEnterprise.find((g: { key: number }) => g.key === entA.id);
    expect(group).toMatchObject({ suppressed: true, answers: null });
    expect(group.results).toBeUndefined();
    expect(group.note).toContain("Dưới 5 câu trả lời");
    expect(JSON.stringify(r)).not.toContain("Ý kiến số");
  });

  it("shows groups of 5 or more, hides a small one and the next smallest so it cannot be derived", async () => {
    const s = await open([entA.id, entB.id, entC.id]);
    const post = (e: number, i: number) => anon("POST", `/api/public/surveys/${s.token}/responses`, answer(s, e, i));
    for (let i = 0; i < 4; i++) await post(entA.id, i);
    for (let i = 0; i < 8; i++) await post(entB.id, i);
    for (let i = 0; i < 5; i++) await post(entC.id, i);
    const r = (await fed.get(`/api/care/surveys/${s.id}/results`)).json();
    expect(r.overall.suppressed).toBe(false);
    const q0 = r.overall.results[0];
    expect(q0.counts.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(17);
    const by = Object.fromEntries(r.byEnterprise.map((g: { key: number }) => [g.key, g]));
    expect(by[entB.id]).toMatchObject({ suppressed: false, answers: 8 });
    expect(by[entB.id].results[2].counts).toHaveLength(5);
    expect(by[entA.id]).toMatchObject({ suppressed: true, answers: null });
    expect(by[entC.id].suppressed).toBe(true);
    expect(by[entC.id].note).toContain("không suy ra được");
    // Nothing that identifies the sender is stored.
    const cols = await t.database.rows<{ column_name: string }>(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'care_survey_responses'`,
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual([
      "answers",
      "consent_on",
      "consent_version",
      "enterprise_id",
      "id",
      "submitted_on",
      "survey_id",
      "zone_id",
    ]);
  });

  it("validates answers in Vietnamese, refuses drafts and closed surveys, and limits each address", async () => {
    const draft = (await fed.post("/api/care/surveys", { ...survey, targetEnterpriseIds: [entA.id] })).json();
    expect((await anon("GET", `/api/public/surveys/${draft.token}`)).statusCode).toBe(404);
    const s = await open([entA.id]);
    const pub = (await anon("GET", `/api/public/surveys/${s.token}`)).json();
    expect(pub.enterprises.map((e: { id: number }) => e.id)).toEqual([entA.id]);
    const bad = await anon("POST", `/api/public/surveys/${s.token}/responses`, { enterpriseId: entA.id, answers: { [s.questions[0]?.id ?? 0]: "Khác" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toContain("Câu 1: chọn một phương án có sẵn");
    const wrongEnt = await anon("POST", `/api/public/surveys/${s.token}/responses`, answer(s, entB.id, 1));
    expect(wrongEnt.json().errors[0].message).toContain("không thuộc danh sách");
    expect((await fed.patch(`/api/care/surveys/${s.id}`, { status: "closed" })).statusCode).toBe(200);
    expect((await anon("POST", `/api/public/surveys/${s.token}/responses`, answer(s, entA.id, 1))).json().code).toBe("survey_closed");
    const s2 = await open([entA.id]);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await anon("POST", `/api/public/surveys/${s2.token}/responses`, answer(s2, entA.id, i))).statusCode;
    expect(last).toBe(429);
  });

  it("refuses: anonymous staff routes 401, enterprise 403, another union's survey 404, questions locked after answers", async () => {
    const s = await open([entA.id]);
    expect((await anon("GET", `/api/care/surveys/${s.id}/results`)).statusCode).toBe(401);
    const rep = await signIn("enterprise_rep", entA.id);
    expect((await rep.get(`/api/care/surveys/${s.id}/results`)).statusCode).toBe(403);
    const unionB = await buildUnion(t.database, city, entB.id);
    const officerB = await signIn("union_officer", unionB.id);
    const own = (await officerB.post("/api/care/surveys", { ...survey, targetEnterpriseIds: [entB.id] })).json();
    expect((await officerA.get(`/api/care/surveys/${own.id}`)).statusCode).toBe(404);
    expect((await officerB.post("/api/care/surveys", { ...survey, targetEnterpriseIds: [entA.id] })).statusCode).toBe(403);
    await anon("POST", `/api/public/surveys/${s.token}/responses`, answer(s, entA.id, 1));
    expect((await fed.patch(`/api/care/surveys/${s.id}`, { questions: survey.questions })).json().code).toBe("survey_locked");
    const bad = await fed.post("/api/care/surveys", { title: "Khảo sát", questions: [{ kind: "single", text: "Chọn?", options: ["Một"] }] });
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toContain("Câu hỏi lựa chọn cần ít nhất 2 phương án");
  });
});

describe("joining the union online", () => {
  const request = (over: Record<string, unknown> = {}) => ({
    fullName: "Nguyễn Thị Hạnh",
    birthDate: "1998-04-12",
    citizenId: `0311980${String(Math.floor(Math.random() * 100000)).padStart(5, "0")}`,
    phone: "0912 345 678",
    enterpriseId: entA.id,
    consent: true,
    ...over,
  });

  it("a worker files a request, the grassroots union approves it and the membership opens", async () => {
    const body = request();
    const res = await anon("POST", "/api/public/join-requests", body);
    expect(res.statusCode).toBe(201);
    const { code } = res.json();
    expect(res.json().targetName).toBe(unionA.name);
    expect((await anon("GET", `/api/public/join-requests/${code}`)).json()).toMatchObject({ status: "pending", targetName: unionA.name });
    expect(JSON.stringify((await anon("GET", `/api/public/join-requests/${code}`)).json())).not.toContain(body.citizenId);
    expect((await anon("POST", "/api/public/join-requests", body)).json().code).toBe("join_request_pending");
    const queue = (await officerA.get("/api/care/join-requests?status=pending")).json();
    const item = queue.items.find((i: { code: string }) => i.code === code);
    expect(item).toMatchObject({ fullName: "Nguyễn Thị Hạnh", phone: "0912345678" });
    const ok = await officerA.post(`/api/care/join-requests/${item.id}/decision`, { decision: "approve", validFrom: "2026-04-01" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe("approved");
    const [m] = await t.database.rows<{ union_id: number; valid_from: string }>(
      sql`SELECT m.union_id, m.valid_from FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.citizen_id = ${body.citizenId} AND m.valid_to IS NULL`,
    );
    expect(m).toMatchObject({ union_id: unionA.id, valid_from: "2026-04-01" });
    expect((await anon("GET", `/api/public/join-requests/${code}`)).json().status).toBe("approved");
    expect((await officerA.post(`/api/care/join-requests/${item.id}/decision`, { decision: "approve" })).json().code).toBe("join_request_decided");
  });

  it("a person already a member gets a clear error and nothing is written", async () => {
    const member = await buildPerson(t.database, {
      familyName: "Trần",
      middleName: "Văn",
      givenName: "Bình",
      gender: "male",
      enterpriseId: entA.id,
      unionId: unionA.id,
    });
    const res = await anon("POST", "/api/public/join-requests", request({ fullName: "Trần Văn Bình", citizenId: member.citizenId }));
    const [row] = await t.database.rows<{ id: number }>(sql`SELECT id FROM care_join_requests WHERE code = ${res.json().code}`);
    const d = await officerA.post(`/api/care/join-requests/${row?.id}/decision`, { decision: "approve" });
    expect(d.statusCode).toBe(409);
    expect(d.json().code).toBe("already_member");
    expect(d.json().detail).toContain(unionA.name);
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM memberships WHERE person_id = ${member.id}`);
    expect(n?.n).toBe(1);
    const decline = await officerA.post(`/api/care/join-requests/${row?.id}/decision`, { decision: "decline", reason: "Đã là đoàn viên của công đoàn cơ sở" });
    expect(decline.json()).toMatchObject({ status: "declined" });
    expect((await anon("GET", `/api/public/join-requests/${res.json().code}`)).json()).toMatchObject({
      status: "declined",
      declineReason: "Đã là đoàn viên của công đoàn cơ sở",
    });
  });

  it("routes to the zone union where the enterprise has no grassroots union; it must name the receiving union", async () => {
    const res = await anon("POST", "/api/public/join-requests", request({ enterpriseId: entC.id, fullName: "Lê Thị Thảo" }));
    expect(res.json().targetName).toBe("Công đoàn Khu kinh tế");
    expect((await officerA.get("/api/care/join-requests")).json().items.map((i: { code: string }) => i.code)).not.toContain(res.json().code);
    const zoneOfficer = await signIn("officer", city.zoneUnion);
    const item = (await zoneOfficer.get("/api/care/join-requests")).json().items.find((i: { code: string }) => i.code === res.json().code);
    const noUnion = await zoneOfficer.post(`/api/care/join-requests/${item.id}/decision`, { decision: "approve" });
    expect(noUnion.statusCode).toBe(400);
    expect(noUnion.json().detail).toContain("Chọn công đoàn cơ sở");
    const ok = await zoneOfficer.post(`/api/care/join-requests/${item.id}/decision`, { decision: "approve", unionId: unionA.id });
    expect(ok.json().status).toBe("approved");
    expect((await officerA.post(`/api/care/join-requests/${item.id}/decision`, { decision: "decline", reason: "Không thuộc" })).statusCode).toBe(404);
  });

  it("validates the public form in Vietnamese and requires consent", async () => {
    const res = await anon("POST", "/api/public/join-requests", request({ citizenId: "123", phone: "12", consent: false }));
    expect(res.statusCode).toBe(400);
    const msgs = res.json().errors.map((e: { message: string }) => e.message);
    expect(msgs).toContain("Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số)");
    expect(msgs).toContain("Cần đồng ý cho công đoàn sử dụng thông tin để xét kết nạp");
    expect((await anon("GET", "/api/public/join-requests/KN-0000000000")).statusCode).toBe(404);
    expect((await anon("GET", "/api/public/enterprises?q=giay thai")).json()[0]).toMatchObject({ id: entA.id });
    expect((await anon("GET", "/api/care/join-requests")).statusCode).toBe(401);
    const mmc = await signIn("officer", city.mmc);
    expect((await mmc.get("/api/care/join-requests")).statusCode).toBe(403);
  });
});
