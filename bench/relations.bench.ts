/**
 * Benchmark of the early-warning score at city scale (≈3,000 enterprises, 650,000 people):
 * recomputing every enterprise's score (set-based: one signals query + three writes) and the
 * watch-list latency, against a baseline measured in the same run on the same database
 * (`SELECT count(*)` of enterprises joined to people). Targets: recompute ≤ 2 s on PostgreSQL,
 * watch list ≤ 200 ms.
 *
 *   npx tsx bench/relations.bench.ts [--no-pglite] [--no-postgres] [--runs 5]
 *   DATABASE_URL=postgres://… points at the server; each backend gets a fresh database seeded with
 *   `--scale city` (or pass --reuse-url to use an already seeded database as is).
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import type { RequestContext } from "#server/http/context.ts";
import { permissionsFor } from "#server/modules/access/access.policy.ts";
import { recomputeScores, watchlist } from "#server/modules/relations/risk.service.ts";
import { seedDemo } from "#server/seed/seed.ts";

export interface RelationsBenchResult {
  backend: "postgres" | "pglite";
  enterprises: number;
  people: number;
  requests: number | null;
  seedSeconds: number | null;
  baselineMs: number;
  recomputeMs: { median: number; max: number };
  watchlistMs: { median: number; p95: number };
  watchlistZoneMs: { median: number; p95: number };
  scored: number;
  notes: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

const cityCtx: RequestContext = {
  actor: {
    userId: 0,
    username: "bench",
    fullName: "Benchmark",
    role: "officer",
    bodyId: 0,
    bodyKind: "federation",
    bodyName: "bench",
    bodyPath: "/",
    locale: "vi",
    scope: { kind: "city" },
    permissions: permissionsFor("officer", "federation"),
    via: "token",
    sessionHash: null,
    csrfToken: null,
  },
  ip: "127.0.0.1",
  requestId: "bench",
};

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Measures one database (seeding it at city scale when it has no enterprises yet). */
export async function benchDatabase(database: Database, opts: { runs: number }): Promise<RelationsBenchResult> {
  const notes: string[] = [];
  let seedSeconds: number | null = null;
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises`);
  if ((count?.n ?? 0) < 1000) {
    const t = performance.now();
    await seedDemo(database, { scale: "city", seed: 1 });
    seedSeconds = round((performance.now() - t) / 1000);
  }
  const [sizes] = await database.rows<{ enterprises: number; people: number; voice: string | null }>(
    sql`SELECT (SELECT count(*)::int FROM enterprises) AS enterprises, (SELECT count(*)::int FROM people) AS people, to_regclass('voice_requests')::text AS voice`,
  );
  let requests: number | null = null;
  if (sizes?.voice) {
    const [r] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_requests`);
    requests = r?.n ?? 0;
  } else {
    notes.push("Bảng yêu cầu (voice) chưa có trên nhánh này: điểm chưa gồm tín hiệu yêu cầu/1.000 lao động (voice tables absent on this branch)");
  }
  const baseline: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    baseline.push(await time(() => database.rows(sql`SELECT count(*)::int AS n FROM enterprises e JOIN people p ON p.enterprise_id = e.id`)));
  }
  const recompute: number[] = [];
  let scored = 0;
  for (let i = 0; i < opts.runs; i++) {
    recompute.push(
      await time(async () => {
        scored = (await recomputeScores(database)).enterprises;
      }),
    );
  }
  const [zone] = await database.rows<{ id: number }>(sql`SELECT zone_id AS id FROM enterprises GROUP BY zone_id ORDER BY count(*) DESC LIMIT 1`);
  const wl: number[] = [];
  const wlZone: number[] = [];
  for (let i = 0; i < opts.runs * 4; i++) {
    wl.push(await time(() => watchlist(database, cityCtx, { limit: 50, minScore: 0.01 })));
    wlZone.push(await time(() => watchlist(database, cityCtx, { zone: zone?.id, limit: 50, minScore: 0.01 })));
  }
  return {
    backend: database.kind,
    enterprises: sizes?.enterprises ?? 0,
    people: sizes?.people ?? 0,
    requests,
    seedSeconds,
    baselineMs: round(median(baseline)),
    recomputeMs: { median: round(median(recompute)), max: round(Math.max(...recompute)) },
    watchlistMs: { median: round(median(wl)), p95: round(p95(wl)) },
    watchlistZoneMs: { median: round(median(wlZone)), p95: round(p95(wlZone)) },
    scored,
    notes,
  };
}

/** Runs the benchmark on PostgreSQL (DATABASE_URL) and/or in-memory PGlite; returns the numbers. */
export async function runRelationsBench(
  opts: { url?: string | undefined; reuseUrl?: boolean; postgres?: boolean; pglite?: boolean; runs?: number; log?: (s: string) => void } = {},
): Promise<RelationsBenchResult[]> {
  const runs = opts.runs ?? 5;
  const log = opts.log ?? (() => undefined);
  const results: RelationsBenchResult[] = [];
  const url = opts.url ?? process.env.DATABASE_URL;
  if (opts.postgres !== false && url) {
    if (opts.reuseUrl) {
      const database = await openDatabase({ url });
      await migrate(database);
      try {
        results.push(await benchDatabase(database, { runs }));
      } finally {
        await database.close();
      }
    } else {
      const name = `caunoi_relbench_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      const database = await openDatabase({ url: u.toString() });
      try {
        await migrate(database);
        log("PostgreSQL: seeding city scale…");
        results.push(await benchDatabase(database, { runs }));
      } finally {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      }
    }
    log(JSON.stringify(results.at(-1)));
  }
  if (opts.pglite !== false) {
    const database = await openDatabase({ dataDir: null });
    try {
      await migrate(database);
      log("PGlite: seeding city scale…");
      results.push(await benchDatabase(database, { runs }));
    } finally {
      await database.close();
    }
    log(JSON.stringify(results.at(-1)));
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const flag = (f: string) => process.argv.includes(f);
  const runsIdx = process.argv.indexOf("--runs");
  const results = await runRelationsBench({
    postgres: !flag("--no-postgres"),
    pglite: !flag("--no-pglite"),
    reuseUrl: flag("--reuse-url"),
    runs: runsIdx >= 0 ? Number(process.argv[runsIdx + 1]) : 5,
    log: (s) => console.log(s),
  });
  for (const r of results) {
    console.log(
      `${r.backend}: ${r.enterprises} enterprises, ${r.people} people, requests ${r.requests ?? "n/a"}; baseline count(*) join ${r.baselineMs} ms; ` +
        `recompute all ${r.recomputeMs.median} ms (max ${r.recomputeMs.max}; target ≤ 2000 on PostgreSQL); watch list ${r.watchlistMs.median} ms (p95 ${r.watchlistMs.p95}), ` +
        `one zone ${r.watchlistZoneMs.median} ms (target ≤ 200); ${r.scored} enterprises scored${r.notes.length ? `; ${r.notes.join("; ")}` : ""}`,
    );
  }
}
