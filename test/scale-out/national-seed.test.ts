import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { NATIONAL, type NationalWorld, seedNational } from "../../bench/national.seed.ts";
import { freshDatabase } from "../support/db.ts";

// The national rehearsal's seeder (bench/national.seed.ts) at a tiny scale: the country it builds must
// be the one the benchmark's numbers claim (34 provinces under one root, the sizes asked for, every
// membership in its own province), or the measurements describe something else.
describe("national rehearsal seeder", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let world: NationalWorld | null = null;
  const scale = 0.002;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    if (database.pool) world = await seedNational(database, { scale });
  }, 300_000);
  afterAll(async () => drop());

  it.runIf(!process.env.DATABASE_URL)("refuses the embedded database, saying it needs PostgreSQL", async () => {
    await expect(seedNational(database, { scale })).rejects.toThrow(/PostgreSQL/);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("builds 34 provinces under one national root, at the sizes asked for", async () => {
    expect(world?.provinces).toHaveLength(34);
    const [r] = await database.rows<{ provinces: number; outside: number; people: number; unions: number }>(
      sql`SELECT (SELECT count(*)::int FROM bodies WHERE kind = 'federation' AND parent_id = ${world?.rootId}) AS provinces,
                 (SELECT count(*)::int FROM bodies b WHERE b.kind IN ('federation', 'zone_union', 'grassroots_union') AND b.id <> ${world?.rootId}
                   AND b.path NOT LIKE ${`/${world?.rootId}/%`}) AS outside,
                 (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM unions) AS unions`,
    );
    expect(r?.provinces).toBe(34);
    expect(r?.outside).toBe(0);
    expect(r?.unions).toBeGreaterThanOrEqual(Math.round(NATIONAL.unions * scale));
    expect(r?.unions).toBeLessThan(Math.round(NATIONAL.unions * scale * 1.2));
    expect(r?.people).toBeGreaterThan(NATIONAL.people * scale * 0.7);
    expect(r?.people).toBeLessThan(NATIONAL.people * scale * 1.3);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("keeps every membership in the province of the person's enterprise, and the member counts", async () => {
    // The province of a body = the second element of its path (/root/province/…).
    const [r] = await database.rows<{ crossing: number; open: number; counted: number }>(
      sql`WITH prov AS (SELECT id, split_part(path, '/', 3) AS p FROM bodies)
          SELECT (SELECT count(*)::int FROM memberships m JOIN people pe ON pe.id = m.person_id
                    JOIN union_enterprises ue ON ue.enterprise_id = pe.enterprise_id
                    JOIN prov a ON a.id = m.union_id JOIN prov b ON b.id = ue.union_id WHERE a.p <> b.p) AS crossing,
                 (SELECT count(*)::int FROM memberships WHERE valid_to IS NULL) AS open,
                 (SELECT coalesce(sum(starts - ends), 0)::int FROM membership_counts) AS counted`,
    );
    expect(r?.crossing).toBe(0);
    expect(r?.open).toBeGreaterThan(0);
    expect(r?.counted).toBe(r?.open);
  });
});
