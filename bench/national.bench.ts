/**
 * The national rehearsal (issue #20, part 6): a country-sized registry on one PostgreSQL, measured.
 *
 *   npx tsx bench/national.bench.ts --scale 0.05            # ≈ 500.000 people, 6.000 unions
 *   npx tsx bench/national.bench.ts --scale 0.2 --keep      # ≈ 2 million; keeps caunoi_national
 *   npx tsx bench/national.bench.ts --reuse                 # measures a kept caunoi_national again
 *   npm run bench -- --only national                        # opt-in from the bench runner (--scale 0.05)
 *
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the benchmark
 * creates `caunoi_national` on it (bench/national.seed.ts: ≈ 10 million people, 34 provinces, 120.000
 * unions at `--scale 1`) and drops it at the end unless `--keep`. It then measures, calling the
 * services the routes call: the search box (common name, diacritic-free, citizen ID, phone) for a
 * national and a provincial officer; the leaders' dashboard's first view after a change for the
 * country, a province, a zone union and a grassroots union; the early warning's recompute and watch
 * list; and a 10.000-row member import beside a bare COPY of the same file. It prints p50/p95 against
 * the targets of README/BENCHMARKS.md, and for each target missed the plan (EXPLAIN ANALYZE) of the
 * slowest statement seen while measuring it. Numbers go to bench/results/national-<scale>.json.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { unlink } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import type { RequestContext } from "#server/http/context.ts";
import { type Scope, permissions } from "#server/modules/access/access.policy.ts";
import { createImportJob } from "#server/modules/registry/import.jobs.ts";
import { importMembers } from "#server/modules/registry/import.service.ts";
import { search } from "#server/modules/registry/search.service.ts";
import { recomputeScores, watchlist } from "#server/modules/relations/risk.service.ts";
import { dashboard } from "#server/modules/reporting/dashboard.service.ts";
import { parsePeriod } from "#server/modules/reporting/period.ts";
import { familyNames, givenNamesFemale, givenNamesMale, middleNamesFemale, middleNamesMale } from "#server/seed/names.ts";
import { Rng } from "#server/seed/rng.ts";
import { citizenIdCenturyDigit } from "#shared/identifiers.ts";
import { fold } from "#shared/text.ts";
import { type NationalWorld, seedNational } from "./national.seed.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const DB_NAME = "caunoi_national";

export interface NationalRow {
  what: string;
  n: number;
  p50: number;
  p95: number;
  target: string;
  /** The figure judged against the target (p95, or p50 where the project's target is a median). */
  met: boolean | null;
  why?: string;
  /** For a target missed: the slowest statements seen, and the plan of the slowest read. */
  top?: string[];
  explain?: string;
}

export interface NationalResult {
  scale: number;
  seeded: boolean;
  seedSeconds: number | null;
  counts: Record<string, number>;
  baseline: { roundTripMs: number; countPeopleMs: number };
  rows: NationalRow[];
  machine: { cpus: number; loadAverage: number[] };
}

// ── Statements seen while measuring (every pg client's query is timed), for the EXPLAIN of the worst.
interface Seen {
  text: string;
  values: unknown[] | undefined;
  ms: number;
}
let seen: Seen[] | null = null;
const originalQuery = pg.Client.prototype.query;
function recordStatements() {
  // biome-ignore lint/suspicious/noExplicitAny: wraps the driver's overloaded query for timing only
  (pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
    const cfg = args[0];
    const text: string | undefined = typeof cfg === "string" ? cfg : cfg?.text;
    const values: unknown[] | undefined =
      typeof cfg === "string" ? (Array.isArray(args[1]) ? args[1] : undefined) : (cfg?.values ?? (Array.isArray(args[1]) ? args[1] : undefined));
    const t = performance.now();
    const log = seen;
    const done = () => log?.push({ text: text ?? "", values, ms: performance.now() - t });
    // pg.Pool.query (what drizzle calls) hands the client a callback; a checked-out client returns a promise.
    const last = args[args.length - 1];
    if (log && text && typeof last === "function")
      args[args.length - 1] = (...cb: unknown[]) => {
        done();
        return last(...cb);
      };
    // biome-ignore lint/suspicious/noExplicitAny: same
    const r = (originalQuery as any).apply(this, args);
    if (log && text && typeof last !== "function" && r && typeof r.then === "function") r.then(done, () => undefined);
    return r;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : Number.NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs `fn` `n` times, recording the statements; returns times and the slowest read statement. */
async function measure(n: number, fn: (i: number) => Promise<unknown>, before?: () => Promise<unknown>) {
  const times: number[] = [];
  const statements: Seen[] = [];
  for (let i = 0; i < n; i++) {
    if (before) await before();
    seen = [];
    times.push(await timed(() => fn(i)));
    await new Promise((r) => setImmediate(r));
    statements.push(...seen);
    seen = null;
  }
  const reads = statements.filter((s) => /^\s*(select|with)\b/i.test(s.text)).sort((a, b) => b.ms - a.ms);
  return { times, worst: reads[0], top: topStatements(statements) };
}

/** The statements that took longest, summed by their first words (several run at once in a dashboard). */
function topStatements(statements: Seen[]): string[] {
  const by = new Map<string, { ms: number; n: number; max: number }>();
  for (const s of statements) {
    const key = s.text.replace(/\s+/g, " ").trim().slice(0, 110);
    const e = by.get(key) ?? { ms: 0, n: 0, max: 0 };
    e.ms += s.ms;
    e.n += 1;
    e.max = Math.max(e.max, s.ms);
    by.set(key, e);
  }
  return [...by.entries()]
    .sort((a, b) => b[1].max - a[1].max)
    .slice(0, 5)
    .map(([k, e]) => `${round(e.max)} ms max (${e.n}×): ${k}`);
}

/** EXPLAIN ANALYZE of a statement inside a transaction that is rolled back (writes are undone). */
async function explain(database: Database, s: Seen | undefined): Promise<string | undefined> {
  if (!s || !database.pool) return undefined;
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values as unknown[]);
    const plan = rows.map((r) => r["QUERY PLAN"]);
    return [`-- slowest statement seen: ${round(s.ms)} ms`, s.text.replace(/\s+/g, " ").slice(0, 600), ...plan.slice(0, 45)].join("\n");
  } catch (err) {
    return `EXPLAIN failed: ${String(err).slice(0, 200)}`;
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

function ctxFor(userId: number, bodyId: number, bodyPath: string, scope: Scope): RequestContext {
  return {
    actor: {
      userId,
      username: "national.bench",
      fullName: "National bench",
      role: "officer",
      bodyId,
      bodyKind: scope.kind === "union" ? "grassroots_union" : scope.kind === "zones" ? "zone_union" : "federation",
      bodyName: "bench",
      bodyPath,
      locale: "vi",
      scope,
      permissions: new Set(permissions),
      via: "token",
      sessionHash: null,
      csrfToken: null,
    },
    ip: "127.0.0.1",
    requestId: "national-bench",
  };
}

interface Scopes {
  userId: number;
  national: RequestContext;
  province: RequestContext;
  zoneUnion: RequestContext;
  grassroots: RequestContext;
  labels: Record<"province" | "zoneUnion" | "grassroots", string>;
}

/** The four viewers: the country, the largest province, its largest zone union, the largest grassroots union. */
async function scopesOf(database: Database): Promise<Scopes> {
  const [user] = await database.rows<{ id: number; body: number }>(sql`SELECT id, body_id AS body FROM users WHERE username = 'ldld.canbo'`);
  const userId = user?.id ?? 0;
  const [root] = await database.rows<{ id: number; path: string }>(sql`SELECT id, path FROM bodies WHERE code = 'TLDLD'`);
  // Provinces and zone unions ranked by open memberships (one pass over the kept counts would do; this is setup).
  const unionsOf = await database.rows<{ zu: number; zpath: string; zname: string; fed: number; fpath: string; fname: string; members: number }>(
    sql`SELECT zu.id AS zu, zu.path AS zpath, zu.name AS zname, f.id AS fed, f.path AS fpath, f.name AS fname, count(*)::int AS members
        FROM memberships m JOIN bodies u ON u.id = m.union_id JOIN bodies zu ON zu.id = u.parent_id AND zu.kind = 'zone_union'
        JOIN bodies f ON f.id = zu.parent_id
        WHERE m.valid_to IS NULL GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY members DESC`,
  );
  const perFed = new Map<number, number>();
  for (const r of unionsOf) perFed.set(r.fed, (perFed.get(r.fed) ?? 0) + r.members);
  const bigFed = [...perFed.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const fedRow = unionsOf.find((r) => r.fed === bigFed);
  const zuRow = unionsOf.find((r) => r.fed === bigFed);
  if (!fedRow || !zuRow || !root) throw new Error("no province with members");
  const zonesOf = async (bodyPath: string) =>
    (await database.rows<{ id: number }>(sql`SELECT z.id FROM zones z JOIN bodies b ON b.id = z.zone_union_id WHERE b.path LIKE ${`${bodyPath}%`}`)).map(
      (z) => z.id,
    );
  const [gr] = await database.rows<{ id: number; path: string; name: string; members: number }>(
    sql`SELECT m.union_id AS id, b.path, b.name, count(*)::int AS members FROM memberships m JOIN bodies b ON b.id = m.union_id
        WHERE m.valid_to IS NULL GROUP BY 1, 2, 3 ORDER BY members DESC LIMIT 1`,
  );
  if (!gr) throw new Error("no grassroots union");
  const ents = (await database.rows<{ id: number }>(sql`SELECT enterprise_id AS id FROM union_enterprises WHERE union_id = ${gr.id}`)).map((e) => e.id);
  return {
    userId,
    national: ctxFor(userId, root.id, root.path, { kind: "city" }),
    // A province has no scope of its own yet: a federation sees everything. Its view is measured as a
    // zone union's would be, over the province's zones and the unions under its federation.
    province: ctxFor(userId, fedRow.fed, fedRow.fpath, { kind: "zones", bodyPath: fedRow.fpath, zoneIds: await zonesOf(fedRow.fpath) }),
    zoneUnion: ctxFor(userId, zuRow.zu, zuRow.zpath, { kind: "zones", bodyPath: zuRow.zpath, zoneIds: await zonesOf(zuRow.zpath) }),
    grassroots: ctxFor(userId, gr.id, gr.path, { kind: "union", unionIds: [gr.id], enterpriseIds: ents }),
    labels: {
      province: `${fedRow.fname} (${(perFed.get(fedRow.fed) ?? 0).toLocaleString("vi")} đoàn viên)`,
      zoneUnion: `${zuRow.zname} (${zuRow.members.toLocaleString("vi")})`,
      grassroots: `${gr.name.slice(0, 50)} (${gr.members.toLocaleString("vi")})`,
    },
  };
}

/** Search queries of each kind, drawn from the people actually stored. */
async function searchQueries(database: Database, per: number): Promise<Record<string, string[]>> {
  const sample = await database.rows<{ full_name: string; citizen_id: string; phone: string | null }>(
    sql`SELECT full_name, citizen_id, phone FROM people TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE citizen_id IS NOT NULL LIMIT ${per * 3}`,
  );
  const rng = new Rng(11);
  const pick = () => sample[rng.int(0, sample.length - 1)] ?? { full_name: "Nguyễn Văn Hùng", citizen_id: "031090000001", phone: null };
  const common = ["Nguyễn Văn Hùng", "Nguyễn Thị Hương", "Trần Thị Lan", "Lê Văn Nam", "Phạm Thị Hoa", "Nguyễn Thị Thu", "Trần Văn Dũng", "Hoàng Thị Mai"];
  return {
    "họ tên phổ biến, có dấu": Array.from({ length: per }, (_, i) => common[i % common.length] as string),
    "họ tên phổ biến, không dấu": Array.from({ length: per }, (_, i) => fold(common[i % common.length] as string)),
    "tên đầy đủ một người, không dấu": Array.from({ length: per }, () => fold(pick().full_name)),
    "đầu tên, không dấu (nguyen thi h…)": Array.from({ length: per }, () => {
      const w = fold(pick().full_name).split(" ");
      return `${w[0]} ${w[1]} ${(w.at(-1) ?? "").slice(0, 1)}`;
    }),
    "số CCCD đủ 12 số": Array.from({ length: per }, () => pick().citizen_id),
    "số điện thoại": Array.from({ length: per }, () => pick().phone ?? pick().citizen_id),
  };
}

async function measureSearch(database: Database, s: Scopes, per: number): Promise<NationalRow[]> {
  const queries = await searchQueries(database, per);
  const out: NationalRow[] = [];
  for (const [label, ctx] of [
    ["cả nước", s.national],
    ["một tỉnh", s.province],
  ] as const) {
    for (const [kind, qs] of Object.entries(queries)) {
      for (const q of qs.slice(0, 3)) await search(database, ctx, q, 10); // warm-up
      const m = await measure(qs.length, (i) => search(database, ctx, qs[i] as string, 10));
      const p95 = pct(m.times, 95);
      out.push({
        what: `tìm kiếm (${label}): ${kind}`,
        n: m.times.length,
        p50: round(pct(m.times, 50)),
        p95: round(p95),
        target: "p95 ≤ 50 ms",
        met: p95 <= 50,
        ...slow(p95 > 50, m.worst, m.top),
      });
    }
  }
  return out;
}

const slow = (missed: boolean, worst: Seen | undefined, top?: string[]) => (missed ? { worstStatement: worst, ...(top ? { top } : {}) } : {});

async function measureDashboards(database: Database, s: Scopes, runs: number): Promise<NationalRow[]> {
  const period = parsePeriod(undefined);
  const change = () => database.rows(sql`UPDATE zones SET name = name WHERE id = (SELECT min(id) FROM zones)`);
  const out: NationalRow[] = [];
  for (const [label, ctx] of [
    ["cả nước (Tổng LĐLĐ)", s.national],
    [`tỉnh: ${s.labels.province}`, s.province],
    [`công đoàn khu: ${s.labels.zoneUnion}`, s.zoneUnion],
    [`công đoàn cơ sở: ${s.labels.grassroots}`, s.grassroots],
  ] as const) {
    const m = await measure(runs, () => dashboard(database, ctx, period, {}), change);
    const p95 = pct(m.times, 95);
    out.push({
      what: `bảng điều khiển, lần xem đầu sau thay đổi — ${label}`,
      n: runs,
      p50: round(pct(m.times, 50)),
      p95: round(p95),
      target: "p95 ≤ 300 ms",
      met: p95 <= 300,
      ...slow(p95 > 300, m.worst, m.top),
    });
  }
  return out;
}

async function measureWatchlist(database: Database, s: Scopes, runs: number): Promise<NationalRow[]> {
  const rec = await measure(1, () => recomputeScores(database));
  const recMs = rec.times[0] ?? 0;
  const out: NationalRow[] = [
    {
      what: "cảnh báo sớm: tính lại điểm mọi doanh nghiệp",
      n: 1,
      p50: round(recMs),
      p95: round(recMs),
      target: "≤ 2 000 ms",
      met: recMs <= 2000,
      ...slow(recMs > 2000, rec.worst, rec.top),
    },
  ];
  const zone = s.province.actor.scope.kind === "zones" ? s.province.actor.scope.zoneIds[0] : undefined;
  for (const [label, ctx, q] of [
    ["cả nước", s.national, {}],
    ["một tỉnh", s.province, {}],
    ["một khu công nghiệp", s.national, { zone }],
  ] as const) {
    const m = await measure(runs, () => watchlist(database, ctx, { limit: 50, minScore: 0.01, ...q }));
    const p50 = pct(m.times, 50);
    out.push({
      what: `danh sách theo dõi (${label})`,
      n: runs,
      p50: round(p50),
      p95: round(pct(m.times, 95)),
      target: "p50 ≤ 200 ms",
      met: p50 <= 200,
      ...slow(p50 > 200, m.worst, m.top),
    });
  }
  return out;
}

/** A members file of `rows` new people into the generated provinces' enterprises, template headers. */
async function writeImportCsv(file: string, rows: number, world: NationalWorld | null, database: Database): Promise<void> {
  const targets =
    world?.importTargets ??
    (await database.rows<{ taxCode: string; unionCode: string }>(
      sql`SELECT e.tax_code AS "taxCode", u.code AS "unionCode" FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id JOIN unions u ON u.id = ue.union_id ORDER BY ue.union_id DESC LIMIT 400`,
    ));
  const rng = new Rng(Date.now() % 100_000);
  const out = createWriteStream(file);
  out.write("STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã số thuế doanh nghiệp,Công đoàn cơ sở,Ngày vào công đoàn,Số thẻ đoàn viên\n");
  const cids = new Set<string>();
  for (let i = 1; i <= rows; i++) {
    const female = rng.chance(0.6);
    const year = rng.int(1975, 2006);
    let cid = "";
    // Province code 094 (Sóc Trăng before the merger): no seeded person has it, so every row is a new person.
    while (!cid || cids.has(cid))
      cid = `094${citizenIdCenturyDigit(year, female ? "female" : "male")}${String(year % 100).padStart(2, "0")}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
    cids.add(cid);
    const name = `${rng.weighted(familyNames)} ${rng.pick(female ? middleNamesFemale : middleNamesMale)} ${rng.pick(female ? givenNamesFemale : givenNamesMale)}`;
    const t = targets[rng.int(0, targets.length - 1)];
    if (!t) throw new Error("no enterprise to import into");
    const day = () => String(rng.int(1, 28)).padStart(2, "0");
    const month = () => String(rng.int(1, 12)).padStart(2, "0");
    out.write(
      `${i},${name},${day()}/${month()}/${year},${female ? "Nữ" : "Nam"},${cid},,${t.taxCode},${t.unionCode},${day()}/${month()}/${rng.int(Math.max(2015, year + 18), 2025)},\n`,
    );
  }
  out.end();
  await new Promise((r) => out.on("finish", r));
}

async function measureImport(database: Database, s: Scopes, world: NationalWorld | null, rows: number): Promise<NationalRow[]> {
  const file = path.join(tmpdir(), `caunoi-national-${randomBytes(4).toString("hex")}.csv`);
  try {
    await writeImportCsv(file, rows, world, database);
    await database.exec(
      "DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (stt text, full_name text, birth text, gender text, cid text, phone text, tax text, union_ref text, joined text, card text)",
    );
    const client = await (database.pool as pg.Pool).connect();
    const copyMs = await timed(() => pipeline(createReadStream(file), client.query(copyFrom("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)"))));
    client.release();
    await database.exec("DROP TABLE bench_bare");
    const ctx = s.national;
    const job = await createImportJob(database, ctx, "members", false, "national.csv");
    let created = 0;
    // The import's own step timings say where its time goes (its staged rows are gone afterwards, so
    // an EXPLAIN of its statements after the fact would plan an empty stage).
    const steps: string[] = [];
    const ms = await timed(async () => {
      const r = await importMembers(database, ctx, job, file, { dryRun: false, log: (l) => steps.push(l) });
      if (!r.committed) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
      created = r.created;
    });
    const ratio = ms / copyMs;
    return [
      {
        what: `nhập ${rows.toLocaleString("vi")} đoàn viên mới (${created.toLocaleString("vi")} tạo mới); COPY cùng tệp ${round(copyMs)} ms`,
        n: 1,
        p50: round(ms),
        p95: round(ms),
        target: "≥ 0,5 × tốc độ COPY",
        met: 1 / ratio >= 0.5,
        why: `${Math.round(rows / (ms / 1000))} dòng/s = ${(1 / ratio).toFixed(3)} × COPY`,
        ...(1 / ratio < 0.5 ? { top: steps } : {}),
      },
    ];
  } finally {
    await unlink(file).catch(() => undefined);
  }
}

function adminUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}
function dbUrl(): string {
  const u = new URL(adminUrl());
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}
async function admin(q: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

export interface NationalOptions {
  scale?: number;
  keep?: boolean;
  reuse?: boolean;
  runs?: number;
  importRows?: number;
  log?: (l: string) => void;
}

/** Seeds (unless reusing), measures, prints and returns the rehearsal's numbers. */
export async function runNationalBench(opts: NationalOptions = {}): Promise<NationalResult> {
  const log = opts.log ?? ((l: string) => console.log(`  ${l}`));
  const scale = opts.scale ?? 0.05;
  const runs = opts.runs ?? 5;
  if (!opts.reuse) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  const database = await openDatabase({ url: dbUrl() });
  let result: NationalResult | undefined;
  try {
    await migrate(database);
    let world: NationalWorld | null = null;
    let seedSeconds: number | null = null;
    if (!opts.reuse) {
      log(`seeding ${DB_NAME} at scale ${scale}…`);
      const t = performance.now();
      world = await seedNational(database, { scale, log });
      seedSeconds = Math.round((performance.now() - t) / 1000);
      log(`seeded in ${seedSeconds} s: ${JSON.stringify(world.counts)}`);
    }
    result = await measureAll(database, scale, world, seedSeconds, runs, opts.importRows ?? 10_000, log);
  } finally {
    await database.close();
    if (!opts.keep && !opts.reuse) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  return result;
}

async function measureAll(
  database: Database,
  scale: number,
  world: NationalWorld | null,
  seedSeconds: number | null,
  runs: number,
  importRows: number,
  log: (l: string) => void,
): Promise<NationalResult> {
  const [counts] = await database.rows<Record<string, number>>(
    sql`SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM memberships) AS memberships,
               (SELECT count(*)::int FROM unions) AS unions, (SELECT count(*)::int FROM enterprises) AS enterprises,
               (SELECT count(*)::int FROM zones) AS zones, (SELECT count(*)::int FROM voice_requests) AS requests,
               (SELECT count(*)::int FROM care_payouts) AS payouts, (SELECT (pg_database_size(current_database()) / 1048576)::int) AS "databaseMb"`,
  );
  const rt: number[] = [];
  for (let i = 0; i < 20; i++) rt.push(await timed(() => database.rows(sql`SELECT 1`)));
  const countPeopleMs = await timed(() => database.rows(sql`SELECT count(*) FROM people`));
  recordStatements();
  const scopes = await scopesOf(database);
  const rows: NationalRow[] = [];
  log("search…");
  rows.push(...(await measureSearch(database, scopes, 20)));
  log("dashboards…");
  rows.push(...(await measureDashboards(database, scopes, runs)));
  log("early warning…");
  rows.push(...(await measureWatchlist(database, scopes, runs * 2)));
  log("import…");
  rows.push(...(await measureImport(database, scopes, world, importRows)));
  pg.Client.prototype.query = originalQuery;
  for (const r of rows as (NationalRow & { worstStatement?: Seen })[]) {
    if (r.worstStatement) r.explain = await explain(database, r.worstStatement);
    delete r.worstStatement;
  }
  return {
    scale,
    seeded: world !== null,
    seedSeconds,
    counts: { ...(counts ?? {}) },
    baseline: { roundTripMs: round(pct(rt, 50)), countPeopleMs: round(countPeopleMs) },
    rows,
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map(round) },
  };
}

/** The table of p50/p95 against the targets, then the plans of the misses. */
export function printNational(r: NationalResult, print: (l: string) => void = console.log): void {
  print(`\nQuy mô ${r.scale}: ${JSON.stringify(r.counts)}; seeding ${r.seedSeconds ?? "—"} s; load average ${r.machine.loadAverage.join(" / ")}`);
  print(`Baseline: SELECT 1 p50 ${r.baseline.roundTripMs} ms; count(*) people ${r.baseline.countPeopleMs} ms\n`);
  print("| đo | n | p50 ms | p95 ms | mục tiêu | đạt |\n| --- | --- | --- | --- | --- | --- |");
  for (const x of r.rows)
    print(`| ${x.what}${x.why ? ` — ${x.why}` : ""} | ${x.n} | ${x.p50} | ${x.p95} | ${x.target} | ${x.met === null ? "" : x.met ? "có" : "**KHÔNG**"} |`);
  for (const x of r.rows.filter((y) => y.explain || y.top))
    print(`\n### ${x.what}\n\`\`\`\n${[...(x.top ?? []), ...(x.explain ? ["", x.explain] : [])].join("\n")}\n\`\`\``);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { scale: { type: "string" }, keep: { type: "boolean" }, reuse: { type: "boolean" }, runs: { type: "string" }, "import-rows": { type: "string" } },
  });
  const scale = Number(values.scale ?? 0.05);
  const result = await runNationalBench({
    scale,
    keep: values.keep ?? false,
    reuse: values.reuse ?? false,
    ...(values.runs ? { runs: Number(values.runs) } : {}),
    ...(values["import-rows"] ? { importRows: Number(values["import-rows"]) } : {}),
  });
  printNational(result);
  mkdirSync(path.join(here, "results"), { recursive: true });
  const out = path.join(here, "results", `national-${result.scale}.json`);
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
  console.log(`\n${out}`);
  process.exit(0);
}
