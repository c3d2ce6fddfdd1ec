/**
 * `npm run bench`: every module's benchmark on city-scale data, on the embedded database and, with
 * DATABASE_URL, on PostgreSQL. Each benchmark measures its own baseline in the same run (a raw COPY, a
 * trivial route, a bare count) and reports the ratio, so the numbers compare across machines.
 * Prints a table and writes bench/results/latest.json.
 *
 *   npm run bench                                   # PGlite only where a benchmark supports it
 *   DATABASE_URL=postgres://… npm run bench         # PGlite and PostgreSQL
 *   npm run bench -- --only registry                # one module
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: "string" } } });
const databaseUrl = process.env.DATABASE_URL || undefined;
const log = (l: string) => console.log(`  ${l}`);

/** How to call each module's benchmark; each handles both backends itself. */
const benches: { module: string; file: string; run: (mod: Record<string, unknown>) => Promise<unknown> }[] = [
  { module: "registry", file: "registry.bench.ts", run: (m) => (m.runRegistryBench as (o: object) => Promise<unknown>)({ databaseUrl, log }) },
  {
    module: "relations",
    file: "relations.bench.ts",
    run: (m) => (m.runRelationsBench as (o: object) => Promise<unknown>)({ url: databaseUrl, postgres: Boolean(databaseUrl), pglite: true, log }),
  },
  { module: "voice", file: "voice.bench.ts", run: (m) => (m.runVoiceBench as (o: object) => Promise<unknown>)({ databaseUrl, backend: "postgres", log }) },
  {
    module: "reporting",
    file: "reporting.bench.ts",
    run: (m) => (m.runReportingBench as (o: object) => Promise<unknown>)({ databaseUrl, url: databaseUrl, log }),
  },
];

/** Nested results become "a.b.c" → number|string rows. */
function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

const results: { module: string; seconds: number; result?: Record<string, unknown>; error?: string }[] = [];
for (const b of benches) {
  if (values.only && b.module !== values.only) continue;
  const file = path.join(here, b.file);
  if (!existsSync(file)) continue;
  console.log(`\n▶ ${b.module}`);
  const t = Date.now();
  try {
    const mod = (await import(file)) as Record<string, unknown>;
    results.push({ module: b.module, seconds: (Date.now() - t) / 1000, result: flatten(await b.run(mod), "", {}) });
  } catch (err) {
    console.error(`  ✗ ${err instanceof Error ? err.stack : err}`);
    results.push({ module: b.module, seconds: (Date.now() - t) / 1000, error: String(err) });
  }
}

console.log("\n| module | metric | value |\n| --- | --- | --- |");
for (const r of results) {
  if (r.error) console.log(`| ${r.module} | error | ${r.error.slice(0, 100)} |`);
  for (const [k, v] of Object.entries(r.result ?? {})) console.log(`| ${r.module} | ${k} | ${typeof v === "number" ? Number(v.toFixed(2)) : v} |`);
}
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverage: os.loadavg(),
};
mkdirSync(path.join(here, "results"), { recursive: true });
const out = path.join(here, "results", "latest.json");
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, databaseUrl: databaseUrl ? "set" : "unset", results }, null, 2));
console.log(`\n${out}`);
process.exit(results.some((r) => r.error) ? 1 : 0);
