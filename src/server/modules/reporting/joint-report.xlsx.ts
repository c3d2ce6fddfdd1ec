import ExcelJS from "exceljs";
import { safeCell } from "#server/http/spreadsheet.ts";
import { formatPercent } from "#shared/text.ts";
import { type JointReport, figureText } from "./reporting.service.ts";

/**
 * The annex: one sheet of every figure with its target and link, one sheet of next period's tasks.
 * Links are built on the configured public address (PUBLIC_URL), never on the Host a request named:
 * a forged Host would otherwise plant its own server's links in a document passed from hand to hand.
 */
export async function renderJointReportXlsx(r: JointReport, publicUrl: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Cầu Nối";
  const ws = wb.addWorksheet("Số liệu");
  ws.columns = [
    { header: "STT", key: "no", width: 6 },
    { header: "Lĩnh vực", key: "section", width: 42 },
    { header: "Chỉ số", key: "label", width: 46 },
    { header: "Giá trị", key: "value", width: 14, style: { numFmt: "#,##0" } },
    { header: "Kế hoạch", key: "target", width: 14, style: { numFmt: "#,##0" } },
    { header: "Tỷ lệ đạt", key: "ratio", width: 12 },
    { header: "Diễn giải", key: "text", width: 30 },
    { header: "Danh sách chi tiết", key: "link", width: 50 },
    { header: "Nguồn số liệu", key: "source", width: 60 },
  ];
  ws.insertRow(1, [`PHỤ LỤC SỐ LIỆU - BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP ${r.period.label.toLocaleUpperCase("vi")}`]);
  ws.mergeCells(1, 1, 1, 9);
  const title = ws.getRow(1);
  title.font = { name: "Times New Roman", bold: true, size: 13 };
  title.alignment = { horizontal: "center" };
  const head = ws.getRow(2);
  head.font = { name: "Times New Roman", bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  let no = 0;
  for (const s of r.annex) {
    for (const f of s.figures) {
      no += 1;
      const row = ws.addRow({
        no,
        section: safeCell(s.title),
        label: safeCell(f.label),
        value: f.value,
        target: f.target ?? null,
        ratio: f.target ? formatPercent((100 * f.value) / f.target) : "",
        text: safeCell(figureText(f)),
        link: f.link ? { text: `${publicUrl}${f.link}`, hyperlink: `${publicUrl}${f.link}` } : "",
        source: safeCell(f.source ?? "Tính từ bản ghi trên Cầu Nối"),
      });
      row.font = { name: "Times New Roman" };
      row.alignment = { vertical: "top", wrapText: true };
    }
  }
  const rule = ws.addRow([`Nguồn số liệu: ${r.sourceRule}`]);
  ws.mergeCells(rule.number, 1, rule.number, 9);
  rule.font = { name: "Times New Roman", italic: true };
  rule.alignment = { wrapText: true, vertical: "top" };
  rule.height = 45;
  ws.views = [{ state: "frozen", ySplit: 2 }];
  const tasks = wb.addWorksheet("Nhiệm vụ trọng tâm");
  tasks.columns = [
    { header: "STT", key: "no", width: 6 },
    { header: "Nhóm nhiệm vụ", key: "group", width: 50 },
    { header: "Nội dung", key: "item", width: 100 },
  ];
  tasks.insertRow(1, [r.tasksTitle.replace(/^II\.\s*/, "")]);
  tasks.mergeCells(1, 1, 1, 3);
  tasks.getRow(1).font = { name: "Times New Roman", bold: true, size: 13 };
  let k = 0;
  for (const t of r.tasks)
    for (const item of t.items) tasks.addRow({ no: ++k, group: safeCell(t.title), item: safeCell(item) }).alignment = { wrapText: true, vertical: "top" };
  if (k === 0) tasks.addRow({ no: "", group: "", item: "Chưa có kế hoạch phối hợp cho kỳ tiếp theo trên Cầu Nối." });
  tasks.getRow(2).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
