import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies the plain-SQL migrations in order, each in its own transaction, once.
 * Files are numbered by module (0001–0099 foundation, 0100 registry, 0200 voice, 0300 relations,
 * 0400 coordination and reporting, 0500 care) so modules can add tables without renumbering.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
  const done = new Set((await database.rows<{ name: string }>(sql`SELECT name FROM schema_migrations`)).map((r) => r.name));
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const script = readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    await database.exec(`BEGIN;\n${script}\n;INSERT INTO schema_migrations(name) VALUES ('${file.replace(/'/g, "''")}');\nCOMMIT;`);
    applied.push(file);
  }
  // Tables added after 0411 also move the figures' data version (reporting/figures.cache.ts).
  if (applied.length) await database.exec("SELECT ensure_figure_version_triggers()");
  return applied;
}
