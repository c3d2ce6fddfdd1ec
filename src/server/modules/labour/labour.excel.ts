import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { AppError } from "#server/http/errors.ts";
import { lastEndedPeriod } from "./labour.deadlines.ts";
import type { Cell } from "#server/modules/registry/index.ts";
import type { LabourReportInput } from "./labour.schema.ts";
import { vnToday } from "#shared/clock.ts";

/** The template is a few kilobytes; anything much larger is not it. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

type Kind = "int" | "money" | "bool" | "text" | "period";
/** One row of the template per field: the key in column A lets a moved row still be read. */
export const templateRows: { key: keyof LabourReportInput; label: string; kind: Kind; hint: string }[] = [
  { key: "period", label: "Kỳ báo cáo", kind: "period", hint: "2026-H1 (6 tháng đầu năm) hoặc 2026-H2 (6 tháng cuối năm)" },
  { key: "workforce", label: "Tổng số lao động", kind: "int", hint: "Người, tại ngày cuối kỳ" },
  { key: "women", label: "Trong đó: lao động nữ", kind: "int", hint: "Nam + nữ = tổng số lao động" },
  { key: "men", label: "Trong đó: lao động nam", kind: "int", hint: "Nam + nữ = tổng số lao động" },
  { key: "contractIndefinite", label: "Hợp đồng không xác định thời hạn", kind: "int", hint: "Ba loại hợp đồng cộng lại = tổng số lao động" },
  { key: "contractFixed", label: "Hợp đồng xác định thời hạn", kind: "int", hint: "Đến 36 tháng" },
  { key: "contractOther", label: "Khác (thử việc, học nghề, thời vụ)", kind: "int", hint: "" },
  { key: "foreigners", label: "Lao động nước ngoài", kind: "int", hint: "Người" },
  { key: "hires", label: "Tuyển mới trong kỳ", kind: "int", hint: "Người" },
  { key: "leavers", label: "Nghỉ việc trong kỳ", kind: "int", hint: "Người" },
  { key: "lowestWage", label: "Lương thấp nhất (đồng/tháng)", kind: "money", hint: "Không thấp hơn lương tối thiểu vùng" },
  { key: "averageWage", label: "Lương bình quân (đồng/tháng)", kind: "money", hint: "" },
  { key: "overtimeHours", label: "Tổng số giờ làm thêm trong kỳ", kind: "int", hint: "Giờ, của toàn bộ người lao động" },
  { key: "insured", label: "Số người tham gia BHXH", kind: "int", hint: "Người" },
  { key: "accidents", label: "Số người bị tai nạn lao động", kind: "int", hint: "Người" },
  { key: "accidentDeaths", label: "Trong đó: số người chết", kind: "int", hint: "Người" },
  { key: "hasAgreement", label: "Có thỏa ước lao động tập thể còn hiệu lực", kind: "bool", hint: "Có / Không" },
  { key: "hasUnion", label: "Có công đoàn cơ sở", kind: "bool", hint: "Có / Không" },
  { key: "wageReason", label: "Lý do nếu lương thấp nhất dưới mức tối thiểu", kind: "text", hint: "Chỉ ghi khi có" },
  { key: "note", label: "Ghi chú", kind: "text", hint: "" },
];

/** The template as an .xlsx: one row per field, the figures go in column C. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Cầu Nối";
  const ws = wb.addWorksheet("Báo cáo lao động");
  ws.columns = [
    { header: "Mã", key: "key", width: 20 },
    { header: "Chỉ tiêu", key: "label", width: 46 },
    { header: "Số liệu", key: "value", width: 18 },
    { header: "Hướng dẫn", key: "hint", width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of templateRows) {
    ws.addRow({ key: r.key, label: r.label, value: r.key === "period" ? lastEndedPeriod(vnToday()) : r.kind === "bool" ? "Không" : null, hint: r.hint });
  }
  ws.getColumn(1).hidden = false;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const bad = (detail: string) => new AppError("labour_template_invalid", detail);

function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/** "4.500.000", "4,500,000", "4500000 đ" → 4500000; null when not a whole number. */
function parseInt0(text: string): number | null {
  const t = text.replace(/\s|đồng|đ|vnd/gi, "").replace(/[.,](?=\d{3}(\D|$))/g, "");
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** One row's value by its kind, into `out`, or a problem naming the row. */
function readValue(spec: (typeof templateRows)[number], text: string, rowNo: number, out: Record<string, unknown>, problems: string[]) {
  if (text === "") return;
  switch (spec.kind) {
    case "int":
    case "money": {
      const n = parseInt0(text);
      if (n === null) problems.push(`Dòng ${rowNo} (${spec.label}): "${text}" không phải số nguyên không âm`);
      else out[spec.key] = n;
      break;
    }
    case "bool": {
      const t = text.toLowerCase();
      if (["có", "co", "x", "yes", "true", "1"].includes(t)) out[spec.key] = true;
      else if (["không", "khong", "", "no", "false", "0"].includes(t)) out[spec.key] = false;
      else problems.push(`Dòng ${rowNo} (${spec.label}): ghi "Có" hoặc "Không"`);
      break;
    }
    case "period":
      if (/^\d{4}-H[12]$/i.test(text)) out[spec.key] = text.toUpperCase();
      else problems.push(`Dòng ${rowNo} (${spec.label}): ghi kỳ dạng 2026-H1 hoặc 2026-H2`);
      break;
    case "text":
      out[spec.key] = text.slice(0, 1000);
  }
}

/**
 * Reads a filled template. The zip is checked first (sizes declared and inflated, as the registry's
 * imports do), so a disguised or oversized file is refused before the reader sees it.
 */
export async function readTemplate(data: Buffer): Promise<Partial<LabourReportInput>> {
  if (data.length > MAX_TEMPLATE_BYTES) throw new AppError("payload_too_large", "Tệp lớn hơn 1 MB: mẫu báo cáo chỉ vài chục KB, hãy dùng đúng tệp mẫu");
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw bad('Tệp không phải Excel (.xlsx): hãy tải tệp mẫu, điền cột "Số liệu" và tải lên lại');
  const dir = await mkdtemp(join(tmpdir(), "labour-"));
  const path = join(dir, "report.xlsx");
  try {
    await writeFile(path, data);
    // Loaded on use, like the registry's door in labour.service.ts (the providers list would close a cycle).
    // The registry's streaming reader, as every import uses: zip limits checked, rows read as they come.
    const { readRows } = await import("#server/modules/registry/index.ts");
    const out: Record<string, unknown> = {};
    const problems: string[] = [];
    let found = 0;
    try {
      for await (const batch of readRows(path)) {
        for (const { rowNo, cells } of batch) {
          const spec = templateRows.find((r) => r.key === cellText(cells[0]));
          if (!spec) continue;
          found++;
          readValue(spec, cellText(cells[2]), rowNo, out, problems);
        }
      }
    } catch (err) {
      if (err instanceof AppError && err.code === "import_invalid_file") throw bad("Tệp Excel bị hỏng, không đọc được: hãy tải tệp mẫu và điền lại");
      throw err;
    }
    if (found < 5) throw bad('Không thấy các chỉ tiêu của mẫu báo cáo lao động (cột "Mã"): hãy dùng tệp mẫu tải từ trang này');
    if (problems.length) throw new AppError("labour_template_invalid", problems.join("; "));
    return out as Partial<LabourReportInput>;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
