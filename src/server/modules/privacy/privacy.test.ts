import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureProviders } from "#server/modules/providers.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { noticeVersion } from "./notices.ts";
import { runRetention } from "./retention.ts";

/** Issue #15.2–15.6: notices and consent, the data subject's rights, retention, incidents, secrets a worker can copy. */

let t: TestApp;
let city: TestCity;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}
const anon = (method: "GET" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const file = (over: Record<string, unknown> = {}) =>
  anon("POST", "/api/public/requests", {
    kind: "complaint",
    topic: "wages",
    title: "Chậm trả lương tháng 11",
    description: "Công ty chậm trả lương hai tuần.",
    anonymous: false,
    requester: { fullName: "Đỗ Thị Hằng", phone: "0912345987", email: "hang@example.vn" },
    consent: true,
    ...over,
  });

describe("notices and consent (Law 91/2025/QH15, Decree 356/2025)", () => {
  it("serves a versioned notice per form naming purpose, data, recipients, retention and rights; stores the version consented to", async () => {
    for (const form of ["voice_request", "join", "survey", "housing"]) {
      const n = (await anon("GET", `/api/public/privacy/notices/${form}`)).json();
      expect(n.version).toMatch(/^2026-/);
      expect(n.basis).toContain("91/2025/QH15");
      expect(n.basis).toContain("356/2025/NĐ-CP");
      // The request form's notice also tells of the contact left for notices and the phone's push subscription.
      const extra = form === "voice_request" ? ["contact", "push"] : [];
      expect(n.sections.map((s: { key: string }) => s.key)).toEqual([
        "controller",
        "purpose",
        "data",
        "recipients",
        "retention",
        ...extra,
        "rights",
        "withdraw",
      ]);
    }
    const vr = (await anon("GET", "/api/public/privacy/notices/voice_request")).json();
    expect(vr.version).toBe("2026-12-vr2");
    const contact = vr.sections.find((s: { key: string }) => s.key === "contact").text as string;
    for (const words of ["tách khỏi yêu cầu", "không bao giờ hiển thị cho cán bộ hay doanh nghiệp", "bị xóa khi yêu cầu kết thúc"])
      expect(contact).toContain(words);
    // The version consents were given under before stays readable, unchanged.
    expect(noticeVersion("voice_request", "2026-12-vr1")?.sections.map((s) => s.key)).not.toContain("contact");
    expect(noticeVersion("voice_request", "2026-12-vr2")?.version).toBe("2026-12-vr2");
    expect(noticeVersion("voice_request", "2020-01")).toBeNull();
    const consent = (await anon("GET", "/api/public/voice/consent")).json();
    expect(consent.text).not.toContain("13/2023");
    const notice = (await anon("GET", "/api/public/privacy/notices/voice_request")).json();
    expect(consent.version).toBe(notice.version);
    const res = await file();
    const [r] = await t.database.rows<{ v: string; at: unknown }>(
      sql`SELECT consent_version AS v, consent_at AS at FROM voice_requests WHERE code = ${res.json().code}`,
    );
    expect(r?.v).toBe(notice.version);
    expect(r?.at).toBeTruthy();
    const ent = await buildEnterprise(t.database, city);
    await buildUnion(t.database, city, ent.id);
    const join = await anon("POST", "/api/public/join-requests", {
      fullName: "Lê Văn Kết",
      birthDate: "1998-05-05",
      citizenId: "031098111222",
      phone: "0911000222",
      enterpriseId: ent.id,
      consent: true,
    });
    expect(join.statusCode).toBe(201);
    const [j] = await t.database.rows<{ v: string }>(sql`SELECT consent_version AS v FROM care_join_requests WHERE code = ${join.json().code}`);
    expect(j?.v).toBe((await anon("GET", "/api/public/privacy/notices/join")).json().version);
    // The join code is copyable too: typed in lower case, without its dashes.
    const jcode = join.json().code as string;
    expect(jcode).toMatch(/^KN-[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/);
    expect((await anon("GET", `/api/public/join-requests/${jcode.replace(/-/g, "").toLowerCase()}`)).statusCode).toBe(200);
    await t.database.rows(sql`UPDATE care_join_requests SET code = 'KN-0A1B2C3D4E' WHERE code = ${jcode}`);
    expect((await anon("GET", "/api/public/join-requests/kn-0a1b2c3d4e")).statusCode).toBe(200);
  });
});

describe("secrets a worker can copy", () => {
  it("issues grouped codes and secrets without look-alikes, accepted in lower case, without dashes, with spaces", async () => {
    const { code, secret } = (await file()).json();
    expect(code).toMatch(/^YC-[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/);
    expect(secret).toMatch(/^([A-HJKMNP-TW-Z2-9]{4}-){3}[A-HJKMNP-TW-Z2-9]{4}$/);
    const status = (c: string, s: string) => anon("GET", `/api/public/requests/${encodeURIComponent(c)}`, undefined, { "x-request-secret": s });
    expect((await status(code, secret)).statusCode).toBe(200);
    expect((await status(code.toLowerCase(), secret.toLowerCase())).statusCode).toBe(200);
    expect((await status(code.replace(/-/g, ""), secret.replace(/-/g, ""))).statusCode).toBe(200);
    expect((await status(code.replace(/-/g, " ").toLowerCase(), secret.replace(/-/g, " "))).statusCode).toBe(200);
    expect(
      (
        await status(
          code,
          secret.replace(/.$/, (c: string) => (c === "2" ? "3" : "2")),
        )
      ).statusCode,
    ).toBe(404);
    // A secret issued before (base64url, case-sensitive) keeps working.
    const old = "Ab-9_old-secret-issued-2026x";
    await t.database.rows(sql`UPDATE voice_requests SET secret_hash = ${createHash("sha256").update(old).digest("hex")} WHERE code = ${code}`);
    expect((await status(code, old)).statusCode).toBe(200);
    expect((await status(code, old.toUpperCase())).statusCode).toBe(404);
  });

  it("re-sends a lost secret to the phone given, never in the answer; the old one keeps working", async () => {
    const { code, secret } = (await file()).json();
    const res = await anon("POST", `/api/public/requests/${code.toLowerCase()}/secret`);
    expect(res.statusCode).toBe(202);
    const [id] = await t.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    const [m] = await t.database.rows<{ channel: string; recipient: string; body: string }>(
      sql`SELECT channel, recipient, body FROM outbound_messages WHERE purpose = ${`voice_secret:${id?.id}`}`,
    );
    expect(m).toMatchObject({ channel: "sms", recipient: "0912345987" });
    const resent = /([A-Z2-9]{4}-){3}[A-Z2-9]{4}/.exec(m?.body ?? "")?.[0] ?? "";
    expect(res.body).not.toContain(resent);
    const status = (s: string) => anon("GET", `/api/public/requests/${code}`, undefined, { "x-request-secret": s });
    expect((await status(resent)).statusCode).toBe(200);
    expect((await status(secret)).statusCode).toBe(200);
    // Anonymous: nothing to send to, the same answer.
    const a = (await file({ anonymous: true, requester: undefined })).json();
    const same = await anon("POST", `/api/public/requests/${a.code}/secret`);
    expect(same.statusCode).toBe(202);
    expect(same.json()).toEqual(res.json());
    // Unknown code: the same answer too.
    expect((await anon("POST", "/api/public/requests/YC-AAAA-BBBB/secret")).json()).toEqual(res.json());
  });
});

describe("the data subject's rights", () => {
  it("shows what is held, withdraws consent (identity erased), and tracks a correction an officer answers", async () => {
    const ent = await buildEnterprise(t.database, city);
    const { code, secret } = (await file({ enterpriseId: ent.id })).json();
    const h = { "x-request-secret": secret };
    const held = await anon("GET", `/api/public/privacy/requests/${code}`, undefined, h);
    expect(held.statusCode).toBe(200);
    expect(held.json().identity).toMatchObject({ fullName: "Đỗ Thị Hằng", phone: "0912345987" });
    expect(held.json().consent.version).toMatch(/^2026-/);
    expect((await anon("GET", `/api/public/privacy/requests/${code}`, undefined, { "x-request-secret": "WRONG-WRON-GWRO-NGGG" })).statusCode).toBe(404);

    const corr = await anon("POST", `/api/public/privacy/requests/${code}/rights`, { kind: "correction", detail: "Số điện thoại đúng là 0912345988" }, h);
    expect(corr.statusCode).toBe(201);
    expect(corr.json()).toMatchObject({ status: "received" });
    const due = new Date(corr.json().dueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(71 * 3600_000);
    expect(due).toBeLessThanOrEqual(72 * 3600_000);
    const zone = await signIn("officer", city.zoneUnion);
    const queue = (await zone.get("/api/privacy/requests?open=true")).json();
    const item = queue.find((x: { code: string }) => x.code === corr.json().code);
    expect(item).toMatchObject({ kind: "correction", subjectRef: code, overdue: false });
    const other = await signIn("officer", (await buildUnion(t.database, city, (await buildEnterprise(t.database, city)).id)).id);
    expect((await other.post(`/api/privacy/requests/${item.id}/resolve`, { outcome: "done", answer: "Đã sửa số điện thoại." })).statusCode).toBe(404);
    const done = await zone.post(`/api/privacy/requests/${item.id}/resolve`, {
      outcome: "done",
      answer: "Đã sửa số điện thoại theo đề nghị.",
      correction: { phone: "0912345988" },
    });
    expect(done.statusCode).toBe(200);
    expect(await auditCount(t.database, "privacy_request_resolve", "privacy_request", item.id)).toBe(1);
    const after = (await anon("GET", `/api/public/privacy/requests/${code}`, undefined, h)).json();
    expect(after.identity.phone).toBe("0912345988");
    expect(after.rightsRequests[0]).toMatchObject({ status: "done", answer: "Đã sửa số điện thoại theo đề nghị." });

    const w = await anon("POST", `/api/public/privacy/requests/${code}/rights`, { kind: "withdraw" }, h);
    expect(w.json()).toMatchObject({ status: "done" });
    const gone = (await anon("GET", `/api/public/privacy/requests/${code}`, undefined, h)).json();
    expect(gone.identity).toBeNull();
    expect(gone.consent.withdrawnAt).toBeTruthy();
    expect((await anon("POST", `/api/public/privacy/requests/${code}/rights`, { kind: "withdraw" }, h)).statusCode).toBe(409);
  });

  it("files a member's request through an officer only after an identity check", async () => {
    const ent = await buildEnterprise(t.database, city);
    const union = await buildUnion(t.database, city, ent.id);
    const p = await buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id });
    const officer = await signIn("union_officer", union.id);
    expect((await officer.post("/api/privacy/requests", { personId: p.id, kind: "access", detail: "Xin bản sao dữ liệu" })).statusCode).toBe(400);
    const ok = await officer.post("/api/privacy/requests", { personId: p.id, kind: "access", detail: "Xin bản sao dữ liệu", identityChecked: true });
    expect(ok.statusCode).toBe(201);
    const stranger = await signIn("union_officer", (await buildUnion(t.database, city, (await buildEnterprise(t.database, city)).id)).id);
    expect((await stranger.post("/api/privacy/requests", { personId: p.id, kind: "access", detail: "Xin bản sao", identityChecked: true })).statusCode).toBe(
      404,
    );
    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.post("/api/privacy/requests", { personId: p.id, kind: "access", detail: "Xin bản sao", identityChecked: true })).statusCode).toBe(403);
  });
});

describe("retention", () => {
  it("de-identifies closed requests past their time; every figure reads the same before and after", async () => {
    const ent = await buildEnterprise(t.database, city);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await file({ enterpriseId: ent.id, title: `Đơn lưu giữ số ${i} của Hằng` })).json().code);
    // Four were answered and closed four years ago; two are open.
    await t.database.rows(
      sql`UPDATE voice_requests SET status = 'closed', answer_status = 'published', public_answer = 'Trả lời', received_at = now() - interval '4 years 1 month',
            answered_at = now() - interval '4 years', closed_at = now() - interval '4 years' WHERE code = ANY(${sql`ARRAY[${sql.join(
              codes.slice(0, 4).map((c) => sql`${c}`),
              sql`, `,
            )}]`})`,
    );
    const year = new Date().getUTCFullYear() - 4;
    const period = { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}`, year, half: null };
    const figures = async () => {
      const out: Record<string, number> = {};
      for (const p of figureProviders) for (const s of await p(t.database, { kind: "city" }, period as never)) for (const f of s.figures) out[f.key] = f.value;
      return out;
    };
    const before = await figures();
    const done = await runRetention(t.database, new Date());
    expect(done.find((d) => d.kind === "closed_requests")?.rows).toBeGreaterThanOrEqual(4);
    expect(await figures()).toEqual(before);
    const rows = await t.database.rows<{ title: string; n: number }>(
      sql`SELECT r.title, (SELECT count(*)::int FROM voice_requesters q WHERE q.request_id = r.id) AS n FROM voice_requests r WHERE r.code = ANY(${sql`ARRAY[${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )}]`}) ORDER BY r.id`,
    );
    expect(rows.slice(0, 4).every((r) => !r.title.includes("Hằng") && r.n === 0)).toBe(true);
    expect(rows.slice(4).every((r) => r.title.includes("Hằng") && r.n === 1)).toBe(true);
    const [run] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM retention_runs WHERE kind = 'closed_requests'`);
    expect(run?.n).toBeGreaterThanOrEqual(1);
    // A second run finds nothing more to do there.
    expect((await runRetention(t.database, new Date())).find((d) => d.kind === "closed_requests")).toBeUndefined();
    // Old audit rows go, and only through the retention job.
    await expect(t.database.rows(sql`DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow();
  });
});

describe("incident register", () => {
  it("counts 72 hours from detection and asks the reason of a late notice", async () => {
    const admin = await signIn("body_admin", city.federation);
    const detectedAt = new Date(Date.now() - 80 * 3600_000).toISOString();
    const res = await admin.post("/api/privacy/incidents", {
      title: "Gửi nhầm danh sách đoàn viên",
      description: "Tệp danh sách gửi nhầm địa chỉ email bên ngoài",
      detectedAt,
      dataKinds: "họ tên, số CCCD",
    });
    expect(res.statusCode).toBe(201);
    expect(new Date(res.json().notifyBy).getTime() - new Date(detectedAt).getTime()).toBe(72 * 3600_000);
    const list = (await admin.get("/api/privacy/incidents")).json();
    expect(list.find((i: { id: number }) => i.id === res.json().id)).toMatchObject({ late: true });
    const now = new Date().toISOString();
    expect((await admin.post(`/api/privacy/incidents/${res.json().id}/notified`, { notifiedAt: now })).statusCode).toBe(400);
    expect(
      (await admin.post(`/api/privacy/incidents/${res.json().id}/notified`, { notifiedAt: now, lateReason: "Phát hiện vào ngày nghỉ lễ" })).statusCode,
    ).toBe(200);
    const officer = await signIn("officer", city.federation);
    expect((await officer.get("/api/privacy/incidents")).statusCode).toBe(403);
  });
});
