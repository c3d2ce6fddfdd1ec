import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client.ts";

/**
 * Logical backup and restore, the same file format on PGlite and PostgreSQL (so a backup of the
 * embedded database can be restored onto a server): gzip'd JSON lines — a header, then for each
 * table a line naming it and one line per row. Tables are written parents first.
 */
const FORMAT = "caunoi-backup/1";
const BATCH = 5000;

interface TableInfo {
  name: string;
  columns: string[];
  /** Per column: json/jsonb values are written as JSON, everything else as its text form. */
  jsonColumns: string[];
  orderBy: string;
}

/** User tables, parents before children (foreign keys), with their non-generated columns. */
async function tables(database: Database, tx?: Tx): Promise<TableInfo[]> {
  const rows = await database.rows<{ name: string; columns: string[]; jsonColumns: string[] | null; pk: string[] | null; parents: string[] | null }>(
    sql`SELECT c.relname AS name,
          (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
          (SELECT array_agg(a.attname::text) FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              AND a.atttypid IN ('json'::regtype, 'jsonb'::regtype)) AS "jsonColumns",
          (SELECT array_agg(a.attname::text ORDER BY array_position(con.conkey, a.attnum)) FROM pg_constraint con
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)
            WHERE con.conrelid = c.oid AND con.contype = 'p') AS pk,
          (SELECT array_agg(DISTINCT p.relname::text) FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
            WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS parents
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          -- The figures' data-version counters are not data: a restore moves them by itself. The kept
          -- membership, payout and request counts are derived: restoring memberships, payouts and requests counts them
          -- again (migrations 0104, 0970, 0980).
          AND c.relname NOT IN ('figure_versions', 'membership_counts', 'care_payout_counts', 'voice_request_counts')
        ORDER BY c.relname`,
    tx,
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ordered: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const r = byName.get(name);
    if (!r) return;
    for (const p of r.parents ?? []) visit(p);
    const pk = r.pk ?? [r.columns[0] ?? "ctid"];
    ordered.push({ name, columns: r.columns, jsonColumns: r.jsonColumns ?? [], orderBy: pk.map((c) => `"${c}"`).join(", ") });
  };
  for (const r of rows) visit(r.name);
  return ordered;
}

/** Writes a consistent snapshot of every table to `file`. Returns rows per table. */
export async function backup(database: Database, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, "drain");
  };
  const counts: Record<string, number> = {};
  // One repeatable-read transaction: every table is read as of the same instant.
  await database.db.transaction(
    async (tx) => {
      const list = await tables(database, tx);
      const migrations = await database.rows<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`, tx);
      await write({ format: FORMAT, createdAt: new Date().toISOString(), source: database.kind, migrations: migrations.map((m) => m.name) });
      for (const t of list) {
        await write({ table: t.name, columns: t.columns });
        // Text form for every non-JSON column: numeric 61.80 keeps its scale, timestamps their
        // microseconds, bigints their digits — JSON numbers would round some of them.
        const cols = t.columns.map((c) => (t.jsonColumns.includes(c) ? `"${c}"` : `"${c}"::text`)).join(", ");
        await database.rows(
          sql.raw(`DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT json_build_array(${cols}) AS r FROM "${t.name}" ORDER BY ${t.orderBy}`),
          tx,
        );
        let n = 0;
        for (;;) {
          const rows = await database.rows<{ r: unknown[] }>(sql.raw(`FETCH ${BATCH} FROM backup_cursor`), tx);
          for (const row of rows) await write(row.r);
          n += rows.length;
          if (rows.length < BATCH) break;
        }
        await database.rows(sql.raw("CLOSE backup_cursor"), tx);
        counts[t.name] = n;
      }
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  gzip.end();
  await once(out, "finish");
  return counts;
}

/**
 * Restores a backup into a database whose tables are empty (freshly migrated), in one
 * transaction: it lands whole or not at all. Sequences continue after the restored ids.
 */
export async function restore(database: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    const list = await tables(database, tx);
    const known = new Map(list.map((t) => [t.name, t]));
    // The database must hold no records of its own (reference tables that migrations fill, such as
    // checklists and minimum-wage rules, are replaced by the backup's copy).
    for (const name of ["bodies", "users", "people"]) {
      const [row] = await database.rows<{ any: boolean }>(sql.raw(`SELECT EXISTS (SELECT 1 FROM "${name}") AS any`), tx);
      if (row?.any) throw new Error(`Bảng ${name} đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống (restore needs an empty database)`);
    }
    const names = list.filter((t) => t.name !== "schema_migrations").map((t) => `"${t.name}"`);
    if (names.length) await database.rows(sql.raw(`TRUNCATE ${names.join(", ")} CASCADE`), tx);
    let header: { format?: string; migrations?: string[] } | null = null;
    let current: { name: string; columns: string[] } | null = null;
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!current || batch.length === 0 || current.name === "schema_migrations") {
        batch = [];
        return;
      }
      const cols = current.columns.map((c) => `"${c}"`).join(", ");
      const objects = batch.map((r) => Object.fromEntries(current?.columns.map((c, i) => [c, r[i]]) ?? []));
      await database.rows(
        sql`INSERT INTO ${sql.raw(`"${current.name}"`)} (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM jsonb_populate_recordset(NULL::${sql.raw(`"${current.name}"`)}, ${JSON.stringify(objects)}::jsonb)`,
        tx,
      );
      batch = [];
    };
    // Opened only now: readline emits lines as soon as the file flows, and lines emitted before
    // `for await` attaches are lost — with enough tables to check above, that was the header.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line) continue;
      const value = JSON.parse(line) as unknown;
      if (!header) {
        header = value as { format?: string; migrations?: string[] };
        if (header.format !== FORMAT) throw new Error("Tệp không phải bản sao lưu Cầu Nối (not a Cầu Nối backup)");
        const here = (await database.rows<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`, tx)).map((m) => m.name);
        const missing = (header.migrations ?? []).filter((m) => !here.includes(m));
        if (missing.length) throw new Error(`Bản sao lưu mới hơn phần mềm: thiếu migration ${missing.join(", ")}`);
        continue;
      }
      if (!Array.isArray(value)) {
        await flush();
        const t = value as { table: string; columns: string[] };
        if (!known.has(t.table)) throw new Error(`Bảng không xác định trong bản sao lưu: ${t.table}`);
        current = { name: t.table, columns: t.columns };
        counts[t.table] = 0;
        continue;
      }
      batch.push(value);
      if (current) counts[current.name] = (counts[current.name] ?? 0) + 1;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Serial columns continue after the restored ids.
    const seqs = await database.rows<{ seq: string; tbl: string; col: string }>(
      sql`SELECT pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq, c.relname AS tbl, a.attname AS col
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
      tx,
    );
    for (const s of seqs) {
      await database.rows(
        sql.raw(`SELECT setval('${s.seq}', GREATEST((SELECT max("${s.col}") FROM "${s.tbl}"), 1), (SELECT max("${s.col}") FROM "${s.tbl}") IS NOT NULL)`),
        tx,
      );
    }
  });
  return counts;
}

/** Rows and an order-independent checksum per table: backup then restore must give the same. */
export async function tableChecksums(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of await tables(database)) {
    if (t.name === "schema_migrations") continue;
    const cols = t.columns
      .filter((c) => !["created_at", "applied_at"].includes(c) || t.name !== "schema_migrations")
      .map((c) => `"${c}"`)
      .join(", ");
    const [row] = await database.rows<{ n: number; md5: string | null }>(
      sql.raw(`SELECT count(*)::int AS n, md5(string_agg(r, '|' ORDER BY r)) AS md5 FROM (SELECT json_build_array(${cols})::text AS r FROM "${t.name}") x`),
    );
    out[t.name] = { rows: row?.n ?? 0, md5: row?.md5 ?? "" };
  }
  return out;
}
