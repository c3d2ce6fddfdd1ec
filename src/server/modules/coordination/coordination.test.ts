import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser, buildZone } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
const clients: Record<string, Client> = {};
let otherZoneUnion: number;
let unionA: { id: number };
let enterpriseA: { id: number };
let enterpriseOther: { id: number };

async function as(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const zu2 = await buildBody(t.database, "zone_union", city.federation, "Công đoàn các KCN Nam Đình Vũ");
  otherZoneUnion = zu2.id;
  const zone2 = await buildZone(t.database, zu2.id, "KCN Nam Đình Vũ");
  enterpriseA = await buildEnterprise(t.database, city, { workforce: 300 });
  unionA = await buildUnion(t.database, city, enterpriseA.id);
  enterpriseOther = await buildEnterprise(t.database, city, { zoneId: zone2 });
  clients.fed = await as("officer", city.federation);
  clients.mmc = await as("officer", city.mmc);
  clients.bql = await as("officer", city.authority);
  clients.zone = await as("officer", city.zoneUnion);
  clients.zone2 = await as("officer", otherZoneUnion);
  clients.cdcs = await as("union_officer", unionA.id);
  clients.viewer = await as("viewer", city.federation);
  const dn = await buildUser(t.database, "enterprise_rep", enterpriseA.id);
  clients.dn = new Client(t.app);
  await clients.dn.login(dn.username, dn.password);
});
afterAll(async () => t.close());

const item = (over: Record<string, unknown> = {}) => ({
  content: "Phối hợp tổ chức Hội nghị đối thoại",
  leadBodyId: city.federation,
  area: "situation",
  ...over,
});

describe("coordination plans", () => {
  let planId: number;
  it("refuses anonymous callers (401) and enterprises (403)", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/coordination/plans" })).statusCode).toBe(401);
    expect((await clients.dn?.get("/api/coordination/plans"))?.statusCode).toBe(403);
    expect((await clients.cdcs?.post("/api/coordination/plans", { year: 2023, code: "x", title: "x" }))?.statusCode).toBe(403);
  });

  it("creates the joint plan with the three bodies by default, numbered items and the summary line", async () => {
    const items = Array.from({ length: 20 }, (_, k) =>
      item({
        content: `Nội dung phối hợp số ${k + 1}`,
        status: k < 19 ? "done" : "not_done",
        reasonNotDone: k < 19 ? null : "Trùng lịch kiểm tra của thành phố",
      }),
    );
    const res = await clients.mmc?.post("/api/coordination/plans", {
      year: 2023,
      code: "02-KH/BDVTU-BQLKKT-LĐLĐTP",
      title: "Kế hoạch phối hợp năm 2023",
      issuedOn: "2023-01-04",
      items,
    });
    expect(res?.statusCode).toBe(201);
    const plan = res?.json();
    planId = plan.id;
    expect(plan.parties.map((p: { id: number }) => p.id).sort()).toEqual([city.federation, city.authority, city.mmc].sort());
    expect(plan.items.map((i: { no: number }) => i.no)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(plan.summary.line).toBe("Hoàn thành 19/20 nội dung phối hợp");
    expect(await auditCount(t.database, "create", "coordination_plan", planId)).toBe(1);
  });

  it("refuses an item not done without a reason, in Vietnamese, and writes nothing", async () => {
    const before = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM coordination_plans`);
    const res = await clients.fed?.post("/api/coordination/plans", {
      year: 2022,
      code: "01-KH/X",
      title: "Kế hoạch 2022",
      items: [item(), item({ status: "not_done" })],
    });
    expect(res?.statusCode).toBe(400);
    expect(JSON.stringify(res?.json().errors)).toContain("lý do");
    const after = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM coordination_plans`);
    expect(after[0]?.n).toBe(before[0]?.n);
    const bad = await clients.fed?.post("/api/coordination/plans", { year: "hai nghìn", code: "", title: "x" });
    expect(bad?.statusCode).toBe(400);
    expect(bad?.json().code).toBe("validation_failed");
  });

  it("lets the zone union read the joint plan but not change it; another zone union's own plan is 404", async () => {
    expect((await clients.zone?.get(`/api/coordination/plans/${planId}`))?.statusCode).toBe(200);
    expect((await clients.zone?.patch(`/api/coordination/plans/${planId}`, { title: "Sửa" }))?.statusCode).toBe(403);
    const own = await clients.zone2?.post("/api/coordination/plans", {
      year: 2023,
      code: "05-KH/CĐ-NĐV",
      title: "Kế hoạch riêng",
      parties: [otherZoneUnion],
      items: [item({ leadBodyId: otherZoneUnion })],
    });
    expect(own?.statusCode).toBe(201);
    expect((await clients.zone?.get(`/api/coordination/plans/${own?.json().id}`))?.statusCode).toBe(404);
    expect((await clients.zone?.patch(`/api/coordination/items/${own?.json().items[0].id}`, { status: "done" }))?.statusCode).toBe(404);
    const list = await clients.zone?.get("/api/coordination/plans");
    expect(list?.json().map((p: { id: number }) => p.id)).not.toContain(own?.json().id);
  });

  it("updates an item's status with evidence and audits it", async () => {
    const plan = (await clients.fed?.get(`/api/coordination/plans/${planId}`))?.json();
    const first = plan.items[0];
    const res = await clients.bql?.patch(`/api/coordination/items/${first.id}`, {
      status: "in_progress",
      evidence: [{ label: "Biên bản hội nghị", url: "https://vanban.example.vn/bien-ban/1" }],
    });
    expect(res?.statusCode).toBe(200);
    expect(res?.json().evidence).toHaveLength(1);
    const back = await clients.bql?.patch(`/api/coordination/items/${first.id}`, { status: "done" });
    expect(back?.json().status).toBe("done");
    expect(await auditCount(t.database, "update", "plan_item", first.id)).toBe(2);
  });

  it("carries unfinished items into next year's plan, once", async () => {
    const next = await clients.fed?.post("/api/coordination/plans", { year: 2024, code: "01-KH/BDVTU-BQLKKT-LĐLĐTP", title: "Kế hoạch phối hợp năm 2024" });
    const toPlanId = next?.json().id;
    const res = await clients.fed?.post(`/api/coordination/plans/${planId}/carry-over`, { toPlanId });
    expect(res?.statusCode).toBe(200);
    expect(res?.json().carried).toBe(1);
    expect(res?.json().plan.items[0]).toMatchObject({ content: "Nội dung phối hợp số 20", status: "not_started", no: 1 });
    const again = await clients.fed?.post(`/api/coordination/plans/${planId}/carry-over`, { toPlanId });
    expect(again?.json().carried).toBe(0);
    const src = (await clients.fed?.get(`/api/coordination/plans/${planId}`))?.json();
    expect(src.summary).toMatchObject({ done: 19, carriedOver: 1 });
    const backwards = await clients.fed?.post(`/api/coordination/plans/${toPlanId}/carry-over`, { toPlanId: planId });
    expect(backwards?.statusCode).toBe(400);
    expect((await clients.fed?.delete(`/api/coordination/plans/${planId}`))?.statusCode).toBe(409);
  });
});

describe("targets computed live", () => {
  it("counts members on a date with the inclusive last day, a transfer counted once", async () => {
    const unionB = await buildUnion(t.database, city, (await buildEnterprise(t.database, city)).id);
    const p = await buildPerson(t.database, { enterpriseId: enterpriseA.id });
    await t.database.rows(
      sql`INSERT INTO memberships (person_id, union_id, valid_from, valid_to, start_reason, end_reason) VALUES (${p.id}, ${unionA.id}, '2024-01-10', '2024-03-31', 'join', 'transfer')`,
    );
    await t.database.rows(
      sql`INSERT INTO memberships (person_id, union_id, valid_from, start_reason) VALUES (${p.id}, ${unionB.id}, '2024-04-01', 'transfer')`,
    );
    const target = await clients.fed?.post("/api/coordination/targets", {
      program: "16-CTr/TU",
      title: "Đoàn viên công đoàn",
      metric: "members_as_of",
      targetValue: 400000,
      deadline: "2025-12-31",
    });
    expect(target?.statusCode).toBe(201);
    const id = target?.json().id;
    const at = async (d: string) => (await clients.fed?.get(`/api/coordination/targets/${id}?asOf=${d}`))?.json().progress.actual;
    expect(await at("2024-01-09")).toBe(0);
    expect(await at("2024-01-10")).toBe(1);
    expect(await at("2024-03-31")).toBe(1);
    expect(await at("2024-04-01")).toBe(1);
    expect((await clients.fed?.get(`/api/coordination/targets/${id}?asOf=2024-04-01`))?.json().progress.text).toBe("1/400.000, đạt 0,0%");
  });

  it("states new members against the yearly plan and projects the pace", async () => {
    const u = await buildUnion(t.database, city, (await buildEnterprise(t.database, city)).id);
    for (let k = 0; k < 6; k++) await buildPerson(t.database, { unionId: u.id, joinedOn: `2021-0${k + 1}-15` });
    const res = await clients.fed?.post("/api/coordination/targets", {
      program: "Kế hoạch năm 2021",
      title: "Phát triển đoàn viên mới",
      metric: "new_members_in_year",
      targetValue: 12,
      year: 2021,
      deadline: "2021-12-31",
    });
    const got = (await clients.fed?.get(`/api/coordination/targets/${res?.json().id}?asOf=2021-06-30`))?.json();
    expect(got.progress.text).toBe("6/12, đạt 50,0%");
    expect(got.progress.projection).toMatch(/^Theo tốc độ hiện nay, chỉ tiêu đạt vào tháng 12\/2021/);
    const noYear = await clients.fed?.post("/api/coordination/targets", {
      program: "X",
      title: "Y",
      metric: "new_members_in_year",
      targetValue: 5,
      deadline: "2021-12-31",
    });
    expect(noYear?.statusCode).toBe(400);
    expect(JSON.stringify(noYear?.json().errors)).toContain("Chỉ tiêu theo năm cần nhập năm");
  });

  it("takes manual values with who and when, refuses them for computed targets, and snapshots months", async () => {
    const m = await clients.fed?.post("/api/coordination/targets", {
      program: "16-CTr/TU",
      title: "Doanh nghiệp đủ điều kiện ký thỏa ước lao động tập thể",
      metric: "manual",
      unit: "percent",
      targetValue: 80,
      deadline: "2025-12-31",
    });
    const id = m?.json().id;
    expect((await clients.fed?.post(`/api/coordination/targets/${id}/values`, { asOf: "2024-06-30", value: 72.5 }))?.statusCode).toBe(201);
    const got = (await clients.fed?.get(`/api/coordination/targets/${id}?asOf=2024-12-31`))?.json();
    expect(got.progress.text).toBe("72,5%/80%");
    expect(got.progress.enteredBy).toContain("Người dùng");
    expect((await clients.fed?.post(`/api/coordination/targets/${id}/values`, { asOf: "2024-06-30", value: 120 }))?.statusCode).toBe(400);
    const computed = (await clients.fed?.get("/api/coordination/targets"))?.json().find((x: { metric: string }) => x.metric === "members_as_of");
    expect((await clients.fed?.post(`/api/coordination/targets/${computed.id}/values`, { asOf: "2024-06-30", value: 1 }))?.json().code).toBe("target_computed");
    expect((await clients.zone?.post(`/api/coordination/targets/${id}/values`, { asOf: "2024-06-30", value: 1 }))?.statusCode).toBe(403);
    expect((await clients.viewer?.post("/api/coordination/targets/snapshots", { month: "2024-06" }))?.statusCode).toBe(403);
    const snap = await clients.fed?.post("/api/coordination/targets/snapshots", { month: "2024-06" });
    expect(snap?.json().targets).toBeGreaterThan(0);
    const again = (await clients.fed?.get(`/api/coordination/targets/${id}`))?.json();
    expect(again.snapshots).toEqual([expect.objectContaining({ month: "2024-06-01", value: 72.5 })]);
  });
});

describe("agreement coverage from the registry", () => {
  it("computes the share of eligible enterprises with an agreement in force", async () => {
    const e = await buildEnterprise(t.database, city, { workforce: 120 });
    const u = await buildUnion(t.database, city, e.id);
    const [a] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to) VALUES ('enterprise', ${u.id}, 'Thỏa ước lao động tập thể', '2024-01-01', '2024-01-01', '2026-12-31') RETURNING id`,
    );
    await t.database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${a?.id}, ${e.id})`);
    const res = await clients.fed?.post("/api/coordination/targets", {
      program: "16-CTr/TU",
      title: "Doanh nghiệp đủ điều kiện ký kết thỏa ước lao động tập thể",
      metric: "agreement_coverage_pct",
      unit: "percent",
      targetValue: 80,
      deadline: "2025-12-31",
    });
    expect(res?.statusCode).toBe(201);
    const got = (await clients.fed?.get(`/api/coordination/targets/${res?.json().id}?asOf=2024-06-30`))?.json();
    expect(got.progress.detail.numerator).toBe(1);
    expect(got.progress.detail.denominator).toBeGreaterThanOrEqual(2);
    expect(got.progress.text).toMatch(/^\d+,\d%\/80%$/);
  });
});

describe("activities", () => {
  it("records trainings and totals them; a supervision needs its enterprise", async () => {
    const res = await clients.fed?.post("/api/coordination/activities", {
      kind: "training",
      title: "Tập huấn nghiệp vụ công tác công đoàn",
      heldOn: "2022-03-10",
      sessions: 3,
      participants: 180,
    });
    expect(res?.statusCode).toBe(201);
    const list = (await clients.fed?.get("/api/coordination/activities?kind=training&from=2022-01-01&to=2022-12-31"))?.json();
    expect(list.totals).toMatchObject({ total: 1, sessions: 3, participants: 180 });
    const bad = await clients.fed?.post("/api/coordination/activities", { kind: "supervision", title: "Giám sát", heldOn: "2022-03-10" });
    expect(bad?.statusCode).toBe(400);
    expect(JSON.stringify(bad?.json().errors)).toContain("Giám sát cần chọn doanh nghiệp");
  });

  it("keeps dialogue questions for the worker-voice module to turn into requests", async () => {
    const res = await clients.zone?.post("/api/coordination/activities", {
      kind: "dialogue",
      title: "Hội nghị đối thoại với công nhân KCN Tràng Duệ",
      heldOn: "2022-05-20",
      zoneId: city.zoneId,
      participants: 250,
      questions: [{ text: "Đề nghị tăng tiền ăn ca lên 30.000 đồng/suất", topic: "Tiền lương" }, { text: "Nhà trọ gần KCN giá cao" }],
    });
    expect(res?.statusCode).toBe(201);
    expect(res?.json().questions).toHaveLength(2);
    const pending = (await clients.zone?.get("/api/coordination/dialogue-questions/pending"))?.json();
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const q = res?.json().questions[0];
    expect((await clients.zone?.put(`/api/coordination/dialogue-questions/${q.id}/request`, { requestRef: "YC-2022-000123" }))?.statusCode).toBe(200);
    expect((await clients.zone?.put(`/api/coordination/dialogue-questions/${q.id}/request`, { requestRef: "YC-2022-999" }))?.statusCode).toBe(409);
    expect((await clients.zone?.delete(`/api/coordination/activities/${res?.json().id}`))?.json().code).toBe("activity_has_requests");
    // The other zone union does not see it.
    expect((await clients.zone2?.get(`/api/coordination/activities/${res?.json().id}`))?.statusCode).toBe(404);
  });

  it("refuses an activity outside the caller's scope and writes nothing", async () => {
    const res = await clients.zone?.post("/api/coordination/activities", {
      kind: "supervision",
      title: "Giám sát",
      heldOn: "2022-06-01",
      enterpriseId: enterpriseOther.id,
    });
    expect(res?.statusCode).toBe(400);
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities WHERE enterprise_id = ${enterpriseOther.id}`);
    expect(n?.n).toBe(0);
  });

  it("lets the officers in scope correct and delete an activity; others get 403 or 404 and nothing changes", async () => {
    const body = {
      kind: "dialogue",
      title: "Hội nghị đối thoại quý III tại KCN Tràng Duệ",
      heldOn: "2021-09-15",
      zoneId: city.zoneId,
      participants: 2500,
      notes: "Có đại diện Sở Lao động",
    };
    const created = (
      await clients.zone?.post("/api/coordination/activities", { ...body, questions: [{ text: "Đề nghị bố trí thêm tuyến xe đưa đón", topic: "Đi lại" }] })
    )?.json();
    const url = `/api/coordination/activities/${created.id}`;
    const fixed = { ...body, participants: 250 };
    // Another zone union does not see it; a grassroots union and a viewer may not write.
    expect((await clients.zone2?.put(url, fixed))?.statusCode).toBe(404);
    expect((await clients.zone2?.delete(url))?.statusCode).toBe(404);
    expect((await clients.cdcs?.put(url, fixed))?.statusCode).toBe(403);
    expect((await clients.viewer?.delete(url))?.statusCode).toBe(403);
    expect((await clients.zone?.get(url))?.json().participants).toBe(2500);

    const res = await clients.zone?.put(url, fixed);
    expect(res?.statusCode).toBe(200);
    // Questions not sent are kept, with their topic; the place and notes are what was sent.
    expect(res?.json()).toMatchObject({ participants: 250, zoneId: city.zoneId, notes: "Có đại diện Sở Lao động", questionCount: 1, requestCount: 0 });
    expect(res?.json().questions[0]).toMatchObject({ text: "Đề nghị bố trí thêm tuyến xe đưa đón", topic: "Đi lại" });
    expect(await auditCount(t.database, "update", "activity", created.id)).toBe(1);
    const list = (await clients.zone?.get("/api/coordination/activities?kind=dialogue&from=2021-09-15&to=2021-09-15"))?.json();
    expect(list.totals).toMatchObject({ total: 1, participants: 250 });
    expect(list.items[0]).toMatchObject({ id: created.id, questionCount: 1, requestCount: 0 });

    // The city federation sees it too and may correct it; a bad correction is refused in Vietnamese.
    const bad = await clients.fed?.put(url, { ...fixed, participants: -1 });
    expect(bad?.statusCode).toBe(400);
    expect(JSON.stringify(bad?.json().errors)).toContain("Số người tham gia không âm");

    expect((await clients.zone?.delete(url))?.statusCode).toBe(204);
    expect((await clients.zone?.get(url))?.statusCode).toBe(404);
    expect((await clients.zone?.delete(url))?.statusCode).toBe(404);
    expect(await auditCount(t.database, "delete", "activity", created.id)).toBe(1);
    const [q] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM dialogue_questions WHERE activity_id = ${created.id}`);
    expect(q?.n).toBe(0);
  });

  it("registers Dân vận khéo models with awards", async () => {
    const res = await clients.mmc?.post("/api/coordination/models", {
      name: "Khu nhà trọ văn minh an toàn",
      year: 2023,
      awards: [{ year: 2023, level: "city", title: "Bằng khen của UBND thành phố" }],
    });
    expect(res?.statusCode).toBe(201);
    expect((await clients.mmc?.get("/api/coordination/models?year=2023"))?.json()[0].awards[0].title).toBe("Bằng khen của UBND thành phố");
    expect((await clients.cdcs?.post("/api/coordination/models", { name: "x", year: 2023 }))?.statusCode).toBe(403);
    // A city-wide model: the city's bodies may change it, a zone union sees it but may not (the page offers no edit).
    const id = res?.json().id;
    const seen = (c: Client | undefined) => c?.get("/api/coordination/models?year=2023").then((r) => r.json().find((m: { id: number }) => m.id === id));
    expect((await seen(clients.mmc))?.editable).toBe(true);
    expect((await seen(clients.zone))?.editable).toBe(false);
    expect((await clients.zone?.put(`/api/coordination/models/${id}`, { name: "Đổi tên", year: 2023, awards: [] }))?.statusCode).toBe(400);
  });
});

describe("Party referrals", () => {
  it("are visible only to roles holding referrals:read", async () => {
    expect((await clients.bql?.get("/api/coordination/referrals"))?.statusCode).toBe(403);
    expect((await clients.mmc?.get("/api/coordination/referrals"))?.statusCode).toBe(200);
    expect((await clients.mmc?.post("/api/coordination/referrals", { personId: 1, unionId: unionA.id, referredOn: "2023-01-01" }))?.statusCode).toBe(403);
  });

  it("records referrals by the union and their outcome, with counts and the ratio", async () => {
    const people = [];
    for (let k = 0; k < 5; k++) people.push(await buildPerson(t.database, { enterpriseId: enterpriseA.id, unionId: unionA.id, joinedOn: "2020-01-01" }));
    const ids: number[] = [];
    for (const p of people) {
      const r = await clients.cdcs?.post("/api/coordination/referrals", { personId: p.id, unionId: unionA.id, referredOn: "2023-03-01" });
      expect(r?.statusCode).toBe(201);
      ids.push(r?.json().id);
    }
    expect((await clients.cdcs?.put(`/api/coordination/referrals/${ids[0]}/outcome`, { outcome: "admitted", admittedOn: "2023-09-02" }))?.statusCode).toBe(200);
    expect((await clients.cdcs?.put(`/api/coordination/referrals/${ids[1]}/outcome`, { outcome: "admitted", admittedOn: "2023-01-02" }))?.statusCode).toBe(400);
    expect((await clients.cdcs?.put(`/api/coordination/referrals/${ids[1]}/outcome`, { outcome: "admitted" }))?.statusCode).toBe(400);
    const list = (await clients.cdcs?.get("/api/coordination/referrals?from=2023-01-01&to=2023-12-31"))?.json();
    expect(list.line).toBe("5 giới thiệu, 1 kết nạp, 20,0%");
    const dup = await clients.cdcs?.post("/api/coordination/referrals", { personId: people[0]?.id, unionId: unionA.id, referredOn: "2023-03-01" });
    expect(dup?.statusCode).toBe(409);
    const notMember = await buildPerson(t.database, { enterpriseId: enterpriseA.id });
    const bad = await clients.cdcs?.post("/api/coordination/referrals", { personId: notMember.id, unionId: unionA.id, referredOn: "2023-03-01" });
    expect(bad?.statusCode).toBe(400);
    // Another zone union does not see this union's referrals.
    expect((await clients.zone2?.get("/api/coordination/referrals"))?.json().total).toBe(0);
    expect((await clients.zone2?.put(`/api/coordination/referrals/${ids[2]}/outcome`, { outcome: "not_admitted" }))?.statusCode).toBe(404);
  });
});
