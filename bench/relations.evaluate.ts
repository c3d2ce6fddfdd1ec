/**
 * Honest evaluation of the early-warning watch list on GENERATED data: seeds a fresh city (the
 * seeder plants enterprises that later have a work stoppage), then asks how many stoppages the
 * watch list had in its top k some days before each. Prints the figures; they describe the
 * generator as much as the score.
 *
 *   npx tsx bench/relations.evaluate.ts [--scale demo|city] [--k 10] [--lead 30] [--seed 1]
 *   (with DATABASE_URL: a new database on that server; without: in-memory PGlite)
 */
import { evaluateWatchlist } from "#server/modules/relations/evaluation.service.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { freshDatabase as fresh } from "../test/support/db.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

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
