import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureProviders } from "#server/modules/providers.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../../../../test/support/factories.ts";
import { evaluateWatchlist } from "./evaluation.service.ts";
import { relationsFigures } from "./relations.figures.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

describe("figures for dashboards and the joint report", () => {
  it("is registered, counts incidents, workers, amounts and supervised FDI enterprises in scope, each figure with a link", async () => {
    expect(figureProviders).toContain(relationsFigures);
    const u = await buildUser(t.database, "officer", city.authority);
    const c = new Client(t.app);
    await c.login(u.username, u.password);
    const fdi = await buildEnterprise(t.database, city, { ownership: "fdi" });
    const domestic = await buildEnterprise(t.database, city, { ownership: "domestic_private", country: null });
    await c.post("/api/relations/incidents", {
      enterpriseId: fdi.id,
      kind: "work_stoppage",
      title: "Ngừng việc",
      startedOn: "2025-05-02",
      workersAffected: 600,
    });
    await c.post("/api/relations/incidents", {
      enterpriseId: domestic.id,
      kind: "wage_arrears",
      title: "Nợ lương",
      startedOn: "2025-08-02",
      workersAffected: 40,
      amountOwed: 250_000_000,
      arrearsMonths: 1,
    });
    await c.post("/api/relations/incidents", { enterpriseId: domestic.id, kind: "other", title: "Ngoài kỳ", startedOn: "2024-08-02" });
    const items = (await c.get("/api/relations/checklists/current?date=2025-06-01")).json().items as { id: number }[];
    for (const e of [fdi, domestic]) {
      const res = await c.post("/api/relations/inspections", {
        enterpriseId: e.id,
        inspectedOn: "2025-06-01",
        leadBodyId: city.authority,
        answers: items.map((i, n) => ({ itemId: i.id, result: n === 1 ? "non_compliant" : "compliant" })),
        complete: true,
      });
      expect(res.statusCode).toBe(201);
    }
    const sections = await relationsFigures(t.database, { kind: "city" }, { from: "2025-01-01", to: "2025-12-31", label: "năm 2025" });
    const fig = (key: string) => sections.flatMap((s) => s.figures).find((f) => f.key === key);
    expect(fig("relations.incidents.total")?.value).toBe(2);
    expect(fig("relations.incidents.work_stoppage")).toMatchObject({
      value: 1,
      link: "/staff/relations/incidents?kind=work_stoppage&from=2025-01-01&to=2025-12-31",
    });
    expect(fig("relations.incidents.workers")?.value).toBe(640);
    expect(fig("relations.incidents.owed")?.value).toBe(250_000_000);
    expect(fig("relations.inspections.enterprises")?.value).toBe(2);
    expect(fig("relations.inspections.fdi")?.value).toBe(1);
    expect(fig("relations.recommendations.issued")?.value).toBe(2);
    for (const f of sections.flatMap((s) => s.figures)) expect(f.link, f.key).toMatch(/^\/staff\//);
    expect(sections[1]?.paragraphs[0]).toContain("giám sát 2 doanh nghiệp (trong đó 1 doanh nghiệp FDI)");
    // An enterprise-scoped view sees only its own.
    const own = await relationsFigures(
      t.database,
      { kind: "enterprise", enterpriseIds: [domestic.id] },
      { from: "2025-01-01", to: "2025-12-31", label: "năm 2025" },
    );
    expect(own[0]?.figures.find((f) => f.key === "relations.incidents.total")?.value).toBe(1);
  });
});

describe("demo seeder", () => {
  it("plants stoppages preceded by their signals, seeds a plan with inspections and findings, and stores scores", async () => {
    const { database, drop } = await freshDatabase();
    try {
      const summary = await seedDemo(database, { scale: "demo", seed: 3, today: "2026-10-15" });
      expect(summary.relationsPlantedStoppages).toBeGreaterThan(0);
      expect(summary.relationsInspections).toBeGreaterThan(0);
      const [pre] = await database.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM relations_incidents s WHERE s.kind = 'work_stoppage'
            AND EXISTS (SELECT 1 FROM relations_incidents p WHERE p.enterprise_id = s.enterprise_id AND p.kind IN ('wage_arrears','si_arrears') AND p.started_on < s.started_on)`,
      );
      expect(pre?.n).toBeGreaterThanOrEqual(summary.relationsPlantedStoppages ?? 0);
      const [scores] = await database.rows<{ n: number; days: number }>(
        sql`SELECT count(*)::int AS n, count(DISTINCT as_of)::int AS days FROM relations_risk_history`,
      );
      expect(scores?.days).toBe(13);
      const [plan] = await database.rows<{ targets: number }>(sql`SELECT count(*)::int AS targets FROM relations_plan_targets`);
      expect(plan?.targets).toBe(13);
      const evaluation = await evaluateWatchlist(database, { k: 10, horizonDays: 60, leadDays: 30 });
      expect(evaluation.stoppages.length).toBeGreaterThanOrEqual(summary.relationsPlantedStoppages ?? 0);
      expect(evaluation.recallAtK).toBeGreaterThanOrEqual(0);
      expect(evaluation.recallAtK).toBeLessThanOrEqual(1);
    } finally {
      await drop();
    }
  }, 300_000);
});
