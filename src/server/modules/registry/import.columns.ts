import { fold } from "#shared/text.ts";

/** A column of an import template: its Vietnamese header, the names people also write, and whether it is required. */
export interface ImportColumn {
  key: string;
  header: string;
  aliases: string[];
  required: boolean;
  example: string;
  note: string;
}

export const memberColumns: ImportColumn[] = [
  { key: "seq", header: "STT", aliases: ["so thu tu", "tt"], required: false, example: "1", note: "Không bắt buộc" },
  { key: "fullName", header: "Họ và tên", aliases: ["ho ten", "ho va ten doan vien", "ten"], required: true, example: "Nguyễn Thị Hương", note: "Bắt buộc" },
  {
    key: "birthDate",
    header: "Ngày sinh",
    aliases: ["ngay thang nam sinh", "sinh ngay"],
    required: false,
    example: "12/05/1995",
    note: "dd/mm/yyyy hoặc yyyy-mm-dd",
  },
  { key: "gender", header: "Giới tính", aliases: ["gioi"], required: false, example: "Nữ", note: "Nam hoặc Nữ" },
  {
    key: "citizenId",
    header: "Số CCCD",
    aliases: ["cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh", "so dinh danh ca nhan"],
    required: true,
    example: "031195001234",
    note: "12 chữ số; bắt buộc",
  },
  { key: "legacyId", header: "Số CMND cũ", aliases: ["cmnd", "so cmnd"], required: false, example: "", note: "9 chữ số, nếu có" },
  { key: "ethnicity", header: "Dân tộc", aliases: [], required: false, example: "Kinh", note: "" },
  { key: "hometown", header: "Quê quán", aliases: ["que", "nguyen quan"], required: false, example: "Thái Bình", note: "" },
  { key: "phone", header: "Số điện thoại", aliases: ["dien thoai", "sdt", "so dt"], required: false, example: "0912345678", note: "Di động hoặc cố định" },
  {
    key: "taxCode",
    header: "Mã số thuế doanh nghiệp",
    aliases: ["ma so thue", "mst", "mst doanh nghiep"],
    required: false,
    example: "0201234567",
    note: "Doanh nghiệp nơi làm việc",
  },
  {
    key: "union",
    header: "Công đoàn cơ sở",
    aliases: ["cdcs", "ten cong doan co so", "ma cong doan", "ma cdcs"],
    required: true,
    example: "CD00123",
    note: "Tên hoặc mã công đoàn cơ sở; bắt buộc",
  },
  {
    key: "joinedOn",
    header: "Ngày vào công đoàn",
    aliases: ["ngay ket nap", "ngay vao cd", "ngay gia nhap"],
    required: true,
    example: "01/03/2021",
    note: "Bắt buộc",
  },
  { key: "cardNo", header: "Số thẻ đoàn viên", aliases: ["so the", "the doan vien"], required: false, example: "", note: "" },
  {
    key: "movedOn",
    header: "Ngày chuyển đến",
    aliases: ["ngay chuyen sinh hoat"],
    required: false,
    example: "",
    note: "Khi đoàn viên chuyển từ công đoàn khác; bỏ trống = ngày nhập",
  },
];

/** Maps a header row to column keys by folded name ("HO VA TEN", "Họ và tên " and "Ho ten" all match). */
export function mapHeaders(cells: unknown[], columns: ImportColumn[]): { index: Map<string, number>; missing: ImportColumn[]; unknown: string[] } {
  const lookup = new Map<string, string>();
  for (const c of columns) {
    lookup.set(fold(c.header), c.key);
    for (const a of c.aliases) lookup.set(a, c.key);
  }
  const index = new Map<string, number>();
  const unknown: string[] = [];
  cells.forEach((cell, i) => {
    if (cell === null || cell === undefined || String(cell).trim() === "") return;
    const key = lookup.get(fold(String(cell)).replace(/[*:.]/g, "").trim());
    if (key && !index.has(key)) index.set(key, i);
    else if (!key) unknown.push(String(cell));
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  return { index, missing, unknown };
}
