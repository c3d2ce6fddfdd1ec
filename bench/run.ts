/**
 * `npm run bench`: every module's benchmark on a city-scale data set, on the embedded database and,
 * with DATABASE_URL, on PostgreSQL. Each benchmark measures its own baseline in the same run (a raw
 * COPY, a trivial route, a bare count) and reports the ratio, so numbers compare across machines.
 * Prints a table and writes bench/results/latest.json.
 *
 *   npm run bench                          # PGlite only
 *   DATABASE_URL=postgres://… npm run bench  # PGlite and PostgreSQL
 *   npm run bench -- --only registry       # one module
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export type BenchBackend = "pglite" | "postgres";
export interface BenchOptions {
  backend: BenchBackend;
  /** Server URL for "postgres"; each benchmark creates and drops its own database. */
  databaseUrl?: string | undefined;
  log: (line: string) => void;
}
export type BenchResult = Record<string, number | string | boolean | null>;
export type BenchFunction = (opts: BenchOptions) => Promise<BenchResult>;

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: "string" }, backend: { type: "string" } } });

const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !values.only || f.startsWith(values.only))
  .sort();
const backends: BenchBackend[] = values.backend ? [values.backend as BenchBackend] : process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

const results: { module: string; backend: BenchBackend; result?: BenchResult; error?: string; seconds: number }[] = [];
for (const file of files) {
  const mod = (await import(path.join(here, file))) as Record<string, unknown>;
  const fns = Object.entries(mod).filter(([name, fn]) => /^run\w*Bench$/.test(name) && typeof fn === "function") as [string, BenchFunction][];
  for (const [name, fn] of fns) {
    for (const backend of backends) {
      const t = Date.now();
      console.log(`\n▶ ${name} on ${backend}`);
      try {
        const result = await fn({ backend, databaseUrl: backend === "postgres" ? process.env.DATABASE_URL : undefined, log: (l) => console.log(`  ${l}`) });
        results.push({ module: file.replace(".bench.ts", ""), backend, result, seconds: (Date.now() - t) / 1000 });
      } catch (err) {
        console.error(`  ✗ ${err instanceof Error ? err.stack : err}`);
        results.push({ module: file.replace(".bench.ts", ""), backend, error: String(err), seconds: (Date.now() - t) / 1000 });
      }
    }
  }
}

console.log("\n| module | backend | metric | value |\n| --- | --- | --- | --- |");
for (const r of results) {
  if (r.error) console.log(`| ${r.module} | ${r.backend} | error | ${r.error.slice(0, 80)} |`);
  for (const [k, v] of Object.entries(r.result ?? {}))
    console.log(`| ${r.module} | ${r.backend} | ${k} | ${typeof v === "number" ? Number(v.toFixed(2)) : v} |`);
}
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
mkdirSync(path.join(here, "results"), { recursive: true });
const out = path.join(here, "results", "latest.json");
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2));
console.log(`\n${out}`);
process.exit(results.some((r) => r.error) ? 1 : 0);
