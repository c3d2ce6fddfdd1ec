/**
 * Honest evaluation of the early-warning watch list on GENERATED data: seeds a fresh city (the
 * seeder plants enterprises that later have a work stoppage), then asks how many stoppages the
 * watch list had in its top k some days before each. Prints the figures; they describe the
 * generator as much as the score.
 *
 *   npx tsx bench/relations.evaluate.ts [--scale demo|city] [--k 10] [--lead 30] [--seed 1]
 *   (with DATABASE_URL: a new database on that server; without: in-memory PGlite)
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import { evaluateWatchlist } from "#server/modules/relations/evaluation.service.ts";
import { seedDemo } from "#server/seed/seed.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

async function fresh(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: null });
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `caunoi_eval_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const scale = arg("scale", "demo") as "demo" | "city";
const { database, drop } = await fresh();
try {
  const t0 = performance.now();
  await seedDemo(database, { scale, seed: Number(arg("seed", "1")), today: arg("today", new Date().toISOString().slice(0, 10)), log: (l) => console.log(l) });
  console.log(`seeded ${scale} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${database.kind})`);
  for (const k of arg("k", "5,10,20").split(",").map(Number)) {
    const r = await evaluateWatchlist(database, { k, horizonDays: 60, leadDays: Number(arg("lead", "30")) });
    console.log(
      `k=${k}: precision@k=${r.precisionAtK} recall@k=${r.recallAtK} stoppages caught ${r.stoppages.filter((s) => s.inTopK).length}/${r.stoppages.length} (${r.cutoffs.length} monthly cut-offs)`,
    );
    console.log(`  ${r.statement}`);
  }
} finally {
  await drop();
}
