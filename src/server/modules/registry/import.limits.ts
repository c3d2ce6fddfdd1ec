import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { AppError } from "#server/http/errors.ts";

/**
 * Limits on what an uploaded sheet may expand to. An .xlsx is a zip: 11 MB of shared strings can
 * inflate to gigabytes and take the heap with it, so the zip's own directory is read first (declared
 * sizes over a limit are refused without inflating anything), then each entry is inflated once
 * through a counter that stops at its declared size (a zip that lies about its sizes is refused the
 * moment it inflates past them). Only then does the sheet reader see the file.
 */
export const SHEET_LIMITS = {
  /** All entries of the workbook together, inflated. A 650.000-row member list is about 300 MB. */
  totalBytes: 1024 * 1024 * 1024,
  /** One entry (a worksheet), inflated. */
  entryBytes: 768 * 1024 * 1024,
  /** The shared strings, which the reader keeps in memory. */
  sharedStringsBytes: 128 * 1024 * 1024,
  /** Entries in the zip (a workbook has a few dozen). */
  entries: 2000,
  /** Rows of the first worksheet or of a CSV, header included. */
  rows: 1_000_000,
  /** Columns of a row: templates have about twenty. */
  columns: 256,
  /** Characters of one cell: Excel's own limit. */
  cellChars: 32_767,
} as const;

const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString("vi-VN")} MB`;
const tooLarge = (detail: string) => new AppError("payload_too_large", detail);
const unreadable = (detail: string) => new AppError("import_invalid_file", detail);

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Reads the zip's central directory (end record within the last 64 KiB of the file). */
async function centralDirectory(path: string): Promise<Entry[]> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unreadable("Tệp Excel bị hỏng: không thấy mục lục của tệp nén (.xlsx)");
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw tooLarge("Tệp Excel dạng ZIP64 (trên 4 GB hoặc quá nhiều phần) không được nhận; hãy chia nhỏ danh sách");
    }
    if (count > SHEET_LIMITS.entries) throw tooLarge(`Tệp Excel có ${count.toLocaleString("vi-VN")} phần, quá giới hạn ${SHEET_LIMITS.entries}`);
    if (cdOffset + cdSize > size) throw unreadable("Tệp Excel bị hỏng: mục lục nằm ngoài tệp");
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw unreadable("Tệp Excel bị hỏng: mục lục không đọc được");
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const entry: Entry = {
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString("utf8", p + 46, p + 46 + nameLength),
      };
      if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
        throw tooLarge("Tệp Excel dạng ZIP64 (trên 4 GB) không được nhận; hãy chia nhỏ danh sách");
      }
      entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Inflates one entry through a counter: refused as soon as it grows past its declared size. */
async function verifyEntry(path: string, entry: Entry): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) throw unreadable(`Tệp Excel dùng kiểu nén không hỗ trợ (${entry.method}) ở phần ${entry.name}`);
  const fh = await open(path, "r");
  let dataStart: number;
  try {
    const head = Buffer.alloc(30);
    await fh.read(head, 0, 30, entry.localOffset);
    if (head.readUInt32LE(0) !== 0x04034b50) throw unreadable(`Tệp Excel bị hỏng ở phần ${entry.name}`);
    dataStart = entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  if (entry.method === 0) {
    raw.destroy();
    if (entry.compressedSize !== entry.uncompressedSize) throw unreadable(`Tệp Excel bị hỏng ở phần ${entry.name}`);
    return;
  }
  let produced = 0;
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw();
    const fail = (err: Error) => {
      raw.destroy();
      inflate.destroy();
      reject(err);
    };
    inflate.on("data", (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        fail(tooLarge(`Phần ${entry.name} của tệp Excel giải nén ra lớn hơn kích thước nó khai báo (tệp "bom nén"), tệp bị từ chối`));
      }
    });
    inflate.on("end", () => resolve());
    inflate.on("error", () => fail(unreadable(`Tệp Excel bị hỏng: không giải nén được phần ${entry.name}`)));
    raw.on("error", (e) => fail(e));
    raw.pipe(inflate);
  });
}

/**
 * Refuses an .xlsx whose parts would expand past the limits (Vietnamese 413), or that lies about
 * its sizes; resolves when the file is safe to hand to the sheet reader.
 */
export async function checkWorkbook(path: string): Promise<void> {
  const entries = await centralDirectory(path);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const limit = /sharedStrings\d*\.xml$/i.test(e.name) ? SHEET_LIMITS.sharedStringsBytes : SHEET_LIMITS.entryBytes;
    if (e.uncompressedSize > limit) {
      throw tooLarge(`Phần ${e.name} của tệp Excel giải nén ra ${mb(e.uncompressedSize)}, quá giới hạn ${mb(limit)}; hãy chia nhỏ danh sách`);
    }
  }
  if (total > SHEET_LIMITS.totalBytes) {
    throw tooLarge(`Tệp Excel giải nén ra ${mb(total)}, quá giới hạn ${mb(SHEET_LIMITS.totalBytes)}; hãy chia nhỏ danh sách`);
  }
  // The parts the reader inflates: the workbook's XML. Media (images) are never read.
  for (const e of entries) if (/\.(xml|rels)$/i.test(e.name)) await verifyEntry(path, e);
}

/** A row over the column limit, or a cell over the length limit, is a 413 naming the row. */
export function checkRowShape(rowNo: number, cells: readonly unknown[]): void {
  if (cells.length > SHEET_LIMITS.columns) {
    throw tooLarge(`Dòng ${rowNo} có ${cells.length.toLocaleString("vi-VN")} cột, quá giới hạn ${SHEET_LIMITS.columns} cột`);
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === "string" && c.length > SHEET_LIMITS.cellChars) {
      throw tooLarge(
        `Ô ở dòng ${rowNo}, cột ${i + 1} dài ${c.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${SHEET_LIMITS.cellChars.toLocaleString("vi-VN")}`,
      );
    }
  }
}

/** More rows than any list the app takes: a 413 before the rest is read. */
export function checkRowCount(rowNo: number): void {
  if (rowNo > SHEET_LIMITS.rows) throw tooLarge(`Tệp có hơn ${SHEET_LIMITS.rows.toLocaleString("vi-VN")} dòng; hãy chia nhỏ danh sách`);
}
