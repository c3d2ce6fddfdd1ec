import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "#server/modules/access/audit.service.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { TEST_PASSWORD, buildBody, buildUser } from "../support/factories.ts";
import { coverage } from "./coverage.ts";
import { type World, buildWorld } from "./world.ts";

/**
 * Hostile values on every route, every parameter: each route's valid request (from coverage.ts) with
 * one value at a time replaced by a payload of each class — NUL bytes, lone surrogates, impossible
 * dates, over-long text, numeric overflow, unknown foreign keys — in the path, the query and the body.
 * Valid requests carry the payload past the schema into the services, where a 500 would come from.
 * No answer may be 5xx or leak internals; refusals must be problems, Vietnamese, naming the place.
 */
let t: TestApp;
let w: World;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.database);
  const [userB] = await t.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'markerb_user'`);
  w.extra.userB = userB?.id ?? 0;
  admin = new Client(t.app);
  await admin.login(w.users.systemAdmin.username, w.users.systemAdmin.password);
  const sideB = new Client(t.app);
  await sideB.login("markerb_user", TEST_PASSWORD);
  const zoneA = new Client(t.app);
  await zoneA.login(w.users.zoneOfficerA.username, w.users.zoneOfficerA.password);
  w.api = { admin, sideB, zoneA };
  for (const spec of Object.values(coverage)) await spec.setup?.(w);
}, 240_000);
afterAll(async () => t?.close());

const UNKNOWN_ID = 2_147_480_000;
/** Text payloads: refused at the edge (400) or stored as given, never a 500. */
const textClasses: [string, unknown][] = [
  ["nul", "a\u0000b"],
  ["lone-surrogate", "Tên \uD800 lẻ"],
  ["impossible-date", "2025-02-31"],
  ["impossible-datetime", "2023-04-31T10:00:00Z"],
  ["over-long", "Đ".repeat(70_000)],
];
/** Number payloads: overflow of every integer width, fractions, negatives, and ids that name nothing. */
const numberClasses: [string, unknown][] = [
  ["int4-overflow", 99_999_999_999],
  ["huge", 1e300],
  ["unknown-id", UNKNOWN_ID],
  ["negative", -1],
  ["numeric-string", "99999999999999999999999"],
];

type Mutation = { where: string; apply: (body: unknown) => unknown; value: unknown; cls: string };

/** Every leaf of a JSON body (3 levels deep), each replaced by every payload of its kind. */
function bodyMutations(body: unknown): Mutation[] {
  const out: Mutation[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (path.length > 3) return;
    if (Array.isArray(node)) {
      if (node.length) visit(node[0], [...path, 0]);
      else for (const [cls, value] of numberClasses.slice(2, 3)) out.push(mutation(path, [value], cls));
      return;
    }
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
      return;
    }
    const classes = typeof node === "number" ? [...numberClasses, ...textClasses.slice(0, 1)] : [...textClasses, ...numberClasses.slice(0, 1)];
    for (const [cls, value] of classes) out.push(mutation(path, value, cls));
  };
  const mutation = (path: (string | number)[], value: unknown, cls: string): Mutation => ({
    where: `/body/${path.join("/")}`,
    cls,
    value,
    apply: (b) => {
      const copy = structuredClone(b) as Record<string | number, unknown>;
      let node = copy;
      for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
      const last = path[path.length - 1];
      if (last === undefined) return value;
      node[last] = value;
      return copy;
    },
  });
  visit(body, []);
  return out;
}

const fill = (url: string) => url.replace(/__userB__/g, String(w.extra.userB)).replace(/:[A-Za-z]+/g, "1");
const leaks = /\bat [\w.]+ \(|node_modules|SELECT .* FROM|syntax error at|DrizzleQueryError|Failed query/i;

/** The requests that aim one payload at one place of one route. */
function attacks(method: string, url: string, body: unknown): { label: string; url: string; body: unknown }[] {
  const out: { label: string; url: string; body: unknown }[] = [];
  const [path = "", query = ""] = url.split("?");
  // Path segments that are ids or codes.
  const segments = path.split("/");
  segments.forEach((seg, i) => {
    if (i < 3 || !/^[\w-]+$/.test(seg) || !/\d/.test(seg)) return;
    for (const v of ["%00", "%ED%A0%80", "2025-02-31", "99999999999", String(UNKNOWN_ID)]) {
      const copy = [...segments];
      copy[i] = v;
      out.push({ label: `path[${i}]=${v}`, url: `${copy.join("/")}${query ? `?${query}` : ""}`, body });
    }
  });
  // Query parameters, each one (and one that the route does not know).
  const params = new URLSearchParams(query);
  const keys = [...new Set([...params.keys(), "q", "from", "enterpriseId"])];
  for (const key of keys) {
    for (const v of ["a\u0000b", "\uD800", "2025-02-31", "99999999999", String(UNKNOWN_ID), "x".repeat(5000)]) {
      const p = new URLSearchParams(params);
      p.set(key, v);
      out.push({ label: `query ${key}=${JSON.stringify(v).slice(0, 20)}`, url: `${path}?${p.toString()}`, body });
    }
  }
  if (body !== undefined && method !== "GET") {
    for (const m of bodyMutations(body)) out.push({ label: `${m.where}=${m.cls}`, url, body: m.apply(body) });
  }
  return out;
}

describe("hostile values on every route", () => {
  it("never answer 5xx or leak internals, signed in or not", async () => {
    const failures: string[] = [];
    let sent = 0;
    const anonymous = new Client(t.app);
    for (const r of t.app.routeTable) {
      const spec = coverage[`${r.method} ${r.url}`];
      if (r.url === "/api/auth/logout") continue;
      const target = spec?.target?.(w);
      const isMultipart = Boolean(target?.headers?.["content-type"]?.startsWith("multipart/"));
      if (isMultipart) continue;
      const url = fill(target?.url ?? spec?.url?.(w) ?? r.url);
      const body = target?.body ?? spec?.body?.(w) ?? (r.hasBody ? {} : undefined);
      const callers = r.public ? [admin, anonymous] : [admin];
      for (const attack of attacks(r.method, url, body)) {
        for (const client of callers) {
          sent++;
          const send = () =>
            client.request({
              method: r.method as "POST",
              url: attack.url,
              ...(attack.body === undefined ? {} : { payload: JSON.stringify(attack.body), headers: { "content-type": "application/json" } }),
            });
          let res = await send().catch((e: Error) => ({ statusCode: 599, body: e.message, headers: {} as Record<string, string> }));
          // A route that ended the admin's sessions (log out everywhere): sign in again and go on.
          if (res.statusCode === 401 && client === admin) {
            await admin.login(w.users.systemAdmin.username, w.users.systemAdmin.password);
            res = await send().catch((e: Error) => ({ statusCode: 599, body: e.message, headers: {} as Record<string, string> }));
          }
          const who = client === admin ? "admin" : "anonymous";
          if (res.statusCode >= 500) failures.push(`${who} ${r.method} ${r.url} ${attack.label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (leaks.test(res.body)) failures.push(`${who} ${r.method} ${r.url} ${attack.label} leaks internals: ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && !String(res.headers["content-type"]).startsWith("application/problem+json"))
            failures.push(`${who} ${r.method} ${r.url} ${attack.label} → ${res.statusCode} not a problem`);
        }
      }
    }
    expect(sent).toBeGreaterThan(3000);
    if (failures.length) console.error(failures.join("\n"));
    expect(failures.slice(0, 40)).toEqual([]);
  }, 900_000);
});

describe("the edge guard", () => {
  it("refuses NUL and lone surrogates anywhere with a 400 naming the place, without signing in", async () => {
    const cases: { url: string; method: "GET" | "POST"; payload?: unknown; pointer: string }[] = [
      { method: "GET", url: "/api/public/qa?q=l%C6%B0%C6%A1ng%00", pointer: "/querystring/q" },
      { method: "POST", url: "/api/auth/login", payload: { username: "ad\u0000min", password: "x" }, pointer: "/body/username" },
      { method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "\uD83D" }, pointer: "/body/password" },
      { method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "x", "k\u0000": 1 }, pointer: "/body/k%00" },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        ...(c.payload ? { payload: JSON.stringify(c.payload), headers: { "content-type": "application/json" } } : {}),
      });
      expect(res.statusCode, c.url).toBe(400);
      const problem = res.json() as { code: string; title: string; errors: { pointer: string; message: string }[] };
      expect(problem.code).toBe("validation_failed");
      expect(problem.errors.map((e) => e.pointer)).toContain(c.pointer);
      expect(problem.errors[0]?.message).toMatch(/ký tự/);
    }
  });

  it("refuses days that do not exist, in queries and bodies, and keeps real ones (29/02 of a leap year)", async () => {
    for (const bad of ["2025-02-31", "2025-02-29", "2026-04-31", "2026-00-10", "2026-13-01", "2026-01-01T25:00:00Z"]) {
      const res = await admin.get(`/api/admin/audit?from=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect((res.json() as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe("/querystring/from");
    }
    expect((await admin.get("/api/admin/audit?from=2024-02-29")).statusCode).toBe(200);
    const res = await admin.post("/api/care/campaigns", {
      name: "Đợt thử ngày",
      purpose: "tet",
      startsOn: "2026-02-30",
      endsOn: "2026-03-31",
      kinds: ["cash"],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain("/body/startsOn");
  });

  it("keeps lone surrogates out of the audit's JSON (a 400, and no audit row half-written)", async () => {
    const before = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    const res = await admin.post("/api/admin/bodies", { kind: "zone_union", name: "Công đoàn \uDFFF", parentId: w.federation });
    expect(res.statusCode).toBe(400);
    const after = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    expect(after[0]?.n).toBe(before[0]?.n);
    // A path the edge guard does not see (a value read from a file): the audit row is still written.
    await t.database.db.transaction((tx) =>
      audit(t.database, tx, null, { action: "import", objectType: "database", objectId: "surrogate", after: { name: "Tên \uD800 lẻ", ok: "😀" } }),
    );
    const [row] = await t.database.rows<{ after: { name: string; ok: string } }>(sql`SELECT after FROM audit_log WHERE object_id = 'surrogate'`);
    expect(row?.after).toEqual({ name: "Tên \uFFFD lẻ", ok: "😀" });
  });
});

describe("database refusals as problems", () => {
  it("a duplicate username is a 409 naming the field, in Vietnamese", async () => {
    const body = await buildBody(t.database, "federation", null);
    const existing = await buildUser(t.database, "officer", body.id);
    const res = await admin.post("/api/admin/users", {
      username: existing.username,
      fullName: "Người Trùng",
      role: "officer",
      bodyId: body.id,
      password: "Chuyen-3 giu ca 2026",
    });
    expect(res.statusCode).toBe(409);
    const problem = res.json() as { code: string; detail: string; errors: { pointer: string }[] };
    expect(problem.code).toBe("conflict");
    expect(problem.detail).toMatch(/Tên đăng nhập/);
    expect(problem.errors.map((e) => e.pointer)).toContain("/body/username");
  });

  it("two users created at once with one name: one 201, one 409 — the database's refusal, never a 500", async () => {
    const username = `dup${Math.random().toString(36).slice(2, 8)}`;
    const make = () =>
      admin.post("/api/admin/users", { username, fullName: "Người Trùng", role: "officer", bodyId: w.federation, password: "Chuyen-3 giu ca 2026" });
    const statuses = (await Promise.all([make(), make(), make()])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it("duplicate codes of bodies and plans are 409 naming the field", async () => {
    const code = `DV-${Math.random().toString(36).slice(2, 8)}`;
    const first = await admin.post("/api/admin/bodies", { kind: "zone_union", name: "Công đoàn mã một", code, parentId: w.federation });
    expect(first.statusCode).toBe(201);
    const second = await admin.post("/api/admin/bodies", { kind: "zone_union", name: "Công đoàn mã hai", code, parentId: w.federation });
    expect(second.statusCode).toBe(409);
    const problem = second.json() as { detail: string; errors: { pointer: string }[] };
    expect(problem.detail).toMatch(/«Mã»/);
    expect(problem.errors.map((e) => e.pointer)).toContain("/body/code");

    const planCode = `${Math.floor(Math.random() * 900) + 100}/KH-T`;
    const plan = { year: 2026, code: planCode, title: "Kế hoạch phối hợp thử", parties: [w.zoneUnionA] };
    expect((await admin.post("/api/coordination/plans", plan)).statusCode).toBe(201);
    const again = await admin.post("/api/coordination/plans", { ...plan, title: "Kế hoạch trùng mã" });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { errors?: { pointer: string }[] }).errors?.map((e) => e.pointer)).toContain("/body/code");

    // A plan item's number, unique within its plan (the plan comes from the path): named alone.
    const created = (await admin.post("/api/coordination/plans", { ...plan, code: `${planCode}-2`, title: "Kế hoạch có mục" })).json() as { id: number };
    const id = created.id;
    expect(id).toBeGreaterThan(0);
    const item = { area: "general", content: "Nội dung số 7", leadBodyId: w.zoneUnionA, no: 7 };
    expect((await admin.post(`/api/coordination/plans/${id}/items`, item)).statusCode).toBe(201);
    const dup = await admin.post(`/api/coordination/plans/${id}/items`, { ...item, content: "Nội dung trùng số" });
    expect(dup.statusCode).toBe(409);
    const p = dup.json() as { detail: string; errors?: { pointer: string }[] };
    expect(p.errors?.map((e) => e.pointer)).toEqual(["/body/no"]);
    expect(p.detail).toMatch(/«Số thứ tự»/);
  });

  it("an id that names nothing is a 422 naming the field", async () => {
    const res = await admin.post("/api/admin/bodies", { kind: "zone_union", name: "Công đoàn không cha", parentId: UNKNOWN_ID });
    expect([404, 422]).toContain(res.statusCode);
    if (res.statusCode === 422) expect((res.json() as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe("/body/parentId");
  });

  it("a number beyond the column's range is a 400 naming the field", async () => {
    const res = await admin.post("/api/care/campaigns", {
      name: "Đợt số lớn",
      purpose: "tet",
      startsOn: "2026-01-01",
      endsOn: "2026-01-31",
      kinds: ["cash"],
      budget: 1e30,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it("every route with a body answers an empty or mistyped body in Vietnamese, naming each field", async () => {
    const english = /Invalid input|expected|received|Too small|Too big|Required|Unrecognized|Invalid option|Invalid string|Invalid enum/;
    const failures: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.hasBody && x.url !== "/api/auth/logout")) {
      for (const payload of [{}, { title: 12, name: false, date: 3, amount: "nhiều", id: "x" }]) {
        const res = await admin.request({ method: r.method as "POST", url: fill(r.url), payload });
        if (res.statusCode !== 400) continue;
        const problem = res.json() as { detail?: string; errors?: { pointer: string; message: string }[] };
        for (const e of problem.errors ?? []) {
          if (english.test(e.message)) failures.push(`${r.method} ${r.url} ${e.pointer}: ${e.message}`);
          if (!e.pointer.startsWith("/")) failures.push(`${r.method} ${r.url} pointer ${e.pointer}`);
        }
        if (problem.detail && english.test(problem.detail)) failures.push(`${r.method} ${r.url} detail: ${problem.detail}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a missing field is named in Vietnamese on every kind of route", async () => {
    for (const [url, field] of [
      ["/api/care/campaigns", "name"],
      ["/api/relations/incidents", "title"],
    ] as const) {
      const res = await admin.post(url, {});
      expect(res.statusCode, url).toBe(400);
      const problem = res.json() as { detail: string; errors: { pointer: string; message: string }[] };
      const mine = problem.errors.find((e) => e.pointer === `/body/${field}`);
      expect(mine?.message, url).toMatch(/bắt buộc|Nhập|nhập/);
      for (const e of problem.errors) expect(e.message).not.toMatch(/Invalid input|expected|received/);
      expect(problem.detail).not.toMatch(/Invalid input/);
    }
  });
});
