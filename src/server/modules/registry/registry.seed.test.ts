import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { registryRiskSignals } from "./registry.figures.ts";
import { endedHalves } from "./registry.seed.ts";

let database: Database;
let drop: () => Promise<void>;
const today = "2026-11-21";

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, { scale: "demo", seed: 3, today });
}, 120_000);
afterAll(async () => drop());

describe("registry demo data", () => {
  it("knows which half-years have ended", () => {
    expect(endedHalves("2026-11-21", 2)).toEqual(["2026-H1", "2025-H2"]);
    expect(endedHalves("2026-03-01", 2)).toEqual(["2025-H2", "2025-H1"]);
  });

  it("gives most unionised enterprises an agreement, some expired or ending within 90 days", async () => {
    const [r] = await database.rows<{ unionised: number; covered: number; expired: number; expiring: number }>(
      sql`SELECT (SELECT count(*)::int FROM enterprises e JOIN union_enterprises ue ON ue.enterprise_id = e.id WHERE e.status = 'active') AS unionised,
                 (SELECT count(DISTINCT ae.enterprise_id)::int FROM agreement_enterprises ae) AS covered,
                 (SELECT count(*)::int FROM agreements WHERE effective_to < ${today}::date) AS expired,
                 (SELECT count(*)::int FROM agreements WHERE effective_to BETWEEN ${today}::date AND ${today}::date + 90) AS expiring`,
    );
    const share = (r?.covered ?? 0) / (r?.unionised ?? 1);
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.92);
    expect(r?.expired).toBeGreaterThan(0);
    expect(r?.expiring).toBeGreaterThan(0);
  });

  it("files two half-yearly reports per enterprise, a few under the 2026 Region I minimum", async () => {
    const rows = await database.rows<{ period: string; n: number; low: number }>(
      sql`SELECT period, count(*)::int AS n, count(*) FILTER (WHERE lowest_wage < 5310000)::int AS low FROM labor_reports GROUP BY period ORDER BY period`,
    );
    expect(rows.map((r) => r.period)).toEqual(["2025-H2", "2026-H1"]);
    const [active] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises WHERE status <> 'dissolved'`);
    expect(rows[0]?.n).toBe(active?.n);
    const signals = await registryRiskSignals(database, today);
    expect(signals.some((s) => s.kind === "reported_wage_below_minimum")).toBe(true);
    expect(signals.some((s) => s.kind === "mass_layoff")).toBe(true);
  });
});
