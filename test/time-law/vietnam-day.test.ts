import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, setClock, vnDate, vnDayEnd, vnDayStart, vnMonth, vnToday, vnTodayDmy, vnYear } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../support/factories.ts";

/**
 * Between 00:00 and 07:00 in Vietnam the UTC day is still the day before. With the one clock set to
 * such hours (on a machine whose TZ is UTC, see vitest.config.ts), every day the app computes must
 * be Vietnam's: payouts, memberships, the report's date line, default dates, "in the future"
 * checks and the risk score after an inspection.
 */
let t: TestApp;
let city: TestCity;
let officer: Client;
let fed: Client;
let union: { id: number };
let enterprise: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "officer", city.authority);
  officer = new Client(t.app);
  await officer.login(u.username, u.password);
  const f = await buildUser(t.database, "officer", city.federation);
  fed = new Client(t.app);
  await fed.login(f.username, f.password);
  enterprise = await buildEnterprise(t.database, city);
  union = await buildUnion(t.database, city, enterprise.id);
});
afterEach(() => setClock(null));
afterAll(async () => t.close());

describe("the clock module", () => {
  it("gives Vietnam's day whatever the UTC day, and day boundaries as instants", () => {
    expect(new Date(0).getTimezoneOffset()).toBe(0);
    setClock("2026-03-01T17:30:00Z"); // 00:30 on 2 March in Vietnam
    expect(vnToday()).toBe("2026-03-02");
    expect(vnTodayDmy()).toBe("02/03/2026");
    setClock("2025-12-31T23:59:00Z"); // 06:59 on 1 January 2026
    expect(vnToday()).toBe("2026-01-01");
    expect(vnYear()).toBe(2026);
    expect(vnMonth()).toBe("2026-01");
    setClock("2026-03-01T16:59:59Z"); // 23:59:59 on 1 March
    expect(vnToday()).toBe("2026-03-01");
    expect(vnDate("2026-03-01T17:00:00Z")).toBe("2026-03-02");
    expect(Date.parse(vnDayStart("2026-03-02"))).toBe(Date.parse("2026-03-01T17:00:00Z"));
    expect(Date.parse(vnDayEnd("2026-03-02"))).toBe(Date.parse("2026-03-02T17:00:00Z"));
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(formatDate(new Date("2026-03-01T17:30:00Z"))).toBe("02/03/2026");
  });
});

// 00:30 and 06:59 in Vietnam: 17:30 and 23:59 UTC the previous UTC day.
describe.each([
  ["00:30", "2026-03-01T17:30:00Z", "2026-03-02"],
  ["06:59", "2026-03-02T23:59:00Z", "2026-03-03"],
])("at %s in Vietnam (%s)", (_hour, instant, today) => {
  it("dates a payout recorded without a date on Vietnam's day", async () => {
    setClock(instant);
    const c = await fed.post("/api/care/campaigns", {
      name: `Hỗ trợ thử ${today}`,
      purpose: "hardship",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      kinds: ["cash"],
      budget: 10_000_000,
      allocations: [{ unionId: union.id, amount: 0, quota: 5 }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const u = await buildUser(t.database, "union_officer", union.id);
    const uc = new Client(t.app);
    await uc.login(u.username, u.password);
    const p = await buildPerson(t.database, { enterpriseId: enterprise.id, unionId: union.id });
    const n = await uc.post(`/api/care/campaigns/${c.json().id}/nominations`, { personId: p.id, kind: "cash", amount: 500_000, reason: "Ốm đau dài ngày" });
    expect(n.statusCode, n.body).toBe(201);
    const d = await fed.post(`/api/care/nominations/${n.json().nomination.id}/decision`, { decision: "approve" });
    expect(d.statusCode, d.body).toBe(200);
    const list = await fed.get(`/api/care/campaigns/${c.json().id}/payouts`);
    const paid = (list.json().items ?? list.json()) as { personId: number; paidOn: string }[];
    expect(paid.find((x) => x.personId === p.id)?.paidOn).toBe(today);
  });

  it("counts a member who joined today (Vietnam) as a member today", async () => {
    setClock(instant);
    const p = await buildPerson(t.database, { enterpriseId: enterprise.id, unionId: union.id, joinedOn: today });
    const res = await fed.get(`/api/registry/people?unionId=${union.id}&member=member&asOf=${today}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    const dash = await fed.get("/api/reports/dashboard?period=2026");
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().asOf).toBe(today);
  });

  it("writes the report's date line with Vietnam's day", async () => {
    setClock(instant);
    const res = await fed.get("/api/reports/preview?period=2026");
    expect(res.statusCode, res.body).toBe(200);
    const [y, m, dd] = today.split("-");
    // Decree 30/2020 pads the day below 10 and the months 1 and 2 only ("ngày 02 tháng 3").
    const month = Number(m) <= 2 ? m : String(Number(m));
    expect(res.json().dateLine).toContain(`ngày ${dd} tháng ${month} năm ${y}`);
  });

  it("accepts an inspection dated today (Vietnam), refuses one dated tomorrow, and the finding moves the risk score at once", async () => {
    setClock(instant);
    const e = await buildEnterprise(t.database, city);
    const form = (await officer.get(`/api/relations/inspections/form?enterpriseId=${e.id}&date=${today}`)).json();
    const wage = form.items.find((i: { prefill: string | null }) => i.prefill === "minimum_wage");
    const tomorrow = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: addDays(today, 1),
      leadBodyId: city.authority,
    });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().errors[0]).toMatchObject({ pointer: "/body/inspectedOn" });
    expect(tomorrow.json().errors[0].message).toContain(formatDate(today));
    const before = (await officer.get(`/api/relations/enterprises/${e.id}/risk`)).json();
    expect(before.score).toBe(0);
    const res = await officer.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: today,
      leadBodyId: city.authority,
      answers: [{ itemId: wage.id, observedValue: 4_000_000 }],
      complete: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await officer.get(`/api/relations/enterprises/${e.id}/risk`)).json();
    expect(after.asOf).toBe(today);
    expect(after.score).toBeGreaterThan(0);
    expect(after.signals.map((s: { kind: string }) => s.kind)).toContain("below_minimum_wage");
  });

  it("answers the checklist in force today by default", async () => {
    setClock(instant);
    const res = await officer.get("/api/relations/checklists/current");
    expect(res.statusCode).toBe(200);
    expect(res.json().effectiveFrom <= today).toBe(true);
  });
});
