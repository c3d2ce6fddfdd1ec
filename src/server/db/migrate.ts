import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Any number; the same on every server, so two servers starting at once migrate one after the other. */
const MIGRATION_LOCK = 727_274_001;

/** The schema on the database and the migrations in this program disagree: refuse to start. */
export class MigrationError extends Error {}

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

/** The checksum of a migration's text; line endings do not count (a checkout on Windows is the same file). */
export function checksumOf(script: string): string {
  return createHash("sha256").update(script.replace(/\r\n/g, "\n")).digest("hex");
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => {
      const script = readFileSync(path.join(dir, name), "utf8");
      return { name, script, checksum: checksumOf(script) };
    });
}

/**
 * What must run, given what the database has applied — or why starting would be wrong. One
 * sequence for every database: an applied migration whose text changed, a migration the program
 * no longer has (the database is newer than the program), or a new migration that sorts before
 * one already applied (it would run in a different order than on a fresh database) is refused.
 */
export function plan(files: MigrationFile[], applied: Map<string, string | null>): MigrationFile[] {
  const known = new Set(files.map((f) => f.name));
  const unknown = [...applied.keys()].filter((name) => !known.has(name));
  if (unknown.length)
    throw new MigrationError(
      `Cơ sở dữ liệu đã chạy migration mà chương trình này không có (${unknown.join(", ")}): dữ liệu thuộc một phiên bản mới hơn. ` +
        `Hãy chạy phiên bản Cầu Nối mới nhất. (The database has migrations this program lacks: ${unknown.join(", ")}.)`,
    );
  const edited = files.filter((f) => {
    const sum = applied.get(f.name);
    return sum != null && sum !== f.checksum;
  });
  if (edited.length)
    throw new MigrationError(
      `Migration đã chạy bị sửa sau khi chạy: ${edited.map((f) => f.name).join(", ")}. Không sửa migration đã phát hành — ` +
        `hãy hoàn nguyên tệp và thêm một migration mới. (An applied migration was edited: ${edited.map((f) => f.name).join(", ")}.)`,
    );
  const pending = files.filter((f) => !applied.has(f.name));
  const lastApplied = [...applied.keys()].sort().at(-1);
  const early = lastApplied ? pending.filter((f) => f.name < lastApplied) : [];
  if (early.length)
    throw new MigrationError(
      `Migration mới ${early.map((f) => f.name).join(", ")} đứng trước ${lastApplied} đã chạy: trên cơ sở dữ liệu mới thứ tự sẽ khác. ` +
        `Hãy đặt số lớn hơn ${lastApplied} cho migration mới. (A new migration sorts before one already applied.)`,
    );
  return pending;
}

/** Holds PostgreSQL's advisory lock on one pooled connection while `work` runs on the others. */
async function underLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (!database.pool) return work(); // embedded: the data directory belongs to one process (lock.ts)
  const client = await database.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * Applies the plain-SQL migrations in order, each in its own transaction, once, and keeps each
 * one's checksum. Files are numbered by module (0001–0099 foundation, 0100 registry, 0200 voice,
 * 0300 relations, 0400 coordination and reporting, 0500 care, 0600 privacy, 0700 the enterprise side)
 * so modules can add tables without renumbering; a new migration takes a number above every applied one.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  return underLock(database, async () => {
    await database.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());" +
        "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text",
    );
    const files = migrationFiles(dir);
    const rows = await database.rows<{ name: string; checksum: string | null }>(sql`SELECT name, checksum FROM schema_migrations`);
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const pending = plan(files, applied);
    // Applied before checksums were kept: their text today is taken as what ran.
    for (const f of files) {
      if (applied.has(f.name) && applied.get(f.name) == null)
        await database.rows(sql`UPDATE schema_migrations SET checksum = ${f.checksum} WHERE name = ${f.name}`);
    }
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    for (const f of pending) {
      await database.exec(`BEGIN;\n${f.script}\n;INSERT INTO schema_migrations(name, checksum) VALUES (${quote(f.name)}, ${quote(f.checksum)});\nCOMMIT;`);
    }
    // Tables added after 0411 also move the figures' data version (reporting/figures.cache.ts).
    if (pending.length) await database.exec("SELECT ensure_figure_version_triggers()");
    return pending.map((f) => f.name);
  });
}
