import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDatabase } from "../../../test/support/db.ts";
import { type Database, openDatabase } from "./client.ts";
import { MigrationError, migrate, migrationFiles, plan } from "./migrate.ts";

const REAL = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** A copy of the real migrations in a folder the test may edit. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "caunoi-migrations-"));
  for (const f of readdirSync(REAL)) copyFileSync(path.join(REAL, f), path.join(dir, f));
  return dir;
}

describe("migrations: one sequence with a checksum each", () => {
  let db: { database: Database; drop: () => Promise<void> };
  let dir: string;
  beforeAll(async () => {
    db = await emptyDatabase();
    dir = copyOfMigrations();
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies every migration once and keeps its checksum", async () => {
    const applied = await migrate(db.database, dir);
    expect(applied).toEqual(migrationFiles(dir).map((f) => f.name));
    const rows = await db.database.rows<{ name: string; checksum: string }>(sql`SELECT name, checksum FROM schema_migrations ORDER BY name`);
    expect(rows.map((r) => r.checksum)).toEqual(migrationFiles(dir).map((f) => f.checksum));
    expect(await migrate(db.database, dir)).toEqual([]);
  });

  it("takes today's text as what ran for a database migrated before checksums were kept", async () => {
    await db.database.rows(sql`UPDATE schema_migrations SET checksum = NULL`);
    expect(await migrate(db.database, dir)).toEqual([]);
    const [row] = await db.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM schema_migrations WHERE checksum IS NULL`);
    expect(row?.n).toBe(0);
  });

  it("refuses to start when an applied migration was edited, naming the file", async () => {
    const first = readdirSync(dir).sort()[0] as string;
    writeFileSync(path.join(dir, first), `${migrationFiles(dir)[0]?.script}\n-- sửa lại\n`);
    await expect(migrate(db.database, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(db.database, dir)).rejects.toThrow(new RegExp(`bị sửa.*${first}`));
    copyFileSync(path.join(REAL, first), path.join(dir, first));
    expect(await migrate(db.database, dir)).toEqual([]);
  });

  it("refuses a new migration that sorts before one already applied, and runs one that sorts after", async () => {
    writeFileSync(path.join(dir, "0002_b_late_arrival.sql"), "CREATE TABLE late_arrival (id int);");
    await expect(migrate(db.database, dir)).rejects.toThrow(/đứng trước/);
    rmSync(path.join(dir, "0002_b_late_arrival.sql"));
    writeFileSync(path.join(dir, "9999_test_new.sql"), "CREATE TABLE test_new (id int);");
    expect(await migrate(db.database, dir)).toEqual(["9999_test_new.sql"]);
    const [row] = await db.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM test_new`);
    expect(row?.n).toBe(0);
  });

  it("refuses a database newer than the program", async () => {
    rmSync(path.join(dir, "9999_test_new.sql"));
    await expect(migrate(db.database, dir)).rejects.toThrow(/9999_test_new\.sql/);
  });

  it.runIf(process.env.DATABASE_URL)("lets two servers starting at once migrate one after the other", async () => {
    const empty = await emptyDatabase();
    const second = await openDatabase({ url: empty.url });
    try {
      const [a, b] = await Promise.all([migrate(empty.database, dir), migrate(second, dir)]);
      expect([...a, ...b].sort()).toEqual(migrationFiles(dir).map((f) => f.name));
    } finally {
      await second.close();
      await empty.drop();
    }
  });

  it("plans without a database: pending files in order", () => {
    const files = [
      { name: "0001_a.sql", script: "a", checksum: "x" },
      { name: "0002_b.sql", script: "b", checksum: "y" },
    ];
    expect(plan(files, new Map([["0001_a.sql", "x"]])).map((f) => f.name)).toEqual(["0002_b.sql"]);
    expect(() => plan(files, new Map([["0001_a.sql", "z"]]))).toThrow(MigrationError);
  });
});
