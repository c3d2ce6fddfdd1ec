/**
 * Reporting benchmark: the leaders' dashboard (target ≤ 300 ms at city scale on PostgreSQL) and the
 * yearly joint report as .docx (target ≤ 5 s), with a baseline measured in the same run (the
 * `/api/health` route and a bare count), and how long a health check waits while a report is being
 * generated (generation must not block other requests for long).
 *
 * Runs through the whole app (`app.inject`: routing, auth, scoping, serialisation), signed in as the
 * demo leader. By default it seeds its own city (3,000 enterprises, ~650,000 people) in a fresh
 * database and drops it; `REPORTING_BENCH_DB=postgres://…/db` reuses an already seeded database
 * (`caunoi seed --scale city`), `REPORTING_BENCH_ENTERPRISES=N` seeds a smaller city.
 *
 *   npx tsx bench/reporting.bench.ts                         # PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1/postgres npx tsx bench/reporting.bench.ts
 *   REPORTING_BENCH_DB=postgres://postgres@127.0.0.1/caunoi_city npx tsx bench/reporting.bench.ts
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import { hashPassword } from "#server/modules/access/auth.service.ts";
import { DEMO_PASSWORD, seedDemo } from "#server/seed/seed.ts";
import type { Scope } from "#server/modules/access/index.ts";
import { coordinationFigures } from "#server/modules/coordination/index.ts";
import { figureProviders } from "#server/modules/providers.ts";
import { parsePeriod } from "#server/modules/reporting/period.ts";

export interface ReportingBenchOptions {
  backend: "pglite" | "postgres";
  databaseUrl?: string | undefined;
  /** A seeded database to use as it is (not dropped). */
  reuseUrl?: string | undefined;
  /** Enterprises of the seeded city (3,000 = Hải Phòng's scale). */
  enterprises?: number | undefined;
  runs?: number | undefined;
  log?: (line: string) => void;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN;
};
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/**
 * Each figure provider timed on its own for one scope (the dashboard runs them at once, so their
 * times overlap there): the median of `runs` calls, in milliseconds, keyed by the provider's name.
 */
async function timeProviders(database: Database, scope: Scope, period: string, runs: number): Promise<Record<string, number>> {
  const p = parsePeriod(period);
  const named: [string, () => Promise<unknown>][] = [
    ["coordination", () => coordinationFigures(database, scope, p)],
    ...figureProviders.map((f): [string, () => Promise<unknown>] => [f.name.replace(/Figures$/, ""), () => f(database, scope, p)]),
  ];
  const out: Record<string, number> = {};
  for (const [name, run] of named) {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push((await time(run))[0]);
    out[name] = median(ms);
  }
  return out;
}

/** The scope a viewer of this body has (as `access` builds it at sign-in). */
async function scopeOfBody(database: Database, bodyId: number): Promise<Scope> {
  const [b] = await database.rows<{ kind: string; path: string; zones: number[] | null; enterprises: number[] | null }>(
    sql`SELECT b.kind, b.path, (SELECT array_agg(z.id) FROM zones z WHERE z.zone_union_id = b.id) AS zones,
          (SELECT array_agg(ue.enterprise_id) FROM union_enterprises ue WHERE ue.union_id = b.id) AS enterprises
        FROM bodies b WHERE b.id = ${bodyId}`,
  );
  if (b?.kind === "zone_union") return { kind: "zones", bodyPath: b.path, zoneIds: b.zones ?? [] };
  if (b?.kind === "grassroots_union") return { kind: "union", unionIds: [bodyId], enterpriseIds: b.enterprises ?? [] };
  return { kind: "city" };
}

async function openBenchDatabase(
  opts: ReportingBenchOptions,
  log: (l: string) => void,
): Promise<{ database: Database; drop: () => Promise<void>; seeded: boolean }> {
  if (opts.reuseUrl) {
    const database = await openDatabase({ url: opts.reuseUrl });
    await migrate(database);
    return { database, drop: () => database.close(), seeded: true };
  }
  if (opts.backend === "postgres") {
    if (!opts.databaseUrl) throw new Error("DATABASE_URL is needed for the postgres backend");
    const name = `caunoi_bench_reporting_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: opts.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(opts.databaseUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    await migrate(database);
    log(`created ${name}`);
    return {
      database,
      seeded: false,
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: opts.databaseUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const database = await openDatabase({ dataDir: null });
  await migrate(database);
  return { database, drop: () => database.close(), seeded: false };
}

/** Measures the dashboard and the joint report; returns the numbers (milliseconds unless named). */
export async function runReportingBench(opts: ReportingBenchOptions): Promise<Record<string, number | string>> {
  const log = opts.log ?? (() => undefined);
  const runs = opts.runs ?? 10;
  const { database, drop, seeded } = await openBenchDatabase(opts, log);
  try {
    const [have] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises`);
    let seedSeconds = 0;
    if (!seeded || (have?.n ?? 0) === 0) {
      const enterprises = opts.enterprises ?? 3000;
      log(`seeding a city of ${enterprises} enterprises…`);
      const [ms] = await time(() => seedDemo(database, { scale: "city", seed: 1, enterprises, log }));
      seedSeconds = ms / 1000;
    }
    const [counts] = await database.rows<{ enterprises: number; people: number; memberships: number }>(
      sql`SELECT (SELECT count(*)::int FROM enterprises) AS enterprises, (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM memberships) AS memberships`,
    );
    const config = loadConfig({
      LOG_LEVEL: "silent",
      DATA_DIR: `/tmp/caunoi-bench-${randomBytes(4).toString("hex")}`,
      SESSION_SECRET: "b".repeat(40),
      LOGIN_RATE_LIMIT: "10000",
    });
    const app = await buildApp({ config, database });
    await app.ready();
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "lanhdao", password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const setCookie = login.headers["set-cookie"];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
    const get = async (url: string) => {
      const res = await app.inject({ method: "GET", url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const year = new Date().getFullYear();

    // Baseline, same run: a trivial route and a bare count.
    const health: number[] = [];
    const count: number[] = [];
    for (let i = 0; i < 20; i++) {
      health.push((await time(() => get("/api/health")))[0]);
      count.push((await time(() => database.rows(sql`SELECT count(*) FROM zones`)))[0]);
    }
    const [membersCount] = await time(() => database.rows(sql`SELECT count(*) FROM memberships`));

    // Dashboard: the first call, then the first view after a change (a write to any data table
    // moves the figures' data version, so every figure is computed again), then repeated calls
    // while nothing changes (this year, last year, a zone).
    const [dashboardCold] = await time(() => get(`/api/reports/dashboard?period=${year}`));
    const afterWrite: number[] = [];
    for (let i = 0; i < Math.max(runs, 20); i++) {
      await database.rows(sql`UPDATE zones SET name = name WHERE id = (SELECT min(id) FROM zones)`);
      afterWrite.push((await time(() => get(`/api/reports/dashboard?period=${year}`)))[0]);
    }
    const dash: number[] = [];
    for (let i = 0; i < runs; i++) dash.push((await time(() => get(`/api/reports/dashboard?period=${year}`)))[0]);
    const dashLast: number[] = [];
    for (let i = 0; i < Math.ceil(runs / 2); i++) dashLast.push((await time(() => get(`/api/reports/dashboard?period=${year - 1}`)))[0]);
    const [zone] = await database.rows<{ id: number }>(sql`SELECT zone_id AS id FROM enterprises GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const dashZone: number[] = [];
    for (let i = 0; i < Math.ceil(runs / 2); i++) dashZone.push((await time(() => get(`/api/reports/dashboard?period=${year}&zoneId=${zone?.id}`)))[0]);

    // The first view after a change in the other scopes: the zone union covering the most members, and
    // the largest grassroots union, each signed in as its own viewer (their scope filters every figure).
    const [zoneUnion] = await database.rows<{ id: number; path: string }>(
      sql`SELECT b.id, b.path FROM bodies b WHERE b.kind = 'zone_union'
          ORDER BY (SELECT count(*) FROM memberships m JOIN bodies u ON u.id = m.union_id WHERE m.valid_to IS NULL AND u.path LIKE b.path || '%') DESC LIMIT 1`,
    );
    const [grassroots] = await database.rows<{ id: number }>(
      sql`SELECT m.union_id AS id FROM memberships m WHERE m.valid_to IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const scoped = async (bodyId: number | undefined, username: string) => {
      if (!bodyId) return [] as number[];
      const hash = await hashPassword(DEMO_PASSWORD);
      await database.rows(
        sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES (${username}, ${username}, ${hash}, 'viewer', ${bodyId})
            ON CONFLICT (lower(username)) DO UPDATE SET body_id = EXCLUDED.body_id, password_hash = EXCLUDED.password_hash`,
      );
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const c = (Array.isArray(res.headers["set-cookie"]) ? res.headers["set-cookie"][0] : res.headers["set-cookie"])?.split(";")[0] ?? "";
      const out: number[] = [];
      // 20 views at least: with 10 the "p95" is the slowest single view.
      for (let i = 0; i < Math.max(runs, 20); i++) {
        await database.rows(sql`UPDATE zones SET name = name WHERE id = (SELECT min(id) FROM zones)`);
        const [ms, r] = await time(() => app.inject({ method: "GET", url: `/api/reports/dashboard?period=${year}`, headers: { cookie: c } }));
        if (r.statusCode !== 200) throw new Error(`dashboard as ${username}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        out.push(ms);
      }
      return out;
    };
    const zoneUnionAfterWrite = await scoped(zoneUnion?.id, "bench.ldld.khu");
    const grassrootsAfterWrite = await scoped(grassroots?.id, "bench.cdcs");

    // Where each scope's first view goes: every provider on its own, this year (nothing is kept:
    // providers are called below the figure cache).
    const providerMs: Record<string, number> = {};
    for (const [name, scope] of [
      ["city", { kind: "city" } as Scope],
      ["zoneUnion", zoneUnion ? await scopeOfBody(database, zoneUnion.id) : null],
      ["grassroots", grassroots ? await scopeOfBody(database, grassroots.id) : null],
    ] as const) {
      if (!scope) continue;
      for (const [provider, ms] of Object.entries(await timeProviders(database, scope, String(year), 3))) providerMs[`provider.${name}.${provider}Ms`] = ms;
    }

    // The yearly report (last year, complete) as .docx and .xlsx.
    const docx: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const [ms, res] = await time(() => get(`/api/reports/joint.docx?period=${year - 1}`));
      docx.push(ms);
      bytes = res.rawPayload.length;
    }
    const [xlsx] = await time(() => get(`/api/reports/joint.xlsx?period=${year - 1}`));
    const [half] = await time(() => get(`/api/reports/joint.docx?period=${year}-H1`));

    // Does a report block other requests? Health checks fired every 25 ms while a report is generated.
    const waits: number[] = [];
    let generating = true;
    const report = get(`/api/reports/joint.docx?period=${year - 1}`).finally(() => {
      generating = false;
    });
    while (generating) {
      waits.push((await time(() => get("/api/health")))[0]);
      await new Promise((r) => setTimeout(r, 25));
    }
    await report;
    await app.close();

    const result = {
      backend: opts.reuseUrl ? "postgres (seeded)" : opts.backend,
      enterprises: counts?.enterprises ?? 0,
      people: counts?.people ?? 0,
      memberships: counts?.memberships ?? 0,
      seedSeconds: Math.round(seedSeconds),
      baselineHealthMs: median(health),
      baselineCountMs: median(count),
      baselineCountMembershipsMs: membersCount,
      dashboardFirstMs: dashboardCold,
      dashboardAfterWriteP50Ms: median(afterWrite),
      dashboardAfterWriteP95Ms: p95(afterWrite),
      dashboardP50Ms: median(dash),
      dashboardP95Ms: p95(dash),
      dashboardLastYearP50Ms: median(dashLast),
      dashboardZoneP50Ms: median(dashZone),
      dashboardZoneUnionAfterWriteP50Ms: median(zoneUnionAfterWrite),
      dashboardZoneUnionAfterWriteP95Ms: p95(zoneUnionAfterWrite),
      dashboardGrassrootsAfterWriteP50Ms: median(grassrootsAfterWrite),
      dashboardGrassrootsAfterWriteP95Ms: p95(grassrootsAfterWrite),
      ...providerMs,
      dashboardVsHealth: median(dash) / median(health),
      reportDocxMs: median(docx),
      reportDocxBytes: bytes,
      reportXlsxMs: xlsx,
      reportHalfYearDocxMs: half,
      healthDuringReportMaxMs: Math.max(...waits),
      healthDuringReportP50Ms: median(waits),
      dashboardTargetMs: 300,
      reportTargetMs: 5000,
    };
    return result;
  } finally {
    await drop();
  }
}

// Run on its own: `npx tsx bench/reporting.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.REPORTING_BENCH_DB;
  const backend = url || process.env.DATABASE_URL ? "postgres" : "pglite";
  const result = await runReportingBench({
    backend,
    databaseUrl: process.env.DATABASE_URL,
    reuseUrl: url,
    enterprises: process.env.REPORTING_BENCH_ENTERPRISES ? Number(process.env.REPORTING_BENCH_ENTERPRISES) : undefined,
    log: (l) => console.log(`  ${l}`),
  });
  console.table(Object.entries(result).map(([metric, value]) => ({ metric, value: typeof value === "number" ? Number(value.toFixed(1)) : value })));
  process.exit(0);
}
