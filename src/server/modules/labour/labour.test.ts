import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "#shared/clock.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../../../../test/support/factories.ts";
import { multipart } from "../../../../test/security/coverage.ts";
import { labourRiskSignals } from "./labour.figures.ts";
import { labourReportStanding } from "./index.ts";

let t: TestApp;
let city: TestCity;
let authority: Client;
let fedOfficer: Client;
let leader: Client;
let repA: Client;
let repB: Client;
let repC: Client;
let entA: { id: number };
let entB: { id: number };
let entC: { id: number };

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

/** A report that passes every check for 2026-H1 (wage well above any region's floor). */
const good = (extra: Record<string, unknown> = {}) => ({
  period: "2026-H1",
  workforce: 400,
  women: 250,
  men: 150,
  contractIndefinite: 300,
  contractFixed: 90,
  contractOther: 10,
  foreigners: 6,
  hires: 40,
  leavers: 25,
  lowestWage: 6_000_000,
  averageWage: 8_500_000,
  overtimeHours: 12_000,
  insured: 390,
  accidents: 1,
  accidentDeaths: 0,
  hasAgreement: true,
  hasUnion: true,
  ...extra,
});

// Mid-July 2026 in Vietnam: the first half has ended, its deadline (05/07) has passed.
const JULY = "2026-07-20T03:00:00Z";

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { workforce: 400 });
  entB = await buildEnterprise(t.database, city, { workforce: 200 });
  entC = await buildEnterprise(t.database, city, { workforce: 50 });
  authority = await signedIn("officer", city.authority);
  fedOfficer = await signedIn("officer", city.federation);
  leader = await signedIn("viewer", city.federation);
  repA = await signedIn("enterprise_rep", entA.id);
  repB = await signedIn("enterprise_rep", entB.id);
  repC = await signedIn("enterprise_rep", entC.id);
});
afterEach(() => setClock(null));
afterAll(async () => t.close());

describe("checks before submission", () => {
  it("catches a lowest wage under the regional minimum, on the field, and accepts it only with a reason", async () => {
    setClock(JULY);
    const check = await repA.post("/api/labour/check", good({ lowestWage: 3_000_000 }));
    expect(check.statusCode).toBe(200);
    const c = check.json();
    expect(c.ok).toBe(false);
    expect(c.minimum.monthly).toBeGreaterThan(3_000_000);
    expect(c.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/body/lowestWage", "/body/wageReason"]);
    expect(c.errors[0].message).toMatch(/thấp hơn lương tối thiểu Vùng I+V?/);

    const refused = await repA.post("/api/labour/submissions", good({ lowestWage: 3_000_000 }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("labour_report_invalid");
    expect(refused.json().errors[0]).toMatchObject({ pointer: "/body/lowestWage", code: "below_minimum_wage" });

    const withReason = await repC.post(
      "/api/labour/submissions",
      good({
        workforce: 50,
        women: 30,
        men: 20,
        contractIndefinite: 50,
        contractFixed: 0,
        contractOther: 0,
        insured: 50,
        lowestWage: 3_000_000,
        wageReason: "Lao động bán thời gian 4 giờ/ngày",
      }),
    );
    expect(withReason.statusCode).toBe(201);
    expect(withReason.json().warnings.map((w: { code: string }) => w.code)).toContain("below_minimum_wage");
    expect(withReason.json().wageReason).toBe("Lao động bán thời gian 4 giờ/ngày");
  });

  it("refuses shares that do not add up and impossible numbers", async () => {
    setClock(JULY);
    const sex = await repB.post("/api/labour/submissions", good({ women: 250, men: 100 }));
    expect(sex.statusCode).toBe(422);
    expect(sex.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/body/women", "/body/men"]);
    const contracts = await repB.post("/api/labour/submissions", good({ contractOther: 0 }));
    expect(contracts.statusCode).toBe(422);
    expect(contracts.json().errors[0]).toMatchObject({ pointer: "/body/contractIndefinite", code: "contract_sum" });
    const impossible = await repB.post("/api/labour/check", good({ insured: 500, accidentDeaths: 3, lowestWage: 9_000_000 }));
    expect(impossible.json().errors.map((e: { field: string }) => e.field)).toEqual(["insured", "accidentDeaths", "lowestWage"]);
    const open = await repB.post("/api/labour/check", good({ period: "2026-H2" }));
    expect(open.json().errors.map((e: { code: string }) => e.code)).toContain("period_open");
    const negative = await repB.post("/api/labour/submissions", good({ workforce: -1 }));
    expect(negative.statusCode).toBe(400);
    expect(await t.database.rows(sql`SELECT 1 FROM labour_submissions WHERE enterprise_id = ${entB.id}`)).toHaveLength(0);
  });

  it("reads the Excel template filled in, and refuses a file that is not one with a Vietnamese reason", async () => {
    setClock(JULY);
    const tpl = await repA.get("/api/labour/template");
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const values = good({ lowestWage: 3_100_000 }) as Record<string, unknown>;
    ws.eachRow((row, n) => {
      const key = String(row.getCell(1).value);
      if (n > 1 && key in values) row.getCell(3).value = typeof values[key] === "boolean" ? (values[key] ? "Có" : "Không") : (values[key] as number);
    });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const m = multipart("bao-cao.xlsx", file);
    const up = await repA.request({ method: "POST", url: "/api/labour/upload", payload: m.payload, headers: m.headers });
    expect(up.statusCode).toBe(200);
    expect(up.json().values).toMatchObject({ period: "2026-H1", workforce: 400, lowestWage: 3_100_000, hasUnion: true });
    expect(up.json().errors[0]).toMatchObject({ pointer: "/body/lowestWage", code: "below_minimum_wage" });
    const junk = multipart("bao-cao.xlsx", "đây không phải tệp Excel");
    const bad = await repA.request({ method: "POST", url: "/api/labour/upload", payload: junk.payload, headers: junk.headers });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: "labour_template_invalid" });
    expect(bad.json().detail).toMatch(/không phải Excel/);
    const big = multipart("bao-cao.xlsx", Buffer.alloc(1024 * 1024 + 10, 1));
    expect((await repA.request({ method: "POST", url: "/api/labour/upload", payload: big.payload, headers: big.headers })).statusCode).toBe(413);
    expect((await authority.get("/api/labour/template")).statusCode).toBe(403);
  });
});

describe("review", () => {
  it("returns with a reason, the enterprise resubmits a new version, and acceptance changes the dashboard's labour figures", async () => {
    setClock(JULY);
    const figure = async (key: string) => {
      const d = (await leader.get("/api/reports/dashboard?period=2026-H1")).json();
      const all = d.sections.flatMap((s: { figures: { key: string; value: number }[] }) => s.figures);
      return all.find((f: { key: string }) => f.key === key)?.value as number;
    };
    const before = await figure("labour.workforce");
    const first = await repA.post("/api/labour/submissions", good({ source: "excel" }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, status: "submitted", source: "excel", submittedLate: true });
    const id = first.json().id as number;
    expect((await repA.post("/api/labour/submissions", good())).statusCode).toBe(409);
    // Only the zone authority's officers decide; another enterprise does not even see it.
    expect((await repA.post(`/api/labour/submissions/${id}/accept`, {})).statusCode).toBe(403);
    expect((await fedOfficer.post(`/api/labour/submissions/${id}/accept`, {})).statusCode).toBe(403);
    expect((await repB.get(`/api/labour/submissions/${id}`)).statusCode).toBe(404);
    expect((await authority.post(`/api/labour/submissions/${id}/return`, { reason: "" })).statusCode).toBe(400);

    const returned = await authority.post(`/api/labour/submissions/${id}/return`, { reason: "Số giờ làm thêm chưa đúng sổ theo dõi" });
    expect(returned.json()).toMatchObject({ status: "returned", decisionReason: "Số giờ làm thêm chưa đúng sổ theo dõi" });
    expect(await auditCount(t.database, "return", "labour_submission", id)).toBe(1);
    expect((await repA.get("/api/labour/standing")).json()).toMatchObject({ period: "2026-H1", status: "returned" });
    expect(await figure("labour.workforce")).toBe(before);

    const second = await repA.post("/api/labour/submissions", good({ overtimeHours: 9_000 }));
    expect(second.json()).toMatchObject({ version: 2, status: "submitted" });
    expect(second.json().versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, "submitted"],
      [1, "returned"],
    ]);
    const accepted = await authority.post(`/api/labour/submissions/${second.json().id}/accept`, {});
    expect(accepted.json()).toMatchObject({ status: "accepted" });
    expect((await authority.post(`/api/labour/submissions/${second.json().id}/accept`, {})).statusCode).toBe(409);
    expect(await figure("labour.workforce")).toBe(before + 400);
    expect(await figure("labour.accidents")).toBeGreaterThanOrEqual(1);
    // The report of record: the registry's history of the enterprise lists it.
    const history = (await authority.get(`/api/registry/enterprises/${entA.id}/labor-reports`)).json();
    expect(history[0]).toMatchObject({ period: "2026-H1", workforce: 400, lowestWage: 6_000_000 });
    const list = (await authority.get("/api/labour/submissions?period=2026-H1")).json();
    expect(list.items.find((s: { enterpriseId: number }) => s.enterpriseId === entA.id)).toMatchObject({ version: 2, status: "accepted" });
    expect((await repB.get("/api/labour/submissions")).json().items).toEqual([]);
  });
});

describe("deadlines", () => {
  it("lists a report late only once the deadline day has ended in Vietnam (00:30 and 06:59)", async () => {
    const late = async () => {
      const r = await authority.get("/api/labour/overdue?period=2026-H1");
      expect(r.statusCode).toBe(200);
      return r.json().items.filter((i: { enterpriseId: number }) => i.enterpriseId === entB.id);
    };
    // 05/07/2026 00:30 and 06:59 in Vietnam: still the deadline day.
    for (const at of ["2026-07-04T17:30:00Z", "2026-07-04T23:59:00Z"]) {
      setClock(at);
      expect(await late()).toEqual([]);
      expect((await labourReportStanding(t.database, entB.id)).status).toBe("due_soon");
      expect((await labourRiskSignals(t.database, "2026-07-05")).some((s) => s.enterpriseId === entB.id)).toBe(false);
    }
    // 06/07/2026 00:30 and 06:59 in Vietnam (still 05/07 in UTC): late.
    for (const at of ["2026-07-05T17:30:00Z", "2026-07-05T23:59:00Z"]) {
      setClock(at);
      expect(await late()).toEqual([expect.objectContaining({ status: "late", daysLate: 1 })]);
      expect(await labourReportStanding(t.database, entB.id)).toMatchObject({ period: "2026-H1", status: "late", deadline: "2026-07-05" });
    }
    const signal = (await labourRiskSignals(t.database, "2026-07-06")).find((s) => s.enterpriseId === entB.id);
    expect(signal).toMatchObject({ kind: "labour_report_late", value: 1 });
    expect(signal?.evidence).toMatch(/hạn 05\/07\/2026/);
    setClock("2026-08-10T03:00:00Z");
    expect(await late()).toEqual([expect.objectContaining({ status: "missing" })]);
    // The early-warning score carries the signal among the others, with its weight.
    expect((await authority.post("/api/relations/risk/recompute", { asOf: "2026-08-10" })).statusCode).toBe(200);
    const risk = await authority.get(`/api/relations/enterprises/${entB.id}/risk`);
    expect(risk.statusCode).toBe(200);
    expect(JSON.stringify(risk.json())).toMatch(/Chậm nộp báo cáo tình hình lao động 6 tháng/);
    // The report comes in, late: the watch list drops the signal at once, not at tomorrow's run.
    const sent = await repB.post(
      "/api/labour/submissions",
      good({ workforce: 200, women: 120, men: 80, contractIndefinite: 150, contractFixed: 45, contractOther: 5, insured: 190 }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const after = await authority.get(`/api/relations/enterprises/${entB.id}/risk`);
    expect(JSON.stringify(after.json())).not.toMatch(/Chậm nộp báo cáo/);
  });

  it("keeps deadlines as settings that only an administrator changes, and enterprises never see the late list", async () => {
    expect(
      (await authority.put("/api/labour/settings", { firstHalfDue: "10/07", secondHalfDue: "10/01", reminderDays: 7, missingAfterDays: 20 })).statusCode,
    ).toBe(403);
    const admin = await signedIn(
      "system_admin",
      (await t.database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'system' LIMIT 1`))[0]?.id ?? city.federation,
    );
    const put = await admin.put("/api/labour/settings", { firstHalfDue: "10/07", secondHalfDue: "10/01", reminderDays: 7, missingAfterDays: 20 });
    expect(put.statusCode).toBe(200);
    setClock("2026-07-08T03:00:00Z");
    expect((await authority.get("/api/labour/overdue?period=2026-H1")).json().deadline).toBe("2026-07-10");
    expect((await repB.get("/api/labour/overdue")).statusCode).toBe(403);
    await admin.put("/api/labour/settings", { firstHalfDue: "05/07", secondHalfDue: "05/01", reminderDays: 10, missingAfterDays: 30 });
  });
});
