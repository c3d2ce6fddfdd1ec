import { sql } from "drizzle-orm";
import { registryChanged } from "#server/modules/providers.ts";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type AuditEntry, audit, auditMany } from "#server/modules/access/index.ts";
import { fold, formatNumber } from "#shared/text.ts";
import { type ImportColumn, mapHeaders } from "./import.columns.ts";
import { type Cell, type SheetRow, readRows, sniffKind } from "./import.reader.ts";
import { cellDate, text } from "./import.cells.ts";
import { type ImportIssue, type ImportResult, importTransaction, markImportFailed, reportImportProgress } from "./import.jobs.ts";

/**
 * The import of enterprises and of grassroots unions: one pipeline, two specs (import.enterprises.ts,
 * import.unions.ts). A city has a few thousand of each, so the checked rows are kept in memory (a
 * file over ORG_ROW_LIMIT rows is refused) and compared with the registry in one query per kind;
 * the writes and their audit rows go in ONE transaction, so any bad row (or a killed process)
 * leaves nothing half-imported.
 */
export const ORG_ROW_LIMIT = 50_000;
const ERROR_LIST_LIMIT = 10_000;
const WARNING_LIST_LIMIT = 2_000;

/** An import of one kind for a job: the members' (import.service.ts) and these two share it. */
export type ImportRunner = (
  database: Database,
  ctx: RequestContext,
  jobId: number,
  path: string,
  opts: { dryRun: boolean; skipInvalid?: boolean; today?: string; claim?: string },
) => Promise<ImportResult>;

/** One data row of a file, read through the import's columns. */
export interface RowCells {
  rowNo: number;
  get(key: string): Cell | undefined;
  text(key: string): string;
  /** Records a problem that refuses the row. */
  err(key: string, code: string, message: string): void;
  /** Records a problem that does not stop the row (a tax code's check digit). */
  warn(key: string, code: string, message: string): void;
}

/** What happens to a good row: its parsed values, and the registry's record before when it exists. */
export interface Resolved<Row> {
  row: Row;
  action: "create" | "update" | "same";
}

/** Records a problem found while comparing with the registry. */
export type Report = (rowNo: number, key: string, code: string, message: string) => void;

export interface OrgImportSpec<Row extends { rowNo: number }> {
  kind: "enterprises" | "unions";
  columns: ImportColumn[];
  /** The matching key's column and what the in-file duplicate message calls it ("Mã số thuế"). */
  keyColumn: string;
  /** Parses one row: its matching key (for in-file duplicates, even when other cells are bad), and the row when every cell is good. */
  parse(r: RowCells): { key: string | null; row: Row | null };
  /** Compares the good rows with the registry, within the caller's scope: reports what is wrong, says what happens to the rest. */
  resolve(tx: Tx, rows: Row[], report: Report): Promise<Resolved<Row>[]>;
  /** Writes the creates and updates; returns their audit rows. */
  apply(tx: Tx, changes: Resolved<Row>[]): Promise<AuditEntry[]>;
}

/**
 * The data rows of a streamed sheet in batches, after its header row: title rows above the header
 * are skipped (the header is the first row naming `minKnown` known columns), blank rows dropped.
 * A header missing a required column refuses the file, naming the columns.
 */
export async function* dataRows(
  path: string,
  columns: ImportColumn[],
  minKnown: number,
): AsyncGenerator<{ rows: SheetRow[]; index: Map<string, number>; width: number; headerCells: number }> {
  let index: Map<string, number> | null = null;
  let width = 0;
  let headerCells = 0;
  let probed = 0;
  const blank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));
  for await (const batch of readRows(path)) {
    const rows: SheetRow[] = [];
    for (const row of batch) {
      if (blank(row.cells)) continue;
      if (index) {
        rows.push(row);
        continue;
      }
      const mapped = mapHeaders(row.cells, columns);
      if (mapped.index.size < minKnown) {
        if (++probed > 20) break;
        continue;
      }
      if (mapped.missing.length) {
        throw new AppError("import_invalid_file", `Tệp thiếu cột bắt buộc: ${mapped.missing.map((c) => c.header).join(", ")}`, {
          errors: mapped.missing.map((c) => ({ pointer: `/file/columns/${c.header}`, message: `Thiếu cột bắt buộc "${c.header}"`, code: "missing_column" })),
        });
      }
      index = mapped.index;
      width = row.cells.reduce<number>((w, c, i) => (c === null || String(c).trim() === "" ? w : i + 1), 0);
      headerCells = row.cells.length;
    }
    if (!index) {
      if (probed > 20) break;
      continue;
    }
    if (rows.length) yield { rows, index, width, headerCells };
  }
  if (!index) {
    const required = columns.filter((c) => c.required).map((c) => c.header);
    throw new AppError("import_invalid_file", `Không tìm thấy dòng tiêu đề: tệp phải có các cột ${required.join(", ")} (tải tệp mẫu)`);
  }
}

/** A whole non-negative number from a cell ("1.234" and "1 234" read as 1234), null when blank. */
export function cellCount(c: Cell | undefined): number | null | "negative" | "invalid" {
  if (c === null || c === undefined) return null;
  if (typeof c === "number") return Number.isInteger(c) ? (c < 0 ? "negative" : c) : "invalid";
  const s = text(c).replace(/\s/g, "");
  if (!s) return null;
  if (/^-\d/.test(s)) return "negative";
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  if (/^\d+$/.test(s)) return Number(s);
  return "invalid";
}

/** Có / Không (and x, yes, 1…) from a cell, null when blank. */
export function cellYesNo(c: Cell | undefined): boolean | null | "invalid" {
  if (c === null || c === undefined) return null;
  if (typeof c === "boolean") return c;
  const f = fold(text(c));
  if (!f) return null;
  if (["co", "x", "yes", "y", "1", "true", "c"].includes(f)) return true;
  if (["khong", "no", "n", "0", "false", "k", "chua"].includes(f)) return false;
  return "invalid";
}

/** A tax code cell as text: a number cell that lost the leading zero (9 digits) gets it back. */
export function cellTaxText(c: Cell | undefined): string {
  if (typeof c === "number") {
    const s = String(Math.round(c));
    return s.length === 9 ? `0${s}` : s;
  }
  return text(c);
}

/** A word from a closed list, matched without diacritics or case ("Tu nhan trong nuoc" is "Tư nhân trong nước"). */
export function cellChoice<T extends string>(c: Cell | undefined, words: Record<string, T>): T | null | "invalid" {
  const f = fold(text(c));
  if (!f) return null;
  return words[f] ?? "invalid";
}

/** A date cell checked: refused when unreadable or in the future; `label` names it in the message. */
export function checkedDate(r: RowCells, key: string, label: string, today: string): string | null {
  const d = cellDate(r.get(key));
  if (d === "invalid") {
    r.err(key, "invalid_date", `${label} "${text(r.get(key))}" không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)`);
    return null;
  }
  if (d && (d > today || d < "1900-01-01")) {
    r.err(key, d > today ? "future_date" : "invalid_date", `${label} ${d.split("-").reverse().join("/")} không hợp lý`);
    return null;
  }
  return d;
}

/** Creates-first counts of what the import does. */
function countOutcome<Row>(resolved: Resolved<Row>[]) {
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of resolved) {
    if (r.action === "create") created++;
    else if (r.action === "update") updated++;
    else unchanged++;
  }
  return { created, updated, unchanged };
}

/** Runs an import of enterprises or unions for a job (see the file's comment). */
export async function importOrganizations<Row extends { rowNo: number }>(
  database: Database,
  ctx: RequestContext,
  jobId: number,
  path: string,
  opts: { dryRun: boolean; skipInvalid?: boolean; claim?: string },
  spec: OrgImportSpec<Row>,
): Promise<ImportResult> {
  reportImportProgress(database, jobId, { processed: 0, phase: "reading" });
  const cols = new Map(spec.columns.map((c) => [c.key, c]));
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let warningCount = 0;
  const bad = new Set<number>();
  const report: Report = (rowNo, key, code, message) => {
    bad.add(rowNo);
    errors.push({ row: rowNo, column: cols.get(key)?.header ?? key, code, message });
  };
  const rows: Row[] = [];
  const keys = new Map<string, number[]>();
  let total = 0;
  try {
    const csv = (await sniffKind(path)) === "csv";
    for await (const { rows: batch, index, width, headerCells } of dataRows(path, spec.columns, 2)) {
      for (const { rowNo, cells } of batch) {
        if (++total > ORG_ROW_LIMIT)
          throw new AppError("import_invalid_file", `Tệp có hơn ${formatNumber(ORG_ROW_LIMIT)} dòng: hãy chia thành nhiều tệp nhỏ hơn`);
        // A CSV row with more cells than the header, or cells past its last column, was split inside a
        // cell (Excel leaves "0201234567;0201234568" unquoted in a comma file, "Công ty A, B" in a
        // semicolon one; the reader takes both as delimiters): its cells no longer sit under their headers.
        if (csv && (cells.length > headerCells || cells.some((c, i) => i >= width && c !== null && String(c).trim() !== ""))) {
          bad.add(rowNo);
          errors.push({
            row: rowNo,
            column: null,
            code: "extra_cells",
            message: `Dòng có nhiều ô hơn dòng tiêu đề (${width} cột): trong tệp CSV, ô chứa dấu , hoặc ; phải đặt trong dấu ngoặc kép (hoặc dùng tệp .xlsx)`,
          });
          continue;
        }
        const get = (key: string) => {
          const i = index.get(key);
          return i === undefined ? undefined : cells[i];
        };
        const parsed = spec.parse({
          rowNo,
          get,
          text: (key) => text(get(key)),
          err: (key, code, message) => report(rowNo, key, code, message),
          warn: (key, code, message) => {
            warningCount++;
            if (warnings.length < WARNING_LIST_LIMIT) warnings.push({ row: rowNo, column: cols.get(key)?.header ?? key, code, message });
          },
        });
        if (parsed.key !== null) keys.set(parsed.key, [...(keys.get(parsed.key) ?? []), rowNo]);
        if (parsed.row && !bad.has(rowNo)) rows.push(parsed.row);
      }
      reportImportProgress(database, jobId, { processed: total, phase: "reading" });
    }
    // The same key twice in one file: which row is right cannot be known, so every one of them is refused.
    const keyHeader = cols.get(spec.keyColumn)?.header ?? spec.keyColumn;
    for (const [key, at] of keys) {
      if (at.length < 2) continue;
      for (const rowNo of at)
        report(rowNo, spec.keyColumn, "duplicate_in_file", `${keyHeader} ${key} xuất hiện nhiều lần trong tệp (các dòng ${at.join(", ")})`);
    }
    reportImportProgress(database, jobId, { processed: total, phase: "checking" });

    const outcome = await importTransaction(database, jobId, total, opts, async (tx) => {
      let good = rows.filter((r) => !bad.has(r.rowNo));
      let before = bad.size;
      let resolved = await spec.resolve(tx, good, report);
      // Skipping bad rows can leave another row wrong (a union taking an enterprise that a skipped row
      // was to release): compare again without them until nothing new is found.
      let settled = bad.size === before || !opts.skipInvalid;
      for (let pass = 0; !settled && pass < 5; pass++) {
        good = good.filter((r) => !bad.has(r.rowNo));
        before = bad.size;
        resolved = await spec.resolve(tx, good, report);
        settled = bad.size === before;
      }
      resolved = resolved.filter((r) => !bad.has(r.row.rowNo));
      const counts = { ...countOutcome(resolved), rejected: bad.size };
      const commit = !opts.dryRun && settled && (bad.size === 0 || opts.skipInvalid === true);
      if (commit) {
        reportImportProgress(database, jobId, { processed: total, phase: "saving" });
        const entries = await spec.apply(
          tx,
          resolved.filter((r) => r.action !== "same"),
        );
        await auditMany(
          database,
          tx,
          ctx,
          entries.map((e) => ({ ...e, detail: { importJob: jobId } })),
        );
        await audit(database, tx, ctx, {
          action: "import",
          objectType: spec.kind,
          objectId: jobId,
          detail: { total, ...counts, skipInvalid: opts.skipInvalid === true },
        });
      }
      return { ...counts, committed: commit };
    });
    // Unions founded or covering other enterprises, enterprises moved: requests are routed anew.
    if (outcome.committed) registryChanged(database);
    errors.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
    const result: ImportResult = {
      jobId,
      dryRun: opts.dryRun,
      committed: outcome.committed,
      total,
      created: outcome.created,
      updated: outcome.updated,
      transferred: 0,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
      errors: errors.slice(0, ERROR_LIST_LIMIT),
      errorCount: errors.length,
      warnings,
    };
    await database.rows(
      sql`UPDATE import_jobs SET status = 'done', processed = ${total}, finished_at = now(),
            result = ${JSON.stringify({ ...result, errors: result.errors.slice(0, 500), warningCount })}::jsonb WHERE id = ${jobId}`,
    );
    return result;
  } catch (err) {
    await markImportFailed(database, jobId, total, err, opts.claim);
    throw err;
  } finally {
    reportImportProgress(database, jobId, null);
  }
}

/** A Postgres array literal of texts or ids, for `= ANY(…)`. Values are digits, codes and hyphens; quoted anyway. */
export const pgArray = (xs: (string | number)[]) => `{${xs.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
