import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser, buildZone } from "../support/factories.ts";
import { multipart } from "./coverage.ts";

/**
 * Imports may touch only what their user could touch one row at a time. A row carrying the citizen
 * ID of a person outside the importer's scope is refused — in a dry run and in a commit — with words
 * that say nothing of the person (not their name, union or enterprise, not that they exist), and
 * nothing of that person changes. Both imports that carry citizen IDs: members and payouts.
 */
let t: TestApp;
let city: TestCity;
let chair: Client;
let zoneOfficer: Client;
const YEAR = new Date().getUTCFullYear();
const ids = {} as Record<"inScope" | "memberElsewhere" | "workerElsewhere" | "formerMember" | "otherZone", { id: number; citizenId: string }>;
let codes: Record<"own" | "sibling" | "otherZone", string>;
let names: string[];
let seq = Math.floor(Math.random() * 800_000);
const freshId = () => `0311${90 + (seq % 9)}${String(++seq).padStart(6, "0")}`;

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  if ((await c.login(u.username, u.password)).statusCode !== 200) throw new Error("login");
  return c;
}

/** Everything the registry and care keep about these people: compared before and after each attempt. */
async function snapshot(personIds: number[]) {
  const list = sql.join(
    personIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return t.database.rows(
    sql`SELECT p.id, row_to_json(p)::text AS person,
               (SELECT json_agg(m ORDER BY m.id)::text FROM memberships m WHERE m.person_id = p.id) AS memberships,
               (SELECT count(*)::int FROM care_payouts cp WHERE cp.person_id = p.id) AS payouts
        FROM people p WHERE p.id IN (${list}) ORDER BY p.id`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const own = await buildEnterprise(t.database, city, { name: "Công ty TNHH Phía Mình" });
  const sibling = await buildEnterprise(t.database, city, { name: "Công ty TNHH BÍMẬT-DOANHNGHIỆP" });
  const ownUnion = await buildUnion(t.database, city, own.id, "Công đoàn cơ sở Phía Mình");
  const siblingUnion = await buildUnion(t.database, city, sibling.id, "Công đoàn cơ sở BÍMẬT-CÔNGĐOÀN");
  // A second zone with its own zone union, out of the zone officer's reach.
  const cityB = { ...city };
  cityB.zoneUnion = (await buildBody(t.database, "zone_union", city.federation, "Công đoàn Khu BÍMẬT")).id;
  cityB.zoneId = await buildZone(t.database, cityB.zoneUnion, "KCN BÍMẬT");
  const far = await buildEnterprise(t.database, cityB, { name: "Công ty TNHH BÍMẬT-XA" });
  const farUnion = await buildUnion(t.database, cityB, far.id, "Công đoàn cơ sở BÍMẬT-XA");

  ids.inScope = await buildPerson(t.database, { familyName: "Đỗ", givenName: "Trong Phạm Vi", enterpriseId: own.id });
  ids.memberElsewhere = await buildPerson(t.database, { familyName: "Bímật", givenName: "Đoàn Viên", enterpriseId: sibling.id, unionId: siblingUnion.id });
  ids.workerElsewhere = await buildPerson(t.database, { familyName: "Bímật", givenName: "Người Làm", enterpriseId: sibling.id, phone: "0977123456" });
  ids.formerMember = await buildPerson(t.database, { familyName: "Bímật", givenName: "Đã Nghỉ", enterpriseId: null, unionId: siblingUnion.id });
  await t.database.rows(sql`UPDATE memberships SET valid_to = '2023-12-31', end_reason = 'left' WHERE person_id = ${ids.formerMember.id}`);
  ids.otherZone = await buildPerson(t.database, { familyName: "Bímật", givenName: "Khu Khác", enterpriseId: far.id, unionId: farUnion.id });
  await t.database.rows(sql`UPDATE people SET hometown = 'Quê BÍMẬT', birth_date = '1991-03-04' WHERE family_name = 'Bímật'`);
  const rows = await t.database.rows<{ id: number; code: string }>(
    sql`SELECT id, code FROM unions WHERE id IN (${ownUnion.id}, ${siblingUnion.id}, ${farUnion.id})`,
  );
  const code = (id: number) => rows.find((r) => r.id === id)?.code ?? "";
  codes = { own: code(ownUnion.id), sibling: code(siblingUnion.id), otherZone: code(farUnion.id) };
  // What the importer must never be told: the names and places of the people out of its scope.
  names = ["Bímật", "BÍMẬT", "Bimat", "0977123456", "1991", "04/03"];
  chair = await signedIn("union_officer", ownUnion.id);
  zoneOfficer = await signedIn("officer", city.zoneUnion);
}, 120_000);
afterAll(async () => t?.close());

const MEMBER_HEADER = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Quê quán,Công đoàn cơ sở,Ngày vào công đoàn";
const memberRow = (name: string, citizenId: string, union: string) => `${name},01/01/1995,Nữ,${citizenId},0912999888,Quê Mới Ghi Đè,${union},01/02/${YEAR}`;

interface Issue {
  row: number;
  code: string;
  message: string;
}

describe("member import naming people outside the importer's scope", () => {
  it("refuses each such row in the dry run and the commit, in the same words whatever the person's state, and changes nothing of them", async () => {
    const outside = [ids.memberElsewhere, ids.workerElsewhere, ids.formerMember];
    const before = await snapshot(outside.map((p) => p.id));
    const fresh = freshId();
    const csv = [
      MEMBER_HEADER,
      memberRow("Nguyễn Văn Ghi Đè", ids.memberElsewhere.citizenId, codes.own),
      memberRow("Nguyễn Văn Ghi Đè", ids.workerElsewhere.citizenId, codes.own),
      memberRow("Nguyễn Văn Ghi Đè", ids.formerMember.citizenId, codes.own),
      memberRow("Trần Thị Mới", fresh, codes.own),
    ].join("\n");
    for (const url of ["/api/registry/imports/members?dryRun=true", "/api/registry/imports/members", "/api/registry/imports/members?skipInvalid=true"]) {
      const res = await chair.request({ method: "POST", url, ...multipart("doan-vien.csv", csv) });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      for (const n of names) expect(res.body, url).not.toContain(n);
      const errors = (res.json() as { errors: Issue[] }).errors;
      expect(errors.map((e) => e.row).sort(), url).toEqual([2, 3, 4]);
      expect(new Set(errors.map((e) => e.code)), url).toEqual(new Set(["person_out_of_scope"]));
      expect(new Set(errors.map((e) => e.message)).size, url).toBe(1);
      expect(await snapshot(outside.map((p) => p.id)), url).toEqual(before);
    }
    // The one row about nobody yet went in (skipInvalid), joined to the importer's own union.
    const [made] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM people WHERE citizen_id = ${fresh}`);
    expect(made?.n).toBe(1);
  });

  it("still lets a union join a worker of its own enterprise, and refuses a zone officer the people of another zone", async () => {
    const own = await chair.request({
      method: "POST",
      url: "/api/registry/imports/members",
      ...multipart("doan-vien.csv", [MEMBER_HEADER, memberRow("Đỗ Thị Trong Phạm Vi", ids.inScope.citizenId, codes.own)].join("\n")),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().errors).toEqual([]);
    const [m] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM memberships WHERE person_id = ${ids.inScope.id} AND valid_to IS NULL`);
    expect(m?.n).toBe(1);

    const before = await snapshot([ids.otherZone.id]);
    for (const url of ["/api/registry/imports/members?dryRun=true", "/api/registry/imports/members?skipInvalid=true"]) {
      const res = await zoneOfficer.request({
        method: "POST",
        url,
        ...multipart("doan-vien.csv", [MEMBER_HEADER, memberRow("Nguyễn Văn Ghi Đè", ids.otherZone.citizenId, codes.own)].join("\n")),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().errors.map((e: Issue) => e.code)).toEqual(["person_out_of_scope"]);
      for (const n of names) expect(res.body).not.toContain(n);
    }
    expect(await snapshot([ids.otherZone.id])).toEqual(before);
  });
});

describe("payout import naming people outside the importer's scope", () => {
  it("refuses each such row in the dry run and the commit without confirming a name or a birth date, and records no payout", async () => {
    const campaign = await chair.post("/api/care/campaigns", {
      name: "Quà Tết của công đoàn",
      purpose: "tet",
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR}-12-31`,
      kinds: ["cash"],
    });
    expect(campaign.statusCode).toBe(201);
    const url = `/api/care/campaigns/${campaign.json().id}/payouts/import`;
    const outside = [ids.memberElsewhere, ids.workerElsewhere, ids.formerMember, ids.otherZone];
    const before = await snapshot(outside.map((p) => p.id));
    const header = "Họ và tên,Số CCCD,Ngày sinh,Công đoàn cơ sở,Hình thức,Số tiền,Ngày nhận";
    const [exact] = await t.database.rows<{ fullName: string }>(sql`SELECT full_name AS "fullName" FROM people WHERE id = ${ids.memberElsewhere.id}`);
    const csv = [
      header,
      // The right name and birth date, the wrong name, no name at all, another zone's worker under the importer's union.
      `${exact?.fullName},${ids.memberElsewhere.citizenId},04/03/1991,${codes.own},cash,500000,01/02/${YEAR}`,
      `Nguyễn Văn Đoán,${ids.workerElsewhere.citizenId},01/01/1990,,cash,500000,01/02/${YEAR}`,
      `,${ids.formerMember.citizenId},,,cash,500000,01/02/${YEAR}`,
      `Nguyễn Văn Đoán,${ids.otherZone.citizenId},01/01/1990,${codes.own},cash,500000,01/02/${YEAR}`,
      `Đỗ Thị Trong Phạm Vi,${ids.inScope.citizenId},,,cash,500000,01/02/${YEAR}`,
    ].join("\n");
    for (const q of ["?dryRun=true", ""]) {
      const res = await chair.request({ method: "POST", url: `${url}${q}`, ...multipart("danh-sach.csv", csv) });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.body.replace(exact?.fullName ?? "\u0000", "[typed name]");
      for (const n of names) expect(body, q).not.toContain(n);
      const r = res.json() as { errors: Issue[]; warnings: Issue[]; committed: boolean };
      expect(r.committed).toBe(false);
      expect(r.errors.map((e) => e.row).sort()).toEqual([2, 3, 4, 5]);
      expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(["person_out_of_scope"]));
      expect(new Set(r.errors.map((e) => e.message)).size).toBe(1);
      expect(r.warnings.filter((w) => w.row <= 5)).toEqual([]);
      expect(await snapshot(outside.map((p) => p.id))).toEqual(before);
    }
    // The same words as the member import, so the two cannot be played against each other.
    const members = await chair.request({
      method: "POST",
      url: "/api/registry/imports/members?dryRun=true",
      ...multipart("doan-vien.csv", [MEMBER_HEADER, memberRow("A B", ids.workerElsewhere.citizenId, codes.own)].join("\n")),
    });
    const payouts = await chair.request({
      method: "POST",
      url: `${url}?dryRun=true`,
      ...multipart("danh-sach.csv", [header, `,${ids.workerElsewhere.citizenId},,,cash,500000,01/02/${YEAR}`].join("\n")),
    });
    expect(members.json().errors[0].message).toBe(payouts.json().errors[0].message);
    // The file without them commits: the person in scope is paid.
    const ok = await chair.request({
      method: "POST",
      url,
      ...multipart("danh-sach.csv", [header, `Đỗ Thị Trong Phạm Vi,${ids.inScope.citizenId},,,cash,500000,01/02/${YEAR}`].join("\n")),
    });
    expect(ok.json()).toMatchObject({ committed: true, created: 1 });
  });

  it("places a new person only at an enterprise the importer sees", async () => {
    const campaign = await zoneOfficer.post("/api/care/campaigns", {
      name: "Hỗ trợ khu",
      purpose: "hardship",
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR}-12-31`,
      kinds: ["cash"],
    });
    expect(campaign.statusCode).toBe(201);
    const fresh = freshId();
    const csv = ["Họ và tên,Số CCCD,Ngày sinh,Doanh nghiệp,Hình thức,Số tiền", `Lê Thị Mới,${fresh},02/02/1992,Công ty TNHH BÍMẬT-XA,cash,300000`].join("\n");
    const res = await zoneOfficer.request({ method: "POST", url: `/api/care/campaigns/${campaign.json().id}/payouts/import`, ...multipart("ds.csv", csv) });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.map((w: Issue) => w.code)).toContain("unknown_enterprise");
    const [p] = await t.database.rows<{ enterpriseId: number | null }>(sql`SELECT enterprise_id AS "enterpriseId" FROM people WHERE citizen_id = ${fresh}`);
    expect(p?.enterpriseId).toBeNull();
  });
});
