import { fold } from "#shared/text.ts";

/** A column of an import template: its Vietnamese header, the names people also write, and whether it is required. */
export interface ImportColumn {
  key: string;
  header: string;
  aliases: string[];
  required: boolean;
  example: string;
  note: string;
  /** Typed as text in the template, so Excel keeps leading zeros (IDs, phones, tax codes). */
  asText?: boolean;
}

/** The row number column people keep at the left of their lists: read and ignored. */
const seqColumn: ImportColumn = { key: "seq", header: "STT", aliases: ["so thu tu", "tt"], required: false, example: "1", note: "Không bắt buộc" };

export const memberColumns: ImportColumn[] = [
  seqColumn,
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
    asText: true,
  },
  { key: "legacyId", header: "Số CMND cũ", aliases: ["cmnd", "so cmnd"], required: false, example: "", note: "9 chữ số, nếu có", asText: true },
  { key: "ethnicity", header: "Dân tộc", aliases: [], required: false, example: "Kinh", note: "" },
  { key: "hometown", header: "Quê quán", aliases: ["que", "nguyen quan"], required: false, example: "Thái Bình", note: "" },
  {
    key: "phone",
    header: "Số điện thoại",
    aliases: ["dien thoai", "sdt", "so dt"],
    required: false,
    example: "0912345678",
    note: "Di động hoặc cố định",
    asText: true,
  },
  {
    key: "taxCode",
    header: "Mã số thuế doanh nghiệp",
    aliases: ["ma so thue", "mst", "mst doanh nghiep"],
    required: false,
    example: "0201234567",
    note: "Doanh nghiệp nơi làm việc",
    asText: true,
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
  { key: "cardNo", header: "Số thẻ đoàn viên", aliases: ["so the", "the doan vien"], required: false, example: "", note: "", asText: true },
  {
    key: "movedOn",
    header: "Ngày chuyển đến",
    aliases: ["ngay chuyen sinh hoat"],
    required: false,
    example: "",
    note: "Khi đoàn viên chuyển từ công đoàn khác; bỏ trống = ngày nhập",
  },
];

/** Enterprises: matched by tax code; a blank cell keeps what the registry has. Headers of the enterprise export are aliases, so an export re-imports. */
export const enterpriseColumns: ImportColumn[] = [
  seqColumn,
  {
    key: "taxCode",
    header: "Mã số thuế",
    aliases: ["mst", "ma so thue doanh nghiep", "mst doanh nghiep"],
    required: true,
    example: "0201234567",
    note: "10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN (chi nhánh); bắt buộc. Doanh nghiệp đã có cùng mã số thuế thì được cập nhật",
    asText: true,
  },
  {
    key: "name",
    header: "Tên doanh nghiệp",
    aliases: ["ten", "ten cong ty", "doanh nghiep", "ten doanh nghiep day du"],
    required: true,
    example: "Công ty TNHH May mặc Hải Phòng",
    note: "Bắt buộc",
  },
  {
    key: "ownership",
    header: "Loại hình sở hữu",
    aliases: ["loai hinh", "loai hinh doanh nghiep", "so huu"],
    required: false,
    example: "FDI",
    note: "FDI, Tư nhân trong nước, Nhà nước hoặc Hợp tác xã; bắt buộc với doanh nghiệp mới",
  },
  {
    key: "investorCountry",
    header: "Quốc gia nhà đầu tư",
    aliases: ["quoc gia dau tu", "quoc gia", "nuoc dau tu"],
    required: false,
    example: "Hàn Quốc",
    note: "",
  },
  {
    key: "zone",
    header: "Khu công nghiệp",
    aliases: ["kcn", "khu kinh te", "ma khu cong nghiep"],
    required: false,
    example: "",
    note: "Tên hoặc mã khu công nghiệp",
  },
  {
    key: "sector",
    header: "Ngành nghề",
    aliases: ["nganh", "nganh nghe kinh doanh"],
    required: false,
    example: "May mặc",
    note: "Bắt buộc với doanh nghiệp mới",
  },
  { key: "address", header: "Địa chỉ", aliases: ["dia chi tru so"], required: false, example: "", note: "" },
  { key: "commune", header: "Xã, phường", aliases: ["xa phuong", "phuong xa", "xa", "phuong"], required: false, example: "", note: "" },
  {
    key: "workforceTotal",
    header: "Tổng số lao động",
    aliases: ["so lao dong", "tong lao dong", "lao dong"],
    required: false,
    example: "1200",
    note: "Số nguyên không âm",
  },
  { key: "workforceWomen", header: "Lao động nữ", aliases: ["so lao dong nu", "nu"], required: false, example: "850", note: "Không lớn hơn tổng số lao động" },
  { key: "workforceMigrants", header: "Lao động ngoại tỉnh", aliases: ["ngoai tinh"], required: false, example: "300", note: "Không lớn hơn tổng số lao động" },
  {
    key: "workforceForeigners",
    header: "Lao động nước ngoài",
    aliases: ["nuoc ngoai"],
    required: false,
    example: "12",
    note: "Không lớn hơn tổng số lao động",
  },
  {
    key: "status",
    header: "Trạng thái",
    aliases: ["tinh trang", "tinh trang hoat dong"],
    required: false,
    example: "Đang hoạt động",
    note: "Đang hoạt động, Tạm ngừng, Giải thể, Phá sản hoặc Chủ bỏ trốn; bỏ trống = Đang hoạt động",
  },
  { key: "hasPartyOrg", header: "Có tổ chức Đảng", aliases: ["to chuc dang", "co chi bo dang"], required: false, example: "Không", note: "Có hoặc Không" },
  {
    key: "establishedOn",
    header: "Ngày thành lập",
    aliases: ["ngay cap phep", "ngay dang ky"],
    required: false,
    example: "15/03/2012",
    note: "dd/mm/yyyy hoặc yyyy-mm-dd",
  },
];

/** Grassroots unions: matched by code; the enterprises covered by their tax codes. Headers of the union export are aliases. */
export const unionColumns: ImportColumn[] = [
  seqColumn,
  {
    key: "code",
    header: "Mã công đoàn",
    aliases: ["ma cdcs", "ma cong doan co so", "ma"],
    required: true,
    example: "CD00123",
    note: "Bắt buộc. Công đoàn đã có cùng mã thì được cập nhật",
    asText: true,
  },
  {
    key: "name",
    header: "Tên công đoàn cơ sở",
    aliases: ["ten cdcs", "ten cong doan", "cong doan co so"],
    required: true,
    example: "Công đoàn cơ sở Công ty TNHH May mặc Hải Phòng",
    note: "Bắt buộc",
  },
  {
    key: "taxCodes",
    header: "Mã số thuế doanh nghiệp",
    aliases: ["ma so thue", "mst", "mst doanh nghiep", "doanh nghiep"],
    required: false,
    example: "0201234567",
    note: "Mã số thuế các doanh nghiệp công đoàn bao phủ, cách nhau bằng dấu ;. Bắt buộc với công đoàn mới; ghi thì thay danh sách cũ",
    asText: true,
  },
  { key: "foundedOn", header: "Ngày thành lập", aliases: ["ngay thanh lap cdcs"], required: false, example: "01/06/2015", note: "dd/mm/yyyy hoặc yyyy-mm-dd" },
  {
    key: "chairName",
    header: "Chủ tịch",
    aliases: ["chu tich cdcs", "chu tich cong doan", "ho ten chu tich"],
    required: false,
    example: "Nguyễn Văn An",
    note: "",
  },
  {
    key: "parent",
    header: "Công đoàn cấp trên",
    aliases: ["cap tren", "cong doan cap tren truc tiep", "ma cong doan cap tren"],
    required: false,
    example: "",
    note: "Tên hoặc mã; bỏ trống = công đoàn khu của doanh nghiệp (công đoàn mới) hoặc giữ nguyên",
  },
  { key: "dissolvedOn", header: "Ngày giải thể", aliases: [], required: false, example: "", note: "Chỉ ghi khi công đoàn đã giải thể" },
];

export type ImportKind = "members" | "enterprises" | "unions";

/** What each import's template holds: its sheet's name, its columns and the closing note. */
export const importTemplates: Record<ImportKind, { sheet: string; file: string; columns: ImportColumn[]; note: string }> = {
  members: {
    sheet: "Đoàn viên",
    file: "mau-nhap-doan-vien",
    columns: memberColumns,
    note: "Ngày ghi dd/mm/yyyy, yyyy-mm-dd hoặc ô ngày của Excel. Đoàn viên đã có (cùng số CCCD) được cập nhật; đổi công đoàn cơ sở thì được chuyển sinh hoạt.",
  },
  enterprises: {
    sheet: "Doanh nghiệp",
    file: "mau-nhap-doanh-nghiep",
    columns: enterpriseColumns,
    note: "Ngày ghi dd/mm/yyyy, yyyy-mm-dd hoặc ô ngày của Excel. Doanh nghiệp đã có (cùng mã số thuế) được cập nhật; ô bỏ trống giữ nguyên thông tin cũ.",
  },
  unions: {
    sheet: "Công đoàn cơ sở",
    file: "mau-nhap-cong-doan-co-so",
    columns: unionColumns,
    note: "Ngày ghi dd/mm/yyyy, yyyy-mm-dd hoặc ô ngày của Excel. Công đoàn đã có (cùng mã) được cập nhật; ô bỏ trống giữ nguyên thông tin cũ.",
  },
};

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
