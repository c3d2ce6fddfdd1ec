import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../support/factories.ts";

/**
 * Minimum wages from the one dated table, and the region of a place from the decree in force on
 * the date, through the HTTP API as a new user would call it (shared/reference/domain-facts.md §1).
 */
let t: TestApp;
let city: TestCity;
let c: Client;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "officer", city.authority);
  c = new Client(t.app);
  await c.login(u.username, u.password);
});
afterAll(async () => t.close());

const ref = (date: string, province: string, commune: string) =>
  c.get(`/api/reference/minimum-wage?date=${date}&province=${encodeURIComponent(province)}&commune=${encodeURIComponent(commune)}`);

async function zoneIn(commune: string): Promise<number> {
  const [row] = await t.database.rows<{ id: number }>(
    sql`INSERT INTO zones (code, name, kind, commune) VALUES (${`ZW${Math.random().toString(36).slice(2, 8)}`}, ${`KCN ở ${commune}`}, 'industrial_zone', ${commune}) RETURNING id`,
  );
  return row?.id ?? 0;
}

describe("GET /api/reference/minimum-wage", () => {
  it.each([
    // date, province, commune as written, region, monthly, hourly, decree, effectiveFrom
    ["2020-01-01", "Hải Phòng", "Quận Hồng Bàng", 1, 4_420_000, null, "90/2019/NĐ-CP", "2020-01-01"],
    ["2021-06-15", "Thành phố Hải Phòng", "huyện Bạch Long Vĩ", 2, 3_920_000, null, "90/2019/NĐ-CP", "2020-01-01"],
    ["2021-06-15", "Tỉnh Hải Dương", "TP. Hải Dương", 2, 3_920_000, null, "90/2019/NĐ-CP", "2020-01-01"],
    ["2021-06-15", "Hải Dương", "Thị xã Kinh Môn", 3, 3_430_000, null, "90/2019/NĐ-CP", "2020-01-01"],
    ["2021-06-15", "Hai Duong", "huyen thanh mien", 4, 3_070_000, null, "90/2019/NĐ-CP", "2020-01-01"],
    ["2022-07-01", "Hải Phòng", "Huyện Thuỷ Nguyên", 1, 4_680_000, 22_500, "38/2022/NĐ-CP", "2022-07-01"],
    ["2023-12-31", "Hải Dương", "Thành phố Chí Linh", 3, 3_640_000, 17_500, "38/2022/NĐ-CP", "2022-07-01"],
    // Former Hải Dương named under today's province: the same place.
    ["2023-12-31", "Hải Phòng", "Huyện Ninh Giang", 4, 3_250_000, 15_600, "38/2022/NĐ-CP", "2022-07-01"],
    ["2024-07-01", "Hải Dương", "Thành phố Hải Dương", 1, 4_960_000, 23_800, "74/2024/NĐ-CP", "2024-07-01"],
    ["2025-06-30", "Hải Dương", "Huyện Thanh Hà", 3, 3_860_000, 18_600, "74/2024/NĐ-CP", "2024-07-01"],
    // After the 1/7/2025 reorganisation: communes, with the region of their former district until 2026.
    ["2025-09-01", "Hải Phòng", "Xã Thanh Hà", 3, 3_860_000, 18_600, "74/2024/NĐ-CP", "2024-07-01"],
    ["2025-09-01", "Hải Phòng", "Phường Lê Thanh Nghị", 1, 4_960_000, 23_800, "74/2024/NĐ-CP", "2024-07-01"],
    ["2026-01-01", "Hải Phòng", "Phường Thủy Nguyên", 1, 5_310_000, 25_500, "293/2025/NĐ-CP", "2026-01-01"],
    ["2026-01-01", "hai phong", "thuy nguyen", 1, 5_310_000, 25_500, "293/2025/NĐ-CP", "2026-01-01"],
    ["2027-03-10", "Hải Phòng", "Đặc khu Bạch Long Vĩ", 2, 4_730_000, 22_700, "293/2025/NĐ-CP", "2026-01-01"],
    ["2028-12-31", "Hải Phòng", "Xã Hà Tây", 2, 4_730_000, 22_700, "293/2025/NĐ-CP", "2026-01-01"],
    ["2026-05-05", "Hải Phòng", "Đặc khu Cát Hải", 1, 5_310_000, 25_500, "293/2025/NĐ-CP", "2026-01-01"],
    ["2026-05-05", "Hải Phòng", "Xã Kiến Thụy", 1, 5_310_000, 25_500, "293/2025/NĐ-CP", "2026-01-01"],
    ["2026-05-05", "Hải Phòng", "Xã Kiến Thuỵ", 1, 5_310_000, 25_500, "293/2025/NĐ-CP", "2026-01-01"],
    // A commune of today's Hải Phòng written with the province's former name.
    ["2026-05-05", "Hải Dương", "Xã Nam Thanh Miện", 2, 4_730_000, 22_700, "293/2025/NĐ-CP", "2026-01-01"],
  ])("%s %s / %s → Vùng %i, %i đồng", async (date, province, commune, region, monthly, hourly, decree, effectiveFrom) => {
    const res = await ref(date, province, commune);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ region, monthly, hourly, decree, effectiveFrom });
    expect(res.json().source).toContain(decree);
  });

  it.each([
    // date, province, commune, the field that did not match
    ["2026-03-01", "Hải Phòng", "Phường Hoàn Kiếm", "commune"],
    ["2026-03-01", "Hà Nội", "Phường Hoàn Kiếm", "province"],
    ["2026-03-01", "Quảng Ninh", "Phường Hồng Bàng", "province"],
    // A commune that did not exist yet, and a district that no longer exists.
    ["2024-03-01", "Hải Phòng", "Phường Lê Thanh Nghị", "commune"],
    ["2026-03-01", "Hải Phòng", "Quận Ngô Quyền 2", "commune"],
    // A district of old Hải Phòng named as part of the former Hải Dương province.
    ["2023-03-01", "Hải Dương", "Quận Hồng Bàng", "commune"],
  ])("%s %s / %s → 422 region_unknown naming the %s", async (date, province, commune, unmatched) => {
    const res = await ref(date, province, commune);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe("region_unknown");
    expect(body.errors[0].pointer).toBe(`/querystring/${unmatched}`);
    expect(body.detail).toMatch(/Chưa xác định được vùng/);
    expect(body.detail).toContain(unmatched === "province" ? province : commune);
  });

  it("answers 422 for a day before 1/1/2020 and 400 in Vietnamese for a missing or impossible date, never 500", async () => {
    const before = await ref("2019-12-31", "Hải Phòng", "Quận Hồng Bàng");
    expect(before.statusCode).toBe(422);
    expect(before.json().code).toBe("minimum_wage_unknown");
    const missing = await c.get(`/api/reference/minimum-wage?date=2026-01-01&province=${encodeURIComponent("Hải Phòng")}`);
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain("phường/xã");
    const bad = await ref("2026-02-30", "Hải Phòng", "An Dương");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe("/querystring/date");
    expect(JSON.stringify(bad.json())).toContain("30/02/2026 không tồn tại");
    expect((await t.app.inject({ method: "GET", url: "/api/reference/minimum-wage?date=2026-01-01&province=x&commune=y" })).statusCode).toBe(401);
  });
});

describe("one answer for wages everywhere", () => {
  it("4,700,000 in Region I is legal in the first half of 2024 (floor 4,680,000) and not in 2025", async () => {
    const e = await buildEnterprise(t.database, city, { zoneId: await zoneIn("An Dương") });
    const h1 = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2024-03-15", wage: 4_700_000 });
    expect(h1.json()).toMatchObject({ compliant: true, minimum: { region: 1, monthly: 4_680_000, decree: "38/2022/NĐ-CP" } });
    const y25 = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2025-03-15", wage: 4_700_000 });
    expect(y25.json()).toMatchObject({ compliant: false, shortfall: 260_000, minimum: { monthly: 4_960_000, decree: "74/2024/NĐ-CP" } });
    // Labour reports judge the same way, at the period's last day.
    const r24 = await c.post(`/api/registry/enterprises/${e.id}/labor-reports`, { period: "2024-H1", workforce: 100, lowestWage: 4_700_000 });
    expect(r24.statusCode, r24.body).toBe(201);
    expect(r24.json().warnings).toEqual([]);
    const r25 = await c.post(`/api/registry/enterprises/${e.id}/labor-reports`, { period: "2025-H1", workforce: 100, lowestWage: 4_700_000 });
    expect(r25.json().warnings.map((w: { code: string }) => w.code)).toEqual(["below_minimum_wage"]);
    const list = await c.get(`/api/registry/enterprises/${e.id}/labor-reports`);
    const byPeriod = Object.fromEntries(list.json().map((r: { period: string; regionalMinimum: number }) => [r.period, r.regionalMinimum]));
    expect(byPeriod).toMatchObject({ "2024-H1": 4_680_000, "2025-H1": 4_960_000 });
    // An inspection the same day gives the same floor.
    const form = await c.get(`/api/relations/inspections/form?enterpriseId=${e.id}&date=2025-06-30`);
    expect(form.json().minimum).toMatchObject({ region: 1, monthly: 4_960_000 });
  });

  it("a workplace whose commune no decree lists is 'region unknown' in the check, the labour report and the inspection — never compliant", async () => {
    const e = await buildEnterprise(t.database, city, { zoneId: await zoneIn("Phường Không Tồn Tại") });
    const check = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2026-04-01", wage: 9_000_000 });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ regionUnknown: true, compliant: null, minimum: null });
    expect(check.json().message).toMatch(/Chưa xác định được vùng.*đề nghị cán bộ xác định vùng/);

    const report = await c.post(`/api/registry/enterprises/${e.id}/labor-reports`, { period: "2026-H1", workforce: 50, lowestWage: 9_000_000 });
    expect(report.statusCode).toBe(201);
    expect(report.json().warnings.map((w: { code: string }) => w.code)).toEqual(["region_unknown"]);
    const [listed] = (await c.get(`/api/registry/enterprises/${e.id}/labor-reports`)).json();
    expect(listed).toMatchObject({ regionUnknown: true, regionalMinimum: null, wageRegion: null });

    const form = (await c.get(`/api/relations/inspections/form?enterpriseId=${e.id}&date=2026-04-01`)).json();
    expect(form.minimum).toBeNull();
    expect(form.regionUnknown).toMatch(/Chưa xác định được vùng/);
    const wageItem = form.items.find((i: { prefill: string | null }) => i.prefill === "minimum_wage");
    const res = await c.post("/api/relations/inspections", {
      enterpriseId: e.id,
      inspectedOn: "2026-04-01",
      leadBodyId: city.authority,
      answers: [{ itemId: wageItem.id, result: "compliant", observedValue: 9_000_000 }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: "region_unknown", errors: [{ pointer: "/body/answers/0/result" }] });

    // The officer sets the region; every check then uses it, with the officer's reason as its basis.
    const set = await c.put(`/api/relations/enterprises/${e.id}/wage-region`, {
      region: 2,
      effectiveFrom: "2026-01-01",
      reason: "Địa bàn thuộc xã Hà Tây theo phụ lục Nghị định 293/2025/NĐ-CP",
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ known: true, minimum: { region: 2, monthly: 4_730_000 } });
    const after = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2026-04-01", wage: 4_700_000 });
    expect(after.json()).toMatchObject({ regionUnknown: false, compliant: false, shortfall: 30_000 });
    expect(after.json().minimum.regionBasis).toContain("Cán bộ xác định vùng");
    const [relisted] = (await c.get(`/api/registry/enterprises/${e.id}/labor-reports`)).json();
    expect(relisted).toMatchObject({ regionUnknown: false, regionalMinimum: 4_730_000, wageRegion: 2 });
    expect((await c.get(`/api/relations/inspections/form?enterpriseId=${e.id}&date=2026-04-01`)).json().minimum).toMatchObject({ region: 2 });
    // Before the date it was set from, the region is still unknown.
    expect((await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2025-12-31", wage: 9_000_000 })).json().compliant).toBeNull();
    // A place the decree lists cannot be overridden.
    const inList = await buildEnterprise(t.database, city, { zoneId: await zoneIn("An Dương") });
    const refused = await c.put(`/api/relations/enterprises/${inList.id}/wage-region`, { region: 4, effectiveFrom: "2026-01-01", reason: "Thử" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain("đã có trong danh mục");
  });

  it("Q&A entries citing a replaced minimum-wage decree are flagged from the same table", async () => {
    const admin = await buildUser(t.database, "officer", city.federation);
    const fc = new Client(t.app);
    await fc.login(admin.username, admin.password);
    const res = await fc.post("/api/voice/qa", {
      question: "Lương tối thiểu vùng I là bao nhiêu?",
      answer: "Theo Nghị định 74/2024/NĐ-CP là 4.960.000 đồng.",
      citations: ["Nghị định 74/2024/NĐ-CP"],
      tags: ["tiền lương"],
      validFrom: "2025-01-01",
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(JSON.stringify(res.json())).toMatch(/74\/2024\/NĐ-CP.*thay thế.*293\/2025\/NĐ-CP/);
  });
});
