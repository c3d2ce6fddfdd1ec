import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZipEntry } from "../support/unzip.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { TEST_PASSWORD, buildUser, uniqueTaxCode } from "../support/factories.ts";
import { coverage, multipart } from "./coverage.ts";
import { type ActorKey, type World, actorKeys, buildWorld, scopedActors, unitActors } from "./world.ts";

/**
 * The attacks that are not a route × role sweep: identities kept from enterprise accounts, script
 * and SQL payloads stored inert, session fixation, CSRF, login brute force, hostile uploads, and
 * the zipped exports (which the matrix cannot read) scanned for side B.
 */
let t: TestApp;
let w: World;
const c = {} as Record<ActorKey, Client>;
/** Strings that identify P1, a worker of side A's enterprise E1. */
let identityA: string[];
const YEAR = new Date().getUTCFullYear();

const vietnamese = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const internals = /\bat [\w.]+ \(|node_modules|SELECT .* FROM|syntax error at/i;

beforeAll(async () => {
  // A low per-address login limit, so the brute-force test meets it; other sign-ins come from 127.0.0.1.
  t = await createTestApp({ LOGIN_RATE_LIMIT: "16" });
  w = await buildWorld(t.database);
  for (const key of actorKeys) {
    c[key] = new Client(t.app);
    const res = await c[key].login(w.users[key].username, w.users[key].password);
    if (res.statusCode !== 200) throw new Error(`login ${key}: ${res.statusCode}`);
  }
  const sideB = new Client(t.app);
  await sideB.login("markerb_user", TEST_PASSWORD);
  w.api = { admin: c.systemAdmin, sideB, zoneA: c.zoneOfficerA };
  const [userB] = await t.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'markerb_user'`);
  w.extra.userB = userB?.id ?? 0;
  for (const spec of Object.values(coverage)) await spec.setup?.(w);

  // Side A's records about P1 that an enterprise-facing answer could carry: a payout, a referral, a dialogue question.
  const [p1] = await t.database.rows<{ citizenId: string; phone: string; name: string }>(
    sql`SELECT citizen_id AS "citizenId", phone, concat_ws(' ', family_name, middle_name, given_name) AS name FROM people WHERE id = ${w.personA}`,
  );
  if (!p1) throw new Error("P1 missing");
  identityA = [p1.citizenId, p1.phone, p1.name];
  const campaign = await c.zoneOfficerA.post("/api/care/campaigns", {
    name: "Tết Sum vầy khu A",
    purpose: "tet",
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    kinds: ["cash"],
  });
  expect(campaign.statusCode).toBe(201);
  const payout = await c.zoneOfficerA.post(`/api/care/campaigns/${campaign.json().id}/payouts`, {
    personId: w.personA,
    kind: "cash",
    amount: 1_000_000,
    paidOn: `${YEAR}-02-01`,
  });
  expect(payout.statusCode).toBe(201);
  const referral = await c.zoneOfficerA.post("/api/coordination/referrals", { personId: w.personA, unionId: w.unionA, referredOn: `${YEAR}-03-01` });
  expect(referral.statusCode).toBe(201);
  const dialogue = await c.zoneOfficerA.post("/api/coordination/activities", {
    kind: "dialogue",
    title: "Đối thoại tại doanh nghiệp Bên A",
    heldOn: `${YEAR}-04-01`,
    enterpriseId: w.enterpriseA,
    questions: [{ text: "Khi nào tăng lương?", asker: p1.name, enterpriseId: w.enterpriseA }],
  });
  expect(dialogue.statusCode).toBe(201);
  sideA.campaign = campaign.json().id;
  sideA.activity = dialogue.json().id;
  const plan = await c.zoneOfficerA.post("/api/coordination/plans", { year: YEAR, code: "01/KH-A", title: "Kế hoạch khu A", parties: [w.zoneUnionA] });
  expect(plan.statusCode).toBe(201);
  sideA.plan = plan.json().id;
}, 240_000);
const sideA: Record<string, number> = {};
afterAll(async () => t?.close());

/** Every GET route, aimed at side A's objects where the route is about one (what an enterprise of side A may ask for). */
function getUrls(): string[] {
  const urls = new Set<string>();
  for (const r of t.app.routeTable.filter((x) => x.method === "GET" && !x.url.startsWith("/api/openapi"))) {
    const spec = coverage[`${r.method} ${r.url}`];
    if (spec?.url) urls.add(spec.url(w));
    if (spec?.target) urls.add(spec.target(w).url);
    urls.add(r.url.replace(/:id/g, String(w.enterpriseA)).replace(/:key/g, "members"));
  }
  for (const q of identityA) urls.add(`/api/search?q=${encodeURIComponent(q)}`);
  urls.add(`/api/registry/enterprises/${w.enterpriseA}`);
  urls.add(`/api/registry/unions/${w.unionA}`);
  urls.add(`/api/registry/people/${w.personA}`);
  urls.add(`/api/registry/enterprises/${w.enterpriseA}/labor-reports`);
  urls.add(`/api/relations/enterprises/${w.enterpriseA}/timeline`);
  urls.add(`/api/relations/enterprises/${w.enterpriseA}/risk`);
  return [...urls];
}

/** The text of a response, unzipped when it is an .xlsx or .docx. */
function textOf(res: { rawPayload: Buffer; body: string; headers: Record<string, unknown> }): string {
  const type = String(res.headers["content-type"] ?? "");
  if (!type.includes("openxmlformats")) return res.body;
  const entries = ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "word/document.xml"];
  return entries.map((e) => readZipEntry(res.rawPayload, e) ?? "").join("\n");
}

describe("identity protection", () => {
  it("never shows a worker's identity (P1's or P2's) to an enterprise account, on any route", async () => {
    const rep = c.enterpriseRepA;
    const secrets = [...identityA, ...w.markersB];
    const leaks: string[] = [];
    let reached = 0;
    for (const url of getUrls()) {
      const res = await rep.get(url);
      if (res.statusCode >= 500) leaks.push(`${url} → ${res.statusCode}`);
      if (res.statusCode < 300) reached++;
      const text = textOf(res);
      // Housing projects are public notices naming the zones they serve: only identities count there.
      const look = url.includes("/housing") ? secrets.filter((x) => x !== "MARKERB" && x !== "markerb") : secrets;
      for (const s of look) if (text.includes(s)) leaks.push(`${url} shows "${s}"`);
    }
    expect(leaks).toEqual([]);
    // The enterprise does reach its own records (so the scan read real answers).
    expect(reached).toBeGreaterThan(5);
    const own = await rep.get(`/api/registry/enterprises/${w.enterpriseA}`);
    expect(own.statusCode).toBe(200);
  });
});

describe("smuggling side B into side A's records", () => {
  it("refuses a scoped actor's write on its own object that names side B's enterprise, union, person or plan", async () => {
    const zone = c.zoneOfficerA;
    const attempts: [Client, "POST" | "PUT" | "PATCH", string, object][] = [
      [zone, "PATCH", `/api/registry/unions/${w.unionA}`, { enterpriseIds: [w.enterpriseA, w.enterpriseB] }],
      [zone, "POST", `/api/registry/people/${w.personA}/join`, { unionId: w.unionB, date: `${YEAR}-03-01` }],
      [zone, "POST", "/api/registry/people", { givenName: "Mới", enterpriseId: w.enterpriseA, membership: { unionId: w.unionB, joinedOn: `${YEAR}-03-01` } }],
      [zone, "POST", "/api/registry/people", { givenName: "Mới", enterpriseId: w.enterpriseB }],
      [
        zone,
        "POST",
        "/api/registry/agreements",
        {
          kind: "multi_enterprise",
          enterpriseIds: [w.enterpriseA, w.enterpriseB],
          title: "Thỏa ước nhóm",
          signedOn: `${YEAR}-01-10`,
          effectiveFrom: `${YEAR}-01-15`,
          effectiveTo: `${YEAR + 2}-01-14`,
        },
      ],
      [zone, "POST", `/api/care/campaigns/${sideA.campaign}/payouts`, { personId: w.personB, kind: "cash", amount: 500_000, paidOn: `${YEAR}-02-01` }],
      [zone, "POST", "/api/coordination/referrals", { personId: w.personB, unionId: w.unionA, referredOn: `${YEAR}-03-02` }],
      [zone, "POST", "/api/coordination/activities", { kind: "training", title: "Tập huấn", heldOn: `${YEAR}-05-01`, unionId: w.unionB }],
      [
        zone,
        "PUT",
        `/api/coordination/activities/${sideA.activity}`,
        { kind: "dialogue", title: "Đối thoại", heldOn: `${YEAR}-04-01`, enterpriseId: w.enterpriseB },
      ],
      [zone, "POST", `/api/coordination/plans/${sideA.plan}/carry-over`, { toPlanId: w.extra.coPlanNextB }],
      [
        zone,
        "POST",
        "/api/relations/plans",
        {
          year: YEAR,
          title: "Kế hoạch kiểm tra",
          leadBodyId: w.zoneUnionA,
          startsOn: `${YEAR}-01-01`,
          endsOn: `${YEAR}-12-31`,
          targets: [{ enterpriseId: w.enterpriseA }, { enterpriseId: w.enterpriseB }],
        },
      ],
      [
        zone,
        "POST",
        "/api/relations/inspections",
        { enterpriseId: w.enterpriseA, inspectedOn: `${YEAR}-07-01`, leadBodyId: w.zoneUnionA, kind: "reinspection", previousId: w.extra.inspectionB },
      ],
      [
        c.unionOfficerA,
        "POST",
        `/api/care/campaigns/${sideA.campaign}/nominations`,
        { personId: w.personB, kind: "cash", amount: 500_000, reason: "Khó khăn" },
      ],
      [c.enterpriseRepA, "POST", `/api/registry/enterprises/${w.enterpriseB}/labor-reports`, { period: `${YEAR}-H1`, workforce: 10 }],
    ];
    const through: string[] = [];
    for (const [who, method, url, payload] of attempts) {
      const res = await who.request({ method, url, payload });
      // Refused for scope (404, or 400 naming the field out of scope), not for some other fault of the body.
      const scoped = res.statusCode === 404 || (res.statusCode === 400 && res.body.includes("phạm vi"));
      if (!scoped) through.push(`${method} ${url} ${JSON.stringify(payload).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(through).toEqual([]);
    // Side B's records are as they were.
    const [u] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM union_enterprises WHERE enterprise_id = ${w.enterpriseB}`);
    expect(u?.n).toBe(1);
  });
});

describe("side C: a sibling union in zone A", () => {
  it("is seen by the zone, not by side A's union officer or enterprise, in the zone's own campaign", async () => {
    const url = `/api/care/campaigns/${w.extra.campaignA}/payouts`;
    const zone = await c.zoneOfficerA.get(url);
    expect(zone.statusCode).toBe(200);
    expect(zone.body).toContain("Markerc");
    const union = await c.unionOfficerA.get(url);
    expect(union.statusCode).toBe(200);
    for (const m of w.markersC) expect(union.body).not.toContain(m);
    expect((await c.enterpriseRepA.get(url)).statusCode).toBe(403);
    // The matrix's side-C scan has data to find: the zone lists side C in each module.
    for (const list of [
      "/api/relations/incidents",
      "/api/registry/agreements",
      "/api/registry/labor-reports",
      "/api/relations/inspections",
      "/api/relations/recommendations",
      "/api/coordination/activities",
      "/api/coordination/referrals",
      "/api/registry/people",
    ]) {
      const res = await c.zoneOfficerA.get(list);
      expect(res.statusCode, list).toBe(200);
      expect(/MARKERC|Markerc/.test(res.body), list).toBe(true);
    }
  });
});

describe("exports and documents, unzipped", () => {
  it("carry nothing of side B for a scoped actor, while the city sees it", async () => {
    const urls = [
      "/api/registry/export/enterprises.xlsx",
      "/api/registry/export/unions.xlsx",
      "/api/registry/export/people.xlsx",
      `/api/reports/joint.docx?period=${YEAR}`,
      `/api/reports/joint.xlsx?period=${YEAR}`,
    ];
    const leaks: string[] = [];
    for (const key of scopedActors) {
      for (const url of urls) {
        const res = await c[key].get(url);
        if (res.statusCode >= 500) leaks.push(`${key} ${url} → ${res.statusCode}`);
        if (res.statusCode !== 200) continue;
        const text = textOf(res);
        const secrets = unitActors.includes(key) ? [...w.markersB, ...w.markersC] : w.markersB;
        for (const m of secrets) if (text.includes(m)) leaks.push(`${key} ${url} shows "${m}"`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan reads real content: the federation's export of enterprises names side B's.
    const city = await c.federationOfficer.get("/api/registry/export/enterprises.xlsx");
    expect(city.statusCode).toBe(200);
    expect(textOf(city)).toContain("MARKERB-ENT");
  });
});

describe("script and SQL payloads", () => {
  const script = "<img src=x onerror=alert(1)>";
  const drop = "'; DROP TABLE people; --";
  const payload = `${script} ${drop}`;

  it("are stored and returned verbatim, as data, by representative create endpoints; the tables remain", async () => {
    const officer = c.federationOfficer;
    const created = [
      await officer.post("/api/registry/enterprises", {
        taxCode: uniqueTaxCode(),
        name: payload,
        ownership: "domestic_private",
        sector: payload,
        zoneId: w.zoneA,
        address: payload,
      }),
      await officer.post("/api/relations/incidents", {
        enterpriseId: w.enterpriseA,
        kind: "other",
        title: payload,
        startedOn: `${YEAR}-05-01`,
        demands: payload,
      }),
      await officer.post("/api/coordination/activities", { kind: "propaganda", title: payload, heldOn: `${YEAR}-05-02`, notes: payload }),
      await officer.post("/api/care/campaigns", {
        name: payload,
        purpose: "hardship",
        startsOn: `${YEAR}-01-01`,
        endsOn: `${YEAR}-12-31`,
        kinds: ["gift"],
        description: payload,
      }),
    ];
    const reads = ["/api/registry/enterprises/", "/api/relations/incidents/", "/api/coordination/activities/", "/api/care/campaigns/"];
    for (const [k, res] of created.entries()) {
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      const id = body.id ?? Object.values(body).find((v): v is { id: number } => typeof v === "object" && v !== null && "id" in v)?.id;
      expect(res.headers["content-type"]).toContain("application/json");
      const again = await officer.get(`${reads[k]}${id}`);
      expect(again.statusCode).toBe(200);
      expect(again.headers["content-type"]).toContain("application/json");
      // JSON carries the text as it was typed; the web app renders it as text (React escapes it).
      const values = JSON.stringify(again.json());
      expect(values).toContain(JSON.stringify(payload).slice(1, -1));
    }
    const found = await officer.get(`/api/search?q=${encodeURIComponent(drop)}`);
    expect(found.statusCode).toBeLessThan(500);
    const listed = await officer.get(`/api/registry/enterprises?q=${encodeURIComponent(payload)}`);
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).toContain(JSON.stringify(script).slice(1, -1));
    for (const table of ["people", "enterprises", "relations_incidents", "activities", "care_campaigns"]) {
      const [row] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
      expect(row?.n, table).toBeGreaterThan(0);
    }
  });
});

describe("sessions", () => {
  it("does not adopt a session id planted before sign-in (fixation), and a sign-in ends the session it replaces", async () => {
    const planted = `caunoi_session=${randomBytes(24).toString("base64url")}`;
    const victim = new Client(t.app);
    victim.cookie = planted;
    const res = await victim.login(w.users.zoneOfficerA.username, w.users.zoneOfficerA.password);
    expect(res.statusCode).toBe(200);
    expect(victim.cookie).not.toBe(planted);
    const attacker = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: planted } });
    expect(attacker.statusCode).toBe(401);
    expect((await victim.get("/api/auth/me")).statusCode).toBe(200);

    // An attacker who got hold of a real (pre-login) session cookie gains nothing once the victim signs in again.
    const first = victim.cookie;
    const again = await victim.login(w.users.zoneOfficerA.username, w.users.zoneOfficerA.password);
    expect(again.statusCode).toBe(200);
    expect(victim.cookie).not.toBe(first);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: first } })).statusCode).toBe(401);
  });

  it("refuses cookie-authenticated writes without the session's CSRF token (403), and writes nothing", async () => {
    const officer = c.federationOfficer;
    const writes: { method: "POST" | "PUT" | "DELETE"; url: string; payload?: object }[] = [
      { method: "POST", url: "/api/relations/incidents", payload: { enterpriseId: w.enterpriseA, kind: "other", title: "CSRF", startedOn: `${YEAR}-05-01` } },
      { method: "POST", url: "/api/coordination/activities", payload: { kind: "propaganda", title: "CSRF", heldOn: `${YEAR}-05-02` } },
      {
        method: "POST",
        url: "/api/care/campaigns",
        payload: { name: "CSRF đợt", purpose: "other", startsOn: `${YEAR}-01-01`, endsOn: `${YEAR}-12-31`, kinds: ["gift"] },
      },
      { method: "POST", url: "/api/registry/enterprises", payload: { taxCode: uniqueTaxCode(), name: "CSRF", ownership: "fdi", sector: "May" } },
      { method: "PUT", url: `/api/relations/risk/settings`, payload: { weights: {}, threshold: 999 } },
      { method: "DELETE", url: `/api/coordination/models/${w.extra.modelB}` },
    ];
    const count = async () => {
      const [row] = await t.database.rows<{ n: number }>(
        sql`SELECT (SELECT count(*) FROM relations_incidents) + (SELECT count(*) FROM activities) + (SELECT count(*) FROM care_campaigns)
                 + (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM mobilization_models) AS n`,
      );
      return Number(row?.n);
    };
    const before = await count();
    for (const token of [undefined, "not-the-token"]) {
      for (const req of writes) {
        const headers: Record<string, string> = { cookie: officer.cookie };
        if (token) headers["x-csrf-token"] = token;
        const res = await t.app.inject({ method: req.method, url: req.url, headers, ...(req.payload ? { payload: req.payload } : {}) });
        expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
        expect(res.json().code).toBe("csrf_failed");
      }
    }
    expect(await count()).toBe(before);
  });

  it("locks an account after repeated wrong passwords, even for the right one, and limits sign-ins per address", async () => {
    const victim = await buildUser(t.database, "officer", w.zoneUnionA);
    const attempt = (password: string, remoteAddress = "10.0.0.7") =>
      t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { username: victim.username, password } });
    for (let k = 0; k < 5; k++) expect((await attempt(`sai-mat-khau-${k}`)).statusCode).toBe(401);
    const locked = await attempt(victim.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().title).toMatch(vietnamese);
    expect(locked.headers["set-cookie"]).toBeUndefined();

    // From one address, guessing across many accounts meets the per-address limit (429 with Retry-After).
    let limited: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let k = 0; k < 30 && !limited; k++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "10.0.0.66",
        payload: { username: `khong_co_${k}`, password: "doan-thu-123" },
      });
      if (res.statusCode === 429) limited = res;
      else expect(res.statusCode).toBe(401);
    }
    expect(limited?.statusCode).toBe(429);
    expect(limited?.headers["retry-after"]).toBeDefined();
    expect(limited?.json().title).toMatch(vietnamese);
  });
});

describe("imports naming side B", () => {
  it("refuse a scoped officer's rows for side B's union or person, write nothing of them, and echo nothing of side B", async () => {
    const [u2] = await t.database.rows<{ code: string }>(sql`SELECT code FROM unions WHERE id = ${w.unionB}`);
    const [p2] = await t.database.rows<{ citizenId: string }>(sql`SELECT citizen_id AS "citizenId" FROM people WHERE id = ${w.personB}`);
    const fresh = `0312950${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;
    const members = `Họ và tên,Ngày sinh,Giới tính,Số CCCD,Công đoàn cơ sở,Ngày vào công đoàn\nTrần Văn Mới,01/01/1995,Nam,${fresh},${u2?.code},01/02/${YEAR}\nLê Văn Khác,01/01/1995,Nam,${p2?.citizenId},${u2?.code},01/02/${YEAR}\n`;
    const reg = await c.zoneOfficerA.request({ method: "POST", url: "/api/registry/imports/members?skipInvalid=true", ...multipart("doan-vien.csv", members) });
    expect(reg.statusCode).toBeLessThan(500);
    for (const m of w.markersB) expect(reg.body).not.toContain(m);
    const [joined] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.citizen_id IN (${fresh}, ${p2?.citizenId ?? ""}) AND m.union_id = ${w.unionB}`,
    );
    expect(joined?.n).toBe(1); // P2's own membership, made by the world; nothing added by side A's officer

    // P2 named under side B's union, then under side A's own union (so the person check, not the union
    // check, must refuse it). The answer may repeat the ID the caller typed, nothing else of P2.
    const [u1] = await t.database.rows<{ code: string }>(sql`SELECT code FROM unions WHERE id = ${w.unionA}`);
    const unknownToCaller = w.markersB.filter((m) => m !== p2?.citizenId);
    for (const [code, name] of [
      [u2?.code, "Nguyễn Văn Giả"],
      [u1?.code, "Nguyễn Văn Giả"],
    ]) {
      const list = `Họ và tên,Số CCCD,Ngày sinh,Công đoàn cơ sở,Hình thức,Số tiền,Ngày nhận\n${name},${p2?.citizenId},01/05/1995,${code},cash,500000,01/03/${YEAR}\n`;
      const care = await c.zoneOfficerA.request({
        method: "POST",
        url: `/api/care/campaigns/${w.extra.campaignA}/payouts/import`,
        ...multipart("danh-sach.csv", list),
      });
      expect(care.statusCode).toBeLessThan(500);
      for (const m of unknownToCaller) expect(care.body).not.toContain(m);
    }
    // P2's exact name and ID with another birth date: refused as outside the caller's scope, without
    // confirming the name or comparing the dates (the recorded one, 01/05/1995, is not the caller's to read).
    const [n2] = await t.database.rows<{ fullName: string }>(sql`SELECT full_name AS "fullName" FROM people WHERE id = ${w.personB}`);
    const probe = `Họ và tên,Số CCCD,Ngày sinh,Công đoàn cơ sở,Hình thức,Số tiền,Ngày nhận\n${n2?.fullName},${p2?.citizenId},02/02/1990,${u1?.code},cash,500000,01/03/${YEAR}\n`;
    const probed = await c.zoneOfficerA.request({
      method: "POST",
      url: `/api/care/campaigns/${w.extra.campaignA}/payouts/import?dryRun=true`,
      ...multipart("danh-sach.csv", probe),
    });
    expect(probed.statusCode).toBeLessThan(500);
    expect(probed.body).toContain("person_out_of_scope");
    expect(probed.body).not.toContain("birth_mismatch");
    expect(probed.body).not.toContain("01/05/1995");
    expect(probed.body).not.toContain("1995-05-01");
    const [paid] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM care_payouts WHERE campaign_id = ${w.extra.campaignA} AND person_id = ${w.personB}`,
    );
    expect(paid?.n).toBe(0);
  });
});

describe("enterprise and union imports naming side B", () => {
  it("refuse a zone officer's rows for side B's enterprise, zone and union, write nothing, and echo nothing of side B but what was typed", async () => {
    const [eB] = await t.database.rows<{ taxCode: string; name: string }>(sql`SELECT tax_code AS "taxCode", name FROM enterprises WHERE id = ${w.enterpriseB}`);
    const [zB] = await t.database.rows<{ code: string }>(sql`SELECT code FROM zones WHERE id = ${w.zoneB}`);
    const [uB] = await t.database.rows<{ code: string; name: string }>(sql`SELECT code, name FROM unions WHERE id = ${w.unionB}`);
    const [zA] = await t.database.rows<{ code: string }>(sql`SELECT code FROM zones WHERE zone_union_id = ${w.zoneUnionA} LIMIT 1`);
    const typed = eB?.taxCode ?? "";
    const fresh = uniqueTaxCode();
    const enterprises = `Mã số thuế,Tên doanh nghiệp,Loại hình sở hữu,Khu công nghiệp,Ngành nghề\n${typed},Tên Đổi Bởi A,FDI,${zA?.code},May mặc\n${fresh},Công ty Chen Vào Khu B,FDI,${zB?.code},May mặc\n`;
    const ent = await c.zoneOfficerA.request({
      method: "POST",
      url: "/api/registry/imports/enterprises?skipInvalid=true",
      ...multipart("dn.csv", enterprises),
    });
    expect(ent.statusCode).toBe(200);
    expect(ent.json()).toMatchObject({ rejected: 2, created: 0, updated: 0 });
    for (const m of w.markersB.filter((x) => x !== typed)) expect(ent.body).not.toContain(m);
    const unions = `Mã công đoàn,Tên công đoàn cơ sở,Mã số thuế doanh nghiệp\n${uB?.code},Đổi Tên Bởi A,\nCDA${fresh},Công đoàn Chen Vào,${typed}\n`;
    const uni = await c.zoneOfficerA.request({ method: "POST", url: "/api/registry/imports/unions?skipInvalid=true", ...multipart("cd.csv", unions) });
    expect(uni.statusCode).toBe(200);
    expect(uni.json()).toMatchObject({ rejected: 2, created: 0, updated: 0 });
    for (const m of w.markersB.filter((x) => x !== typed)) expect(uni.body).not.toContain(m);
    const [after] = await t.database.rows<{ e: string; u: string; fresh: number; covers: number }>(
      sql`SELECT (SELECT name FROM enterprises WHERE id = ${w.enterpriseB}) AS e, (SELECT name FROM unions WHERE id = ${w.unionB}) AS u,
                 (SELECT count(*)::int FROM enterprises WHERE tax_code = ${fresh}) AS fresh,
                 (SELECT count(*)::int FROM union_enterprises WHERE enterprise_id = ${w.enterpriseB} AND union_id <> ${w.unionB}) AS covers`,
    );
    expect(after).toEqual({ e: eB?.name, u: uB?.name, fresh: 0, covers: 0 });
  });
});

describe("hostile uploads on the import endpoints", () => {
  const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), randomBytes(4096)]);
  const huge = Buffer.alloc(30 * 1024 * 1024, 0x41);
  const nulCsv = `Họ và tên,Số CCCD,Ngày sinh,Giới tính,Công đoàn cơ sở,Ngày vào công đoàn\nNguyễn\u0000 Văn Nul,031195999001,01/01/1995,Nam,${"U"},01/02/${YEAR}\n`;
  const cases: [string, string, Buffer | string][] = [
    ["an .exe renamed .xlsx", "danh-sach.xlsx", exe],
    ["a 30 MB file", "danh-sach.xlsx", huge],
    ["a CSV with a NUL byte", "danh-sach.csv", nulCsv],
  ];
  const endpoints = () => [
    { url: "/api/registry/imports/members", who: c.zoneOfficerA },
    { url: "/api/registry/imports/enterprises", who: c.zoneOfficerA },
    { url: "/api/registry/imports/unions", who: c.zoneOfficerA },
    { url: `/api/care/campaigns/${w.extra.campaignA}/payouts/import`, who: c.zoneOfficerA },
  ];

  it.each(cases)("refuse %s with a 4xx problem in Vietnamese, never a 5xx, and store nothing", async (_label, name, content) => {
    const [before] = await t.database.rows<{ n: number }>(sql`SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM care_payouts) AS n`);
    for (const { url, who } of endpoints()) {
      const res = await who.request({ method: "POST", url, ...multipart(name, content) });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.body).not.toMatch(internals);
      const problem = res.json();
      // Refused for what was uploaded, not because the endpoint or its campaign was not found.
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).not.toBe(404);
      expect(`${problem.title} ${problem.detail ?? ""} ${JSON.stringify(problem.errors ?? [])}`).toMatch(vietnamese);
    }
    const [after] = await t.database.rows<{ n: number }>(sql`SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM care_payouts) AS n`);
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
