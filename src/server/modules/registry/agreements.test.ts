import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { addDays, todayIso } from "./registry.common.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let chairA: Client;
let repA: Client;
let repB: Client;
let entA: { id: number };
let entB: { id: number };
let unionA: { id: number };
let unionB: { id: number };

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

const today = todayIso();
const agreement = (enterpriseId: number, unionId: number, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  kind: "enterprise",
  unionId,
  enterpriseIds: [enterpriseId],
  title: "Thỏa ước lao động tập thể năm 2025",
  signedOn: from,
  effectiveFrom: from,
  effectiveTo: to,
  approvalShare: 78.5,
  lowestWage: 5_600_000,
  mealAllowance: 30_000,
  tetBonus: 6_000_000,
  grade: "B",
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { workforce: 500 });
  entB = await buildEnterprise(t.database, city, { workforce: 300 });
  unionA = await buildUnion(t.database, city, entA.id);
  unionB = await buildUnion(t.database, city, entB.id);
  officer = await signedIn("officer", city.federation);
  chairA = await signedIn("union_officer", unionA.id);
  repA = await signedIn("enterprise_rep", entA.id);
  repB = await signedIn("enterprise_rep", entB.id);
});
afterAll(async () => t.close());

describe("collective agreements", () => {
  it("records an agreement with warnings for a low approval share and a wage under the regional minimum", async () => {
    const res = await officer.post(
      "/api/registry/agreements",
      agreement(entA.id, unionA.id, addDays(today, -700), addDays(today, 40), { approvalShare: 48, lowestWage: 3_000_000 }),
    );
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .warnings.map((w: { code: string }) => w.code)
        .sort(),
    ).toEqual(["approval_share_low", "below_minimum_wage"]);
    expect(res.json().agreement).toMatchObject({ status: "expiring" });
    expect(await auditCount(t.database, "create", "agreement", res.json().agreement.id)).toBe(1);
  });

  it("refuses a term over three years or an end before the start, in Vietnamese", async () => {
    const res = await officer.post("/api/registry/agreements", agreement(entB.id, unionB.id, "2024-01-01", "2028-01-01"));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/từ 1 đến 3 năm/);
    const back = await officer.post("/api/registry/agreements", agreement(entB.id, unionB.id, "2024-01-01", "2023-01-01"));
    expect(back.statusCode).toBe(400);
  });

  it("lists those expiring within 90 days and computes coverage", async () => {
    const valid = await officer.post("/api/registry/agreements", agreement(entB.id, unionB.id, addDays(today, -30), addDays(today, 700)));
    expect(valid.statusCode).toBe(201);
    const expiring = await officer.get("/api/registry/agreements?status=expiring");
    expect(expiring.json().items.map((a: { enterprises: { id: number }[] }) => a.enterprises[0]?.id)).toEqual([entA.id]);
    const cov = await officer.get("/api/registry/agreements/coverage");
    expect(cov.json().unions).toMatchObject({ total: 2, withAgreement: 2, share: 100 });
    const past = await officer.get(`/api/registry/agreements/coverage?asOf=${addDays(today, -100)}`);
    expect(past.json().eligibleEnterprises.withAgreement).toBe(1);
  });

  it("scopes agreements: a union officer and an enterprise rep see only their own; writes need the right role", async () => {
    const list = await chairA.get("/api/registry/agreements");
    expect(list.json().items.every((a: { enterprises: { id: number }[] }) => a.enterprises.some((e) => e.id === entA.id))).toBe(true);
    const other = (await officer.get(`/api/registry/agreements?enterpriseId=${entB.id}`)).json().items[0].id;
    expect((await chairA.get(`/api/registry/agreements/${other}`)).statusCode).toBe(404);
    expect((await repA.get(`/api/registry/agreements/${other}`)).statusCode).toBe(404);
    expect((await repA.post("/api/registry/agreements", agreement(entA.id, unionA.id, "2025-01-01", "2026-12-31"))).statusCode).toBe(403);
    const outOfScope = await chairA.post("/api/registry/agreements", agreement(entB.id, unionB.id, "2025-01-01", "2026-12-31"));
    expect(outOfScope.statusCode).toBe(400);
    const del = await officer.delete(`/api/registry/agreements/${other}`);
    expect(del.statusCode).toBe(204);
    expect((await officer.get(`/api/registry/agreements/${other}`)).statusCode).toBe(404);
  });
});

describe("labor reports", () => {
  it("lets the enterprise rep file for its own enterprise only, keeps the history, flags wages below the minimum", async () => {
    const first = await repA.post(`/api/registry/enterprises/${entA.id}/labor-reports`, {
      period: "2026-H1",
      workforce: 500,
      hires: 40,
      leavers: 25,
      averageWage: 8_200_000,
      lowestWage: 5_000_000,
      insured: 480,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().warnings[0]).toMatchObject({ code: "below_minimum_wage" });
    const fix = await repA.post(`/api/registry/enterprises/${entA.id}/labor-reports`, {
      period: "2026-H1",
      workforce: 500,
      hires: 40,
      leavers: 25,
      averageWage: 8_200_000,
      lowestWage: 5_400_000,
      insured: 480,
    });
    expect(fix.json().warnings).toEqual([]);
    expect((await repA.post(`/api/registry/enterprises/${entB.id}/labor-reports`, { period: "2026-H1", workforce: 1 })).statusCode).toBe(404);
    expect((await chairA.post(`/api/registry/enterprises/${entA.id}/labor-reports`, { period: "2026-H1", workforce: 1 })).statusCode).toBe(403);
    const history = await officer.get(`/api/registry/enterprises/${entA.id}/labor-reports`);
    expect(history.json().map((r: { superseded: boolean }) => r.superseded)).toEqual([false, true]);
    const detail = await repA.get(`/api/registry/enterprises/${entA.id}`);
    expect(detail.json().laborReports).toHaveLength(2);
    const current = await officer.get("/api/registry/labor-reports?period=2026-H1");
    expect(current.json().items).toHaveLength(1);
    expect(current.json().items[0]).toMatchObject({ lowestWage: 5_400_000, regionalMinimum: 5_310_000 });
    const officerFiles = await officer.post(`/api/registry/enterprises/${entB.id}/labor-reports`, { period: "2025-H2", workforce: 300, lowestWage: 4_000_000 });
    expect(officerFiles.statusCode).toBe(201);
    expect((await officer.get("/api/registry/labor-reports?belowMinimum=true")).json().items.map((r: { enterpriseId: number }) => r.enterpriseId)).toEqual([
      entB.id,
    ]);
    expect((await repB.get("/api/registry/labor-reports")).json().items.every((r: { enterpriseId: number }) => r.enterpriseId === entB.id)).toBe(true);
  });

  it("refuses inconsistent figures with Vietnamese messages", async () => {
    const res = await repA.post(`/api/registry/enterprises/${entA.id}/labor-reports`, { period: "2026-H3", workforce: 10 });
    expect(res.statusCode).toBe(400);
    const women = await repA.post(`/api/registry/enterprises/${entA.id}/labor-reports`, { period: "2026-H1", workforce: 10, women: 20 });
    expect(women.statusCode).toBe(400);
    expect(women.json().errors[0].message).toMatch(/lao động nữ/);
  });
});
