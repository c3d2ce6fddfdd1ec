import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUser, buildZone } from "../../../../test/support/factories.ts";
import { minimumWageAt } from "./minwage.service.ts";

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

describe("minimumWageAt", () => {
  it("applies the rate in force on the date: Decree 74/2024 before 2026, Decree 293/2025 from 01/01/2026", async () => {
    expect(await minimumWageAt(t.database, { commune: "An Dương" }, "2025-12-31")).toMatchObject({ region: 1, monthly: 4_960_000, decree: "74/2024/NĐ-CP" });
    expect(await minimumWageAt(t.database, { commune: "An Dương" }, "2026-01-01")).toMatchObject({
      region: 1,
      monthly: 5_310_000,
      hourly: 25_500,
      decree: "293/2025/NĐ-CP",
    });
    expect(await minimumWageAt(t.database, { commune: "Thanh Hà" }, "2026-03-01")).toMatchObject({ region: 2, monthly: 4_730_000 });
    expect(await minimumWageAt(t.database, { commune: "Bạch Long Vĩ" }, "2026-03-01")).toMatchObject({ region: 2 });
    expect(await minimumWageAt(t.database, { commune: "Huyện Thanh Hà" }, "2025-03-01")).toMatchObject({ region: 3, monthly: 3_860_000 });
    expect(await minimumWageAt(t.database, { commune: "2024" }, "2024-06-30")).toBeNull();
  });

  it("ignores tone placement and diacritics: Thủy Nguyên = Thuỷ Nguyên = thuy nguyen", async () => {
    for (const name of ["Thủy Nguyên", "Thuỷ Nguyên", "thuy nguyen", "Kiến Thụy", "Hòa Bình", "Vĩnh Hòa"]) {
      const m = await minimumWageAt(t.database, { commune: name }, "2026-05-01");
      expect(m, name).toMatchObject({ region: 1 });
    }
  });

  it("never guesses: a commune no decree lists has no region (every Hải Phòng commune is listed by Decree 293/2025)", async () => {
    expect(await minimumWageAt(t.database, { commune: "Xã Không Có Trong Danh Sách" }, "2026-05-01")).toBeNull();
  });
});

describe("HTTP", () => {
  it("answers the minimum for a commune and date, and checks a wage against it", async () => {
    const res = await c.get(`/api/relations/minimum-wage?commune=${encodeURIComponent("Thuy Nguyen")}&date=2026-02-01`);
    expect(res.statusCode).toBe(200);
    expect(res.json().monthly).toBe(5_310_000);
    const e = await buildEnterprise(t.database, city);
    const check = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2026-02-01", wage: 5_000_000 });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ compliant: false, shortfall: 310_000, shortfallPercent: 5.8, minimum: { region: 1 } });
    const ok2025 = await c.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2025-10-01", wage: 5_000_000 });
    expect(ok2025.json()).toMatchObject({ compliant: true, shortfall: 0, minimum: { monthly: 4_960_000 } });
    expect((await c.get("/api/relations/minimum-wage/rates")).json()).toHaveLength(16);
  });

  it("refuses: 401 anonymous, 403 without permission, 400 bad input in Vietnamese, 422 with no rule, out-of-scope enterprise", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/relations/minimum-wage/rates" })).statusCode).toBe(401);
    const e = await buildEnterprise(t.database, city);
    const rep = await buildUser(t.database, "enterprise_rep", e.id);
    const rc = new Client(t.app);
    await rc.login(rep.username, rep.password);
    expect((await rc.post("/api/relations/minimum-wage/check", { enterpriseId: e.id, date: "2026-02-01", wage: 1 })).statusCode).toBe(403);
    const bad = await c.post("/api/relations/minimum-wage/check", { date: "01/02/2026", wage: -5 });
    expect(bad.statusCode).toBe(400);
    const text = bad
      .json()
      .errors.map((x: { message: string }) => x.message)
      .join(" | ");
    expect(text).toContain("Ngày phải có dạng yyyy-mm-dd");
    expect(text).toContain("Mức lương phải lớn hơn 0");
    const none = await c.get("/api/relations/minimum-wage?commune=An%20D%C6%B0%C6%A1ng&date=2019-12-31");
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe("minimum_wage_unknown");
    const zu = await buildBody(t.database, "zone_union", city.federation);
    const otherZone = await buildZone(t.database, zu.id);
    const far = await buildEnterprise(t.database, city, { zoneId: otherZone });
    const zoneOfficer = await buildUser(t.database, "officer", city.zoneUnion);
    const zc = new Client(t.app);
    await zc.login(zoneOfficer.username, zoneOfficer.password);
    const out = await zc.post("/api/relations/minimum-wage/check", { enterpriseId: far.id, date: "2026-02-01", wage: 5_000_000 });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0].pointer).toBe("/body/enterpriseId");
  });
});
