import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { labourStandingForHome } from "#server/modules/labour/index.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { multipart } from "../../../../test/security/coverage.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { nextLabourDeadline } from "../eheza/index.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;

const PASSWORD = "Doanhnghiep-Xanh-2468";

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "officer", city.authority);
  officer = new Client(t.app);
  expect((await officer.login(u.username, u.password)).statusCode).toBe(200);
});
afterAll(async () => t.close());

/** Posts to a public route from an address of its own (the activation lock counts per address). */
const pub = (url: string, payload: object, ip = "10.0.0.1") => t.app.inject({ method: "POST", url, payload, remoteAddress: ip });

async function invite(enterpriseId: number, extra: object = {}) {
  const res = await officer.post("/api/accounts/invites", { enterpriseId, fullName: "Trần Thị Hoa", email: "hoa@example.vn", ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { code: string; link: string; emailSent: boolean; invite: { id: number; state: string; codeHint: string } };
}

async function activate(code: string, username: string, ip = "10.0.0.2") {
  const res = await pub("/api/public/activation", { code, username, fullName: "Trần Thị Hoa", password: PASSWORD }, ip);
  const cookie = String(res.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const c = new Client(t.app);
  c.cookie = cookie;
  if (res.statusCode === 201) c.csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { res, client: c };
}

describe("enterprise accounts: invite → activate → colleagues → tokens → ceased", () => {
  it("runs the whole life of an enterprise's accounts", async () => {
    const ent = await buildEnterprise(t.database, city);

    // The zone authority invites the representative; the code is shown once, only its hash is kept.
    const inv = await invite(ent.id);
    expect(inv.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(inv.link).toContain(`/kich-hoat#ma=${inv.code}`);
    expect(inv.emailSent).toBe(false);
    const [stored] = await t.database.rows<{ code_hash: string }>(sql`SELECT code_hash FROM enterprise_invites WHERE id = ${inv.invite.id}`);
    expect(stored?.code_hash).not.toContain(inv.code.replace(/-/g, ""));
    expect(await auditCount(t.database, "invite", "enterprise_invite", inv.invite.id)).toBe(1);

    // The code opens the enterprise (tax code shown) before a username is chosen; lower case, no dashes works.
    const check = await pub("/api/public/activation/check", { code: inv.code.toLowerCase().replace(/-/g, " ") });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ enterprise: { name: ent.name, taxCode: ent.taxCode }, rights: ["report", "answer", "manage"] });

    // The password policy applies.
    const weak = await pub("/api/public/activation", { code: inv.code, username: "dn.daidien", fullName: "Trần Thị Hoa", password: "12345678" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].pointer).toBe("/body/password");

    const { res, client: rep } = await activate(inv.code, `dn_${ent.id}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ body: { id: ent.id, kind: "enterprise" }, scope: { kind: "enterprise", enterpriseIds: [ent.id] } });
    expect(res.json().permissions).toEqual(expect.arrayContaining(["enterprise:manage", "enterprise:report", "enterprise:answer"]));
    expect(await auditCount(t.database, "activate", "user")).toBeGreaterThan(0);

    // Single use.
    const again = await activate(inv.code, `dn2_${ent.id}`);
    expect(again.res.statusCode).toBe(400);
    expect(again.res.json()).toMatchObject({ code: "activation_code_invalid", errors: [{ pointer: "/body/code" }] });
    expect(again.res.json().detail).toContain("đã được dùng");

    // The representative invites an HR colleague who may only file the report.
    const colInv = await rep.post("/api/enterprise/colleagues/invites", { fullName: "Lê Văn Nhân", rights: ["report"] });
    expect(colInv.statusCode, colInv.body).toBe(201);
    const { res: hrRes, client: hr } = await activate(colInv.json().code, `hr_${ent.id}`, "10.0.0.3");
    expect(hrRes.statusCode, hrRes.body).toBe(201);
    const hrPerms = hrRes.json().permissions as string[];
    expect(hrPerms).toContain("enterprise:report");
    expect(hrPerms).not.toContain("enterprise:manage");
    expect(hrPerms).not.toContain("enterprise:answer");

    // The narrower colleague is refused what they were not given: managing colleagues.
    const refused = await hr.post("/api/enterprise/colleagues/invites", { fullName: "Người Khác", rights: ["report"] });
    expect(refused.statusCode).toBe(403);
    expect((await hr.get("/api/enterprise/colleagues")).statusCode).toBe(403);
    // … and their home still opens.
    expect((await hr.get("/api/enterprise/home")).statusCode).toBe(200);

    // The representative cannot grant a right they lack, nor lock themselves out.
    const colleagues = (await rep.get("/api/enterprise/colleagues")).json() as { accounts: { id: number; username: string }[] };
    const hrId = colleagues.accounts.find((a) => a.username === `hr_${ent.id}`)?.id ?? 0;
    const repId = colleagues.accounts.find((a) => a.username === `dn_${ent.id}`)?.id ?? 0;
    expect((await rep.patch(`/api/enterprise/colleagues/${repId}`, { active: false })).json().code).toBe("enterprise_account_self");

    // Tokens: made on the account page, shown once, narrowed, expiring, accepted as Bearer by the same path.
    const made = await hr.post("/api/auth/tokens", { name: "Hệ thống nhân sự" });
    expect(made.statusCode, made.body).toBe(201);
    const token = made.json() as { id: number; token: string; expiresAt: string | null; rights: string[] };
    expect(token.expiresAt).not.toBeNull();
    expect(token.rights).toEqual(["report"]);
    const tooMuch = await hr.post("/api/auth/tokens", { name: "Quá quyền", rights: ["manage"] });
    expect(tooMuch.statusCode).toBe(400);
    const bearer = { authorization: `Bearer ${token.token}` };
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).not.toContain("enterprise:manage");
    expect((await t.app.inject({ method: "GET", url: "/api/enterprise/home", headers: bearer })).statusCode).toBe(200);
    // Staff routes beyond the user's rights are refused with the token as with the cookie.
    expect((await t.app.inject({ method: "GET", url: "/api/admin/users", headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/enterprise/colleagues", headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/relations/watchlist", headers: bearer })).statusCode).toBeGreaterThanOrEqual(403);
    // A token cannot mint another.
    expect((await t.app.inject({ method: "POST", url: "/api/auth/tokens", headers: bearer, payload: { name: "x" } })).statusCode).toBe(403);
    // The representative's token with only "report" is narrower than its owner.
    const repToken = (await rep.post("/api/auth/tokens", { name: "Chỉ báo cáo", rights: ["report"], expiresInDays: 30 })).json() as { token: string };
    const repMe = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${repToken.token}` } });
    expect(repMe.json().permissions).not.toContain("enterprise:manage");
    // Revoked: the token stops at once.
    expect((await hr.delete(`/api/auth/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/enterprise/home", headers: bearer })).statusCode).toBe(401);

    // The representative deactivates the colleague: their session ends.
    const off = await rep.patch(`/api/enterprise/colleagues/${hrId}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    expect((await hr.get("/api/auth/me")).statusCode).toBe(401);
    expect(await auditCount(t.database, "deactivate", "user", hrId)).toBe(1);

    // The enterprise ceases: every account is deactivated, sessions and tokens end, pending invitations go.
    const pending = await rep.post("/api/enterprise/colleagues/invites", { fullName: "Kế Toán", rights: ["report", "answer"] });
    expect(pending.statusCode).toBe(201);
    const ceased = await officer.patch(`/api/registry/enterprises/${ent.id}`, { status: "dissolved" });
    expect(ceased.statusCode, ceased.body).toBe(200);
    expect((await rep.get("/api/auth/me")).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${repToken.token}` } })).statusCode).toBe(401);
    const [active] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE body_id = ${ent.id} AND active`);
    expect(active?.n).toBe(0);
    expect(await auditCount(t.database, "accounts_ended", "enterprise", ent.id)).toBe(1);
    const late = await activate(pending.json().code, `kt_${ent.id}`, "10.0.0.4");
    expect(late.res.statusCode).toBe(400);
    const login = await new Client(t.app).login(`dn_${ent.id}`, PASSWORD);
    expect(login.statusCode).toBe(401);
  });

  it("ends the accounts of an enterprise an import marks as dissolved, as an edit by hand does", async () => {
    const ent = await buildEnterprise(t.database, city);
    const { client: rep } = await activate((await invite(ent.id)).code, `imp_${ent.id}`, "10.0.3.1");
    expect((await rep.get("/api/enterprise/home")).statusCode).toBe(200);
    const csv = `Mã số thuế,Tên doanh nghiệp,Trạng thái\n${ent.taxCode},${ent.name},Giải thể\n`;
    const res = await officer.request({ method: "POST", url: "/api/registry/imports/enterprises", ...multipart("dn.csv", csv) });
    expect(res.json()).toMatchObject({ updated: 1, committed: true });
    expect((await rep.get("/api/enterprise/home")).statusCode).toBe(401);
    expect(await auditCount(t.database, "accounts_ended", "enterprise", ent.id)).toBe(1);
  });

  it("refuses invitations to people outside the inviter's reach", async () => {
    const ent = await buildEnterprise(t.database, city);
    const other = await buildEnterprise(t.database, city);
    // Federation officers cannot invite (the zone authority keeps the enterprise registry).
    const fed = new Client(t.app);
    const fu = await buildUser(t.database, "officer", city.federation);
    await fed.login(fu.username, fu.password);
    expect((await fed.post("/api/accounts/invites", { enterpriseId: ent.id })).statusCode).toBe(403);
    // A viewer of the authority reads but does not invite.
    const viewer = new Client(t.app);
    const vu = await buildUser(t.database, "viewer", city.authority);
    await viewer.login(vu.username, vu.password);
    expect((await viewer.post("/api/accounts/invites", { enterpriseId: ent.id })).statusCode).toBe(403);
    // An enterprise's representative sees only their own enterprise's accounts.
    const { client: rep } = await activate((await invite(ent.id)).code, `rep_${ent.id}`, "10.0.0.5");
    expect((await rep.get(`/api/accounts/enterprises/${other.id}`)).statusCode).toBe(403);
    const officerView = await officer.get(`/api/accounts/enterprises/${ent.id}`);
    expect(officerView.json()).toMatchObject({ enterprise: { taxCode: ent.taxCode }, accounts: [{ username: `rep_${ent.id}` }] });
    // Another enterprise's invitation cannot be revoked by this representative.
    const foreign = await invite(other.id);
    expect((await rep.delete(`/api/enterprise/colleagues/invites/${foreign.invite.id}`)).statusCode).toBe(404);
    expect((await officer.delete(`/api/accounts/invites/${foreign.invite.id}`)).statusCode).toBe(204);
    const revoked = await pub("/api/public/activation/check", { code: foreign.code }, "10.0.0.6");
    expect(revoked.json().detail).toContain("thu hồi");
  });

  it("expires codes after 7 days and locks an address after ten wrong codes, in Vietnamese", async () => {
    const ent = await buildEnterprise(t.database, city);
    const inv = await invite(ent.id);
    await t.database.rows(sql`UPDATE enterprise_invites SET expires_at = now() - interval '1 minute' WHERE id = ${inv.invite.id}`);
    const expired = await pub("/api/public/activation/check", { code: inv.code }, "10.0.1.1");
    expect(expired.json().detail).toContain("hết hạn");

    const ip = "10.0.1.2";
    for (let i = 0; i < 10; i++) {
      const wrong = await pub("/api/public/activation/check", { code: "AAAA-BBBB-CCCC-DDDD-EEEE" }, ip);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0]).toMatchObject({ pointer: "/body/code" });
    }
    // Even the right code waits now: the lock is on the address.
    const good = await invite(ent.id);
    const locked = await pub("/api/public/activation/check", { code: good.code }, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: "activation_locked" });
    expect(locked.json().detail).toMatch(/quá nhiều lần.*thử lại sau \d{2}:\d{2}/);
    expect((await pub("/api/public/activation/check", { code: good.code }, "10.0.1.3")).statusCode).toBe(200);
  });
});

describe("GET /api/enterprise/home", () => {
  it("shows findings, agreement, last report, next deadline and the union's contact — never a worker or a score", async () => {
    const ent = await buildEnterprise(t.database, city);
    const union = await buildUnion(t.database, city, ent.id, "Công đoàn cơ sở Hoa Sen");
    await t.database.rows(sql`UPDATE unions SET chair_name = 'Phạm Thị Chủ Tịch', contact_phone = '0225 3456 789' WHERE id = ${union.id}`);
    // A worker with a name nobody else has, and a risk score: neither may reach the enterprise.
    const person = await buildPerson(t.database, { familyName: "Vươngbímật", givenName: "Công Nhân", enterpriseId: ent.id, unionId: union.id });
    await t.database.rows(
      sql`INSERT INTO relations_risk_current (enterprise_id, as_of, score, signals) VALUES (${ent.id}, ${vnToday()}, 87.25, '[{"kind":"requests_spike"}]')`,
    );
    const today = vnToday();
    const [checklist] = await t.database.rows<{ id: number }>(sql`SELECT id FROM relations_checklists ORDER BY id LIMIT 1`);
    const [insp] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO relations_inspections (enterprise_id, checklist_id, inspected_on, lead_body_id, status)
          VALUES (${ent.id}, ${checklist?.id ?? 0}, ${addDays(today, -40)}, ${city.authority}, 'completed') RETURNING id`,
    );
    await t.database.rows(
      sql`INSERT INTO relations_recommendations (inspection_id, enterprise_id, text, issued_on, deadline) VALUES
          (${insp?.id ?? 0}, ${ent.id}, 'Trả lương làm thêm giờ đúng quy định', ${addDays(today, -40)}, ${addDays(today, -3)}),
          (${insp?.id ?? 0}, ${ent.id}, 'Bổ sung phương án ATVSLĐ', ${addDays(today, -40)}, ${addDays(today, 20)})`,
    );
    const [agr] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to)
          VALUES ('enterprise', ${union.id}, 'Thỏa ước 2025', ${addDays(today, -300)}, ${addDays(today, -300)}, ${addDays(today, 45)}) RETURNING id`,
    );
    await t.database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${agr?.id ?? 0}, ${ent.id})`);
    await t.database.rows(sql`INSERT INTO labor_reports (enterprise_id, period, workforce) VALUES (${ent.id}, '2025-H1', 320)`);

    const { client: rep } = await activate((await invite(ent.id)).code, `home_${ent.id}`, "10.0.2.1");
    const res = await rep.get("/api/enterprise/home");
    expect(res.statusCode, res.body).toBe(200);
    const home = res.json();
    expect(home.enterprise).toMatchObject({ id: ent.id, taxCode: ent.taxCode });
    expect(home.findings).toMatchObject({ open: 2, overdue: 1 });
    expect(home.agreement).toMatchObject({ state: "expiring", title: "Thỏa ước 2025", daysLeft: 45 });
    expect(home.labourReport.last).toMatchObject({ period: "2025-H1", workforce: 320 });
    expect(home.labourReport.next).toEqual({ ...nextLabourDeadline(today), daysLeft: expect.any(Number) });
    // The labour module's judgement, as it gives it: the last report on record is 2025-H1, so a later half is owed.
    expect(home.labourReport.standing).toEqual(await labourStandingForHome(t.database, ent.id));
    expect(home.labourReport.standing.label).toMatch(/^Báo cáo lao động 6 tháng (đầu|cuối) năm \d{4}: .+ \(hạn nộp \d{2}\/\d{2}\/\d{4}\)$/);
    expect(["due_soon", "late", "missing", "not_due"]).toContain(home.labourReport.standing.state);
    expect(home.union).toEqual({ kind: "grassroots", name: "Công đoàn cơ sở Hoa Sen", chairName: "Phạm Thị Chủ Tịch", phone: "0225 3456 789" });

    const text = res.body;
    expect(text).not.toContain("Vươngbímật");
    expect(text).not.toContain(person.citizenId);
    expect(text).not.toContain("87.25");
    expect(text).not.toMatch(/score|risk|signal/i);
  });

  it("is for enterprise accounts only, also refused to (and not offered to) a system administrator", async () => {
    expect((await officer.get("/api/enterprise/home")).statusCode).toBe(403);
    const admin = await buildUser(t.database, "system_admin", city.federation);
    const c = new Client(t.app);
    expect((await c.login(admin.username, admin.password)).statusCode).toBe(200);
    expect((await c.get("/api/enterprise/home")).statusCode).toBe(403);
    const me = (await c.get("/api/auth/me")).json() as { permissions: string[] };
    expect(me.permissions).toContain("admin:settings");
    expect(me.permissions.filter((p) => p.startsWith("enterprise:"))).toEqual([]);
  });

  it("names the next half-year deadline: 05/01 and 05/07", () => {
    expect(nextLabourDeadline("2026-01-05")).toEqual({ period: "2025-H2", deadline: "2026-01-05" });
    expect(nextLabourDeadline("2026-01-06")).toEqual({ period: "2026-H1", deadline: "2026-07-05" });
    expect(nextLabourDeadline("2026-07-06")).toEqual({ period: "2026-H2", deadline: "2027-01-05" });
  });
});
