/**
 * The beneficiary list as a file: its columns (by the headings Vietnamese offices use), reading it through the
 * registry's streaming sheet reader, and the template offices fill in.
 */
import { utcCalendarDate } from "#shared/clock.ts";
import ExcelJS from "exceljs";
import { AppError } from "#server/http/errors.ts";
import { type Cell, readRows } from "#server/modules/registry/index.ts";
import { cleanText, fold } from "#shared/text.ts";

/** The list's columns, by the headings Vietnamese offices use (compared without diacritics). */
export const columns = {
  fullName: { label: "Họ và tên", heads: ["ho va ten", "ho ten", "ten nguoi nhan", "nguoi nhan"] },
  citizenId: { label: "Số CCCD", heads: ["so cccd", "cccd", "so can cuoc", "can cuoc cong dan", "so cmnd/cccd", "cmnd/cccd", "so cmnd", "cmnd"] },
  birthDate: { label: "Ngày sinh", heads: ["ngay sinh", "ngay thang nam sinh"] },
  union: { label: "Công đoàn cơ sở", heads: ["cong doan co so", "cdcs", "cong doan"] },
  enterprise: { label: "Doanh nghiệp", heads: ["doanh nghiep", "don vi", "noi lam viec", "cong ty"] },
  kind: { label: "Hình thức", heads: ["hinh thuc", "hinh thuc ho tro", "loai ho tro"] },
  amount: { label: "Số tiền", heads: ["so tien", "tri gia", "gia tri", "muc ho tro"] },
  paidOn: { label: "Ngày nhận", heads: ["ngay nhan", "ngay chi", "ngay trao", "ngay ho tro"] },
  gender: { label: "Giới tính", heads: ["gioi tinh"] },
  phone: { label: "Số điện thoại", heads: ["so dien thoai", "dien thoai", "sdt"] },
  note: { label: "Ghi chú", heads: ["ghi chu"] },
} as const;
export type Col = keyof typeof columns;
export type ImportRow = { row: number } & Partial<Record<Col, string>>;

const MAX_ROWS = 50_000;

function headingKey(raw: string): Col | null {
  const h = fold(raw)
    .replace(/\(.*?\)/g, "")
    .replace(/[*:.]/g, "")
    .trim();
  if (!h) return null;
  for (const [key, def] of Object.entries(columns) as [Col, (typeof columns)[Col]][]) {
    if ((def.heads as readonly string[]).includes(h)) return key;
  }
  return null;
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return utcCalendarDate(v);
  return String(v);
}

/** The same error at whichever row the list passes the cap. */
const tooManyRows = () => new AppError("payload_too_large", `Tệp có hơn ${MAX_ROWS.toLocaleString("vi-VN")} dòng; chia nhỏ danh sách`);

const noHeading = () => new AppError("import_unreadable", 'Không thấy dòng tiêu đề có cột "Số CCCD" trong 10 dòng đầu của tệp');

/** The heading row (the first of the first ten that names the citizen ID column) as column keys; throws on a missing required column. */
function headingRow(cells: string[]): (Col | null)[] {
  const header = cells.map(headingKey);
  const missing = (["amount"] as Col[]).filter((k) => !header.includes(k));
  if (missing.length) throw new AppError("import_unreadable", `Tệp thiếu cột: ${missing.map((m) => columns[m].label).join(", ")}`);
  return header;
}

/**
 * Reads the first sheet of an .xlsx, or a CSV (comma, semicolon or tab; UTF-8 with or without BOM),
 * from the uploaded file on disk, through the registry's sheet reader: streamed, checked against the
 * expansion, row, column and cell limits, and parsed in a worker thread when large. Each row becomes
 * an ImportRow as it arrives: only the list's own fields are held, never the file or its grid of cells.
 */
export async function readList(path: string, filename: string): Promise<ImportRow[]> {
  let header: (Col | null)[] | null = null;
  const rows: ImportRow[] = [];
  try {
    for await (const batch of readRows(path)) {
      for (const r of batch) {
        // The list itself is capped well below the reader's limits: stop reading at once past it.
        if (r.rowNo > MAX_ROWS + 10) throw tooManyRows();
        const cells = r.cells.map(cellText);
        if (!header) {
          if (r.rowNo > 10) throw noHeading();
          if (cells.some((c) => headingKey(c) === "citizenId")) header = headingRow(cells);
          continue;
        }
        if (cells.every((c) => !c.trim())) continue;
        const row: ImportRow = { row: r.rowNo };
        header.forEach((key, c) => {
          if (key && row[key] === undefined) row[key] = cleanText(cells[c] ?? "");
        });
        rows.push(row);
        if (rows.length > MAX_ROWS) throw tooManyRows();
      }
    }
  } catch (err) {
    if (err instanceof AppError && err.code === "import_invalid_file")
      throw new AppError("import_unreadable", `Tệp ${filename}: ${err.detail ?? "không đọc được"}`);
    throw err;
  }
  if (!header) throw noHeading();
  return rows;
}

/** The beneficiary list's template: the headings the import reads, an example row, and a sheet saying how to fill each. */
export async function payoutTemplate(): Promise<Buffer> {
  const cols: { key: Col; example: string; required: boolean; note: string; text?: boolean }[] = [
    { key: "fullName", example: "Nguyễn Thị Lan", required: false, note: "Bắt buộc khi người nhận chưa có trong hồ sơ (để tạo mới)" },
    { key: "citizenId", example: "031190001234", required: true, note: "12 chữ số (CMND 9 số chỉ dùng để tìm người đã có)", text: true },
    { key: "birthDate", example: "14/02/1990", required: false, note: "dd/mm/yyyy; bắt buộc khi người nhận chưa có trong hồ sơ", text: true },
    { key: "union", example: "Công đoàn cơ sở Công ty TNHH ...", required: false, note: "Tên hoặc mã công đoàn cơ sở" },
    { key: "enterprise", example: "", required: false, note: "Tên doanh nghiệp nơi làm việc (cho người mới)" },
    { key: "kind", example: "Tiền mặt", required: false, note: "Tiền mặt, Quà, Vé, Phiếu mua hàng, Nhà; bỏ trống khi đợt chỉ có một hình thức" },
    { key: "amount", example: "1.000.000", required: true, note: "Số tiền hoặc trị giá, đồng" },
    { key: "paidOn", example: "", required: false, note: "dd/mm/yyyy, không sau hôm nay; bỏ trống: hôm nay", text: true },
    { key: "gender", example: "Nữ", required: false, note: "Nam hoặc Nữ" },
    { key: "phone", example: "0912345678", required: false, note: "Số điện thoại", text: true },
    { key: "note", example: "", required: false, note: "" },
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách nhận hỗ trợ", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: columns[c.key].label, key: c.key, width: Math.max(14, columns[c.key].label.length + 6) }));
  ws.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: "FFC00000" } };
    // Text format keeps the leading zero of citizen IDs and phones when people type them in.
    if (c.text) ws.getColumn(c.key).numFmt = "@";
  });
  ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  const help = wb.addWorksheet("Hướng dẫn");
  help.columns = [
    { header: "Cột", key: "h", width: 24 },
    { header: "Bắt buộc", key: "r", width: 10 },
    { header: "Cách ghi", key: "n", width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols) help.addRow({ h: columns[c.key].label, r: c.required ? "Có" : "", n: c.note });
  help.addRow({});
  help.addRow({ h: "Ghi chú", n: "Mỗi người chỉ nhận một lần trong một đợt. Xóa dòng ví dụ trước khi nhập." });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
