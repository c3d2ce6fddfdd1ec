import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { cachedFigures, figuresVersion } from "./figures.cache.ts";

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop?.());

/**
 * The tables no figure is drawn from, and the counts kept from memberships in the same transaction
 * as every change of them (memberships moves the version); every other table must move it.
 */
const OPERATIONAL = [
  "api_tokens",
  "audit_log",
  "figure_versions",
  "import_errors",
  "import_jobs",
  "import_rows",
  "login_failures",
  "membership_counts",
  "schema_migrations",
  "sessions",
];

describe("the figures cache", () => {
  it("has the version trigger on every table but the operational ones (a new table cannot be forgotten)", async () => {
    const rows = await database.rows<{ name: string; hasTrigger: boolean }>(
      sql`SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'figure_version') AS "hasTrigger"
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => !r.hasTrigger).map((r) => r.name)).toEqual(OPERATIONAL);
  });

  it("serves a result until a write to any figure's table commits, and never across such a write", async () => {
    let computed = 0;
    const zones = () =>
      cachedFigures(database, "test|zones", async () => {
        computed++;
        const [r] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM zones`);
        return r?.n ?? 0;
      });
    const first = await zones();
    expect(await zones()).toBe(first);
    expect(computed).toBe(1);

    const before = await figuresVersion(database);
    await database.rows(sql`INSERT INTO zones (code, name, kind, commune) VALUES ('ZCACHE', 'KCN Bộ nhớ đệm', 'industrial_zone', 'An Dương')`);
    expect(await figuresVersion(database)).not.toBe(before);
    expect(await zones()).toBe(first + 1);
    expect(computed).toBe(2);

    // A rolled-back write changes nothing; a session row (operational) does not move the version.
    const version = await figuresVersion(database);
    await database.db
      .transaction(async (tx) => {
        await database.rows(sql`UPDATE zones SET name = 'KCN Đổi tên' WHERE code = 'ZCACHE'`, tx);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await figuresVersion(database)).toBe(version);
    expect(await zones()).toBe(first + 1);
    expect(computed).toBe(2);
  });

  it("does not keep a failed computation", async () => {
    let calls = 0;
    const flaky = () =>
      cachedFigures(database, "test|flaky", async () => {
        calls++;
        if (calls === 1) throw new Error("database away");
        return 42;
      });
    await expect(flaky()).rejects.toThrow("database away");
    expect(await flaky()).toBe(42);
    expect(calls).toBe(2);
  });
});
