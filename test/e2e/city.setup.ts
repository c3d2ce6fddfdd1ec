import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureAdmin } from "#server/bootstrap.ts";
import { openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { e2eConfig } from "./config.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PGlite data directory (tar) holding the migrated, seeded demo city; empty on PostgreSQL. */
    e2eCity: string;
  }
}

/**
 * Seeds the demo city once per browser-test run and hands every test file a copy (PGlite loads the
 * dumped data directory in about a second), instead of each file migrating and seeding its own for a
 * minute. On PostgreSQL (DATABASE_URL) each file still seeds its own database.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    project.provide("e2eCity", "");
    return () => undefined;
  }
  const started = Date.now();
  const database = await openDatabase({ dataDir: null });
  await migrate(database);
  await ensureAdmin(database, e2eConfig(), () => undefined);
  await seedDemo(database, { scale: "demo", seed: 1 });
  const dump = await database.pglite?.dumpDataDir("none");
  await database.close();
  if (!dump) throw new Error("PGlite did not dump its data directory");
  const file = path.join(tmpdir(), `caunoi-e2e-city-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  console.log(`e2e: demo city seeded once in ${((Date.now() - started) / 1000).toFixed(1)} s (${file})`);
  project.provide("e2eCity", file);
  return () => rmSync(file, { force: true });
}
