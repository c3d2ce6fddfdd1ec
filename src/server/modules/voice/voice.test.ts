import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { figureProviders, riskSignalProviders } from "../providers.ts";
import { addWorkingDays, vnToday, workingDaysBetween } from "./calendar.ts";
import { voiceFigures, voiceRiskSignals } from "./figures.ts";
import { solveChallenge } from "./pow.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

const pub = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: "/api/public/requests", payload: payload as object, headers });
const status = (code: string, secret: string) => t.app.inject({ method: "GET", url: `/api/public/requests/${code}`, headers: { "x-request-secret": secret } });

const complaint = (over: Record<string, unknown> = {}) => ({
  kind: "complaint",
  topic: "overtime",
  title: "Không được trả tiền làm thêm giờ tháng 10",
  description: "Công ty bắt làm thêm giờ mỗi ngày 3 tiếng nhưng không trả lương làm thêm giờ theo quy định.",
  anonymous: true,
  consent: true,
  ...over,
});

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return Object.assign(c, { userId: u.id });
}

describe("working-day calendar", () => {
  const none = new Set<string>();
  it("skips weekends and holidays, the day of receipt not counted", () => {
    expect(addWorkingDays("2026-11-20", 3, none)).toBe("2026-11-25"); // Fri → Wed
    // Tết 2026: 16–20/02 are holidays, so 3 working days from Fri 13/02 end on Wed 25/02.
    expect(addWorkingDays("2026-02-13", 3, new Set(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]))).toBe("2026-02-25");
    expect(workingDaysBetween("2026-11-20", "2026-11-25", none)).toBe(3);
  });

  it("uses the seeded holiday table (Tết 2026) and admins can edit it", async () => {
    const admin = await signIn("system_admin", city.federation);
    const list = await admin.get("/api/voice/holidays?year=2026");
    expect(list.statusCode).toBe(200);
    expect(list.json().filter((h: { name: string }) => h.name === "Tết Nguyên đán")).toHaveLength(5);
    expect((await admin.put("/api/voice/holidays/2026-12-24", { name: "Nghỉ thử" })).statusCode).toBe(204);
    expect((await admin.get("/api/voice/holidays?year=2026")).json().some((h: { day: string }) => h.day === "2026-12-24")).toBe(true);
    expect((await admin.delete("/api/voice/holidays/2026-12-24")).statusCode).toBe(204);
    const officer = await signIn("officer", city.federation);
    expect((await officer.put("/api/voice/holidays/2026-12-24", { name: "Nghỉ thử" })).statusCode).toBe(403);
    expect((await admin.put("/api/voice/holidays/2026-13-40", { name: "x" })).statusCode).toBe(400);
  });
});

describe("public submission and tracking", () => {
  it("files an anonymous complaint, returns code and secret, and keeps no identity", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH May Hòa Bình Thử" });
    const res = await pub(complaint({ enterpriseId: ent.id }), { "x-forwarded-for": "1.2.3.4" });
    expect(res.statusCode).toBe(201);
    const { code, secret, deadline } = res.json();
    expect(code).toMatch(/^YC-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Four groups of four from an alphabet without look-alikes (issue #15.6): about 78 bits.
    expect(secret).toMatch(/^([A-HJKMNP-TW-Z2-9]{4}-){3}[A-HJKMNP-TW-Z2-9]{4}$/);
    expect(deadline).toBe(
      addWorkingDays(vnToday(), 10, new Set((await t.database.rows<{ d: string }>(sql`SELECT day::text AS d FROM voice_holidays`)).map((r) => r.d))),
    );
    const [row] = await t.database.rows<{ id: number; secret_hash: string }>(sql`SELECT id, secret_hash FROM voice_requests WHERE code = ${code}`);
    expect(row?.secret_hash).not.toContain(secret);
    const ids = await t.database.rows(sql`SELECT 1 FROM voice_requesters WHERE request_id = ${row?.id}`);
    expect(ids).toHaveLength(0);
    const [a] = await t.database.rows<{ ip: string | null }>(
      sql`SELECT ip FROM audit_log WHERE object_type = 'voice_request' AND object_id = ${String(row?.id)}`,
    );
    expect(a?.ip).toBeNull();

    const ok = await status(code, secret);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code, status: "received", kind: "complaint", topic: "overtime", answer: null, canRate: false });
    expect((await status(code, "wrong-secret-000000000")).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/public/requests/${code}` })).statusCode).toBe(404);
    expect((await status("YC-ZZZZ-ZZZZ", secret)).statusCode).toBe(404);
  });

  it("refuses an anonymous request carrying identity in the database itself", async () => {
    const res = await pub(complaint());
    const [row] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${res.json().code}`);
    await expect(t.database.rows(sql`INSERT INTO voice_requesters (request_id, full_name) VALUES (${row?.id}, 'Nguyễn Văn A')`)).rejects.toThrow();
  });

  it("validates in Vietnamese: consent, identity or anonymous, sizes", async () => {
    const noConsent = await pub(complaint({ consent: false }));
    expect(noConsent.statusCode).toBe(400);
    expect(JSON.stringify(noConsent.json().errors)).toContain("đồng ý");
    const noName = await pub(complaint({ anonymous: false }));
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json().errors)).toContain("ẩn danh");
    const both = await pub(complaint({ requester: { fullName: "Trần Văn B" } }));
    expect(both.statusCode).toBe(400);
    const huge = await pub(complaint({ description: "x".repeat(9000) }));
    expect(huge.statusCode).toBe(400);
    const tooBig = await pub(complaint({ description: "x".repeat(300_000) }));
    expect(tooBig.statusCode).toBe(413);
    expect(await t.database.rows(sql`SELECT 1 FROM voice_requests WHERE description LIKE 'xxxx%'`)).toHaveLength(0);
  });

  it("routes by rules: grassroots union, else zone union, else federation", async () => {
    const withUnion = await buildEnterprise(t.database, city);
    const union = await buildUnion(t.database, city, withUnion.id);
    const noUnion = await buildEnterprise(t.database, city);
    const body = async (payload: unknown) => {
      const res = await pub(payload);
      const [r] = await t.database.rows<{ b: number }>(sql`SELECT responsible_body_id AS b FROM voice_requests WHERE code = ${res.json().code}`);
      return r?.b;
    };
    expect(await body(complaint({ enterpriseId: withUnion.id }))).toBe(union.id);
    expect(await body(complaint({ enterpriseId: noUnion.id }))).toBe(city.zoneUnion);
    expect(await body(complaint({ enterpriseName: "Xưởng may không rõ tên" }))).toBe(city.federation);
  });

  it("routes to a union founded a moment ago, not to the zone union the minute's cache remembers", async () => {
    const ent = await buildEnterprise(t.database, city);
    const routedTo = async () => {
      const res = await pub(complaint({ enterpriseId: ent.id }));
      const [r] = await t.database.rows<{ b: number }>(sql`SELECT responsible_body_id AS b FROM voice_requests WHERE code = ${res.json().code}`);
      return r?.b;
    };
    expect(await routedTo()).toBe(city.zoneUnion);
    const officer = await signIn("officer", city.federation);
    const founded = await officer.post("/api/registry/unions", { name: "Công đoàn cơ sở mới thành lập", enterpriseIds: [ent.id], foundedOn: "01/11/2026" });
    expect(founded.statusCode).toBe(201);
    expect(await routedTo()).toBe(founded.json().id);
    // Dissolved: requests go back to the zone union.
    expect((await officer.patch(`/api/registry/unions/${founded.json().id}`, { dissolvedOn: "20/11/2026" })).statusCode).toBe(200);
    expect(await routedTo()).toBe(city.zoneUnion);
  });

  it("lets the requester add information and rate only after the answer is published", async () => {
    const { code, secret } = (await pub(complaint())).json();
    const add = await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${code}/additions`,
      headers: { "x-request-secret": secret },
      payload: { body: "Tôi bổ sung bảng chấm công." },
    });
    expect(add.statusCode).toBe(204);
    expect((await status(code, secret)).json().additions).toHaveLength(1);
    const wrong = await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${code}/additions`,
      headers: { "x-request-secret": "nope-nope-nope" },
      payload: { body: "x" },
    });
    expect(wrong.statusCode).toBe(404);
    const early = await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${code}/rating`,
      headers: { "x-request-secret": secret },
      payload: { score: 5 },
    });
    expect(early.statusCode).toBe(409);
  });

  it("looks up enterprises without diacritics, by tax code, returning only name and zone", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Điện tử Đông Á Thử" });
    const res = await t.app.inject({ method: "GET", url: "/api/public/enterprises?q=dien%20tu%20dong%20a" });
    expect(res.statusCode).toBe(200);
    const hit = res.json().find((e: { id: number }) => e.id === ent.id);
    expect(Object.keys(hit).sort()).toEqual(["id", "name", "zone"]);
    const byTax = await t.app.inject({ method: "GET", url: `/api/public/enterprises?q=${ent.taxCode}` });
    expect(byTax.json().some((e: { id: number }) => e.id === ent.id)).toBe(true);
  });

  it("checks uploads by content, not by name, with a size limit", async () => {
    const { code, secret } = (await pub(complaint())).json();
    const upload = (name: string, data: Buffer, type: string) => {
      const boundary = "----caunoi";
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: "POST",
        url: `/api/public/requests/${code}/attachments`,
        headers: { "x-request-secret": secret, "content-type": `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const ok = await upload("bang-cham-cong.png", png, "image/png");
    expect(ok.statusCode).toBe(201);
    expect(ok.json().mime).toBe("image/png");
    const fake = await upload("hoa-don.pdf", Buffer.from("MZ this is an exe"), "application/pdf");
    expect(fake.statusCode).toBe(415);
    const pdfNamedJpg = await upload("anh.jpg", Buffer.from("%PDF-1.4 test"), "image/jpeg");
    expect(pdfNamedJpg.json().mime).toBe("application/pdf");
    const big = await upload("big.pdf", Buffer.concat([Buffer.from("%PDF-1.4"), Buffer.alloc(6 * 1024 * 1024)]), "application/pdf");
    expect(big.statusCode).toBe(413);
  });
});

describe("abuse resistance", () => {
  it("requires a solved proof-of-work challenge when the difficulty is set, verified statelessly", async () => {
    const hard = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "8", PUBLIC_RATE_LIMIT: "0" });
    try {
      await buildCity(hard.database);
      const send = (payload: unknown) => hard.app.inject({ method: "POST", url: "/api/public/requests", payload: payload as object });
      const missing = await send(complaint());
      expect(missing.statusCode).toBe(400);
      expect(missing.json().code).toBe("voice_challenge_required");
      const ch = (await hard.app.inject({ method: "GET", url: "/api/public/challenge" })).json();
      expect(ch.difficulty).toBe(8);
      const counter = solveChallenge(ch.token, 8);
      expect((await send(complaint({ challenge: { token: ch.token, counter } }))).statusCode).toBe(201);
      const tampered = `${ch.token.split(".").slice(0, 2).join(".")}.0.${ch.token.split(".")[3]}`;
      expect((await send(complaint({ challenge: { token: tampered, counter: "0" } }))).json().code).toBe("voice_challenge_failed");
      let wrong = 0;
      while (solveChallenge(ch.token, 8) === String(wrong)) wrong++;
      const bad = await send(complaint({ challenge: { token: ch.token, counter: String(Number(counter) + 1) } }));
      expect([201, 400]).toContain(bad.statusCode);
    } finally {
      await hard.close();
    }
  });

  it("limits public submissions per address from configuration", async () => {
    const limited = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "3" });
    try {
      await buildCity(limited.database);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: "POST", url: "/api/public/requests", payload: complaint() })).statusCode);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("staff workflow", () => {
  it("takes a hotline call, finding the caller by phone, audited", async () => {
    const ent = await buildEnterprise(t.database, city);
    const person = await buildPerson(t.database, { familyName: "Phạm", middleName: "Văn", givenName: "Hùng", phone: "0912000111", enterpriseId: ent.id });
    const officer = await signIn("officer", city.federation);
    const found = await officer.get("/api/voice/callers?phone=0912000111");
    expect(found.statusCode).toBe(200);
    expect(found.json()[0]).toMatchObject({ id: person.id, fullName: "Phạm Văn Hùng" });
    expect(await auditCount(t.database, "voice_caller_lookup", "person", String(person.id))).toBe(1);
    const res = await officer.post("/api/voice/requests", {
      kind: "consultation",
      topic: "social_insurance",
      channel: "hotline",
      title: "Hỏi về chốt sổ BHXH",
      description: "Người lao động hỏi công ty chưa chốt sổ bảo hiểm xã hội sau khi nghỉ việc.",
      enterpriseId: ent.id,
      personId: person.id,
      requester: { fullName: "Phạm Văn Hùng", phone: "0912000111" },
      consent: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().deadline).toBeTruthy();
    const viewer = await signIn("viewer", city.federation);
    expect(
      (
        await viewer.post("/api/voice/requests", {
          kind: "consultation",
          topic: "wages",
          channel: "hotline",
          title: "Hỏi",
          description: "Hỏi lương",
          anonymous: true,
          consent: true,
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: "POST", url: "/api/voice/requests", payload: {} })).statusCode).toBe(401);
    const bad = await officer.post("/api/voice/requests", { kind: "x", channel: "hotline", consent: true });
    expect(bad.statusCode).toBe(400);
  });

  it("answers, transfers once (the deadline restarts), reviews, publishes, closes and reopens", async () => {
    const ent = await buildEnterprise(t.database, city);
    const { code, secret } = (await pub(complaint({ enterpriseId: ent.id }))).json();
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    const id = r?.id ?? 0;
    // Pretend it arrived three weeks ago, so its first deadline has passed.
    await t.database.rows(sql`UPDATE voice_requests SET clock_started_on = current_date - 21, deadline = current_date - 7 WHERE id = ${id}`);
    const zoneOfficer = await signIn("officer", city.zoneUnion);
    const list = await zoneOfficer.get("/api/voice/requests?overdue=true");
    expect(list.json().items.some((i: { id: number; overdue: boolean }) => i.id === id && i.overdue)).toBe(true);

    expect((await zoneOfficer.post(`/api/voice/requests/${id}/assign`, { userId: zoneOfficer.userId })).statusCode).toBe(204);
    expect((await zoneOfficer.post(`/api/voice/requests/${id}/notes`, { body: "Đã gọi điện cho bộ phận nhân sự, chờ bảng lương." })).statusCode).toBe(201);

    const transfer = await zoneOfficer.post(`/api/voice/requests/${id}/transfer`, {
      toBodyId: city.federation,
      reason: "Vụ việc liên quan nhiều doanh nghiệp, cần LĐLĐ thành phố",
    });
    expect(transfer.statusCode).toBe(200);
    const holidays = new Set((await t.database.rows<{ d: string }>(sql`SELECT day::text AS d FROM voice_holidays`)).map((x) => x.d));
    expect(transfer.json().deadline).toBe(addWorkingDays(vnToday(), 10, holidays));
    const [tr] = await t.database.rows<{ old: string }>(sql`SELECT old_deadline::text AS old FROM voice_transfers WHERE request_id = ${id}`);
    expect((tr?.old ?? "9999") < vnToday()).toBe(true);
    const fed = await signIn("officer", city.federation);
    const detail = (await fed.get(`/api/voice/requests/${id}`)).json();
    expect(detail).toMatchObject({ status: "received", overdue: false, responsibleBodyId: city.federation, assignedUserId: null });
    expect(detail.transfers).toHaveLength(1);

    // The zone officer now only sees it because the enterprise lies in their zone; writes still scoped.
    expect(
      (
        await fed.post(`/api/voice/requests/${id}/answer`, {
          answer: "Theo Điều 98 Bộ luật Lao động 2019, giờ làm thêm được trả ít nhất 150% vào ngày thường.",
        })
      ).statusCode,
    ).toBe(204);
    expect((await status(code, secret)).json().answer).toBeNull();
    expect((await fed.post(`/api/voice/requests/${id}/answer/review`, { approve: true })).json().code).toBe("voice_review_self");
    expect((await fed.post(`/api/voice/requests/${id}/answer/publish`)).statusCode).toBe(409);
    const head = await signIn("body_admin", city.federation);
    // The page offers "Duyệt" to the second officer only.
    expect((await fed.get(`/api/voice/requests/${id}`)).json().canReview).toBe(false);
    expect((await head.get(`/api/voice/requests/${id}`)).json().canReview).toBe(true);
    expect((await head.post(`/api/voice/requests/${id}/answer/review`, { approve: true })).statusCode).toBe(204);
    expect((await fed.post(`/api/voice/requests/${id}/answer/publish`)).statusCode).toBe(204);
    const st = (await status(code, secret)).json();
    expect(st).toMatchObject({ status: "answered", canRate: true });
    expect(st.answer).toContain("Điều 98");
    expect(JSON.stringify(st)).not.toContain("Đã gọi điện cho bộ phận nhân sự");
    const rate = await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${code}/rating`,
      headers: { "x-request-secret": secret },
      payload: { score: 4, comment: "Cảm ơn" },
    });
    expect(rate.statusCode).toBe(204);
    expect((await fed.post(`/api/voice/requests/${id}/close`, {})).statusCode).toBe(204);
    expect((await fed.post(`/api/voice/requests/${id}/close`, {})).statusCode).toBe(409);
    const reopen = await fed.post(`/api/voice/requests/${id}/reopen`, { reason: "Người lao động phản hồi công ty vẫn chưa trả" });
    expect(reopen.statusCode).toBe(200);
    const after = (await fed.get(`/api/voice/requests/${id}`)).json();
    expect(after.status).toBe("in_progress");
    expect(after.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(["received", "assigned", "note", "transferred", "answer_drafted", "answer_approved", "answered", "rated", "closed", "reopened"]),
    );
    expect(await auditCount(t.database, "voice_request_transfer", "voice_request", id)).toBe(1);
  });

  it("refuses reopening after the window", async () => {
    const { code } = (await pub(complaint())).json();
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    await t.database.rows(
      sql`UPDATE voice_requests SET status = 'closed', answer_status = 'published', answered_at = now() - interval '90 days', closed_at = now() - interval '80 days' WHERE id = ${r?.id}`,
    );
    const fed = await signIn("officer", city.federation);
    const res = await fed.post(`/api/voice/requests/${r?.id}/reopen`, { reason: "Muốn mở lại" });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("voice_reopen_expired");
  });

  it("scopes lists and details: out of scope answers 404", async () => {
    const otherZoneUnion = await buildBody(t.database, "zone_union", city.federation, "Công đoàn KCN khác");
    const otherZone = (
      await t.database.rows<{ id: number }>(
        sql`INSERT INTO zones (code, name, kind, commune, zone_union_id) VALUES ('ZX1', 'KCN Khác', 'industrial_zone', 'Xã', ${otherZoneUnion.id}) RETURNING id`,
      )
    )[0]?.id;
    const ent = await buildEnterprise(t.database, city, { zoneId: otherZone ?? 0 });
    const { code } = (await pub(complaint({ enterpriseId: ent.id }))).json();
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    const zoneOfficer = await signIn("officer", city.zoneUnion);
    expect((await zoneOfficer.get(`/api/voice/requests/${r?.id}`)).statusCode).toBe(404);
    expect((await zoneOfficer.post(`/api/voice/requests/${r?.id}/notes`, { body: "thử ghi chú" })).statusCode).toBe(404);
    expect((await zoneOfficer.get("/api/voice/requests?pageSize=200")).json().items.some((i: { id: number }) => i.id === r?.id)).toBe(false);
    const other = await signIn("officer", otherZoneUnion.id);
    expect((await other.get(`/api/voice/requests/${r?.id}`)).statusCode).toBe(200);
  });

  it("escalates overdue requests to the body head's list", async () => {
    const { code } = (await pub(complaint({ enterpriseName: "Cơ sở không rõ" }))).json();
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    await t.database.rows(sql`UPDATE voice_requests SET deadline = current_date - 3 WHERE id = ${r?.id}`);
    const officer = await signIn("officer", city.federation);
    expect((await officer.get("/api/voice/overdue")).statusCode).toBe(403);
    const esc = await officer.post("/api/voice/escalations");
    expect(esc.json().escalated).toBeGreaterThanOrEqual(1);
    const head = await signIn("body_admin", city.federation);
    const list = (await head.get("/api/voice/overdue")).json();
    expect(list.find((x: { id: number }) => x.id === r?.id)).toMatchObject({ overdue: true, escalated: true });
  });

  it("keeps deadlines by kind in settings (admin edits)", async () => {
    const admin = await signIn("system_admin", city.federation);
    const s = (await admin.get("/api/voice/settings")).json();
    expect(s.deadlines).toEqual({ consultation: 3, complaint: 10, petition: 15, report: 10 });
    expect((await admin.put("/api/voice/settings", { deadlines: { ...s.deadlines, consultation: 5 } })).statusCode).toBe(200);
    const res = await pub(complaint({ kind: "consultation" }));
    const holidays = new Set((await t.database.rows<{ d: string }>(sql`SELECT day::text AS d FROM voice_holidays`)).map((x) => x.d));
    expect(res.json().deadline).toBe(addWorkingDays(vnToday(), 5, holidays));
    await admin.put("/api/voice/settings", { deadlines: s.deadlines });
    const officer = await signIn("officer", city.federation);
    expect((await officer.put("/api/voice/settings", { reopenDays: 1 })).statusCode).toBe(403);
  });
});

describe("identity protection", () => {
  it("shows the enterprise its requests with no trace of who sent them", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Giày Da Thử Nghiệm" });
    const name = "Lương Thị Bích Ngọc";
    const phone = "0987654321";
    const cid = "031195123456";
    const sigName = "Vương Đình Khải";
    const sigCid = "031090654321";
    const named = await pub({
      kind: "petition",
      topic: "wages",
      title: "Kiến nghị tăng lương tối thiểu",
      description: "Tập thể công nhân xưởng cắt kiến nghị điều chỉnh lương theo lương tối thiểu vùng mới.",
      enterpriseId: ent.id,
      anonymous: false,
      requester: { fullName: name, phone, citizenId: cid, email: "ngoc.luong@example.vn", address: "Thôn Đông, xã An Lư" },
      collective: true,
      signatoryCount: 2,
      signatories: [
        { fullName: name, citizenId: cid },
        { fullName: sigName, citizenId: sigCid, phone: "0909111222" },
      ],
      consent: true,
    });
    expect(named.statusCode).toBe(201);
    const priv = await pub(
      complaint({
        enterpriseId: ent.id,
        anonymous: false,
        requester: { fullName: name, phone, citizenId: cid },
        description: `Tôi là ${name}, tổ trưởng chuyền 5, bị ép làm thêm giờ.`,
        descriptionPrivate: true,
      }),
    );
    expect(priv.statusCode).toBe(201);
    const [pr] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${priv.json().code}`);
    const boundary = "----x";
    await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${priv.json().code}/attachments`,
      headers: { "x-request-secret": priv.json().secret, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const [nr] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${named.json().code}`);
    // Staff work on it: a note and a published answer that the enterprise may read.
    const grassroots = await signIn("officer", city.zoneUnion);
    await grassroots.post(`/api/voice/requests/${nr?.id}/notes`, { body: `Đã liên hệ chị ${name} qua số ${phone}` });
    await grassroots.post(`/api/voice/requests/${nr?.id}/answer`, { answer: "Đề nghị doanh nghiệp rà soát thang bảng lương theo Nghị định 293/2025/NĐ-CP." });
    const head = await signIn("body_admin", city.zoneUnion);
    await head.post(`/api/voice/requests/${nr?.id}/answer/review`, { approve: true });
    await grassroots.post(`/api/voice/requests/${nr?.id}/answer/publish`);

    // Only what an officer forwards reaches the enterprise (issue #15): the petition, with a summary.
    const summary = "Đề nghị doanh nghiệp rà soát thang bảng lương theo mức lương tối thiểu vùng mới.";
    expect((await grassroots.post(`/api/voice/requests/${nr?.id}/forward`, { summary, acknowledgePrivate: true })).statusCode).toBe(200);
    const rep = await signIn("enterprise_rep", ent.id);
    const responses = [
      await rep.get("/api/voice/requests"),
      await rep.get("/api/voice/requests?pageSize=200&status=answered"),
      await rep.get(`/api/voice/requests/${nr?.id}`),
      await rep.get(`/api/voice/requests/${pr?.id}`),
      await rep.get(`/api/voice/requests/${pr?.id}/attachments/1`),
      await rep.post(`/api/voice/requests/${nr?.id}/identity`, { purpose: "muốn biết ai gửi" }),
      await rep.get("/api/voice/callers?phone=0987654321"),
      await rep.post(`/api/voice/requests/${nr?.id}/notes`, { body: "doanh nghiệp ghi chú" }),
      await rep.get("/api/voice/overdue"),
      await rep.get(`/api/voice/requests/${nr?.id}/qa-draft`),
      await rep.get("/api/voice/qa"),
      await rep.get("/api/voice/holidays"),
    ];
    const list = responses[0]?.json();
    expect(list.total).toBe(1);
    expect(list.items[0].summary).toBe(summary);
    expect(responses[2]?.statusCode).toBe(404);
    expect(responses[3]?.statusCode).toBe(404);
    for (const res of responses) {
      const text = res.body;
      for (const secret of [name, "Lương Thị", phone, cid, sigName, sigCid, "0909111222", "ngoc.luong", "An Lư", `${name}.pdf`, "Đã liên hệ chị"]) {
        expect(text).not.toContain(secret);
      }
    }
    for (const res of responses.slice(4, -1)) expect([403, 404]).toContain(res.statusCode);
    // Another enterprise sees nothing of these.
    const other = await buildEnterprise(t.database, city);
    const rep2 = await signIn("enterprise_rep", other.id);
    expect((await rep2.get(`/api/voice/requests/${nr?.id}`)).statusCode).toBe(404);
    expect((await rep2.get("/api/voice/requests")).json().total).toBe(0);

    // Staff: the detail carries no identity; the identity endpoint does, audited.
    const detail = await grassroots.get(`/api/voice/requests/${nr?.id}`);
    expect(detail.body).not.toContain(cid);
    expect(detail.json().hasIdentity).toBe(true);
    const before = await auditCount(t.database, "voice_identity_read", "voice_request", nr?.id);
    const who = await grassroots.post(`/api/voice/requests/${nr?.id}/identity`, { purpose: "Gọi lại để xác minh" });
    expect(who.statusCode).toBe(200);
    expect(who.json().requester).toMatchObject({ fullName: name, phone, citizenId: cid });
    expect(who.json().signatories).toHaveLength(2);
    expect(await auditCount(t.database, "voice_identity_read", "voice_request", nr?.id)).toBe(before + 1);
    const viewer = await signIn("viewer", city.federation);
    expect((await viewer.post(`/api/voice/requests/${nr?.id}/identity`, { purpose: "xem thử" })).statusCode).toBe(403);
    expect((await viewer.get(`/api/voice/requests/${nr?.id}`)).body).not.toContain(phone);
  });
});

describe("legal Q&A", () => {
  it("publishes a de-identified entry; 'lam them gio' finds it, exact diacritics first; superseded citations flag it", async () => {
    const officer = await signIn("officer", city.federation);
    const head = await signIn("body_admin", city.federation);
    const res = await pub(
      complaint({
        anonymous: false,
        requester: { fullName: "Đỗ Minh Quân", phone: "0977000111" },
        description: "Tôi là Đỗ Minh Quân (0977000111). Công ty bắt làm thêm giờ quá 40 giờ một tháng có đúng luật không?",
      }),
    );
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${res.json().code}`);
    const id = r?.id ?? 0;
    await officer.post(`/api/voice/requests/${id}/answer`, { answer: "Theo Điều 107 Bộ luật Lao động 2019, số giờ làm thêm không quá 40 giờ trong 01 tháng." });
    await head.post(`/api/voice/requests/${id}/answer/review`, { approve: true });
    await officer.post(`/api/voice/requests/${id}/answer/publish`);

    const draft = (await officer.get(`/api/voice/requests/${id}/qa-draft`)).json();
    expect(draft.question).not.toContain("Đỗ Minh Quân");
    expect(draft.question).not.toContain("0977000111");
    const leaky = await officer.post("/api/voice/qa", {
      requestId: id,
      question: "Đỗ Minh Quân hỏi về làm thêm giờ",
      answer: draft.answer,
      citations: ["Điều 107 Bộ luật Lao động 2019"],
      validFrom: "2021-01-01",
    });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().code).toBe("voice_identity_in_text");
    const created = await officer.post("/api/voice/qa", {
      requestId: id,
      question: draft.question,
      answer: draft.answer,
      citations: ["Điều 107 Bộ luật Lao động 2019", "Nghị định 145/2020/NĐ-CP"],
      tags: ["overtime"],
      validFrom: "2021-01-01",
    });
    expect(created.statusCode).toBe(201);
    const qa = created.json();
    // Unpublished: not public yet.
    expect((await t.app.inject({ method: "GET", url: "/api/public/qa?q=lam%20them%20gio" })).json().items.some((e: { id: number }) => e.id === qa.id)).toBe(
      false,
    );
    expect((await officer.post(`/api/voice/qa/${qa.id}/publish`, { publish: true })).statusCode).toBe(200);
    // A second entry that only matches without diacritics ("lâm thêm giờ" is not "làm thêm giờ").
    const folded = await officer.post("/api/voice/qa", {
      question: "Lâm thêm giờ có được không?",
      answer: "Mục thử xếp hạng.",
      citations: ["Điều 107 Bộ luật Lao động 2019"],
      validFrom: "2021-01-01",
    });
    await officer.post(`/api/voice/qa/${folded.json().id}/publish`, { publish: true });
    const search = await t.app.inject({ method: "GET", url: "/api/public/qa?q=lam%20them%20gio" });
    expect(search.statusCode).toBe(200);
    const ids = search.json().items.map((e: { id: number }) => e.id);
    expect(ids).toContain(qa.id);
    const exact = await t.app.inject({ method: "GET", url: `/api/public/qa?q=${encodeURIComponent("làm thêm giờ")}` });
    const exactIds = exact.json().items.map((e: { id: number }) => e.id);
    expect(exactIds.indexOf(qa.id)).toBeLessThan(exactIds.indexOf(folded.json().id));
    expect(search.body).not.toContain("Đỗ Minh Quân");

    const admin = await signIn("system_admin", city.federation);
    const tagged = await officer.post("/api/voice/qa", {
      question: "Lương tối thiểu vùng I năm 2025 là bao nhiêu?",
      answer: "Mức lương tối thiểu vùng I là 4.960.000 đồng/tháng.",
      citations: ["Nghị định 74/2024/NĐ-CP"],
      tags: ["wages"],
      validFrom: "2024-07-01",
    });
    await officer.post(`/api/voice/qa/${tagged.json().id}/publish`, { publish: true });
    expect((await officer.post("/api/voice/superseded", { oldCitation: "Nghị định 74/2024/NĐ-CP", newCitation: "Nghị định 293/2025/NĐ-CP" })).statusCode).toBe(
      403,
    );
    const mark = await admin.post("/api/voice/superseded", { oldCitation: "Nghi dinh 74/2024/ND-CP", newCitation: "Nghị định 293/2025/NĐ-CP" });
    expect(mark.statusCode).toBe(200);
    expect(mark.json().ids).toEqual([tagged.json().id]);
    const flagged = (await officer.get("/api/voice/qa?needsReview=true")).json().items;
    expect(flagged.map((e: { id: number }) => e.id)).toEqual([tagged.json().id]);
    expect(flagged[0].reviewReason).toContain("293/2025");
    expect((await officer.post(`/api/voice/qa/${tagged.json().id}/publish`, { publish: true })).json().code).toBe("voice_qa_needs_review");
    const fixed = await officer.put(`/api/voice/qa/${tagged.json().id}`, {
      question: "Lương tối thiểu vùng I năm 2026 là bao nhiêu?",
      answer: "Từ 01/01/2026, mức lương tối thiểu vùng I là 5.310.000 đồng/tháng.",
      citations: ["Nghị định 293/2025/NĐ-CP"],
      tags: ["wages"],
      validFrom: "2026-01-01",
    });
    expect(fixed.json().needsReview).toBe(false);
    expect((await admin.get("/api/voice/superseded")).json()[0]).toMatchObject({ newCitation: "Nghị định 293/2025/NĐ-CP" });
  });
});

describe("figures and risk signals", () => {
  it("counts received, answered and overdue with links, and raises rate and spike signals", async () => {
    const ent = await buildEnterprise(t.database, city, { workforce: 200 });
    for (let i = 0; i < 4; i++) expect((await pub(complaint({ enterpriseId: ent.id }))).statusCode).toBe(201);
    const year = vnToday().slice(0, 4);
    const sections = await voiceFigures(t.database, { kind: "city" }, { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}` });
    const main = sections.find((s) => s.key === "situation");
    const received = main?.figures.find((f) => f.key === "voice.received");
    const [n] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM voice_requests WHERE extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${Number(year)}`,
    );
    expect(received?.value).toBe(n?.n);
    expect(received?.link).toContain("/staff/requests?");
    expect(main?.figures.every((f) => f.link)).toBe(true);
    expect(main?.paragraphs[0]).toContain("tiếp nhận");
    const overtime = sections[1]?.figures.find((f) => f.key === "voice.topic.overtime.received");
    expect(overtime?.value).toBeGreaterThanOrEqual(4);
    // A zone scope sees only its zone's requests.
    const other = await voiceFigures(
      t.database,
      { kind: "zones", bodyPath: "/999999/", zoneIds: [999999] },
      { from: `${year}-01-01`, to: `${year}-12-31`, label: "" },
    );
    expect(other[0]?.figures.find((f) => f.key === "voice.received")?.value).toBe(0);

    const signals = await voiceRiskSignals(t.database, vnToday());
    const rate = signals.find((s) => s.enterpriseId === ent.id && s.kind === "voice_requests_rate");
    expect(rate?.value).toBe(20); // 4 requests / 200 workers × 1,000
    expect(rate?.evidence).toBe("4 yêu cầu trong 90 ngày (20/1.000 lao động)");
    const spike = signals.find((s) => s.enterpriseId === ent.id && s.kind === "voice_requests_spike");
    expect(spike?.evidence).toContain("90 ngày trước đó không có yêu cầu nào");
    expect(figureProviders).toContain(voiceFigures);
    expect(riskSignalProviders).toContain(voiceRiskSignals);
  });
});

describe("figures in one pass", () => {
  it("equal the requests counted one by one in Vietnamese days: totals, months, topics, kinds, zones, bodies, lateness, median", async () => {
    const ent = await buildEnterprise(t.database, city, { workforce: 300 });
    // 400 requests around the year's turn, some received in the last minutes of a Vietnamese day or year.
    await t.database.rows(
      sql`INSERT INTO voice_requests (code, secret_hash, kind, topic, channel, title, description, enterprise_id, anonymous, collective, signatory_count,
            responsible_body_id, status, received_at, clock_started_on, deadline, answered_at, rating)
          SELECT 'FIG-' || g, 'x', (ARRAY['consultation','complaint','petition','report'])[1 + g % 4],
            (ARRAY['wages','overtime','social_insurance','contract','dismissal','osh','union_rights','housing','other'])[1 + g % 9], 'web', 'Yêu cầu', 'Nội dung',
            CASE WHEN g % 3 = 0 THEN NULL ELSE ${ent.id}::int END, g % 5 = 0, g % 7 = 0, CASE WHEN g % 7 = 0 THEN 12 END,
            CASE WHEN g % 2 = 0 THEN ${city.federation}::int ELSE ${city.zoneUnion}::int END,
            CASE WHEN g % 4 = 0 THEN 'answered' WHEN g % 4 = 1 THEN 'closed' WHEN g % 4 = 2 THEN 'received' ELSE 'in_progress' END,
            rec, (rec AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, (rec AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + (g % 20),
            CASE WHEN g % 4 IN (0, 1) THEN rec + (g % 31) * interval '1 day' + (g % 13) * interval '1 hour' END,
            CASE WHEN g % 4 IN (0, 1) AND g % 3 <> 2 THEN 1 + g % 5 END
          FROM generate_series(1, 400) g,
          LATERAL (SELECT timestamptz '2025-12-31 16:50:00+00' + (g * 23 % 400) * interval '1 day' + (g % 24) * interval '1 hour' + (g % 11) * interval '1 minute' AS rec) x`,
    );
    const vn = (col: string) => sql.raw(`(r.${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
    for (const period of [
      { from: "2026-01-01", to: "2026-12-31", label: "năm 2026" },
      { from: "2026-07-01", to: "2026-12-31", label: "6 tháng cuối năm 2026" },
    ]) {
      const sections = await voiceFigures(t.database, { kind: "city" }, period, { appendix: true });
      const figures = new Map(sections.flatMap((s) => s.figures).map((f) => [f.key, f.value]));
      const inP = (col: string) => sql`${vn(col)}::date BETWEEN ${period.from}::date AND ${period.to}::date`;
      const [x] = await t.database.rows<Record<string, number>>(
        sql`SELECT count(*) FILTER (WHERE ${inP("received_at")})::int AS received, count(*) FILTER (WHERE ${inP("answered_at")})::int AS answered,
              count(*) FILTER (WHERE ${inP("answered_at")} AND ${vn("answered_at")}::date > r.deadline)::int AS late,
              count(*) FILTER (WHERE r.status IN ('received','assigned','in_progress') AND r.deadline < ${vnToday()} AND ${vn("received_at")}::date <= ${period.to}::date)::int AS "overdueOpen",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.received_at) / 86400) FILTER (WHERE ${inP("answered_at")}))::numeric, 1)::float AS median,
              count(*) FILTER (WHERE r.anonymous AND ${inP("received_at")})::int AS anonymous, count(*) FILTER (WHERE r.collective AND ${inP("received_at")})::int AS collective
            FROM voice_requests r`,
      );
      expect(x?.received).toBeGreaterThan(50);
      expect(figures.get("voice.received")).toBe(x?.received);
      expect(figures.get("voice.answered")).toBe(x?.answered);
      expect(figures.get("voice.answered_late")).toBe(x?.late);
      expect(figures.get("voice.overdue_open")).toBe(x?.overdueOpen);
      expect(figures.get("voice.median_days_to_answer")).toBe(x?.median);
      expect(figures.get("voice.anonymous")).toBe(x?.anonymous);
      expect(figures.get("voice.collective")).toBe(x?.collective);
      const months = await t.database.rows<{ m: string; received: number; answered: number }>(
        sql`SELECT m, count(*) FILTER (WHERE what = 'r')::int AS received, count(*) FILTER (WHERE what = 'a')::int AS answered FROM (
              SELECT to_char(${vn("received_at")}, 'YYYY-MM') AS m, 'r' AS what FROM voice_requests r WHERE ${inP("received_at")}
              UNION ALL SELECT to_char(${vn("answered_at")}, 'YYYY-MM'), 'a' FROM voice_requests r WHERE ${inP("answered_at")}) e GROUP BY m`,
      );
      for (const m of months) {
        expect(figures.get(`voice.month.${m.m}.received`), m.m).toBe(m.received);
        expect(figures.get(`voice.month.${m.m}.answered`), m.m).toBe(m.answered);
      }
      const dims = await t.database.rows<{ k: string; received: number; answered: number; overdue: number }>(
        sql`SELECT k, count(*) FILTER (WHERE ${inP("received_at")})::int AS received, count(*) FILTER (WHERE ${inP("answered_at")})::int AS answered,
              count(*) FILTER (WHERE r.status IN ('received','assigned','in_progress') AND r.deadline < ${vnToday()})::int AS overdue
            FROM voice_requests r LEFT JOIN enterprises e ON e.id = r.enterprise_id,
            LATERAL (VALUES ('voice.topic.' || r.topic), ('voice.kind.' || r.kind), ('voice.body.' || r.responsible_body_id), ('voice.zone.' || coalesce(e.zone_id::text, 'none'))) d(k)
            GROUP BY k`,
      );
      for (const d of dims.filter((d) => d.received || d.answered || d.overdue)) {
        expect(figures.get(`${d.k}.received`), d.k).toBe(d.received);
        expect(figures.get(`${d.k}.answered`), d.k).toBe(d.answered);
        expect(figures.get(`${d.k}.overdue`), d.k).toBe(d.overdue);
      }
      // The dashboards leave the per-body appendix out, and nothing else.
      const summary = (await voiceFigures(t.database, { kind: "city" }, period)).flatMap((s) => s.figures);
      expect(summary.some((f) => f.key.startsWith("voice.body."))).toBe(false);
      expect(summary.length).toBe([...figures.keys()].filter((k) => !k.startsWith("voice.body.")).length);
    }
  });
});

describe("pickers for transfer and assignment", () => {
  it("lists receiving bodies and assignable officers, refusing enterprises", async () => {
    const officer = await signIn("officer", city.zoneUnion);
    const bodies = await officer.get("/api/voice/bodies?q=lien%20doan");
    expect(bodies.statusCode).toBe(200);
    expect(bodies.json().some((b: { id: number }) => b.id === city.federation)).toBe(true);
    const { code } = (await pub(complaint({ enterpriseName: "Không rõ" }))).json();
    const [r] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    const fed = await signIn("officer", city.federation);
    const officers = await fed.get(`/api/voice/requests/${r?.id}/officers`);
    expect(officers.json().some((o: { id: number }) => o.id === fed.userId)).toBe(true);
    const ent = await buildEnterprise(t.database, city);
    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.get("/api/voice/bodies")).statusCode).toBe(403);
  });
});

describe("taking a request on (Nhận xử lý)", () => {
  it("is offered only to staff of the responsible body or below, and refused to others with a clear message", async () => {
    const ent = await buildEnterprise(t.database, city); // no union: routed to the zone union
    const { code } = (await pub(complaint({ enterpriseId: ent.id }))).json();
    const [r] = await t.database.rows<{ id: number; b: number }>(sql`SELECT id, responsible_body_id AS b FROM voice_requests WHERE code = ${code}`);
    expect(r?.b).toBe(city.zoneUnion);
    const url = `/api/voice/requests/${r?.id}`;

    // The city federation sees the request (its scope is the city) but does not own it.
    const fed = await signIn("officer", city.federation);
    expect((await fed.get(url)).json().canTakeOn).toBe(false);
    const refused = await fed.post(`${url}/assign`, { userId: fed.userId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("voice_not_responsible");
    expect(refused.json().detail).toContain("Công đoàn Khu kinh tế");
    expect(refused.json().detail).toContain("chỉ cán bộ của đơn vị này");
    // Starting the work does not make an outsider the assignee either.
    expect((await fed.post(`${url}/start`)).statusCode).toBe(204);
    expect((await fed.get(url)).json().assignedUserId).toBeNull();

    // An officer of a grassroots union under the zone union may take it on; then it is theirs.
    const grassroots = await buildBody(t.database, "grassroots_union", city.zoneUnion, "CĐCS dưới KKT");
    const below = await signIn("officer", grassroots.id);
    expect((await below.get(url)).statusCode).toBe(404); // not in its scope: it does not see it at all
    const zone = await signIn("officer", city.zoneUnion);
    expect((await zone.get(url)).json().canTakeOn).toBe(true);
    expect((await zone.post(`${url}/assign`, { userId: zone.userId })).statusCode).toBe(204);
    const after = (await zone.get(url)).json();
    expect(after.assignedUserId).toBe(zone.userId);
    expect(after.canTakeOn).toBe(false);
    // A viewer of the body may read but not write: not offered either.
    const viewer = await signIn("viewer", city.zoneUnion);
    expect((await viewer.get(url)).json().canTakeOn).toBe(false);
  });
});

describe("public submissions under load (group commit)", () => {
  it("files concurrent submissions, each with its own code and secret; a bad one fails alone", async () => {
    const ent = await buildEnterprise(t.database, city);
    const gone = await buildEnterprise(t.database, city);
    // The routing facts of `gone` are cached by a first submission's preparation, then it leaves the registry.
    const warm = await pub(complaint({ enterpriseId: gone.id, anonymous: false, requester: { fullName: "Trần Văn Thử" } }));
    expect(warm.statusCode).toBe(201);
    await t.database.rows(sql`DELETE FROM voice_requests WHERE enterprise_id = ${gone.id}`);
    await t.database.rows(sql`DELETE FROM enterprises WHERE id = ${gone.id}`);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        pub(
          complaint({
            enterpriseId: i === 7 ? gone.id : ent.id,
            title: `Yêu cầu đồng thời số ${i}`,
            ...(i % 2 === 0 ? { anonymous: false, requester: { fullName: `Người lao động ${i}`, phone: "0912345678" } } : {}),
          }),
        ),
      ),
    );
    const bad = results[7];
    expect(bad?.statusCode).toBe(400);
    expect(bad?.json().errors[0].message).toBe("Không tìm thấy doanh nghiệp");
    const good = results.filter((_, i) => i !== 7);
    expect(good.every((r) => r.statusCode === 201)).toBe(true);
    const codes = new Set(good.map((r) => r.json().code));
    expect(codes.size).toBe(23);
    for (const [i, r] of results.entries()) {
      if (i === 7) continue;
      const { code, secret } = r.json();
      const s = await status(code, secret);
      expect(s.statusCode).toBe(200);
      expect(s.json().title).toBe(`Yêu cầu đồng thời số ${i}`);
      const [row] = await t.database.rows<{ id: number; named: boolean; history: number; audits: number }>(
        sql`SELECT r.id, EXISTS (SELECT 1 FROM voice_requesters q WHERE q.request_id = r.id) AS named,
              (SELECT count(*) FROM voice_history h WHERE h.request_id = r.id) AS history,
              (SELECT count(*) FROM audit_log a WHERE a.object_type = 'voice_request' AND a.object_id = r.id::text AND a.action = 'voice_request_create') AS audits
            FROM voice_requests r WHERE r.code = ${code}`,
      );
      expect(row).toMatchObject({ named: i % 2 === 0, history: 1, audits: 1 });
    }
    // Submissions that arrived together were committed together: fewer transactions than requests.
    const [tx] = await t.database.rows<{ n: number }>(
      sql`SELECT count(DISTINCT xmin::text) AS n FROM voice_requests WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify([...codes])}::jsonb))`,
    );
    expect(tx?.n).toBeLessThan(23);
  });
});
