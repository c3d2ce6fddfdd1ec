import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZipEntry } from "../support/unzip.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { TEST_PASSWORD } from "../support/factories.ts";
import { coverage } from "./coverage.ts";
import { type ActorKey, type World, actorKeys, buildWorld } from "./world.ts";

/**
 * Every route that can return a person, for every role: no person outside the caller's reach comes
 * back — not their name, not their phone, not their citizen ID. People sit on three sides (A: union
 * U1 at E1; B: zone B; C: a sibling union in zone A). Who may read whom:
 * - city bodies that read people (the federation, the system administrator): everyone;
 * - zone A's union: sides A and C; side A's grassroots union: side A only;
 * - the enterprise, the Zone Authority and the Mass Mobilization Commission read no person at all
 *   (none of them holds `people:read`), whatever route they try.
 */
let t: TestApp;
let w: World;
const c = {} as Record<ActorKey, Client>;
const YEAR = new Date().getUTCFullYear();
const TODAY = new Date().toISOString().slice(0, 10);

type Side = "A" | "B" | "C";
interface Person {
  id: number;
  side: Side;
  fullName: string;
  citizenId: string | null;
  phone: string | null;
}
let people: Person[] = [];

const sees: Record<ActorKey, Side[]> = {
  systemAdmin: ["A", "B", "C"],
  federationAdmin: ["A", "B", "C"],
  federationOfficer: ["A", "B", "C"],
  federationViewer: ["A", "B", "C"],
  zoneOfficerA: ["A", "C"],
  zoneAdminA: ["A", "C"],
  unionOfficerA: ["A"],
  enterpriseRepA: [],
  authorityOfficer: [],
  mmcOfficer: [],
};

/**
 * The one documented exception: a Party referral names the member referred to the Party, and the
 * commission holds `referrals:read` for exactly that (its name only, never a phone or citizen ID).
 */
const namesAllowed: Partial<Record<ActorKey, string[]>> = { mmcOfficer: ["/api/coordination/referrals"] };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.database);
  for (const key of actorKeys) {
    c[key] = new Client(t.app);
    const res = await c[key].login(w.users[key].username, w.users[key].password);
    if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.statusCode}`);
  }
  const sideB = new Client(t.app);
  if ((await sideB.login("markerb_user", TEST_PASSWORD)).statusCode !== 200) throw new Error("login markerb_user");
  w.api = { admin: c.systemAdmin, sideB, zoneA: c.zoneOfficerA };
  const [userB] = await t.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'markerb_user'`);
  w.extra.userB = userB?.id ?? 0;
  for (const spec of Object.values(coverage)) await spec.setup?.(w);
  // Side A's person in the records that name people: a payout, a union house, a referral.
  const campaign = await c.zoneOfficerA.post("/api/care/campaigns", {
    name: "Hỗ trợ khu A",
    purpose: "hardship",
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    kinds: ["cash"],
  });
  expect(campaign.statusCode).toBe(201);
  w.extra.campaignA2 = campaign.json().id;
  expect(
    (await c.zoneOfficerA.post(`/api/care/campaigns/${campaign.json().id}/payouts`, { personId: w.personA, kind: "cash", amount: 500_000, paidOn: TODAY }))
      .statusCode,
  ).toBe(201);
  expect((await c.zoneOfficerA.post("/api/coordination/referrals", { personId: w.personA, unionId: w.unionA, referredOn: TODAY })).statusCode).toBe(201);
  await t.database.rows(
    sql`INSERT INTO care_union_houses (person_id, union_id, address, amount, approved_on) VALUES (${w.personA}, ${w.unionA}, 'Thôn Bên A', 40000000, ${TODAY})`,
  );
  await t.database.rows(sql`UPDATE people SET hardship = true WHERE id IN (${w.personA}, ${w.personB}, ${w.personC})`);

  const side = (enterpriseId: number | null): Side | null => {
    if (enterpriseId === w.enterpriseA) return "A";
    if (enterpriseId === w.enterpriseC) return "C";
    if ([w.enterpriseB, w.extra.enterpriseB2, w.extra.enterpriseB3].includes(enterpriseId ?? -1)) return "B";
    return null;
  };
  const rows = await t.database.rows<{ id: number; fullName: string; citizenId: string | null; phone: string | null; enterpriseId: number | null }>(
    sql`SELECT id, full_name AS "fullName", citizen_id AS "citizenId", phone, enterprise_id AS "enterpriseId" FROM people`,
  );
  people = rows.flatMap((r) => {
    const s = side(r.enterpriseId);
    return s ? [{ id: r.id, side: s, fullName: r.fullName, citizenId: r.citizenId, phone: r.phone }] : [];
  });
  // The join request of side B is a person too (name, citizen ID, phone).
  people.push({ id: 0, side: "B", fullName: "Markerb Xin", citizenId: "031199000999", phone: "0987654321" });
}, 300_000);
afterAll(async () => t?.close());

const fill = (url: string) => url.replace(/__userB__/g, String(w.extra.userB)).replace(/:[A-Za-z]+/g, "1");

/** The text of a response, unzipped when it is an .xlsx or .docx. */
function textOf(res: { rawPayload: Buffer; body: string; headers: Record<string, unknown> }): string {
  const type = String(res.headers["content-type"] ?? "");
  if (!type.includes("openxmlformats")) return res.body;
  const entries = ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "word/document.xml"];
  return entries.map((e) => readZipEntry(res.rawPayload, e) ?? "").join("\n");
}

/** Every GET route aimed at each side's objects, the search and caller lookup by each person's name, phone and ID, the exports. */
function urls(): string[] {
  const out = new Set<string>();
  for (const r of t.app.routeTable.filter((x) => x.method === "GET" && !x.public)) {
    const spec = coverage[`${r.method} ${r.url}`];
    if (spec?.url) out.add(spec.url(w));
    if (spec?.target) out.add(spec.target(w).url);
    out.add(fill(r.url));
  }
  for (const p of people) {
    if (p.phone) out.add(`/api/voice/callers?phone=${p.phone}`);
    if (p.citizenId) out.add(`/api/voice/callers?citizenId=${p.citizenId}`);
    for (const q of [p.fullName, p.citizenId, p.phone]) if (q) out.add(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
    if (p.id) {
      out.add(`/api/registry/people/${p.id}`);
      out.add(`/api/registry/people/${p.id}/timeline`);
    }
  }
  for (const key of ["new_members", "members"]) out.add(`/api/reports/trace/${key}?from=2000-01-01&to=${TODAY}`);
  for (const id of [w.extra.campaignA, w.extra.campaignA2, w.extra.careCampaignB]) {
    out.add(`/api/care/campaigns/${id}/payouts?pageSize=200`);
    out.add(`/api/care/campaigns/${id}/nominations?pageSize=200`);
  }
  out.add("/api/care/fairness?n=20&pageSize=200");
  out.add("/api/care/union-houses?pageSize=200");
  out.add("/api/care/join-requests?pageSize=200");
  out.add("/api/coordination/referrals?pageSize=500");
  out.add("/api/registry/people?pageSize=200");
  out.add("/api/admin/audit?pageSize=200");
  return [...out];
}

describe("people, for every role, on every route that can return one", () => {
  it("never come back outside the caller's reach: no name, no phone, no citizen ID", async () => {
    expect(people.filter((p) => p.side === "A").length).toBeGreaterThan(0);
    expect(people.filter((p) => p.side === "B").length).toBeGreaterThan(3);
    expect(people.filter((p) => p.side === "C").length).toBeGreaterThan(0);
    const list = urls();
    const leaks: string[] = [];
    // What the city sees, so that a scan that finds nothing is known to read real content.
    const seenByCity = new Set<string>();
    for (const key of actorKeys) {
      for (const url of list) {
        const res = await c[key].get(url);
        if (res.statusCode >= 500) leaks.push(`${key} GET ${url} → ${res.statusCode}`);
        if (res.statusCode < 200 || res.statusCode >= 300) continue;
        const text = textOf(res);
        for (const p of people) {
          const markers: [string, string | null][] = [
            ["citizen ID", p.citizenId],
            ["phone", p.phone],
            ["name", p.fullName],
          ];
          for (const [what, m] of markers) {
            if (!m || !text.includes(m)) continue;
            if (key === "federationOfficer") seenByCity.add(`${p.side}:${what}`);
            if (sees[key].includes(p.side)) continue;
            if (what === "name" && namesAllowed[key]?.some((u) => url.startsWith(u))) continue;
            leaks.push(`${key} GET ${url} shows side ${p.side}'s ${what} "${m}"`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    for (const s of ["A", "B", "C"]) for (const what of ["name", "citizen ID", "phone"]) expect(seenByCity, `${s}:${what}`).toContain(`${s}:${what}`);
  }, 600_000);

  it("answers the caller lookup only to roles that read people, and only with people in their scope", async () => {
    const pB = people.find((p) => p.id === w.personB);
    const pA = people.find((p) => p.id === w.personA);
    const byId = (key: ActorKey, p: Person | undefined) => c[key].get(`/api/voice/callers?citizenId=${p?.citizenId}`);
    expect((await byId("authorityOfficer", pA)).statusCode).toBe(403);
    expect((await byId("mmcOfficer", pA)).statusCode).toBe(403);
    expect((await byId("enterpriseRepA", pA)).statusCode).toBe(403);
    const own = await byId("unionOfficerA", pA);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toHaveLength(1);
    // Someone else's worker: the same empty answer as nobody at all.
    const other = await byId("unionOfficerA", pB);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual([]);
    const city = await byId("federationOfficer", pB);
    expect(city.json()).toHaveLength(1);
  });

  it("refuses to link a hotline request to a person outside the caller's scope, with the answer given for nobody", async () => {
    const body = (personId: number) => ({
      kind: "consultation",
      topic: "wages",
      channel: "hotline",
      title: "Hỏi lương",
      description: "Hỏi qua điện thoại về lương",
      requester: { fullName: "Người gọi" },
      personId,
      consent: true,
    });
    const outside = await c.unionOfficerA.post("/api/voice/requests", body(w.personB));
    const nobody = await c.unionOfficerA.post("/api/voice/requests", body(99_999_999));
    expect(outside.statusCode).toBe(400);
    expect(nobody.statusCode).toBe(400);
    expect(outside.json().detail).toBe(nobody.json().detail);
    const authority = await c.authorityOfficer.post("/api/voice/requests", body(w.personA));
    expect(authority.statusCode).toBe(400);
    expect((await c.unionOfficerA.post("/api/voice/requests", body(w.personA))).statusCode).toBe(201);
  });
});
