import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let leader: Client;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "viewer", city.federation);
  leader = new Client(t.app);
  await leader.login(u.username, u.password);
});
afterAll(async () => t?.close());

describe("enterprises with a labour report", () => {
  it("never counts more reporting enterprises than enterprises that had to report (one closed since it reported)", async () => {
    const open = await buildEnterprise(t.database, city, { workforce: 100 });
    const closed = await buildEnterprise(t.database, city, { workforce: 80 });
    for (const e of [open, closed])
      await t.database.rows(
        sql`INSERT INTO labor_reports (enterprise_id, period, workforce, filed_at) VALUES (${e.id}, '2025-H2', 50, '2026-01-03T02:00:00Z')`,
      );
    // Bankrupt after filing its report for the half: it reported, so it counts on both sides of the ratio.
    await t.database.rows(sql`UPDATE enterprises SET status = 'bankrupt' WHERE id = ${closed.id}`);
    const res = await leader.get("/api/reports/preview?period=2025");
    expect(res.statusCode).toBe(200);
    const figures = (res.json() as { sections: { figures: { key: string; value: number; target?: number | null }[] }[] }).sections.flatMap((s) => s.figures);
    const f = figures.find((x) => x.key === "labour.enterprises");
    expect(f?.value).toBe(2);
    expect(f?.target).toBe(2);
  });
});
