import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { multipart } from "../../../../test/security/coverage.ts";

/**
 * Issue #17, items 3 and 4: what is forwarded to an enterprise, answered and decided; evidence by its
 * content; extensions that move deadlines; difficulties routed to the zone authority; and nothing of
 * one enterprise reaching another, nor any worker's identity reaching either.
 */

let t: TestApp;
let city: TestCity;
const YEAR = Number(vnToday().slice(0, 4));
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  const res = await c.login(u.username, u.password);
  if (res.statusCode !== 200) throw new Error(`login ${role}`);
  return c;
}
const upload = (c: Client, exchangeId: number, name: string, content: Buffer) =>
  c.request({ method: "POST", url: `/api/enterprise/exchanges/${exchangeId}/evidence`, ...multipart(name, content) });

/** A named complaint about an enterprise, forwarded by the responsible union with the officer's summary. */
async function forwardedComplaint(enterpriseId: number, union: Client, summary: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/public/requests",
    payload: {
      kind: "complaint",
      topic: "overtime",
      title: "Tổ trưởng Quachtitle ép tăng ca",
      description: "Chuyền QUACHLINE9 bắt làm thêm 4 giờ mỗi ngày, không trả tiền làm thêm.",
      enterpriseId,
      anonymous: false,
      requester: { fullName: "Quách Thị Quachname", phone: "0911555777", citizenId: "031195000555" },
      consent: true,
    },
  });
  expect(res.statusCode).toBe(201);
  const [row] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${res.json().code}`);
  const id = row?.id ?? 0;
  const fwd = await union.post(`/api/voice/requests/${id}/forward`, { summary, acknowledgePrivate: true });
  expect(fwd.statusCode).toBe(200);
  return { id, ref: fwd.json().ref as string };
}

/** A completed inspection of an enterprise with one finding (deadline in 30 days). */
async function inspectionWithFinding(authority: Client, enterpriseId: number, text: string) {
  const today = vnToday();
  const items = (await authority.get(`/api/relations/checklists/current?date=${today}`)).json().items as { id: number }[];
  const res = await authority.post("/api/relations/inspections", {
    enterpriseId,
    inspectedOn: today,
    leadBodyId: city.authority,
    answers: items.map((i, k) => ({ itemId: i.id, result: k === 0 ? "non_compliant" : "compliant", evidence: "Biên bản" })),
    findings: [{ text, deadline: addDays(today, 30) }],
    complete: true,
  });
  expect(res.statusCode).toBe(201);
  const rec = res.json().recommendations.find((r: { text: string }) => r.text === text);
  return rec as { id: number; deadline: string };
}

describe("the enterprise's inbox", () => {
  it("shows a forwarded request with the officer's summary, reference and deadline only; the enterprise answers and the officer accepts", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Hộp Thư Một" });
    const union = await buildUnion(t.database, city, ent.id, "Công đoàn cơ sở Hộp Thư Một");
    const unionOfficer = await signIn("union_officer", union.id);
    const summary = "Đề nghị doanh nghiệp rà soát việc trả tiền làm thêm giờ theo Điều 98 Bộ luật Lao động 2019.";
    const fwd = await forwardedComplaint(ent.id, unionOfficer, summary);
    const rep = await signIn("enterprise_rep", ent.id);

    const inbox = await rep.get("/api/enterprise/inbox");
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json().find((i: { kind: string }) => i.kind === "request");
    expect(item).toMatchObject({ key: fwd.ref, summary, state: "awaiting_answer", enterpriseId: ent.id });
    expect(item.deadline > vnToday()).toBe(true);
    // Nothing the worker wrote or who they are: not in the inbox, the item, nor the timeline.
    for (const url of ["/api/enterprise/inbox", `/api/enterprise/inbox/request/${fwd.ref}`, "/api/enterprise/timeline"]) {
      const body = (await rep.get(url)).body;
      for (const word of ["Quachtitle", "QUACHLINE9", "Quachname", "0911555777", "031195000555", `"id":${fwd.id},`])
        expect(body, `${url} ${word}`).not.toContain(word);
    }

    const answer = await rep.post(`/api/enterprise/inbox/request/${fwd.ref}/answers`, {
      body: "Công ty đã rà soát bảng chấm công tháng này và trả đủ tiền làm thêm giờ cho chuyền liên quan.",
    });
    expect(answer.statusCode).toBe(201);
    const exchangeId = answer.json().exchangeId as number;
    expect(await auditCount(t.database, "enterprise_answer", "enterprise_exchange", exchangeId)).toBe(1);
    // Another enterprise knows nothing of it, even holding the reference.
    const stranger = await signIn("enterprise_rep", (await buildEnterprise(t.database, city)).id);
    expect((await stranger.get(`/api/enterprise/inbox/request/${fwd.ref}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/enterprise/inbox/request/${fwd.ref}/answers`, { body: "Trả lời thay doanh nghiệp khác." })).statusCode).toBe(404);
    expect((await stranger.get("/api/enterprise/timeline")).body).not.toContain(fwd.ref);

    // The union (responsible body) sees it awaiting its decision; another enterprise's account cannot decide.
    const pending = await unionOfficer.get("/api/enterprise/decisions");
    expect(pending.statusCode).toBe(200);
    const mine = pending.json().find((d: { kind: string; id: number }) => d.kind === "request" && d.id === fwd.id);
    expect(mine.answer.id).toBe(exchangeId);
    expect((await rep.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "accept" })).statusCode).toBe(403);
    const viewer = await signIn("viewer", city.federation);
    expect((await viewer.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "accept" })).statusCode).toBe(403);

    const ok = await unionOfficer.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "accept", reason: "" });
    expect(ok.statusCode).toBe(201);
    const after = (await rep.get(`/api/enterprise/inbox/request/${fwd.ref}`)).json();
    expect(after.state).toBe("accepted");
    expect(after.exchanges.map((x: { kind: string }) => x.kind)).toEqual(["answer", "accepted"]);
    // The step is on the request's history for the officers handling it.
    const detail = (await unionOfficer.get(`/api/voice/requests/${fwd.id}`)).json();
    expect(detail.history.some((h: { action: string }) => h.action === "enterprise_exchange")).toBe(true);
    expect((await rep.post(`/api/enterprise/inbox/request/${fwd.ref}/answers`, { body: "Trả lời thêm sau khi đã được chấp nhận." })).statusCode).toBe(409);
    // The worker following the request by code sees none of the exchange with the employer.
    const [pub] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM voice_history WHERE request_id = ${fwd.id} AND action = 'enterprise_exchange'`,
    );
    expect(pub?.n).toBe(2);
  });

  it("closes a finding with a photo: evidence checked by content, the officer accepts, the finding is closed in relations", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Khắc Phục Hai" });
    const authority = await signIn("officer", city.authority);
    const finding = await inspectionWithFinding(authority, ent.id, "Lắp che chắn an toàn cho máy dập số 3");
    const rep = await signIn("enterprise_rep", ent.id);
    const item = (await rep.get(`/api/enterprise/inbox/finding/${finding.id}`)).json();
    expect(item).toMatchObject({ state: "awaiting_answer", deadline: finding.deadline, summary: "Lắp che chắn an toàn cho máy dập số 3" });

    const answer = await rep.post(`/api/enterprise/inbox/finding/${finding.id}/answers`, { body: "Đã lắp che chắn cho máy dập số 3, ảnh chụp kèm theo." });
    const exchangeId = answer.json().exchangeId as number;
    // A file named .jpg that is not an image, an empty file and a file too large are refused with a sentence on the field.
    const fake = await upload(rep, exchangeId, "anh.jpg", Buffer.from("MZ this is an executable"));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().errors[0]).toMatchObject({ pointer: "/body/file" });
    expect(fake.json().errors[0].message).toContain("JPEG, PNG hoặc tệp PDF");
    const big = await upload(rep, exchangeId, "to.png", Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0].message).toContain("5 MB");
    const photo = await upload(rep, exchangeId, "che-chan.jpg", JPEG);
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ mime: "image/jpeg", sizeBytes: JPEG.length });

    // Another enterprise sees none of it: not the item, not the evidence, cannot attach to the answer.
    const other = await buildEnterprise(t.database, city, { name: "Công ty TNHH Láng Giềng" });
    const stranger = await signIn("enterprise_rep", other.id);
    expect((await stranger.get(`/api/enterprise/inbox/finding/${finding.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/enterprise/evidence/${photo.json().id}`)).statusCode).toBe(404);
    expect((await upload(stranger, exchangeId, "x.png", PNG)).statusCode).toBe(404);
    expect((await stranger.post(`/api/enterprise/inbox/finding/${finding.id}/answers`, { body: "Trả lời thay doanh nghiệp khác." })).statusCode).toBe(404);
    expect((await stranger.get("/api/enterprise/inbox")).json()).toEqual([]);
    expect((await stranger.get("/api/enterprise/timeline")).body).not.toContain("máy dập");

    const decisions = (await authority.get("/api/enterprise/decisions")).json();
    const d = decisions.find((x: { kind: string; id: number }) => x.kind === "finding" && x.id === finding.id);
    expect(d.answer.evidence).toHaveLength(1);
    const file = await authority.get(`/api/enterprise/evidence/${photo.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
    expect(await auditCount(t.database, "enterprise_evidence_read", "enterprise_exchange", exchangeId)).toBe(1);

    const accept = await authority.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "accept", reason: "Ảnh cho thấy đã khắc phục." });
    expect(accept.statusCode).toBe(201);
    const rec = (await authority.get(`/api/relations/recommendations?enterpriseId=${ent.id}`)).json();
    const list = Array.isArray(rec) ? rec : rec.items;
    expect(list.find((r: { id: number }) => r.id === finding.id)).toMatchObject({ status: "closed", closedOn: vnToday() });
    expect((await rep.get(`/api/enterprise/inbox/finding/${finding.id}`)).json().state).toBe("accepted");
    expect(await auditCount(t.database, "followup_closed", "relations_recommendation", finding.id)).toBe(1);
    // A decision twice is refused; reopening with a reason puts it back in the enterprise's hands and reopens the finding.
    expect((await authority.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "accept" })).statusCode).toBe(409);
    expect((await authority.post(`/api/enterprise/exchanges/${exchangeId}/decision`, { decision: "reopen", reason: "" })).statusCode).toBe(400);
    const reopen = await authority.post(`/api/enterprise/exchanges/${exchangeId}/decision`, {
      decision: "reopen",
      reason: "Máy dập số 4 cũng chưa có che chắn.",
    });
    expect(reopen.statusCode).toBe(201);
    expect((await rep.get(`/api/enterprise/inbox/finding/${finding.id}`)).json().state).toBe("awaiting_answer");
    const again = (await authority.get(`/api/relations/recommendations?enterpriseId=${ent.id}`)).json();
    expect((Array.isArray(again) ? again : again.items).find((r: { id: number }) => r.id === finding.id).status).toBe("open");
  });

  it("moves the deadline when an extension is granted, and keeps it when refused", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Gia Hạn Ba" });
    const authority = await signIn("officer", city.authority);
    const finding = await inspectionWithFinding(authority, ent.id, "Ký lại hợp đồng lao động đúng mẫu cho 40 lao động");
    const rep = await signIn("enterprise_rep", ent.id);
    const url = `/api/enterprise/inbox/finding/${finding.id}/extensions`;
    const early = await rep.post(url, { until: finding.deadline, reason: "Cần thêm thời gian để ký lại hợp đồng." });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].pointer).toBe("/body/until");
    expect((await rep.post(url, { until: addDays(finding.deadline, 20), reason: "ngắn" })).statusCode).toBe(400);
    const until = addDays(finding.deadline, 20);
    const asked = await rep.post(url, { until, reason: "Người lao động đang nghỉ phép theo ca, cần thêm ba tuần để ký lại." });
    expect(asked.statusCode).toBe(201);
    expect((await rep.post(url, { until: addDays(until, 5), reason: "Xin thêm một lần nữa trong khi chờ." })).statusCode).toBe(409);
    const item = (await rep.get(`/api/enterprise/inbox/finding/${finding.id}`)).json();
    expect(item.pendingExtension).toMatchObject({ until });

    const grant = await authority.post(`/api/enterprise/exchanges/${asked.json().exchangeId}/decision`, { decision: "grant" });
    expect(grant.statusCode).toBe(201);
    const moved = (await rep.get(`/api/enterprise/inbox/finding/${finding.id}`)).json();
    expect(moved).toMatchObject({ deadline: until, pendingExtension: null });
    const rec = (await authority.get(`/api/relations/recommendations?enterpriseId=${ent.id}`)).json();
    expect((Array.isArray(rec) ? rec : rec.items).find((r: { id: number }) => r.id === finding.id).deadline).toBe(until);

    // A notice with an answer date: an extension refused leaves the date where it was.
    const sent = await authority.post("/api/enterprise/notices", {
      title: "Báo cáo tình hình lao động dịp Tết",
      body: "Đề nghị doanh nghiệp báo cáo kế hoạch thưởng Tết và lịch nghỉ Tết.",
      answerBy: addDays(vnToday(), 10),
      enterpriseIds: [ent.id],
    });
    expect(sent.statusCode).toBe(201);
    const noticeId = sent.json().id as number;
    const ask = await rep.post(`/api/enterprise/inbox/notice/${noticeId}/extensions`, {
      until: addDays(vnToday(), 20),
      reason: "Chờ Hội đồng quản trị phê duyệt mức thưởng.",
    });
    const refuse = await authority.post(`/api/enterprise/exchanges/${ask.json().exchangeId}/decision`, {
      decision: "refuse",
      reason: "Cần số liệu trước Tết.",
    });
    expect(refuse.statusCode).toBe(201);
    expect((await rep.get(`/api/enterprise/inbox/notice/${noticeId}`)).json()).toMatchObject({ deadline: addDays(vnToday(), 10), pendingExtension: null });
    const tl = (await authority.get(`/api/enterprise/enterprises/${ent.id}/timeline`)).json();
    expect(
      tl
        .filter((e: { kind: string }) => e.kind === "exchange")
        .map((e: { exchange: { kind: string } }) => e.exchange.kind)
        .sort(),
    ).toEqual(["extension_granted", "extension_refused", "extension_request", "extension_request"].sort());
  });

  it("lets only the zone authority send notices, to enterprises in its scope", async () => {
    const ent = await buildEnterprise(t.database, city);
    const zoneUnion = await signIn("officer", city.zoneUnion);
    const body = { title: "Thông báo thử", body: "Nội dung thông báo thử", enterpriseIds: [ent.id] };
    expect((await zoneUnion.post("/api/enterprise/notices", body)).statusCode).toBe(403);
    const authority = await signIn("officer", city.authority);
    const missing = await authority.post("/api/enterprise/notices", { ...body, enterpriseIds: [ent.id, 99999999] });
    expect(missing.statusCode).toBe(422);
    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.post("/api/enterprise/notices", body)).statusCode).toBe(403);
    const ok = await authority.post("/api/enterprise/notices", body);
    expect(ok.statusCode).toBe(201);
    const item = (await rep.get("/api/enterprise/inbox")).json().find((i: { kind: string }) => i.kind === "notice");
    expect(item).toMatchObject({ title: "Thông báo thử", state: "info", deadline: null });
    expect((await authority.get("/api/enterprise/notices")).json()[0]).toMatchObject({ id: ok.json().id, recipients: 1, answered: 0 });
  });
});

describe("difficulties to the authority", () => {
  it("routes an enterprise's difficulty to the zone authority with voice's deadline, shows the answer, and leaves workers' figures alone", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Vướng Mắc Bốn" });
    await buildUnion(t.database, city, ent.id);
    const rep = await signIn("enterprise_rep", ent.id);
    const lead = await signIn("viewer", city.federation);
    const figure = async () =>
      ((await lead.get(`/api/reports/dashboard?period=${YEAR}`)).json().sections as { figures: { key: string; value: number }[] }[])
        .flatMap((s) => s.figures)
        .find((f) => f.key === "voice.received")?.value;
    const before = await figure();

    const bad = await rep.post("/api/enterprise/difficulties", { kind: "petition", topic: "other", title: "", body: "ngắn" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(["/body/body", "/body/title"]);
    const filed = await rep.post("/api/enterprise/difficulties", {
      kind: "petition",
      topic: "other",
      title: "Thủ tục cấp giấy phép lao động cho chuyên gia",
      body: "Doanh nghiệp gặp khó khăn khi gia hạn giấy phép lao động cho 3 chuyên gia nước ngoài, đề nghị Ban hướng dẫn.",
    });
    expect(filed.statusCode).toBe(201);
    const { id, code, deadline, responsibleBodyId } = filed.json();
    // Routed by voice's rule for enterprises (the zone authority, not the enterprise's union), deadlined like a worker's petition.
    expect(responsibleBodyId).toBe(city.authority);
    expect(code).toMatch(/^DN-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(deadline > vnToday()).toBe(true);
    expect(await auditCount(t.database, "enterprise_difficulty_file", "enterprise_difficulty", id)).toBe(1);
    expect(await figure()).toBe(before);
    const [voiceRows] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_requests WHERE enterprise_id = ${ent.id}`);
    expect(voiceRows?.n).toBe(0);

    // The zone union does not see it; the authority does, and answers.
    const zoneUnion = await signIn("officer", city.zoneUnion);
    expect((await zoneUnion.get("/api/enterprise/difficulties")).json().some((d: { id: number }) => d.id === id)).toBe(false);
    expect((await zoneUnion.post(`/api/enterprise/difficulties/${id}/answer`, { answer: "Trả lời từ nơi không có trách nhiệm." })).statusCode).toBe(404);
    const authority = await signIn("officer", city.authority);
    const open = (await authority.get("/api/enterprise/difficulties?status=open")).json();
    expect(open.find((d: { id: number }) => d.id === id)).toMatchObject({ code, status: "open", deadline });
    const answered = await authority.post(`/api/enterprise/difficulties/${id}/answer`, {
      answer: "Doanh nghiệp nộp hồ sơ gia hạn theo Nghị định 152/2020/NĐ-CP tại bộ phận một cửa của Ban trước 45 ngày.",
    });
    expect(answered.statusCode).toBe(200);
    expect((await authority.post(`/api/enterprise/difficulties/${id}/answer`, { answer: "Trả lời lần thứ hai, không được nhận." })).statusCode).toBe(409);
    const seen = (await rep.get(`/api/enterprise/difficulties/${id}`)).json();
    expect(seen).toMatchObject({ status: "answered", answer: expect.stringContaining("Nghị định 152/2020") });
    const tl = (await rep.get("/api/enterprise/timeline")).json();
    expect(tl.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(["difficulty_filed", "difficulty_answered"]));

    // Another enterprise sees nothing of it.
    const other = await buildEnterprise(t.database, city);
    const stranger = await signIn("enterprise_rep", other.id);
    expect((await stranger.get(`/api/enterprise/difficulties/${id}`)).statusCode).toBe(404);
    expect((await stranger.get("/api/enterprise/difficulties")).json()).toEqual([]);
  });

  it("refuses staff accounts on the enterprise's own routes and enterprises on the officers' routes", async () => {
    const officer = await signIn("officer", city.authority);
    expect((await officer.get("/api/enterprise/inbox")).statusCode).toBe(403);
    // The system administrator holds every permission but the enterprise side's: it is no enterprise.
    const [system] = await t.database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'system' LIMIT 1`);
    const admin = await signIn("system_admin", system?.id ?? city.federation);
    const r = await admin.get("/api/enterprise/inbox");
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("forbidden");
    expect(
      (await officer.post("/api/enterprise/difficulties", { kind: "petition", topic: "other", title: "Tiêu đề", body: "Nội dung đủ dài để gửi" })).statusCode,
    ).toBe(403);
    const ent = await buildEnterprise(t.database, city);
    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.get("/api/enterprise/decisions")).statusCode).toBe(403);
    expect((await rep.get(`/api/enterprise/enterprises/${ent.id}/timeline`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/enterprise/inbox" })).statusCode).toBe(401);
  });
});
