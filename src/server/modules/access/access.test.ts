import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

describe("health and documentation", () => {
  it("answers /api/health without signing in", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
    expect(res.headers["x-request-id"]).toBeTruthy();
  });
  it("publishes the OpenAPI description", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths["/api/auth/login"]).toBeTruthy();
  });
});

describe("login", () => {
  it("signs in with the right password and returns the user, role and scope", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const c = new Client(t.app);
    const res = await c.login(u.username, u.password);
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toMatch(/HttpOnly/i);
    expect(res.headers["set-cookie"]).toMatch(/SameSite=Lax/i);
    const me = await c.get("/api/auth/me");
    expect(me.json()).toMatchObject({ user: { username: u.username, role: "officer" }, scope: { kind: "city" } });
  });

  it("refuses a wrong password with a Vietnamese problem, English on request", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: u.username, password: "sai-mat-khau" } });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "invalid_credentials", title: "Tên đăng nhập hoặc mật khẩu không đúng", status: 401 });
    const en = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "accept-language": "en" },
      payload: { username: "nobody", password: "x" },
    });
    expect(en.json().title).toBe("Wrong username or password");
  });

  it("locks the account for a while after repeated failures", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: u.username, password: "wrong-password-1" } });
    }
    const res = await new Client(t.app).login(u.username, u.password);
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe("account_locked");
    expect(await auditCount(t.database, "login_locked", "user", u.id)).toBe(1);
  });

  it("validates the body with pointers to the bad fields", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("validation_failed");
    expect(res.json().errors.length).toBeGreaterThan(0);
  });

  it("rotates the session at login and kills it server-side at logout", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    const first = c.cookie;
    await c.login(u.username, u.password);
    expect(c.cookie).not.toBe(first);
    const old = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: first } });
    expect(old.statusCode).toBe(401);
    const stolen = c.cookie;
    const out = await c.post("/api/auth/logout");
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: stolen } });
    expect(after.statusCode).toBe(401);
  });

  it("logs out everywhere", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.login(u.username, u.password);
    await b.login(u.username, u.password);
    const res = await a.post("/api/auth/logout?everywhere=true");
    expect(res.json().sessionsEnded).toBe(2);
    expect((await b.get("/api/auth/me")).statusCode).toBe(401);
  });
});

describe("CSRF and tokens", () => {
  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    const res = await t.app.inject({ method: "POST", url: "/api/auth/tokens", headers: { cookie: c.cookie }, payload: { name: "x" } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("csrf_failed");
  });

  it("issues a bearer token with the user's scope, usable without CSRF, and revocable", async () => {
    const u = await buildUser(t.database, "body_admin", city.zoneUnion);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    const created = await c.post("/api/auth/tokens", { name: "Đồng bộ Excel" });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ scope: { kind: "zones" }, user: { role: "body_admin" } });
    // A write without CSRF token (a token cannot mint tokens: see auth.hardening.test.ts).
    const write = await t.app.inject({ method: "PUT", url: "/api/auth/me/locale", headers: { authorization: `Bearer ${token}` }, payload: { locale: "vi" } });
    expect(write.statusCode).toBe(204);
    const list = await c.get("/api/auth/tokens");
    expect(list.json().length).toBe(1);
    expect((await c.delete(`/api/auth/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
  });
});

describe("anonymous calls", () => {
  it("answer 401 on every non-public route", async () => {
    for (const [method, url] of [
      ["GET", "/api/auth/me"],
      ["GET", "/api/admin/users"],
      ["POST", "/api/admin/users"],
      ["GET", "/api/admin/audit"],
      ["GET", "/api/admin/bodies/1"],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe("users and bodies, by scope", () => {
  it("lets a body admin manage users of their bodies only, answering 404 outside", async () => {
    const otherZone = await buildBody(t.database, "zone_union", city.federation);
    const admin = await buildUser(t.database, "body_admin", city.zoneUnion);
    const outsider = await buildUser(t.database, "officer", otherZone.id);
    const c = new Client(t.app);
    await c.login(admin.username, admin.password);
    const created = await c.post("/api/admin/users", {
      username: `cb${Date.now()}`,
      fullName: "Nguyễn Văn An",
      role: "officer",
      bodyId: city.zoneUnion,
      password: "Ha-Long-Vinh-2030",
    });
    expect(created.statusCode).toBe(201);
    expect(await auditCount(t.database, "create", "user", created.json().id)).toBe(1);
    // The log names the object and the actor, not only their numbers.
    const row = (await c.get(`/api/admin/audit?action=create&objectType=user&objectId=${created.json().id}`)).json().items[0];
    expect(row).toMatchObject({ objectName: "Nguyễn Văn An", userFullName: expect.any(String) });
    const list = await c.get("/api/admin/users");
    const names = list.json().items.map((x: { username: string }) => x.username);
    expect(names).toContain(admin.username);
    expect(names).not.toContain(outsider.username);
    expect((await c.patch(`/api/admin/users/${outsider.id}`, { active: false })).statusCode).toBe(404);
    expect((await c.get(`/api/admin/bodies/${otherZone.id}`)).statusCode).toBe(404);
    const intoOther = await c.post("/api/admin/users", {
      username: `x${Date.now()}`,
      fullName: "Lê Văn Bình",
      role: "officer",
      bodyId: otherZone.id,
      password: "Ha-Long-Vinh-2030",
    });
    expect(intoOther.statusCode).toBe(400);
  });

  it("refuses a weak password and a duplicate username in Vietnamese", async () => {
    const c = new Client(t.app);
    const admin = await buildUser(t.database, "body_admin", city.federation);
    await c.login(admin.username, admin.password);
    const weak = await c.post("/api/admin/users", {
      username: `w${Date.now()}`,
      fullName: "Lê Thị Hoa",
      role: "officer",
      bodyId: city.federation,
      password: "123",
    });
    expect(weak.json()).toMatchObject({ status: 400, code: "weak_password" });
    expect(weak.json().errors[0].pointer).toBe("/body/password");
    const dup = await c.post("/api/admin/users", {
      username: admin.username.toUpperCase(),
      fullName: "Lê Thị Hoa",
      role: "officer",
      bodyId: city.federation,
      password: "Ha-Long-Vinh-2030",
    });
    expect(dup.statusCode).toBe(409);
  });

  it("refuses an officer without the admin permission", async () => {
    const u = await buildUser(t.database, "officer", city.federation);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    expect((await c.get("/api/admin/users")).statusCode).toBe(403);
  });

  it("keeps an enterprise representative and a union officer out of other bodies", async () => {
    const e1 = await buildEnterprise(t.database, city);
    const e2 = await buildEnterprise(t.database, city);
    const u1 = await buildUnion(t.database, city, e1.id);
    const rep = await buildUser(t.database, "enterprise_rep", e2.id);
    const unionOfficer = await buildUser(t.database, "union_officer", u1.id);
    const c = new Client(t.app);
    await c.login(rep.username, rep.password);
    expect((await c.get("/api/auth/me")).json().scope).toEqual({ kind: "enterprise", enterpriseIds: [e2.id] });
    const d = new Client(t.app);
    await d.login(unionOfficer.username, unionOfficer.password);
    expect((await d.get("/api/auth/me")).json().scope).toEqual({ kind: "union", unionIds: [u1.id], enterpriseIds: [e1.id] });
  });
});

describe("audit", () => {
  it("is append-only, even for the database owner", async () => {
    await t.database.rows(sql`INSERT INTO audit_log (action, object_type) VALUES ('test', 'x')`);
    await expect(t.database.rows(sql`UPDATE audit_log SET action = 'y'`)).rejects.toThrow();
    await expect(t.database.rows(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });
  it("is searchable by a body admin", async () => {
    const admin = await buildUser(t.database, "body_admin", city.federation);
    const c = new Client(t.app);
    await c.login(admin.username, admin.password);
    const res = await c.get(`/api/admin/audit?action=login&userId=${admin.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
  });
});
