import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { TEST_PASSWORD } from "../support/factories.ts";
import { coverage } from "./coverage.ts";
import { type ActorKey, type World, actorKeys, buildWorld, scopedActors, unitActors } from "./world.ts";

let t: TestApp;
let w: World;
const clients = {} as Record<ActorKey, Client>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.database);
  const [userB] = await t.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'markerb_user'`);
  w.extra.userB = userB?.id ?? 0;
  for (const key of actorKeys) {
    const c = new Client(t.app);
    const res = await c.login(w.users[key].username, w.users[key].password);
    if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.statusCode}`);
    clients[key] = c;
  }
  const sideB = new Client(t.app);
  if ((await sideB.login("markerb_user", TEST_PASSWORD)).statusCode !== 200) throw new Error("login markerb_user");
  w.api = { admin: clients.systemAdmin, sideB, zoneA: clients.zoneOfficerA };
  for (const spec of Object.values(coverage)) await spec.setup?.(w);
}, 180_000);
afterAll(async () => t?.close());

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const fill = (url: string) => url.replace(/__userB__/g, String(w.extra.userB)).replace(/:[A-Za-z]+/g, "1");
/**
 * Scoped actors go first on every route: a write by a city-wide actor (a delete, a state change)
 * must not turn side B's object into a 404 or a 409 before the scope check has been tried on it.
 */
const actorOrder: ActorKey[] = [...scopedActors, ...actorKeys.filter((k) => !scopedActors.includes(k))];

describe("the route table", () => {
  it("has an attack spec for every API route, and no spec for a route that is gone", () => {
    const routes = t.app.routeTable.map(routeKey);
    const missing = routes.filter((r) => !(r in coverage));
    const stale = Object.keys(coverage).filter((k) => !routes.includes(k));
    expect(missing, "routes without an entry in test/security/coverage.ts").toEqual([]);
    expect(stale, "entries in coverage.ts for routes that no longer exist").toEqual([]);
  });
});

describe("anonymous callers", () => {
  it("get 401 on every non-public route", async () => {
    const failures: string[] = [];
    for (const r of t.app.routeTable.filter((x) => !x.public)) {
      const res = await t.app.inject({ method: r.method as "GET", url: fill(r.url), payload: r.hasBody ? {} : undefined });
      if (res.statusCode !== 401) failures.push(`${routeKey(r)} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("every route × every role", () => {
  it("never answers 5xx, never leaks a stack trace or SQL, never shows side B to a scoped actor", async () => {
    const failures: string[] = [];
    for (const r of t.app.routeTable) {
      const spec = coverage[routeKey(r)];
      if (!spec) continue;
      for (const key of actorOrder) {
        // Logging out ends the session the rest of the matrix needs.
        if (r.url === "/api/auth/logout") continue;
        const target = spec.target?.(w);
        const url = fill(target?.url ?? spec.url?.(w) ?? r.url);
        const body = target?.body ?? spec.body?.(w) ?? (r.hasBody ? {} : undefined);
        const res = await clients[key].request({
          method: r.method as "GET",
          url,
          ...(body === undefined ? {} : { payload: body as object }),
          ...(target?.headers ? { headers: target.headers } : {}),
        });
        const text = res.body;
        if (res.statusCode >= 500) failures.push(`${key} ${routeKey(r)} → ${res.statusCode} ${text.slice(0, 200)}`);
        if (/\bat [\w.]+ \(|node_modules|SELECT .* FROM|syntax error at/i.test(text)) failures.push(`${key} ${routeKey(r)} leaks internals`);
        // A target even the system administrator cannot reach (a bad body, a wrong id) would prove nothing.
        if (target && key === "systemAdmin" && !spec.adminRefused && (res.statusCode < 200 || res.statusCode >= 300))
          failures.push(`systemAdmin ${routeKey(r)} could not reach side B's object (${res.statusCode} ${text.slice(0, 200)})`);
        // A list the system administrator reads without any of side B's markers proves nothing either:
        // side B must have data there, so that a missing scope filter would show.
        if (key === "systemAdmin" && r.method === "GET" && !target && !spec.publicData && !spec.unmarked && !w.markersB.some((m) => text.includes(m)))
          failures.push(`systemAdmin ${routeKey(r)} shows no side-B data (${res.statusCode} ${text.slice(0, 120)})`);
        if (scopedActors.includes(key)) {
          if (target && res.statusCode >= 200 && res.statusCode < 300) failures.push(`${key} ${routeKey(r)} reached side B's object (${res.statusCode})`);
          if (!spec.publicData) for (const m of w.markersB) if (text.includes(m)) failures.push(`${key} ${routeKey(r)} leaks "${m}"`);
        }
        if (unitActors.includes(key) && !spec.publicData) {
          for (const m of w.markersC) if (text.includes(m)) failures.push(`${key} ${routeKey(r)} leaks side C's "${m}"`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
