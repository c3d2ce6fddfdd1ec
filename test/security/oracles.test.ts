import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../support/factories.ts";

/**
 * Existence oracles: answers that would confirm a guess about a person outside the caller's scope.
 * A duplicate citizen ID names the record only to who may open it; the public join form does not
 * tell a stranger that someone has a request waiting; deciding a join request does not name the
 * union or compare the name of a record the decider cannot see.
 */
let t: TestApp;
let city: TestCity;
let chair: Client;
let officer: Client;
let own: { id: number };
let ownUnion: { id: number };
let outsider: { id: number; citizenId: string };
let insider: { id: number; citizenId: string };

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  if ((await c.login(u.username, u.password)).statusCode !== 200) throw new Error("login");
  return c;
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0" });
  city = await buildCity(t.database);
  own = await buildEnterprise(t.database, city, { name: "Công ty TNHH Của Mình" });
  const other = await buildEnterprise(t.database, city, { name: "Công ty TNHH KÍN-DOANHNGHIỆP" });
  ownUnion = await buildUnion(t.database, city, own.id, "Công đoàn cơ sở Của Mình");
  const otherUnion = await buildUnion(t.database, city, other.id, "Công đoàn cơ sở KÍN-CÔNGĐOÀN");
  outsider = await buildPerson(t.database, { familyName: "Kín", givenName: "Người Ngoài", enterpriseId: other.id, unionId: otherUnion.id });
  insider = await buildPerson(t.database, { familyName: "Lê", givenName: "Người Trong", enterpriseId: own.id });
  chair = await signedIn("union_officer", ownUnion.id);
  officer = await signedIn("officer", city.federation);
});
afterAll(async () => t?.close());

const person = (citizenId: string) => ({ familyName: "Phan", givenName: "Thử", citizenId, birthDate: "1995-05-01", gender: "female", enterpriseId: own.id });

describe("a citizen ID already registered", () => {
  it("gives its record's id only to a caller who may open it; to anyone else the neutral words, and no 409", async () => {
    const inside = await chair.post("/api/registry/people", person(insider.citizenId));
    expect(inside.statusCode).toBe(409);
    expect(inside.json().existingId).toBe(insider.id);
    const outside = await chair.post("/api/registry/people", person(outsider.citizenId));
    expect(outside.statusCode).toBe(400);
    expect(outside.body).not.toMatch(/đã có|existingId|Kín|KÍN/);
    // The same citizen ID written onto a record the caller owns: the same neutral refusal.
    const edit = await chair.patch(`/api/registry/people/${insider.id}`, { citizenId: outsider.citizenId });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().detail).toBe(outside.json().detail);
    // The city sees everyone: its 409 names the record.
    expect((await officer.post("/api/registry/people", person(outsider.citizenId))).json().existingId).toBe(outsider.id);
  });
});

describe("the public join form", () => {
  const join = (citizenId: string, phone: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/public/join-requests",
      payload: { fullName: "Người Lạ Thử", birthDate: "1990-01-01", citizenId, phone, enterpriseId: own.id, consent: true },
    });

  it("does not tell a stranger that the person behind a citizen ID has a request waiting; the sender's own second press is one request", async () => {
    const cid = `03119${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    expect((await join(cid, "0912345001")).statusCode).toBe(201);
    const stranger = await join(cid, "0987000002");
    expect(stranger.statusCode).toBe(201);
    const again = await join(cid, "0912345001");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("join_request_pending");
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_join_requests WHERE citizen_id = ${cid} AND status = 'pending'`);
    expect(n?.n).toBe(2);
  });

  it("deciding a request about someone outside the union's scope names no union and compares no name", async () => {
    const filed = await join(outsider.citizenId, "0912345003");
    expect(filed.statusCode).toBe(201);
    const list = await chair.get("/api/care/join-requests?status=pending&pageSize=100");
    const row = list.json().items.find((i: { code: string }) => i.code === filed.json().code);
    expect(row).toBeDefined();
    expect(row.alreadyMemberOf).toBeNull();
    expect(list.body).not.toMatch(/KÍN|Kín/);
    const decided = await chair.post(`/api/care/join-requests/${row.id}/decision`, { decision: "approve" });
    expect(decided.statusCode).toBe(400);
    expect(decided.body).not.toMatch(/KÍN|Kín|đoàn viên của|họ tên khác/);
    const [m] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM memberships WHERE person_id = ${outsider.id}`);
    expect(m?.n).toBe(1);
    // The federation, which sees the record, is told why.
    const fed = await officer.get("/api/care/join-requests?status=pending&pageSize=100");
    expect(fed.json().items.find((i: { code: string }) => i.code === filed.json().code).alreadyMemberOf).toBe("Công đoàn cơ sở KÍN-CÔNGĐOÀN");
  });
});
