import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { AppError } from "#server/http/errors.ts";

export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number a person sees in Excel (1-based, header included). */
  rowNo: number;
  cells: Cell[];
}

/** Is the file an .xlsx (a zip: "PK\x03\x04") or text? Decided by content, not by the name. */
export async function sniffKind(path: string): Promise<"xlsx" | "csv"> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, 0);
    if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return "xlsx";
    if (buf[0] === 0xd0 && buf[1] === 0xcf)
      throw new AppError("import_invalid_file", "Tệp .xls (Excel 97–2003) chưa được hỗ trợ: hãy lưu lại dạng .xlsx hoặc CSV UTF-8");
    return "csv";
  } finally {
    await fh.close();
  }
}

/** Excel rich text / formula / hyperlink cells → their plain value. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if ("result" in o) return plain(o.result);
    if (typeof o.text === "string") return o.text;
    if (o.error) return null;
  }
  return String(v);
}

const BATCH = 2000;

/**
 * Streams the rows of the first worksheet of an .xlsx, or of a CSV (UTF-8, with or without BOM,
 * comma, semicolon or tab separated), in batches. Never holds the whole file: rows are yielded as
 * parsed (batches, because one await per row costs more than parsing it).
 */
export async function* readRows(path: string): AsyncGenerator<SheetRow[]> {
  const kind = await sniffKind(path);
  if (kind === "csv") {
    const parser = createReadStream(path).pipe(
      // A row of members is a few hundred characters: a 64 KiB "row" is not a member list (and
      // parsing one giant field would hold the server for a minute).
      parse({
        bom: true,
        delimiter: [",", ";", "\t"],
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        trim: false,
        max_record_size: 65_536,
      }),
    );
    let rowNo = 0;
    let batch: SheetRow[] = [];
    let done = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    parser.on("readable", notify);
    parser.on("end", () => {
      done = true;
      notify();
    });
    parser.on("error", (err) => {
      failure = err;
      notify();
    });
    for (;;) {
      let record: string[] | null;
      // biome-ignore lint/suspicious/noAssignInExpressions: the stream read loop
      while ((record = parser.read() as string[] | null) !== null) {
        rowNo++;
        // NUL never occurs in a text file (and PostgreSQL refuses it in text): a binary file named .csv.
        if (record.some((cell) => cell.includes("\u0000"))) throw new AppError("import_invalid_file", "Tệp chứa ký tự NUL, không phải tệp văn bản CSV");
        batch.push({ rowNo, cells: record });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (failure) throw new AppError("import_invalid_file", `Không đọc được tệp CSV ở dòng ${rowNo + 1}: ${(failure as Error).message}`);
      if (done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (batch.length) yield batch;
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let batch: SheetRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        // exceljs rows are 1-based: values[0] is empty.
        batch.push({ rowNo: row.number, cells: values.slice(1).map(plain) });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      break; // only the first worksheet
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("import_invalid_file", `Không đọc được tệp Excel: ${(err as Error).message}`);
  }
  if (batch.length) yield batch;
}
