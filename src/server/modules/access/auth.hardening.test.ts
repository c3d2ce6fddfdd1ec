import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "#server/http/errors.ts";
import { checkPasswordStrength } from "#server/modules/access/auth.service.ts";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { TEST_PASSWORD, buildBody, buildUser } from "../../../../test/support/factories.ts";

/**
 * Sign-in and credentials under attack: a lock that parallel guesses cannot outrun, the same lock
 * for names nobody has, API tokens that end with a password reset or "log out everywhere" and
 * cannot breed, a strict "everywhere" flag, and a user's own password change with a real policy.
 */
let t: TestApp;
let federation: number;

beforeAll(async () => {
  t = await createTestApp();
  federation = (await buildBody(t.database, "federation", null, "Liên đoàn Lao động thành phố")).id;
});
afterAll(async () => t?.close());

const login = (username: string, password: string) => t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

async function signedIn(username: string, password = TEST_PASSWORD) {
  const c = new Client(t.app);
  const res = await c.login(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return c;
}

async function tokenOf(c: Client, body: object = { name: "Kịch bản" }) {
  const res = await c.post("/api/auth/tokens", body);
  expect(res.statusCode).toBe(201);
  return res.json().token as string;
}

const bearer = (token: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });

describe("the sign-in lock", () => {
  it("holds against twelve wrong passwords at once: the account is locked, even for the right password", async () => {
    const u = await buildUser(t.database, "officer", federation);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(u.username, `sai-mat-khau-${i}`)));
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 423)).toBe(true);
    const [row] = await t.database.rows<{ failures: number; locked: boolean }>(
      sql`SELECT failures, locked_until > now() AS locked FROM login_failures WHERE username_key = lower(${u.username})`,
    );
    expect(row?.locked).toBe(true);
    expect(row?.failures).toBeGreaterThanOrEqual(5);
    expect((await login(u.username, u.password)).statusCode).toBe(423);
  });

  it("locks a name nobody has exactly as a real one, with the same answer", async () => {
    const real = await buildUser(t.database, "officer", federation);
    const ghost = `khong_ai_co_${Math.random().toString(36).slice(2, 8)}`;
    const realAnswers: number[] = [];
    const ghostAnswers: number[] = [];
    for (let i = 0; i < 6; i++) {
      realAnswers.push((await login(real.username, `sai-${i}-mat-khau`)).statusCode);
      ghostAnswers.push((await login(ghost, `sai-${i}-mat-khau`)).statusCode);
    }
    expect(realAnswers).toEqual([401, 401, 401, 401, 401, 423]);
    expect(ghostAnswers).toEqual(realAnswers);
    const a = (await login(real.username, "gi-cung-duoc-1")).json();
    const b = (await login(ghost, "gi-cung-duoc-1")).json();
    const shape = (p: Record<string, unknown>) => ({
      ...p,
      detail: String(p.detail).replace(/\d/g, "0"),
      lockedUntil: typeof p.lockedUntil,
      instance: 0,
      requestId: 0,
    });
    expect(shape(b)).toEqual(shape(a));
    // Case does not make a second name.
    expect((await login(ghost.toUpperCase(), "gi-cung-duoc-1")).statusCode).toBe(423);
  });

  it("answers a locked name without hashing, known or not (the same timing class)", async () => {
    const real = await buildUser(t.database, "officer", federation);
    const ghost = `khong_ai_co_${Math.random().toString(36).slice(2, 8)}`;
    for (let i = 0; i < 5; i++) {
      await login(real.username, `sai-${i}-mat-khau`);
      await login(ghost, `sai-${i}-mat-khau`);
    }
    const time = async (name: string) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) expect((await login(name, "sai-nua-roi-1")).statusCode).toBe(423);
      return (performance.now() - start) / 5;
    };
    const hashed = performance.now();
    await login(`chua_khoa_${Math.random().toString(36).slice(2, 8)}`, "sai-mat-khau-9");
    const oneHash = performance.now() - hashed;
    // A locked answer, for either name, costs well under one argon2 verification.
    expect(await time(real.username)).toBeLessThan(oneHash);
    expect(await time(ghost)).toBeLessThan(oneHash);
  });
});

describe("API tokens and sessions", () => {
  it("a token cannot mint another token, however long it lives", async () => {
    const u = await buildUser(t.database, "officer", federation);
    const token = await tokenOf(await signedIn(u.username), { name: "Một ngày", expiresInDays: 1 });
    for (const body of [{ name: "Vĩnh viễn" }, { name: "Ngắn hơn", expiresInDays: 1 }]) {
      const res = await t.app.inject({ method: "POST", url: "/api/auth/tokens", headers: { authorization: `Bearer ${token}` }, payload: body });
      expect(res.statusCode).toBe(403);
    }
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM api_tokens WHERE user_id = ${u.id}`);
    expect(n?.n).toBe(1);
  });

  it("a password reset by an administrator revokes the user's tokens", async () => {
    const u = await buildUser(t.database, "officer", federation);
    const admin = await buildUser(t.database, "body_admin", federation);
    const token = await tokenOf(await signedIn(u.username));
    expect((await bearer(token)).statusCode).toBe(200);
    const reset = await (await signedIn(admin.username)).patch(`/api/admin/users/${u.id}`, { password: "Vung-Tau-Bien-2046" });
    expect(reset.statusCode).toBe(200);
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('"log out everywhere" ends every session and revokes every token; everywhere=false ends only this session', async () => {
    const u = await buildUser(t.database, "officer", federation);
    const a = await signedIn(u.username);
    const b = await signedIn(u.username);
    const token = await tokenOf(a);
    for (const flag of ["false", "0"]) {
      const c = await signedIn(u.username);
      expect((await c.post(`/api/auth/logout?everywhere=${flag}`)).json()).toEqual({ sessionsEnded: 1 });
      expect((await c.get("/api/auth/me")).statusCode).toBe(401);
    }
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    expect((await b.get("/api/auth/me")).statusCode).toBe(200);
    expect((await bearer(token)).statusCode).toBe(200);
    // Anything but true/false/1/0 is a mistake, not a yes.
    for (const flag of ["no", "False", "off", ""]) expect((await a.post(`/api/auth/logout?everywhere=${flag}`)).statusCode).toBe(400);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    const all = await a.post("/api/auth/logout?everywhere=true");
    expect(all.statusCode).toBe(200);
    expect((await b.get("/api/auth/me")).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
  });
});

describe("changing one's own password", () => {
  it("asks the current password, applies the policy, ends the other sessions and tokens, keeps this one", async () => {
    const u = await buildUser(t.database, "officer", federation, `nguoidung_${Math.random().toString(36).slice(2, 7)}`);
    await t.database.rows(sql`UPDATE users SET full_name = 'Trần Thị Hương Giang' WHERE id = ${u.id}`);
    const here = await signedIn(u.username);
    const elsewhere = await signedIn(u.username);
    const token = await tokenOf(here);
    const change = (currentPassword: string, newPassword: string) => here.post("/api/auth/me/password", { currentPassword, newPassword });

    const wrong = await change("khong-dung-123", "Cau-Long-Bien-1902");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].pointer).toBe("/body/currentPassword");
    for (const weak of ["password12", `          1a`, "  ab12   ", "Password2024!", "matkhau12345", `${u.username}2026`, "giang-2026-xinh", "qwerty123456"]) {
      const res = await change(u.password, weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().code, weak).toBe("weak_password");
      expect(res.json().errors[0].pointer, weak).toBe("/body/newPassword");
    }
    expect((await login(u.username, u.password)).statusCode).toBe(200);

    expect((await change(u.password, "Cau-Long-Bien-1902")).statusCode).toBe(204);
    expect((await here.get("/api/auth/me")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    expect((await login(u.username, "Cau-Long-Bien-1902")).statusCode).toBe(200);
    // A token cannot change the password it was made under.
    const fresh = await tokenOf(here);
    const byToken = await t.app.inject({
      method: "POST",
      url: "/api/auth/me/password",
      headers: { authorization: `Bearer ${fresh}` },
      payload: { currentPassword: "Cau-Long-Bien-1902", newPassword: "Song-Cam-Chay-2077" },
    });
    expect(byToken.statusCode).toBe(403);
  });

  it("counts wrong current passwords towards the lock", async () => {
    const u = await buildUser(t.database, "officer", federation);
    const c = await signedIn(u.username);
    for (let i = 0; i < 5; i++)
      expect((await c.post("/api/auth/me/password", { currentPassword: `doan-${i}-sai`, newPassword: "Cau-Long-Bien-1902" })).statusCode).toBe(400);
    expect((await c.post("/api/auth/me/password", { currentPassword: u.password, newPassword: "Cau-Long-Bien-1902" })).statusCode).toBe(423);
  });
});

describe("the password policy", () => {
  const refused = (p: string, who = {}) => {
    try {
      checkPasswordStrength(p, who);
      return false;
    } catch (e) {
      return e instanceof AppError && e.code === "weak_password";
    }
  };
  it("counts length without the spaces around, refuses common passwords with digits added, and the user's own names", () => {
    expect(refused("          1a")).toBe(true);
    expect(refused("   abc1234   ")).toBe(true);
    expect(refused("password12")).toBe(true);
    expect(refused("iloveyou2024")).toBe(true);
    expect(refused("1234567890a")).toBe(true);
    expect(refused("Dragon!2019")).toBe(true);
    expect(refused("hoa-phuong-do-1955")).toBe(false);
    expect(refused("hoa-phuong-do-1955", { username: "do.phuong" })).toBe(false);
    expect(refused("hoaphuong1955", { username: "hoaphuong" })).toBe(true);
    expect(refused("Nguyen-Van-An-88", { fullName: "Nguyễn Văn An" })).toBe(true);
    expect(refused("ngay-moi-Hung-2024", { fullName: "Phạm Văn Hùng" })).toBe(true);
    expect(refused("ngay-moi-An-2024-xa", { fullName: "Lê An" })).toBe(false);
  });
});
