/** Staging checked rows in import_rows with COPY, streamed on PostgreSQL, batched on PGlite. */

import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "#server/db/client.ts";
import type { StagedRow } from "./import.check.ts";

const stageNames = [
  "row_no",
  "citizen_id",
  "family_name",
  "middle_name",
  "given_name",
  "full_name",
  "name_fold",
  "birth_date",
  "gender",
  "ethnicity",
  "hometown",
  "phone",
  "legacy_id",
  "tax_code",
  "union_ref",
  "union_id",
  "enterprise_id",
  "joined_on",
  "moved_on",
  "card_no",
  "action",
] as const satisfies readonly (keyof StagedRow)[];

/** COPY text format: tab-separated, \N for null, backslash escapes. */
const copyEscape = (c: string) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r");
const COPY_SPECIAL = /[\\\t\n\r]/;
/** A text field: cleaned cells hold no tab or line break and a backslash is rare, so most go out as they are. */
const copyText = (s: string | null) => (s === null ? "\\N" : COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, copyEscape) : s);
const copyNumber = (n: number | null) => (n === null ? "\\N" : String(n));
/** A field checkRow built itself (digits, ISO dates, codes): never a tab, line break or backslash. */
const copyPlain = (s: string | null) => (s === null ? "\\N" : s);
/**
 * One staged row in COPY text format, its fields in the order of stageNames (written out: this runs
 * for every row). Only the text people typed (names, ethnicity, hometown, union, card) is escaped.
 */
const copyLine = (jobId: number, r: StagedRow) =>
  `${jobId}\t${r.row_no}\t${copyPlain(r.citizen_id)}\t${copyText(r.family_name)}\t${copyText(r.middle_name)}\t${copyText(r.given_name)}\t${copyText(r.full_name)}\t${copyText(r.name_fold)}\t${copyPlain(r.birth_date)}\t${copyPlain(r.gender)}\t${copyText(r.ethnicity)}\t${copyText(r.hometown)}\t${copyPlain(r.phone)}\t${copyPlain(r.legacy_id)}\t${copyPlain(r.tax_code)}\t${copyText(r.union_ref)}\t${copyNumber(r.union_id)}\t${copyNumber(r.enterprise_id)}\t${copyPlain(r.joined_on)}\t${copyPlain(r.moved_on)}\t${copyText(r.card_no)}\t${copyPlain(r.action)}\n`;
const copySql = `COPY import_rows (job_id, ${stageNames.join(", ")}) FROM STDIN`;

/**
 * Writes staged rows with COPY: one stream for the whole file on PostgreSQL, one COPY per batch
 * on PGlite (which reads COPY input from a Blob). Faster than INSERTs by an order of magnitude.
 */
export interface Stager {
  write(rows: StagedRow[]): Promise<void>;
  /** Milliseconds spent waiting for the database to take what was written. */
  waitedMs: number;
  end(): Promise<void>;
  abort(): void;
}

/** Bytes of COPY data that may wait for PostgreSQL while Node reads on. */
const STAGE_BUFFER = 8 << 20;

export async function openStager(database: Database, jobId: number): Promise<Stager> {
  if (database.pool) {
    const client = await database.pool.connect();
    const stream = client.query(copyFrom(copySql));
    const finished = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    finished.catch(() => undefined);
    let released = false;
    const release = (err?: Error) => {
      if (!released) client.release(err);
      released = true;
    };
    const self: Stager = {
      waitedMs: 0,
      async write(rows) {
        if (!rows.length) return;
        let chunk = "";
        for (const r of rows) chunk += copyLine(jobId, r);
        stream.write(chunk);
        // Waiting for "drain" (the stream's 16 KB mark) after every batch made Node idle until
        // PostgreSQL had taken nearly all of it, so parsing and loading took turns; with up to
        // STAGE_BUFFER bytes in flight they run side by side (memory stays bounded).
        if (stream.writableLength > STAGE_BUFFER) {
          const t = performance.now();
          await new Promise((r) => stream.once("drain", r));
          self.waitedMs += performance.now() - t;
        }
      },
      async end() {
        stream.end();
        await finished;
        release();
      },
      abort() {
        stream.destroy();
        release(new Error("import aborted"));
      },
    };
    return self;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error("no database");
  // Each COPY costs PGlite a fixed set-up: lines are gathered into ~4 MB blobs (about 16,000 rows).
  let lines: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!lines.length) return;
    const blob = new Blob(lines);
    lines = [];
    size = 0;
    const t = performance.now();
    await pglite.query(`${copySql.replace("STDIN", "'/dev/blob'")}`, [], { blob });
    self.waitedMs += performance.now() - t;
  };
  const self: Stager = {
    waitedMs: 0,
    async write(rows) {
      for (const r of rows) {
        const line = copyLine(jobId, r);
        lines.push(line);
        size += line.length;
      }
      if (size >= 4 << 20) await flush();
    },
    end: flush,
    abort() {
      lines = [];
    },
  };
  return self;
}
