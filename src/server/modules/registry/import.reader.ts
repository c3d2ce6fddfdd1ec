import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import ExcelJS from "exceljs";
import { AppError, type ErrorCode } from "#server/http/errors.ts";
import { checkRowCount, checkRowShape, checkWorkbook } from "./import.limits.ts";

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

/** Files above this size are parsed in a worker thread, so the web keeps answering meanwhile. */
export const WORKER_THRESHOLD_BYTES = 1024 * 1024;
/** The worker's heap: a file that still manages to blow up kills the worker, never the server. */
const WORKER_HEAP_MB = 1536;

/**
 * Streams the rows of the first worksheet of an .xlsx, or of a CSV, in batches (see readRowsHere).
 * A large file is parsed in a worker thread with its own heap limit, one batch at a time as the
 * caller asks for it: parsing 50 MB never stalls other requests, and a file that defeats every limit
 * ends the worker with a 413, not the process.
 */
export async function* readRows(path: string, opts: { worker?: boolean } = {}): AsyncGenerator<SheetRow[]> {
  const useWorker = opts.worker ?? (await stat(path)).size > WORKER_THRESHOLD_BYTES;
  if (!useWorker) {
    yield* readRowsHere(path);
    return;
  }
  const worker = new Worker(new URL("./import.worker.mjs", import.meta.url), {
    workerData: { path },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  type Reply = { type: "batch"; rows: SheetRow[] } | { type: "done" } | { type: "error"; code: ErrorCode | null; detail: string };
  let pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  worker.on("message", (m: Reply) => pending?.resolve(m));
  worker.on("error", (err: Error & { code?: string }) => {
    failure =
      err.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new AppError("payload_too_large", "Tệp quá lớn để đọc (vượt giới hạn bộ nhớ khi giải nén); hãy chia nhỏ danh sách")
        : new AppError("import_invalid_file", "Không đọc được tệp");
    pending?.reject(failure);
  });
  worker.on("exit", () => {
    failure ??= new AppError("import_invalid_file", "Không đọc được tệp");
    pending?.reject(failure);
  });
  try {
    for (;;) {
      if (failure) throw failure;
      const reply = await new Promise<Reply>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage("next");
      });
      pending = null;
      if (reply.type === "done") return;
      if (reply.type === "error") throw reply.code ? new AppError(reply.code, reply.detail) : new AppError("import_invalid_file", reply.detail);
      yield reply.rows;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Streams the rows of the first worksheet of an .xlsx, or of a CSV (UTF-8, with or without BOM,
 * comma, semicolon or tab separated), in batches, in this thread. Never holds the whole file: rows
 * are yielded as parsed (batches, because one await per row costs more than parsing it). An .xlsx
 * is checked against the expansion limits first (import.limits.ts); rows, columns and cell lengths
 * are checked as they come.
 */
export async function* readRowsHere(path: string): AsyncGenerator<SheetRow[]> {
  const kind = await sniffKind(path);
  if (kind === "csv") {
    const csv = new CsvSplitter();
    let rowNo = 0;
    let batch: SheetRow[] = [];
    const records: string[][] = [];
    const take = function* () {
      for (const cells of records) {
        rowNo++;
        checkRowCount(rowNo);
        checkRowShape(rowNo, cells);
        batch.push({ rowNo, cells });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      records.length = 0;
    };
    try {
      // 1 MiB chunks: fewer hand-overs between the file, the splitter and the batches.
      for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
        // NUL never occurs in a text file (and PostgreSQL refuses it in text): a binary file named .csv.
        if ((chunk as string).includes("\u0000")) throw new AppError("import_invalid_file", "Tệp chứa ký tự NUL, không phải tệp văn bản CSV");
        csv.push(chunk as string, records);
        yield* take();
      }
      csv.end(records);
      yield* take();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError("import_invalid_file", `Không đọc được tệp CSV ở dòng ${rowNo + records.length + 1}: ${(err as Error).message}`);
    }
    if (batch.length) yield batch;
    return;
  }
  await checkWorkbook(path);
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
        checkRowCount(row.number);
        // exceljs rows are 1-based: values[0] is empty.
        const cells = values.slice(1).map(plain);
        checkRowShape(row.number, cells);
        batch.push({ rowNo: row.number, cells });
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

/** The longest record accepted: a row of members is a few hundred characters, a 64 KiB "row" is not a member list. */
const MAX_RECORD = 65_536;
const QUOTE = 34;
const DELIMITERS = [44, 59, 9]; // , ; tab — whichever the office's Excel wrote, one per file
const isNewline = (c: number) => c === 10 || c === 13;

/**
 * The delimiter of a file, read off its first line (the header): the most frequent of comma,
 * semicolon and tab outside quotes, comma on a tie. Excel writes one per file (comma, or semicolon
 * where the decimal mark is a comma, as on Vietnamese Windows) and leaves the others unquoted inside
 * cells ("0201234567;0207654321" in a comma file), so treating all three as delimiters shifts cells.
 */
export function detectDelimiter(firstLine: string): number {
  const counts = new Map<number, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = 44;
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * A CSV splitter for text arriving in chunks: one delimiter between fields (comma, semicolon or tab,
 * read off the header line unless given), "quoted"
 * fields with "" for a quote and line breaks inside, a quote inside an unquoted field kept as is,
 * CRLF, LF or CR between records, a leading BOM dropped. Cells are sliced from the chunk rather
 * than built a character at a time (csv-parse did that, and took a third of a city import).
 */
export class CsvSplitter {
  /** 0 field start, 1 unquoted field, 2 quoted field, 3 quote seen inside a quoted field. */
  private mode = 0;
  private carry = "";
  private record: string[] = [];
  private recordSize = 0;
  private skipLf = false;
  private first = true;
  private head = "";

  constructor(private delimiter: number | null = null) {}

  push(chunk: string, out: string[][]): void {
    if (this.delimiter === null) {
      // Hold the text until the header line is whole, then decide the delimiter from it.
      this.head += chunk;
      const eol = this.head.search(/[\r\n]/);
      if (eol < 0 && this.head.length <= MAX_RECORD) return;
      this.delimiter = detectDelimiter(this.head.slice(0, eol < 0 ? MAX_RECORD : eol));
      chunk = this.head;
      this.head = "";
    }
    const delimiter = this.delimiter;
    let i = 0;
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLf && chunk.charCodeAt(i) === 10) i++;
    this.skipLf = false;
    let start = i;
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.mode === 0) {
        if (c === QUOTE) {
          this.mode = 2;
          start = i + 1;
          continue;
        }
        // The character begins an unquoted field.
        this.mode = 1;
        start = i;
      }
      switch (this.mode) {
        case 1:
          if (c === delimiter) {
            this.field(chunk.slice(start, i));
            this.mode = 0;
          } else if (isNewline(c)) {
            this.field(chunk.slice(start, i));
            i = this.newline(chunk, i, out);
          }
          break;
        case 2:
          if (c === QUOTE) this.mode = 3;
          break;
        case 3:
          if (c === QUOTE) {
            // "" inside a quoted field: one quote kept (the first one, or a quote if it ended the previous chunk)
            this.carry += i > start ? chunk.slice(start, i) : '"';
            start = i + 1;
            this.mode = 2;
          } else if (c === delimiter) {
            this.field(i > start ? chunk.slice(start, i - 1) : "");
            this.mode = 0;
          } else if (isNewline(c)) {
            this.field(i > start ? chunk.slice(start, i - 1) : "");
            i = this.newline(chunk, i, out);
          } else {
            throw new Error(`dấu ngoặc kép đóng ô phải đứng ngay trước dấu phân cách, gặp "${chunk[i]}"`);
          }
          break;
      }
    }
    if (this.mode === 1 || this.mode === 2) this.carry += chunk.slice(start);
    else if (this.mode === 3) this.carry += chunk.slice(start, n - 1);
    if (this.recordSize + this.carry.length > MAX_RECORD) throw new Error(`dòng dài quá ${MAX_RECORD} ký tự`);
  }

  end(out: string[][]): void {
    if (this.delimiter === null) {
      // The whole file was one line without a line break: decide from it.
      if (!this.head) return;
      const text = this.head;
      this.head = "";
      this.delimiter = detectDelimiter(text);
      this.push(text, out);
    }
    if (this.mode === 2) throw new Error("thiếu dấu ngoặc kép đóng ô");
    // A last line without a line break; after a trailing delimiter, its empty last cell.
    if (this.mode !== 0 || this.record.length) {
      this.field("");
      out.push(this.record);
    }
    this.record = [];
    this.mode = 0;
  }

  private field(tail: string) {
    const value = this.carry ? this.carry + tail : tail;
    this.carry = "";
    this.recordSize += value.length;
    if (this.recordSize > MAX_RECORD) throw new Error(`dòng dài quá ${MAX_RECORD} ký tự`);
    this.record.push(value);
  }

  /** Ends the record at the line break at `i`; returns the index of its last character (CRLF is one break). */
  private newline(chunk: string, i: number, out: string[][]): number {
    out.push(this.record);
    this.record = [];
    this.recordSize = 0;
    this.mode = 0;
    if (chunk.charCodeAt(i) === 13) {
      if (i + 1 < chunk.length) return chunk.charCodeAt(i + 1) === 10 ? i + 1 : i;
      this.skipLf = true;
    }
    return i;
  }
}
