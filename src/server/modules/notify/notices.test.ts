import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { httpRecorder, smtpRecorder } from "../../../../test/support/recorders.ts";
import { sweepDeadlineNotices } from "#server/modules/voice/index.ts";
import { addDays, vnDate } from "#shared/clock.ts";
import { deliverOutbox, dailyNotices } from "./deliver.ts";
import { runDigest } from "./officers.service.ts";

/** Issue #21 items 3–4 over HTTP: workers' notices without exposing them, officers' bell and digest, the admin's outbox. */

let t: TestApp;
let city: TestCity;
let sms: Awaited<ReturnType<typeof httpRecorder>>;
let smtp: Awaited<ReturnType<typeof smtpRecorder>>;
let ent: { id: number };
let union: { id: number };

beforeAll(async () => {
  [sms, smtp] = await Promise.all([httpRecorder(), smtpRecorder()]);
  t = await createTestApp({
    PUBLIC_CHALLENGE_DIFFICULTY: "0",
    PUBLIC_RATE_LIMIT: "0",
    PUBLIC_URL: "https://caunoi.test",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Cầu Nối <thongbao@caunoi.test>",
    SMS_URL: `${sms.url}/sms`,
    SMS_TOKEN: "tok",
  });
  city = await buildCity(t.database);
  ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Giày Thông Báo" });
  union = await buildUnion(t.database, city, ent.id, "Công đoàn cơ sở Giày Thông Báo");
}, 60_000);
afterAll(async () => {
  await t.close();
  await Promise.all([sms.close(), smtp.close()]);
});

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number, email?: string) {
  const u = await buildUser(t.database, role, bodyId);
  if (email) await t.database.rows(sql`UPDATE users SET email = ${email} WHERE id = ${u.id}`);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return Object.assign(c, { userId: u.id });
}
const pub = (payload: Record<string, unknown>) =>
  t.app.inject({
    method: "POST",
    url: "/api/public/requests",
    payload: {
      kind: "complaint",
      topic: "overtime",
      title: "Tổ trưởng Bí Mật ép tăng ca",
      description: "Nội dung khiếu nại Kín Đáo: bắt làm thêm 4 giờ mỗi ngày không trả lương.",
      enterpriseId: ent.id,
      anonymous: true,
      consent: true,
      ...payload,
    },
  });
const idOf = async (code: string) => (await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`))[0]?.id ?? 0;
const messages = (code: string) =>
  t.database.rows<{ key: string; channel: string; recipient: string; subject: string; body: string; purpose: string; status: string }>(
    sql`SELECT key, channel, recipient, subject, body, purpose, status FROM outbound_messages WHERE body LIKE ${`%${code}%`} ORDER BY id`,
  );
const bellOf = async (c: Client) =>
  (await c.get("/api/notify/notices")).json() as { unread: number; items: { id: number; kind: string; code: string; read: boolean }[] };

describe("workers' notices", () => {
  it("tells an anonymous worker of receipt, a request for more information, transfer and answer; code and link only; the contact goes at close", async () => {
    const res = await pub({ notice: { phone: "0977000111", email: "an.danh@vidu.vn" } });
    expect(res.statusCode).toBe(201);
    const { code, secret } = res.json() as { code: string; secret: string };
    const id = await idOf(code);
    expect(await t.database.rows(sql`SELECT phone, email FROM notify_contacts WHERE request_id = ${id}`)).toEqual([
      { phone: "0977000111", email: "an.danh@vidu.vn" },
    ]);
    // Anonymous stays anonymous: the contact is not an identity.
    expect(await t.database.rows(sql`SELECT 1 FROM voice_requesters WHERE request_id = ${id}`)).toHaveLength(0);

    const receipt = await messages(code);
    expect(receipt.map((m) => [m.channel, m.recipient, m.purpose])).toEqual([
      ["sms", "0977000111", "notice:receipt"],
      ["email", "an.danh@vidu.vn", "notice:receipt"],
    ]);
    for (const m of receipt) {
      expect(m.body).toContain(`https://caunoi.test/theo-doi/${code}`);
      for (const secretWord of ["Bí Mật", "Kín Đáo", "tăng ca", secret]) expect(m.body).not.toContain(secretWord);
    }
    expect(receipt[1]?.subject).toBe(`Đã tiếp nhận yêu cầu ${code}`);

    await deliverOutbox(t.database, {});
    const text = sms.received.find((r) => String(r.body.text).includes(code))?.body.text;
    expect(text).toBe(`Cau Noi: yeu cau ${code} da duoc tiep nhan. Theo doi tai https://caunoi.test/theo-doi/${code} (can ma va mat ma cua anh/chi).`);
    const mail = smtp.mails.find((m) => m.subject.includes(code));
    expect(mail?.subject).toBe(`Đã tiếp nhận yêu cầu ${code}`);
    expect(mail?.text).toContain("đã được tiếp nhận");

    // The union's officer asks for more information: the worker is told, reads the question on /theo-doi and answers there.
    const officer = await signIn("union_officer", union.id);
    expect((await officer.post(`/api/voice/requests/${id}/ask-info`, { message: "Anh/chị cho biết ca làm việc và ngày bắt đầu tăng ca." })).statusCode).toBe(
      204,
    );
    const status = await t.app.inject({ method: "GET", url: `/api/public/requests/${code}`, headers: { "x-request-secret": secret } });
    expect(status.json().additions).toEqual([expect.objectContaining({ source: "staff", body: "Anh/chị cho biết ca làm việc và ngày bắt đầu tăng ca." })]);
    expect(status.json().history.map((h: { action: string }) => h.action)).toContain("info_requested");
    const added = await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${code}/additions`,
      headers: { "x-request-secret": secret },
      payload: { body: "Ca đêm, từ 01/10" },
    });
    expect(added.statusCode).toBeLessThan(300);
    expect((await messages(code)).filter((m) => m.purpose === "notice:more_info")).toHaveLength(2);

    // Transferred to the zone union, answered there (drafted, reviewed by the head, published), closed.
    expect((await officer.post(`/api/voice/requests/${id}/transfer`, { toBodyId: city.zoneUnion, reason: "Cần công đoàn khu xử lý" })).statusCode).toBe(200);
    const zone = await signIn("officer", city.zoneUnion);
    const head = await signIn("body_admin", city.zoneUnion);
    expect(
      (await zone.post(`/api/voice/requests/${id}/answer`, { answer: "Theo Điều 107 Bộ luật Lao động 2019, làm thêm giờ phải được trả lương." })).statusCode,
    ).toBe(204);
    expect((await head.post(`/api/voice/requests/${id}/answer/review`, { approve: true })).statusCode).toBe(204);
    expect((await head.post(`/api/voice/requests/${id}/answer/publish`)).statusCode).toBe(204);
    const all = await messages(code);
    expect(all.map((m) => m.purpose)).toEqual([
      "notice:receipt",
      "notice:receipt",
      "notice:more_info",
      "notice:more_info",
      "notice:transfer",
      "notice:transfer",
      "notice:answer",
      "notice:answer",
    ]);
    expect(all.find((m) => m.purpose === "notice:answer" && m.channel === "email")?.subject).toBe(`Yêu cầu ${code} đã có trả lời`);
    // The worker (alone, with code and secret) sees the contact among the data held.
    const held = () => t.app.inject({ method: "GET", url: `/api/public/privacy/requests/${code}`, headers: { "x-request-secret": secret } });
    expect((await held()).json().noticeContact).toEqual({ phone: "0977000111", email: "an.danh@vidu.vn" });
    expect((await head.post(`/api/voice/requests/${id}/close`, {})).statusCode).toBe(204);
    expect(await t.database.rows(sql`SELECT 1 FROM notify_contacts WHERE request_id = ${id}`)).toHaveLength(0);
    expect((await held()).json().noticeContact).toBeNull();
  }, 60_000);

  it("re-sends a lost secret of an anonymous request to the contact left for notices", async () => {
    const { code } = (await pub({ notice: { email: "mat.ma@vidu.vn" } })).json() as { code: string };
    const res = await t.app.inject({ method: "POST", url: `/api/public/requests/${code}/secret` });
    expect(res.statusCode).toBe(202);
    const [m] = await t.database.rows<{ channel: string; recipient: string }>(
      sql`SELECT channel, recipient FROM outbound_messages WHERE purpose = ${`voice_secret:${await idOf(code)}`}`,
    );
    expect(m).toEqual({ channel: "email", recipient: "mat.ma@vidu.vn" });
  });

  it("rolls the receipt back with a filing that fails: no request, no contact, no message", async () => {
    const before = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbound_messages`);
    const res = await pub({ enterpriseId: 99_999_999, notice: { phone: "0977000999" } });
    expect(res.statusCode).toBe(400);
    expect(await t.database.rows(sql`SELECT 1 FROM outbound_messages WHERE recipient = '0977000999'`)).toHaveLength(0);
    expect(await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbound_messages`)).toEqual(before);
  });

  it("never shows the contact to staff or to the employer: every GET route, every id and code", async () => {
    const phone = "0966123987";
    const email = "lienhe.kin@vidu.vn";
    const named = await pub({
      anonymous: false,
      requester: { fullName: "Trần Thị Thông", phone: "0911000222" },
      notice: { phone, email },
    });
    const anon = await pub({ notice: { phone, email } });
    const codes = [named.json().code as string, anon.json().code as string];
    const ids = await Promise.all(codes.map(idOf));
    const officer = await signIn("union_officer", union.id);
    // Forwarded to the enterprise, so its side has something to show.
    const fwd = await officer.post(`/api/voice/requests/${ids[0]}/forward`, {
      summary: "Đề nghị doanh nghiệp rà soát việc trả lương làm thêm giờ theo quy định.",
      acknowledgePrivate: true,
    });
    expect(fwd.statusCode).toBe(200);
    const admin = await signIn("system_admin", city.federation);
    const rep = await signIn("enterprise_rep", ent.id);
    const urls = new Set<string>();
    for (const r of t.app.routeTable.filter((x) => x.method === "GET" && x.url.startsWith("/api/"))) {
      const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
      let filled = [r.url];
      for (const p of params) {
        const values = p === "code" ? codes : p === "id" ? ids.map(String) : ["1"];
        filled = filled.flatMap((u) => values.map((v) => u.replace(`:${p}`, v)));
      }
      for (const u of filled) urls.add(u);
    }
    const leaks: string[] = [];
    for (const c of [admin, officer, rep])
      for (const u of urls) {
        const res = await c.get(u);
        for (const w of [phone, email]) if (res.body.includes(w)) leaks.push(`GET ${u} → ${res.statusCode} carries ${w}`);
      }
    expect(leaks).toEqual([]);
    expect(urls.size).toBeGreaterThan(100);
  }, 300_000);
});

describe("officers' bell and digest", () => {
  it("tells the body's officers of a new request, the assignee, and the heads of a review; unread count, mark read, settings", async () => {
    const a = await signIn("union_officer", union.id);
    const b = await signIn("union_officer", union.id);
    const head = await signIn("body_admin", union.id);
    const off = await signIn("union_officer", union.id);
    expect((await off.put("/api/notify/preferences", { bell: false, digest: false })).json()).toMatchObject({ bell: false, digest: false });
    const { code } = (await pub({})).json() as { code: string };
    const id = await idOf(code);
    for (const c of [a, b, head]) expect((await bellOf(c)).items).toContainEqual(expect.objectContaining({ kind: "new_request", code, read: false }));
    expect((await bellOf(off)).items.some((i) => i.code === code)).toBe(false);

    expect((await a.post(`/api/voice/requests/${id}/assign`, { userId: b.userId })).statusCode).toBe(204);
    expect((await bellOf(b)).items[0]).toMatchObject({ kind: "assigned", code });
    expect((await b.post(`/api/voice/requests/${id}/answer`, { answer: "Câu trả lời đủ dài cho người lao động." })).statusCode).toBe(204);
    expect((await bellOf(head)).items[0]).toMatchObject({ kind: "review", code });
    expect((await bellOf(b)).items.some((i) => i.kind === "review")).toBe(false);

    const before = await bellOf(b);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const one = before.items[0]?.id ?? 0;
    expect((await b.post("/api/notify/notices/read", { ids: [one] })).json()).toEqual({ marked: 1 });
    expect((await bellOf(b)).unread).toBe(before.unread - 1);
    // Another's notice is not theirs to mark.
    expect((await a.post("/api/notify/notices/read", { ids: [(await bellOf(head)).items[0]?.id ?? 0] })).json()).toEqual({ marked: 0 });
    expect((await b.post("/api/notify/notices/read", {})).json().marked).toBe(before.unread - 1);
    expect((await bellOf(b)).unread).toBe(0);

    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.get("/api/notify/notices")).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/notify/notices" })).statusCode).toBe(401);
  });

  it("sweeps due-tomorrow and overdue requests once, and sends the digest from 07:00 Vietnam time, once a day", async () => {
    const dz = await buildEnterprise(t.database, city, { name: "Công ty Hạn Chót" });
    const du = await buildUnion(t.database, city, dz.id);
    const officer = await signIn("union_officer", du.id, `canbo.${du.id}@caunoi.test`);
    const a = (await pub({ enterpriseId: dz.id })).json().code as string;
    const b = (await pub({ enterpriseId: dz.id })).json().code as string;
    const day = "2026-12-07";
    await t.database.rows(sql`UPDATE voice_requests SET deadline = ${addDays(day, 1)} WHERE code = ${a}`);
    await t.database.rows(sql`UPDATE voice_requests SET deadline = ${addDays(day, -2)} WHERE code = ${b}`);
    await sweepDeadlineNotices(t.database, day);
    await sweepDeadlineNotices(t.database, day);
    const kinds = (await bellOf(officer)).items.filter((i) => i.kind !== "new_request").map((i) => [i.kind, i.code]);
    expect(kinds.sort()).toEqual([
      ["due_tomorrow", a],
      ["overdue", b],
    ]);

    const mine = () =>
      t.database.rows<{ subject: string; body: string }>(sql`SELECT subject, body FROM outbound_messages WHERE key LIKE ${`digest:${officer.userId}:%`}`);
    // 06:59 and 00:30 in Vietnam are 23:59 and 17:30 UTC the day before: no digest yet.
    expect(await runDigest(t.database, new Date("2026-12-06T23:59:00Z"), { link: "https://caunoi.test/staff" })).toBe(0);
    expect(await runDigest(t.database, new Date("2026-12-06T17:30:00Z"), { link: "https://caunoi.test/staff" })).toBe(0);
    expect(await mine()).toHaveLength(0);
    const seven = new Date("2026-12-07T00:00:00Z");
    expect(vnDate(seven)).toBe(day);
    await dailyNotices(t.database, { sweep: sweepDeadlineNotices, link: "https://caunoi.test/staff", at: seven });
    await dailyNotices(t.database, { sweep: sweepDeadlineNotices, link: "https://caunoi.test/staff", at: new Date("2026-12-07T03:00:00Z") });
    const sent = await mine();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/^Cầu Nối — bản tin ngày 07\/12\/2026: \d+ thông báo$/);
    expect(sent[0]?.body).toContain(`Yêu cầu đến hạn ngày mai: ${a}`);
    expect(sent[0]?.body).toContain(`Yêu cầu quá hạn: ${b}`);
    // The digest turned off: none the next day.
    await officer.put("/api/notify/preferences", { bell: true, digest: false });
    await runDigest(t.database, new Date("2026-12-08T00:30:00Z"), { link: "x" });
    expect(await mine()).toHaveLength(1);
    // Delivered over SMTP, Vietnamese intact.
    await deliverOutbox(t.database, {});
    expect(smtp.mails.find((m) => m.to.includes(`canbo.${du.id}@caunoi.test`))?.subject).toBe(sent[0]?.subject);
  });

  it("tells the head of the body of an escalation", async () => {
    const ez = await buildEnterprise(t.database, city, { name: "Công ty Báo Cáo Lãnh Đạo" });
    const eu = await buildUnion(t.database, city, ez.id);
    const head = await signIn("body_admin", eu.id);
    const code = (await pub({ enterpriseId: ez.id })).json().code as string;
    await t.database.rows(sql`UPDATE voice_requests SET deadline = '2020-01-06' WHERE code = ${code}`);
    expect((await head.post("/api/voice/escalations")).statusCode).toBeLessThan(300);
    expect((await bellOf(head)).items).toContainEqual(expect.objectContaining({ kind: "escalated", code }));
  });
});

describe("admin's outbox and channels", () => {
  it("lists by status without bodies, masks recipients, resends a dead message (audited); officers refused", async () => {
    const admin = await signIn("system_admin", city.federation);
    const officer = await signIn("officer", city.federation);
    const { code } = (await pub({ notice: { phone: "0955444333" } })).json() as { code: string };
    const [m] = await messages(code);
    await t.database.rows(sql`UPDATE outbound_messages SET status = 'dead', attempts = 6, last_error = 'HTTP 503' WHERE key = ${m?.key ?? ""}`);
    const dead = (await admin.get("/api/admin/outbox?status=dead")).json();
    const row = dead.items.find((i: { purpose: string; recipient: string }) => i.recipient === "0955***333");
    expect(row).toMatchObject({ status: "dead", attempts: 6, lastError: "HTTP 503", channel: "sms" });
    expect(JSON.stringify(dead)).not.toContain("0955444333");
    expect(JSON.stringify(dead)).not.toContain(code);
    expect(dead.counts.dead).toBeGreaterThanOrEqual(1);
    expect((await officer.get("/api/admin/outbox")).statusCode).toBe(403);
    expect((await officer.post(`/api/admin/outbox/${row.id}/resend`)).statusCode).toBe(403);
    const before = await auditCount(t.database, "notify_resend", "outbound_message", row.id);
    expect((await admin.post(`/api/admin/outbox/${row.id}/resend`)).json()).toEqual({ id: row.id, status: "pending" });
    expect(await auditCount(t.database, "notify_resend", "outbound_message", row.id)).toBe(before + 1);
    expect((await admin.post(`/api/admin/outbox/${row.id}/resend`)).statusCode).toBe(404);
    await deliverOutbox(t.database, {});
    expect(sms.received.filter((r) => r.headers["idempotency-key"] === m?.key)).toHaveLength(1);

    const ch = (await admin.get("/api/admin/notify/channels")).json();
    expect(ch).toMatchObject({ anyConfigured: true, email: { configured: true }, sms: { configured: true }, zalo: { configured: false } });
    expect(JSON.stringify(ch)).not.toContain("tok");
    expect((await officer.get("/api/admin/notify/channels")).statusCode).toBe(403);
  });
});
