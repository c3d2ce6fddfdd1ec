import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { lockDataDir } from "./lock.ts";

/** The drizzle database, the same API on PGlite and on a PostgreSQL server. */
export type Db = ReturnType<typeof drizzlePglite> | ReturnType<typeof drizzlePg>;
/** A database handle or an open transaction: repos take either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs one statement and returns its rows (typed by the caller). */
  rows<T>(query: SQL, tx?: Tx): Promise<T[]>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /** A pg Pool when on PostgreSQL (for COPY streams); null on PGlite. */
  pool: pg.Pool | null;
  pglite: PGlite | null;
  close(): Promise<void>;
}

// Dates stay "yyyy-mm-dd" strings and bigints become numbers on both backends, so the two
// return identical shapes (the app's counts never approach 2^53).
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Opens PGlite in `dataDir` (or in memory when dataDir is null), or PostgreSQL at `url`. An
 * in-memory PGlite may start from `loadDataDir`, a data directory PGlite dumped (the browser
 * tests' seeded city, made once per run).
 */
export async function openDatabase(opts: {
  url?: string | undefined;
  dataDir?: string | null;
  loadDataDir?: Blob;
  /** PostgreSQL only: give up connecting after this long (a read replica that is down must not hold a request). */
  connectionTimeoutMillis?: number;
  /** PostgreSQL only: cancel a statement running longer than this (ms). */
  statementTimeout?: number;
}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts);
  let dir: string | undefined;
  let unlock: () => void = () => undefined;
  if (opts.dataDir) {
    dir = path.resolve(opts.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    // One process per data directory (lock.ts): a second one corrupts PGlite's files.
    unlock = lockDataDir(opts.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dir ? { dataDir: dir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { pg_trgm, unaccent },
      parsers: {
        1082: (v: string) => v,
        20: (v: string) => Number(v),
        1700: (v: string) => Number(v),
      },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite(client);
  return {
    kind: "pglite",
    db,
    pool: null,
    pglite: client,
    async rows<T>(query: SQL, tx?: Tx) {
      const r = await (tx ?? db).execute(query);
      return (r as unknown as { rows: T[] }).rows;
    },
    async exec(script) {
      await client.exec(script);
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** A pool on a PostgreSQL server: the primary, or a read replica with its short timeouts. */
function openPostgres(url: string, opts: { connectionTimeoutMillis?: number; statementTimeout?: number }): Database {
  // No JIT: the app's statements are short, and a grouped report query whose row estimate is
  // inflated (a generated series joined to aggregates) spent 650 ms compiling to run in 90 ms.
  // 16 MB to sort in: the city's figures (150.000 payouts of a year counted per person) sorted on disk with the default 4 MB.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c jit=off -c work_mem=16MB${opts.statementTimeout ? ` -c statement_timeout=${opts.statementTimeout}` : ""}`,
    ...(opts.connectionTimeoutMillis ? { connectionTimeoutMillis: opts.connectionTimeoutMillis } : {}),
  });
  pool.on("error", () => {
    // An idle client lost its connection (server restart): the pool makes a new one on next use.
  });
  const db = drizzlePg(pool);
  return {
    kind: "postgres",
    db,
    pool,
    pglite: null,
    async rows<T>(query: SQL, tx?: Tx) {
      const r = await (tx ?? db).execute(query);
      return (r as unknown as { rows: T[] }).rows;
    },
    async exec(script) {
      // A dedicated client, so a failed script's open transaction is rolled back before the
      // client goes back to the pool.
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
