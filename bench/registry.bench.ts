/**
 * Registry benchmark (a script that prints numbers, not a test).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/registry.bench.ts [--rows 650000] [--pglite-rows 100000] [--no-pglite]
 *
 * 1. Builds a city (16 zones, 3,000 enterprises each with a grassroots union) in a fresh database.
 * 2. Writes a members CSV of `rows` rows (fixed seed) with the template's Vietnamese headers to a temp file.
 * 3. COPYs the same file into a bare table (the baseline), then runs the real import (streamed parse,
 *    checks, staging, set-based apply in one transaction) and compares the rates; samples peak RSS.
 *    Then the floor: the imported rows COPYed into copies of `people` and `memberships` with all their
 *    indexes, constraints and generated columns — what any import into this schema pays at least.
 * 4. Times the search box (p50/p95/p99) over the imported city.
 * PGlite runs the same with `pgliteRows` (smaller: it is one in-process WASM connection).
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, stat, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import type { Actor, RequestContext } from "#server/http/context.ts";
import { permissions } from "#server/modules/access/access.policy.ts";
import { createImportJob } from "#server/modules/registry/import.jobs.ts";
import { importMembers } from "#server/modules/registry/import.service.ts";
import { search } from "#server/modules/registry/search.service.ts";
import { zones } from "#server/seed/city.ts";
import { familyNames, givenNamesFemale, givenNamesMale, middleNamesFemale, middleNamesMale, phonePrefixes, provinces } from "#server/seed/names.ts";
import { Rng } from "#server/seed/rng.ts";
import { bulkInsert } from "#server/seed/seed.ts";
import { citizenIdCenturyDigit, taxCodeCheckDigit } from "#shared/identifiers.ts";
import { fold } from "#shared/text.ts";

export interface RegistryBenchOptions {
  /** PostgreSQL server URL; a fresh database is created on it and dropped after. Without it only PGlite runs. */
  databaseUrl?: string | undefined;
  rows?: number;
  pgliteRows?: number;
  enterprises?: number;
  searches?: number;
  seed?: number;
  skipPglite?: boolean;
  log?: (line: string) => void;
}

export interface BackendResult {
  backend: "postgres" | "pglite";
  rows: number;
  csvBytes: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  importSeconds: number;
  importRowsPerSecond: number;
  /** import rate / COPY rate; the target is ≥ 0.5. */
  importVsCopy: number;
  /**
   * The floor: COPY of the imported rows, already in their final types, into fresh tables shaped like
   * `people` and `memberships` (LIKE … INCLUDING ALL: indexes, checks, generated columns; foreign keys
   * added after the load), no checks. No import writing into this schema can be faster on this machine.
   */
  floor: {
    seconds: number;
    /** The two ways measured: every index in place during the COPY, or secondary indexes built after it. */
    indexesInPlaceSeconds: number;
    indexesBuiltAfterSeconds: number;
    /** Of the cheaper way: the two COPYs, then the indexes built and the foreign keys added. */
    peopleSeconds: number;
    membershipsSeconds: number;
    afterSeconds: number;
    rowsPerSecond: number;
    vsCopy: number;
  };
  importCounts: { total: number; created: number; rejected: number };
  reimportSeconds: number;
  reimportUnchanged: number;
  peakRssMb: number;
  rssBeforeMb: number;
  search: { queries: number; p50: number; p95: number; p99: number; max: number };
}

export interface RegistryBenchResult {
  postgres: BackendResult | null;
  pglite: BackendResult | null;
}

const HEADER = [
  "STT",
  "Họ và tên",
  "Ngày sinh",
  "Giới tính",
  "Số CCCD",
  "Số điện thoại",
  "Mã số thuế doanh nghiệp",
  "Công đoàn cơ sở",
  "Ngày vào công đoàn",
  "Số thẻ đoàn viên",
];

interface World {
  enterprises: { id: number; taxCode: string; unionCode: string; unionName: string }[];
  userId: number;
}

/** Zones, 3,000 enterprises each covered by a grassroots union, and a federation officer. */
async function buildWorld(database: Database, rng: Rng, count: number): Promise<World> {
  const bodies: Record<string, unknown>[] = [
    { id: 1, kind: "federation", name: "Liên đoàn Lao động thành phố", path: "/1/", parent_id: null },
    { id: 2, kind: "zone_authority", name: "Ban Quản lý Khu kinh tế", path: "/2/", parent_id: null },
    { id: 3, kind: "zone_union", name: "Công đoàn Khu kinh tế", path: "/1/3/", parent_id: 1 },
  ];
  const zoneRows = zones.map((z, i) => ({ id: i + 1, code: z.code, name: z.name, kind: z.kind, commune: z.commune, zone_union_id: 3 }));
  const ents: Record<string, unknown>[] = [];
  const unions: Record<string, unknown>[] = [];
  const covers: Record<string, unknown>[] = [];
  const world: World = { enterprises: [], userId: 0 };
  const taxes = new Set<string>();
  let id = 4;
  for (let i = 0; i < count; i++) {
    let tax = "";
    while (!tax || taxes.has(tax)) {
      const nine = `02${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
      const c = taxCodeCheckDigit(nine);
      tax = c === null ? "" : nine + String(c);
    }
    taxes.add(tax);
    const eid = id++;
    const uid = id++;
    const name = `Công ty TNHH ${rng.pick(["May", "Điện tử", "Cơ khí", "Giày da", "Nhựa", "Bao bì", "Thép", "Linh kiện"])} ${rng.pick(["Hải", "Minh", "Thành", "Phú", "Đức", "Hưng", "An", "Việt"])} ${rng.pick(["Long", "Phát", "Đạt", "Thịnh", "Tiến", "Hòa", "Bình", "Nam"])} số ${i + 1}`;
    bodies.push(
      { id: eid, kind: "enterprise", name, path: `/2/${eid}/`, parent_id: 2 },
      { id: uid, kind: "grassroots_union", name: `Công đoàn cơ sở ${name}`, path: `/1/3/${uid}/`, parent_id: 3 },
    );
    ents.push({ id: eid, tax_code: tax, name, ownership: "fdi", zone_id: rng.int(1, zones.length), sector: "Sản xuất", workforce_total: rng.int(20, 800) });
    const code = `CD${String(uid).padStart(5, "0")}`;
    unions.push({ id: uid, code, name: `Công đoàn cơ sở ${name}`, founded_on: "2015-01-01" });
    covers.push({ union_id: uid, enterprise_id: eid });
    world.enterprises.push({ id: eid, taxCode: tax, unionCode: code, unionName: `Công đoàn cơ sở ${name}` });
  }
  await bulkInsert(database, "bodies", { id: "int", kind: "text", name: "text", path: "text", parent_id: "int" }, bodies);
  await bulkInsert(database, "zones", { id: "int", code: "text", name: "text", kind: "text", commune: "text", zone_union_id: "int" }, zoneRows);
  await bulkInsert(
    database,
    "enterprises",
    { id: "int", tax_code: "text", name: "text", ownership: "text", zone_id: "int", sector: "text", workforce_total: "int" },
    ents,
  );
  await bulkInsert(database, "unions", { id: "int", code: "text", name: "text", founded_on: "date" }, unions);
  await bulkInsert(database, "union_enterprises", { union_id: "int", enterprise_id: "int" }, covers);
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('bodies', 'id'), ${id})`);
  const [u] = await database.rows<{ id: number }>(
    sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES ('bench', 'Bench', 'x', 'officer', 1) RETURNING id`,
  );
  world.userId = u?.id ?? 0;
  await database.rows(sql`ANALYZE`);
  return world;
}

/** Writes `rows` members as CSV (streamed to disk) and returns a sample of names, IDs and phones to search for. */
async function writeCsv(file: string, rows: number, world: World, rng: Rng) {
  const out = createWriteStream(file);
  const sample: { name: string; cid: string; phone: string | null }[] = [];
  const cids = new Set<string>();
  let buf = `${HEADER.join(",")}\n`;
  for (let i = 1; i <= rows; i++) {
    const female = rng.chance(0.6);
    const year = rng.int(1972, 2006);
    let cid = "";
    while (!cid || cids.has(cid)) {
      cid = `${rng.weighted(provinces).code}${citizenIdCenturyDigit(year, female ? "female" : "male")}${String(year % 100).padStart(2, "0")}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
    }
    cids.add(cid);
    const name = `${rng.weighted(familyNames)} ${rng.pick(female ? middleNamesFemale : middleNamesMale)} ${rng.pick(female ? givenNamesFemale : givenNamesMale)}`;
    const phone = rng.chance(0.85) ? rng.pick(phonePrefixes) + String(rng.int(0, 9_999_999)).padStart(7, "0") : null;
    const e = world.enterprises[rng.int(0, world.enterprises.length - 1)];
    if (!e) throw new Error("no enterprise");
    const birth = `${String(rng.int(1, 28)).padStart(2, "0")}/${String(rng.int(1, 12)).padStart(2, "0")}/${year}`;
    const joined = `${String(rng.int(1, 28)).padStart(2, "0")}/${String(rng.int(1, 12)).padStart(2, "0")}/${rng.int(Math.max(2012, year + 18), 2025)}`;
    buf += `${i},${name},${birth},${female ? "Nữ" : "Nam"},${cid},${phone ?? ""},${e.taxCode},${rng.chance(0.5) ? e.unionCode : `"${e.unionName}"`},${joined},\n`;
    if (i % 2000 === 0 && sample.length < 2000) sample.push({ name, cid, phone });
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once("drain", r));
      buf = "";
    }
  }
  out.end(buf);
  await new Promise((r) => out.on("finish", r));
  return sample;
}

/** The baseline: COPY of the same CSV into a bare table of text columns (no checks, no indexes). */
async function copyBaseline(database: Database, file: string): Promise<number> {
  await database.exec(
    `DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (stt text, full_name text, birth text, gender text, cid text, phone text, tax text, union_ref text, joined text, card text)`,
  );
  const t0 = performance.now();
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await pipeline(createReadStream(file), client.query(copyFrom("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)")));
    } finally {
      client.release();
    }
  } else if (database.pglite) {
    // PGlite reads COPY input from a Blob: the file is read whole here (baseline only).
    const blob = new Blob([await readFile(file)]);
    await database.pglite.query("COPY bench_bare FROM '/dev/blob' WITH (FORMAT csv, HEADER true)", [], { blob });
  }
  const seconds = (performance.now() - t0) / 1000;
  await database.exec("DROP TABLE bench_bare");
  return seconds;
}

/** Copies a query's rows out (COPY text format) and back into `table`: returns the seconds the load took. */
async function copyOutIn(database: Database, query: string, table: string, columns: string): Promise<number> {
  if (database.pool) {
    const file = path.join(tmpdir(), `caunoi-floor-${randomBytes(4).toString("hex")}.tsv`);
    const client = await database.pool.connect();
    try {
      await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT`)), createWriteStream(file));
      const t0 = performance.now();
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
      return (performance.now() - t0) / 1000;
    } finally {
      client.release();
      await unlink(file).catch(() => undefined);
    }
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error("no database");
  const out = await pglite.query(`COPY (${query}) TO '/dev/blob'`);
  const blob = out.blob;
  if (!blob) throw new Error("COPY TO gave no blob");
  const t0 = performance.now();
  await pglite.query(`COPY ${table} (${columns}) FROM '/dev/blob'`, [], { blob });
  return (performance.now() - t0) / 1000;
}

/**
 * The floor (see BackendResult.floor): the people and memberships just imported, COPYed into
 * `LIKE … INCLUDING ALL` copies of their tables, every column the import writes already converted
 * (generated columns computed by the database as they would be for the import).
 */
async function floorBaseline(database: Database) {
  const cols = async (table: string) =>
    (
      await database.rows<{ name: string }>(
        sql`SELECT attname AS name FROM pg_attribute WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      )
    )
      .map((c) => `"${c.name}"`)
      .join(", ");
  const peopleCols = await cols("people");
  const membershipCols = await cols("memberships");
  // Two ways in, the cheaper one is the floor: COPY with every index in place, or (as the import's
  // bulk path and pg_restore do) COPY with only the key indexes, then build the others.
  const once = async (buildAfter: boolean) => {
    await database.exec(`DROP TABLE IF EXISTS bench_floor_memberships, bench_floor_people;
      CREATE TABLE bench_floor_people (LIKE people INCLUDING ALL);
      CREATE TABLE bench_floor_memberships (LIKE memberships INCLUDING ALL);`);
    let indexes: { name: string; def: string }[] = [];
    if (buildAfter) {
      indexes = await database.rows<{ name: string; def: string }>(
        sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid IN ('bench_floor_people'::regclass, 'bench_floor_memberships'::regclass) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      );
      for (const ix of indexes) await database.exec(`DROP INDEX "${ix.name}"`);
    }
    const peopleSeconds = await copyOutIn(database, `SELECT ${peopleCols} FROM people ORDER BY id`, "bench_floor_people", peopleCols);
    const membershipsSeconds = await copyOutIn(database, `SELECT ${membershipCols} FROM memberships ORDER BY id`, "bench_floor_memberships", membershipCols);
    const t0 = performance.now();
    // One script, so one connection: the import builds its indexes with the same memory.
    await database.exec(`${database.pool ? "SET maintenance_work_mem = '256MB';" : ""}
      ${indexes.map((ix) => `${ix.def};`).join("\n")}
      ALTER TABLE bench_floor_people ADD FOREIGN KEY (enterprise_id) REFERENCES enterprises(id);
      ALTER TABLE bench_floor_memberships ADD FOREIGN KEY (person_id) REFERENCES bench_floor_people(id), ADD FOREIGN KEY (union_id) REFERENCES unions(id);
      ${database.pool ? "RESET maintenance_work_mem;" : ""}`);
    const afterSeconds = (performance.now() - t0) / 1000;
    await database.exec("DROP TABLE bench_floor_memberships, bench_floor_people");
    return { seconds: peopleSeconds + membershipsSeconds + afterSeconds, peopleSeconds, membershipsSeconds, afterSeconds };
  };
  const inPlace = await once(false);
  const builtAfter = await once(true);
  return {
    ...(builtAfter.seconds < inPlace.seconds ? builtAfter : inPlace),
    indexesInPlaceSeconds: inPlace.seconds,
    indexesBuiltAfterSeconds: builtAfter.seconds,
  };
}

function benchContext(userId: number): RequestContext {
  const actor: Actor = {
    userId,
    username: "bench",
    fullName: "Bench",
    role: "officer",
    bodyId: 1,
    bodyKind: "federation",
    bodyName: "LĐLĐ",
    bodyPath: "/1/",
    locale: "vi",
    scope: { kind: "city" },
    permissions: new Set(permissions),
    via: "token",
    sessionHash: null,
    csrfToken: null,
  };
  return { actor, ip: "127.0.0.1", requestId: "bench" };
}

const mb = (n: number) => Math.round(n / 1024 / 1024);
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
};

async function runBackend(database: Database, backend: "postgres" | "pglite", rows: number, opts: RegistryBenchOptions): Promise<BackendResult> {
  const log = opts.log ?? console.log;
  const rng = new Rng(opts.seed ?? 2026);
  const world = await buildWorld(database, rng, opts.enterprises ?? 3000);
  const file = path.join(tmpdir(), `caunoi-bench-${randomBytes(4).toString("hex")}.csv`);
  try {
    const sample = await writeCsv(file, rows, world, rng);
    const csvBytes = (await stat(file)).size;
    log(`[${backend}] ${rows.toLocaleString("en")} rows, CSV ${mb(csvBytes)} MB`);
    const copySeconds = await copyBaseline(database, file);
    log(`[${backend}] COPY baseline ${copySeconds.toFixed(2)} s (${Math.round(rows / copySeconds).toLocaleString("en")} rows/s)`);

    const ctx = benchContext(world.userId);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const t0 = performance.now();
    const job = await createImportJob(database, ctx, "members", false, "bench.csv");
    const importLog = process.env.IMPORT_TIMING === "1" ? (line: string) => console.log(line) : undefined;
    const result = await importMembers(database, ctx, job, file, { dryRun: false, ...(importLog ? { log: importLog } : {}) });
    const importSeconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    log(
      `[${backend}] import ${importSeconds.toFixed(2)} s (${Math.round(rows / importSeconds).toLocaleString("en")} rows/s): created ${result.created}, rejected ${result.rejected}; peak RSS ${mb(peak)} MB (before ${mb(rssBefore)} MB)`,
    );
    const floor = await floorBaseline(database);
    log(
      `[${backend}] floor: COPY into people + memberships shaped tables ${floor.seconds.toFixed(2)} s (indexes in place ${floor.indexesInPlaceSeconds.toFixed(2)} s, built after ${floor.indexesBuiltAfterSeconds.toFixed(2)} s; of the cheaper: people ${floor.peopleSeconds.toFixed(2)} s, memberships ${floor.membershipsSeconds.toFixed(2)} s, indexes and foreign keys ${floor.afterSeconds.toFixed(2)} s) = ${(copySeconds / floor.seconds).toFixed(3)} × the bare COPY rate: the best any import into this schema can reach`,
    );
    const t1 = performance.now();
    const job2 = await createImportJob(database, ctx, "members", false, "bench.csv");
    const again = await importMembers(database, ctx, job2, file, { dryRun: false, ...(importLog ? { log: importLog } : {}) });
    const reimportSeconds = (performance.now() - t1) / 1000;
    log(`[${backend}] re-import of the same file ${reimportSeconds.toFixed(2)} s: unchanged ${again.unchanged}, created ${again.created}`);
    await database.rows(sql`ANALYZE`);

    const queries: string[] = [];
    const srng = new Rng(7);
    for (let i = 0; i < (opts.searches ?? 300); i++) {
      const s = sample[srng.int(0, sample.length - 1)];
      if (!s) continue;
      const kind = i % 6;
      if (kind === 0)
        queries.push(fold(s.name)); // full name without diacritics
      else if (kind === 1)
        queries.push(s.name); // with diacritics
      else if (kind === 2)
        queries.push(fold(s.name).split(" ").slice(-2).join(" ")); // middle + given
      else if (kind === 3)
        queries.push(s.cid.slice(0, 8)); // citizen ID prefix
      else if (kind === 4) queries.push(s.phone ?? s.cid);
      else queries.push(srng.pick(["nguyen", "tran thi", "cong ty may", "le van hung", "pham thi huong", "dien tu"]));
    }
    for (const q of queries.slice(0, 10)) await search(database, ctx, q, 10); // warm-up
    const times: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await search(database, ctx, q, 10);
      times.push(performance.now() - t);
    }
    const searchStats = {
      queries: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: percentile(times, 100),
    };
    log(
      `[${backend}] search over ${rows.toLocaleString("en")} people: p50 ${searchStats.p50} ms, p95 ${searchStats.p95} ms, p99 ${searchStats.p99} ms, max ${searchStats.max} ms`,
    );
    const copyRate = rows / copySeconds;
    const importRate = rows / importSeconds;
    return {
      backend,
      rows,
      csvBytes,
      copySeconds: Math.round(copySeconds * 100) / 100,
      copyRowsPerSecond: Math.round(copyRate),
      importSeconds: Math.round(importSeconds * 100) / 100,
      importRowsPerSecond: Math.round(importRate),
      importVsCopy: Math.round((importRate / copyRate) * 1000) / 1000,
      floor: {
        seconds: Math.round(floor.seconds * 100) / 100,
        peopleSeconds: Math.round(floor.peopleSeconds * 100) / 100,
        membershipsSeconds: Math.round(floor.membershipsSeconds * 100) / 100,
        afterSeconds: Math.round(floor.afterSeconds * 100) / 100,
        indexesInPlaceSeconds: Math.round(floor.indexesInPlaceSeconds * 100) / 100,
        indexesBuiltAfterSeconds: Math.round(floor.indexesBuiltAfterSeconds * 100) / 100,
        rowsPerSecond: Math.round(rows / floor.seconds),
        vsCopy: Math.round((copySeconds / floor.seconds) * 1000) / 1000,
      },
      importCounts: { total: result.total, created: result.created, rejected: result.rejected },
      reimportSeconds: Math.round(reimportSeconds * 100) / 100,
      reimportUnchanged: again.unchanged,
      peakRssMb: mb(peak),
      rssBeforeMb: mb(rssBefore),
      search: searchStats,
    };
  } finally {
    await unlink(file).catch(() => undefined);
  }
}

/** Runs the registry benchmark on PostgreSQL (when a URL is given) and on PGlite; returns the numbers. */
export async function runRegistryBench(opts: RegistryBenchOptions = {}): Promise<RegistryBenchResult> {
  const result: RegistryBenchResult = { postgres: null, pglite: null };
  if (opts.databaseUrl) {
    const name = `caunoi_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: opts.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(opts.databaseUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    try {
      await migrate(database);
      result.postgres = await runBackend(database, "postgres", opts.rows ?? 650_000, opts);
    } finally {
      await database.close();
      const c = new pg.Client({ connectionString: opts.databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }
  if (!opts.skipPglite) {
    const database = await openDatabase({ dataDir: null });
    try {
      await migrate(database);
      result.pglite = await runBackend(database, "pglite", opts.pgliteRows ?? 100_000, opts);
    } finally {
      await database.close();
    }
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const rows = arg("rows");
  const pgliteRows = arg("pglite-rows");
  const result = await runRegistryBench({
    databaseUrl: process.env.DATABASE_URL,
    ...(rows ? { rows: Number(rows) } : {}),
    ...(pgliteRows ? { pgliteRows: Number(pgliteRows) } : {}),
    skipPglite: process.argv.includes("--no-pglite"),
  });
  console.log(JSON.stringify(result, null, 2));
}
