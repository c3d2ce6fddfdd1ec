import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HOLIDAYS } from "#server/modules/voice/calendar.ts";
import { setClock } from "#shared/clock.ts";
import { citizenIdProblem } from "#shared/identifiers.ts";
import { lunarToSolar, solarToLunar, statutoryHolidays, tetDay } from "#shared/lunar.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../support/factories.ts";

/**
 * Deadlines, checklists, labour-dispute steps and identifiers by the law of their date: the lunar
 * calendar for Tết, the legal basis of every deadline kind, the checklist version in force, the
 * province codes of citizen IDs and the dated union dues and fee.
 */
let t: TestApp;
let city: TestCity;
let officer: Client;
let fed: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const sign = async (role: Parameters<typeof buildUser>[1], body: number) => {
    const u = await buildUser(t.database, role, body);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    return c;
  };
  officer = await sign("officer", city.authority);
  fed = await sign("officer", city.federation);
  admin = await sign("system_admin", city.federation);
});
afterEach(() => setClock(null));
afterAll(async () => t.close());

describe("the lunar calendar (Hồ Ngọc Đức's algorithm, UTC+7)", () => {
  const tet: Record<number, string> = {
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    // Vietnam's Tết 2030 falls a day before China's (the new moon is at 23:07 in Hà Nội, 00:07 in Beijing).
    2030: "2030-02-02",
  };
  const hungKings: Record<number, string> = {
    2020: "2020-04-02",
    2021: "2021-04-21",
    2022: "2022-04-10",
    2023: "2023-04-29",
    2024: "2024-04-18",
    2025: "2025-04-07",
    2026: "2026-04-26",
    2027: "2027-04-16",
    2028: "2028-04-04",
  };
  it.each(Object.entries(tet))("Tết %s is %s", (year, day) => {
    expect(tetDay(Number(year))).toBe(day);
    expect(solarToLunar(day)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
  });
  it.each(Object.entries(hungKings))("Giỗ Tổ Hùng Vương %s (10/3 âm lịch) is %s", (year, day) => {
    expect(lunarToSolar(10, 3, Number(year))).toBe(day);
  });
  it("knows leap months (2023 had a leap 2nd month; 2025 a leap 6th)", () => {
    expect(lunarToSolar(1, 2, 2023, true)).toBe("2023-03-22");
    expect(lunarToSolar(1, 6, 2025, true)).toBe("2025-07-25");
    expect(lunarToSolar(1, 5, 2025, true)).toBeNull();
  });
  it("gives the statutory days off the government announced for 2026 and 2027 (last day of the year + 4, make-up days)", () => {
    for (const year of [2026, 2027]) {
      const computed = statutoryHolidays(year).map((h) => h.day);
      const decided = DEFAULT_HOLIDAYS.filter(([d]) => d.startsWith(`${year}-`)).map(([d]) => d);
      expect(computed, String(year)).toEqual(decided);
    }
  });
});

describe("deadlines across Tết", () => {
  it.each([
    // received (Vietnam time), kind, expected deadline: 10 working days for a complaint, Tết skipped
    ["2028-01-21T09:00:00+07:00", "complaint", "2028-02-11"], // Tết 2028 computed: 25–28/1 and 31/1 (make-up)
    ["2029-02-09T09:00:00+07:00", "complaint", "2029-03-02"], // Tết 2029 computed: 12–16/2
    ["2027-02-04T01:30:00+07:00", "complaint", "2027-02-25"], // edited 2027 calendar: 5, 8–11/2; received at 01:30
    ["2030-01-30T23:30:00+07:00", "consultation", "2030-02-11"], // Tết 2030: 1–5/2 with 2–3/2 a weekend, so 6–7/2 made up
  ])("received %s (%s) → due %s", async (receivedAt, kind, due) => {
    setClock(receivedAt);
    const ent = await buildEnterprise(t.database, city);
    const res = await fed.post("/api/voice/requests", {
      kind,
      topic: "wages",
      channel: "hotline",
      title: "Chậm trả lương tháng Tết",
      description: "Người lao động phản ánh công ty chưa trả lương tháng trước Tết.",
      enterpriseId: ent.id,
      requester: { fullName: "Trần Văn Nam", phone: "0912000222" },
      consent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().deadline).toBe(due);
  });

  it("lists the computed holidays for a year nobody edited, and every deadline kind's legal basis", async () => {
    const h = (await fed.get("/api/voice/holidays?year=2028")).json() as { day: string; name: string }[];
    expect(h.map((x) => x.day)).toContain("2028-01-26");
    expect(h.find((x) => x.day === "2028-01-31")?.name).toMatch(/nghỉ bù/);
    const ref = (await fed.get("/api/reference/holidays?year=2029")).json();
    expect(ref.tet).toBe("2029-02-13");
    const settings = (await fed.get("/api/voice/settings")).json();
    expect(settings.legalBasis.complaint).toMatch(/Luật Khiếu nại 2011.*30 ngày.*45 ngày/);
    expect(settings.legalBasis.report).toMatch(/Luật Tố cáo 2018/);
    const kinds = (await fed.get("/api/reference/deadlines")).json() as { key: string; basis: string; days: number }[];
    expect(kinds.find((k) => k.key === "dispute.mediation")).toMatchObject({ days: 5, unit: "working_days" });
    expect(kinds.find((k) => k.key === "dispute.mediation")?.basis).toMatch(/Điều 188/);
    for (const k of kinds) expect(k.basis, k.key).toMatch(/Luật|Bộ luật/);
  });
});

describe("checklists by the date they held", () => {
  it("uses the 2021–2025 version for an inspection dated 2024, the 2026 one after, and says none existed before 2021", async () => {
    const v2024 = (await officer.get("/api/relations/checklists/current?date=2024-05-01")).json();
    expect(v2024).toMatchObject({ version: 0, effectiveFrom: "2021-01-01" });
    const wage2024 = v2024.items.find((i: { prefill: string | null }) => i.prefill === "minimum_wage");
    expect(wage2024.legalBasis).toContain("38/2022/NĐ-CP");
    expect(v2024.items.find((i: { pointCode: string }) => i.pointCode === "UNION_FEE").legalBasis).toContain("Luật Công đoàn 2012");
    expect((await officer.get("/api/relations/checklists/current?date=2026-02-01")).json().version).toBe(1);
    const none = await officer.get("/api/relations/checklists/current?date=2020-06-01");
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: "checklist_not_in_force", errors: [{ pointer: "/querystring/date" }] });
    expect(none.json().detail).toContain("01/01/2021");

    const e = await buildEnterprise(t.database, city);
    const rec = await officer.post("/api/relations/inspections", { enterpriseId: e.id, inspectedOn: "2024-05-01", leadBodyId: city.authority });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json().checklistVersion).toBe(0);
    const old = await officer.post("/api/relations/inspections", { enterpriseId: e.id, inspectedOn: "2020-05-01", leadBodyId: city.authority });
    expect(old.statusCode).toBe(422);
    expect(old.json().errors[0].pointer).toBe("/body/inspectedOn");
  });
});

describe("a labour dispute follows its statutory steps", () => {
  it("mediation within 5 working days (Tết skipped), then arbitration or the court; no strike over rights, no court over interests", async () => {
    setClock("2027-03-01T02:00:00Z");
    const e = await buildEnterprise(t.database, city);
    const create = (kind: string) =>
      officer.post("/api/relations/incidents", { enterpriseId: e.id, kind, title: "Tranh chấp tiền lương làm thêm giờ", startedOn: "2027-02-01" });
    const rights = (await create("dispute_rights")).json().id as number;
    const interests = (await create("dispute_interests")).json().id as number;
    const fresh = (await officer.get(`/api/relations/incidents/${rights}/dispute`)).json();
    expect(fresh.next).toEqual(["mediation"]);
    const early = await officer.post(`/api/relations/incidents/${rights}/dispute-steps`, { step: "arbitration", startedOn: "2027-02-03" });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].message).toMatch(/hòa giải viên lao động trước.*Điều 188/);

    const med = await officer.post(`/api/relations/incidents/${rights}/dispute-steps`, { step: "mediation", startedOn: "2027-02-03" });
    expect(med.statusCode, med.body).toBe(201);
    const mediation = med.json().steps[0];
    // 5 working days after 03/02/2027, skipping Tết (5, 8–11/2): 4, 12, 15, 16, 17.
    expect(mediation.deadlines[0]).toMatchObject({ key: "dispute.mediation", due: "2027-02-17" });
    expect(mediation.deadlines[0].basis).toMatch(/Điều 188/);
    // Not ended and past its deadline on 01/03/2027: mediation was not held in time, the case may go on.
    expect(med.json().next).toEqual(["arbitration", "court"]);
    expect((await officer.post(`/api/relations/incidents/${rights}/dispute-steps`, { step: "strike", startedOn: "2027-02-20" })).statusCode).toBe(400);
    const arb = await officer.post(`/api/relations/incidents/${rights}/dispute-steps`, { step: "arbitration", startedOn: "2027-02-22" });
    expect(arb.statusCode, arb.body).toBe(201);
    const a = arb.json().steps.find((s: { step: string }) => s.step === "arbitration");
    expect(a.deadlines.map((d: { due: string }) => d.due)).toEqual(["2027-03-03", "2027-04-02"]);

    await officer.post(`/api/relations/incidents/${interests}/dispute-steps`, {
      step: "mediation",
      startedOn: "2027-02-15",
      endedOn: "2027-02-18",
      outcome: "failed",
    });
    const court = await officer.post(`/api/relations/incidents/${interests}/dispute-steps`, { step: "court", startedOn: "2027-02-20" });
    expect(court.statusCode).toBe(400);
    expect(court.json().errors[0].message).toMatch(/về lợi ích không đưa ra Tòa án/);
    const strike = await officer.post(`/api/relations/incidents/${interests}/dispute-steps`, { step: "strike", startedOn: "2027-02-19" });
    expect(strike.statusCode, strike.body).toBe(201);
    expect(strike.json().steps.find((s: { step: string }) => s.step === "strike").deadlines[0].due).toBe("2027-02-26");

    const notDispute = (
      await officer.post("/api/relations/incidents", { enterpriseId: e.id, kind: "wage_arrears", title: "Nợ lương", startedOn: "2027-02-01" })
    ).json().id;
    expect((await officer.get(`/api/relations/incidents/${notDispute}/dispute`)).statusCode).toBe(400);
    const [audited] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dispute_step'`);
    expect(audited?.n).toBe(4);
  });
});

describe("identifiers and rates against the real lists", () => {
  it.each([
    ["000195001234", false],
    ["999195001234", false],
    ["003195001234", false],
    ["100195001234", false],
    ["031195001234", true],
    ["030195001234", true], // Hải Dương: still valid after the 2025 merger
    ["001095001234", true],
    ["096205001234", true],
  ])("citizen ID %s valid: %s", async (cid, valid) => {
    expect(citizenIdProblem(cid) === null).toBe(valid);
    const res = await fed.post("/api/registry/people", { citizenId: cid, familyName: "Lê", middleName: "Thị", givenName: "Hoa" });
    if (valid) expect(res.statusCode, res.body).toBe(201);
    else {
      expect(res.statusCode).toBe(400);
      const err = res.json().errors.find((x: { pointer: string }) => x.pointer === "/body/citizenId");
      expect(err.message).toContain(`"${cid.slice(0, 3)}" không phải mã tỉnh`);
    }
  });

  it("union dues 1% before 1/7/2025 and 0.5% after (Confederation decision), the fee 2% (Trade Union Law), each with its source", async () => {
    const before = (await fed.get("/api/reference/union-rates?date=2025-06-30&salary=8000000")).json();
    expect(before.dues).toMatchObject({ rate: 0.01, cap: 234_000 });
    expect(before.dues.source).toContain("1908/QĐ-TLĐ");
    expect(before.amounts).toEqual({ salary: 8_000_000, dues: 80_000, fee: 160_000 });
    const after = (await fed.get("/api/reference/union-rates?date=2026-08-01&salary=60000000")).json();
    expect(after.dues).toMatchObject({ rate: 0.005, cap: 253_000 });
    expect(after.dues.source).toContain("61/QĐ-TLĐ");
    expect(after.dues.source).not.toMatch(/^Luật Công đoàn/);
    expect(after.fee.source).toContain("Luật Công đoàn 2024");
    expect(after.amounts).toMatchObject({ dues: 253_000, fee: 1_200_000 });
    expect((await fed.get("/api/reference/union-rates?date=2012-01-01")).statusCode).toBe(400);
    // A new decision is added as a dated row by an administrator; the old period keeps its rate.
    const add = await admin.post("/api/reference/union-rates", {
      kind: "union_dues",
      rate: 0.004,
      capShareOfBaseSalary: 0.1,
      effectiveFrom: "2028-01-01",
      source: "Quyết định giả định của Tổng Liên đoàn (thử nghiệm)",
    });
    expect(add.statusCode, add.body).toBe(201);
    expect((await fed.get("/api/reference/union-rates?date=2027-12-31")).json().dues.rate).toBe(0.005);
    expect((await fed.get("/api/reference/union-rates?date=2028-01-01")).json().dues.rate).toBe(0.004);
    expect((await fed.post("/api/reference/union-rates", { kind: "union_fee", rate: 0.01, effectiveFrom: "2029-01-01", source: "x" })).statusCode).toBe(400);
  });
});
