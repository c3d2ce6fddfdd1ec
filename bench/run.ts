/**
 * `npm run bench`: every module's benchmark on city-scale data, on the embedded database and, with
 * DATABASE_URL, on PostgreSQL. Each benchmark measures its own baseline in the same run (a raw COPY, a
 * trivial route, a bare count) and reports the ratio, so the numbers compare across machines.
 * Prints a table and writes bench/results/latest.json.
 *
 *   npm run bench                                   # PGlite only where a benchmark supports it
 *   DATABASE_URL=postgres://… npm run bench         # PGlite and PostgreSQL
 *   npm run bench -- --only registry                # one module
 *   npm run bench -- --only national [--scale 0.05] # opt-in: the national rehearsal (minutes of seeding; never in the default run)
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: "string" }, scale: { type: "string" } } });
const databaseUrl = process.env.DATABASE_URL || undefined;
const log = (l: string) => console.log(`  ${l}`);

/** How to call each module's benchmark; each handles both backends itself. `optIn`: only with `--only <module>`. */
const benches: { module: string; file: string; optIn?: boolean; run: (mod: Record<string, unknown>) => Promise<unknown> }[] = [
  { module: "registry", file: "registry.bench.ts", run: (m) => (m.runRegistryBench as (o: object) => Promise<unknown>)({ databaseUrl, log }) },
  {
    module: "relations",
    file: "relations.bench.ts",
    run: (m) => (m.runRelationsBench as (o: object) => Promise<unknown>)({ url: databaseUrl, postgres: Boolean(databaseUrl), pglite: true, log }),
  },
  // Job pick-up after a killed worker (child processes on PostgreSQL; ≈ 3 minutes).
  { module: "jobs", file: "jobs.bench.ts", run: (m) => (m.runJobsBench as (o: object) => Promise<unknown>)({ databaseUrl, log }) },
  { module: "voice", file: "voice.bench.ts", run: (m) => (m.runVoiceBench as (o: object) => Promise<unknown>)({ databaseUrl, backend: "postgres", log }) },
  {
    module: "reporting",
    file: "reporting.bench.ts",
    // PostgreSQL at Hải Phòng's scale (the target's backend); PGlite on a smaller city (one in-process
    // connection: the embedded database is for one office, not a city's dashboard).
    run: async (m) => {
      const bench = m.runReportingBench as (o: object) => Promise<unknown>;
      return {
        postgres: databaseUrl ? await bench({ backend: "postgres", databaseUrl, log }) : null,
        pglite: await bench({ backend: "pglite", enterprises: 500, log }),
      };
    },
  },
  {
    // One server against two behind HAProxy, and the read replica's replay lag (PostgreSQL only).
    module: "scale-out",
    file: "scale-out.bench.ts",
    run: (m) => (m.runScaleOutBench as (o: object) => Promise<unknown>)({ databaseUrl, log }),
  },
  {
    // A country-sized registry seeded into its own database (caunoi_national) on PostgreSQL: minutes of
    // seeding even at --scale 0.05, so never part of the default run. Prints its own table of targets.
    module: "national",
    file: "national.bench.ts",
    optIn: true,
    run: async (m) => {
      const result = await (m.runNationalBench as (o: object) => Promise<unknown>)({ scale: Number(values.scale ?? 0.05), log });
      (m.printNational as (r: unknown) => void)(result);
      return result;
    },
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
  if (values.only ? b.module !== values.only : b.optIn) continue;
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
// The headline figures against the issues' targets, each beside the baseline measured in the same run.
type Flat = Record<string, unknown>;
const flat = (module: string): Flat => results.find((r) => r.module === module)?.result ?? {};
const num = (f: Flat, k: string) => (typeof f[k] === "number" ? (f[k] as number) : undefined);
const headlines: { what: string; baseline: string; value: number | undefined; unit: string; target: string; met?: (v: number) => boolean }[] = [];
for (const b of ["postgres", "pglite"]) {
  const r = flat("registry");
  if (num(r, `${b}.importVsCopy`) === undefined) continue;
  headlines.push(
    {
      what: `member import ÷ COPY, ${b} (${num(r, `${b}.rows`)} rows)`,
      // The floor (COPY into the real schema, no checks) bounds what any import can reach here.
      baseline: `COPY ${num(r, `${b}.copyRowsPerSecond`)?.toFixed(0)} rows/s; floor ${num(r, `${b}.floor.vsCopy`)?.toFixed(3)} ×`,
      value: num(r, `${b}.importVsCopy`),
      unit: "×",
      target: "≥ 0.5",
      met: (v) => v >= 0.5,
    },
    {
      what: `member import peak RSS, ${b}`,
      baseline: `${num(r, `${b}.rssBeforeMb`)?.toFixed(0)} MB before`,
      value: num(r, `${b}.peakRssMb`),
      unit: "MB",
      target: "streamed",
    },
    {
      what: `search p95, ${b}`,
      baseline: `p50 ${num(r, `${b}.search.p50`)?.toFixed(1)} ms`,
      value: num(r, `${b}.search.p95`),
      unit: "ms",
      target: "≤ 50",
      met: (v) => v <= 50,
    },
  );
}
const rel = flat("relations");
for (const i of ["0", "1"]) {
  if (num(rel, `${i}.recomputeMs.median`) === undefined) continue;
  const be = String(rel[`${i}.backend`]);
  headlines.push(
    {
      what: `risk recompute, ${be}`,
      baseline: `count ${num(rel, `${i}.baselineMs`)?.toFixed(0)} ms`,
      value: num(rel, `${i}.recomputeMs.median`),
      unit: "ms",
      target: "≤ 2000",
      met: (v) => v <= 2000,
    },
    {
      what: `watch list p50, ${be}`,
      baseline: `count ${num(rel, `${i}.baselineMs`)?.toFixed(0)} ms`,
      value: num(rel, `${i}.watchlistMs.median`),
      unit: "ms",
      target: "≤ 200",
      met: (v) => v <= 200,
    },
  );
}
const voice = flat("voice");
if (num(voice, "submitPerSecond") !== undefined) {
  const health = `health ${num(voice, "healthPerSecond")}/s`;
  headlines.push(
    { what: "public submissions/s", baseline: health, value: num(voice, "submitPerSecond"), unit: "/s", target: "≥ 2000", met: (v) => v >= 2000 },
    {
      what: "public submission p99",
      baseline: `health p99 ${num(voice, "healthP99Ms")} ms`,
      value: num(voice, "submitP99Ms"),
      unit: "ms",
      target: "< 100",
      met: (v) => v < 100,
    },
    { what: "public submission errors", baseline: "", value: num(voice, "submitErrors"), unit: "", target: "0", met: (v) => v === 0 },
  );
}
const rep = flat("reporting");
for (const b of ["postgres", "pglite"]) {
  if (num(rep, `${b}.dashboardP50Ms`) === undefined) continue;
  const health = `health ${num(rep, `${b}.baselineHealthMs`)?.toFixed(1)} ms`;
  const size = `${num(rep, `${b}.enterprises`)} enterprises`;
  headlines.push(
    {
      what: `dashboard after any change (every figure computed) p50, ${b} (${size})`,
      baseline: health,
      value: num(rep, `${b}.dashboardAfterWriteP50Ms`),
      unit: "ms",
      target: "≤ 300",
      met: (v) => v <= 300,
    },
    {
      what: `dashboard viewed again, nothing changed, p50, ${b}`,
      baseline: health,
      value: num(rep, `${b}.dashboardP50Ms`),
      unit: "ms",
      target: "≤ 300",
      met: (v) => v <= 300,
    },
    { what: `yearly joint report .docx, ${b}`, baseline: health, value: num(rep, `${b}.reportDocxMs`), unit: "ms", target: "≤ 5000", met: (v) => v <= 5000 },
  );
}
if (headlines.length) {
  console.log("\n| headline | baseline, same run | result | target | met |\n| --- | --- | --- | --- | --- |");
  for (const h of headlines) {
    const v = h.value === undefined ? "—" : `${Number(h.value.toFixed(h.unit === "×" ? 3 : 1))} ${h.unit}`;
    const met = h.value === undefined || !h.met ? "" : h.met(h.value) ? "yes" : "NO";
    console.log(`| ${h.what} | ${h.baseline} | ${v} | ${h.target} | ${met} |`);
  }
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
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, databaseUrl: databaseUrl ? "set" : "unset", headlines, results }, null, 2));
console.log(`\n${out}`);
process.exit(results.some((r) => r.error) ? 1 : 0);
