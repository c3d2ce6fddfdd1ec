import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from "docx";
import type { JointReport } from "./reporting.service.ts";

/**
 * Renders the joint report as an editable Word document in the Vietnamese administrative style
 * (Nghị định 30/2020/NĐ-CP): Times New Roman 14, A4 with 2-3-2-2 cm margins, the issuing bodies at the
 * top left and the national motto at the top right, justified paragraphs with a first-line indent,
 * and the three signature blocks side by side.
 */
const FONT = "Times New Roman";
const SIZE = 28; // half-points: 14 pt
const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.underline ? { underline: {} } : {}) });

const centered = (children: ParagraphChild[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, before: 0 }, children });
const body = (text: string, o: { bold?: boolean; indent?: boolean; italics?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 300 },
    indent: o.indent === false ? {} : { firstLine: 567 },
    children: [run(text, { bold: o.bold ?? false, italics: o.italics ?? false })],
  });
const heading = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 120, after: 60, line: 300 },
    indent: { firstLine: 567 },
    children: [run(text, { bold: true })],
  });

function cell(children: Paragraph[], widthPct: number) {
  return new TableCell({ borders: { top: none, bottom: none, left: none, right: none }, width: { size: widthPct, type: WidthType.PERCENTAGE }, children });
}

export async function renderJointReportDocx(r: JointReport): Promise<Buffer> {
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centered([run(r.bodies.mmc, { size: 24 })]),
              centered([run(r.bodies.authority, { size: 24 })]),
              centered([run(r.bodies.federation, { size: 24, bold: true })]),
              centered([run("*", { size: 24 })], 60),
              centered([run(r.number, { size: 20 })]),
            ],
            42,
          ),
          cell(
            [
              centered([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 24 })]),
              centered([run("Độc lập - Tự do - Hạnh phúc", { bold: true, size: 26, underline: true })], 200),
              centered([run(r.dateLine, { italics: true, size: 26 })]),
            ],
            58,
          ),
        ],
      }),
    ],
  });

  const content: (Paragraph | Table)[] = [header, centered([run("(Dự thảo)", { italics: true })], 120)];
  content.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [run(r.title[0] ?? "BÁO CÁO", { bold: true })] }));
  for (const line of r.title.slice(1)) content.push(centered([run(line, { bold: true })]));
  content.push(centered([run("_______________", { bold: true })], 240));
  content.push(body(r.intro));
  content.push(heading("I. KẾT QUẢ THỰC HIỆN"));
  let no = 0;
  for (const s of r.sections) {
    no += 1;
    content.push(heading(`${no}. ${s.title}`));
    for (const p of s.paragraphs) content.push(body(`- ${p}`));
  }
  no += 1;
  content.push(heading(`${no}. Đánh giá chung`));
  content.push(
    new Paragraph({ spacing: { before: 60, after: 60 }, indent: { firstLine: 567 }, children: [run(`${no}.1. Về ưu điểm`, { bold: true, italics: true })] }),
  );
  for (const p of r.evaluation.strengths) content.push(body(p));
  content.push(
    new Paragraph({
      spacing: { before: 60, after: 60 },
      indent: { firstLine: 567 },
      children: [run(`${no}.2. Về hạn chế và nguyên nhân`, { bold: true, italics: true })],
    }),
  );
  if (r.evaluation.limitations.length === 0) content.push(body("Các nội dung phối hợp đã được triển khai đầy đủ; không có nội dung tồn đọng."));
  for (const p of r.evaluation.limitations) content.push(body(p));
  if (r.evaluation.causes.length) content.push(body(`Nguyên nhân: ${r.evaluation.causes.join(" ")}`));
  content.push(heading(r.tasksTitle));
  if (r.tasks.length === 0) content.push(body("Các cơ quan thống nhất xây dựng Kế hoạch phối hợp cho kỳ tiếp theo."));
  r.tasks.forEach((t, k) => {
    content.push(heading(`${k + 1}. ${t.title}`));
    t.items.forEach((item, j) => {
      const last = k === r.tasks.length - 1 && j === t.items.length - 1;
      const text = item.trim().replace(/[.;:]$/, "");
      content.push(body(`- ${text}${last ? "./." : ";"}`));
    });
  });

  const sign = (lines: string[]) =>
    cell(
      [
        ...lines.map((l) => centered([run(l, { bold: true, size: 24 })])),
        centered([run("")], 0),
        centered([run("")], 0),
        centered([run("")], 0),
        centered([run("")], 0),
      ],
      33,
    );
  content.push(new Paragraph({ spacing: { before: 240 }, children: [] }));
  content.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            sign([r.bodies.mmc, "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
            sign([r.bodies.authority, "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
            sign([r.bodies.federation, "TM. BAN CHẤP HÀNH", "CHỦ TỊCH"]),
          ],
        }),
      ],
    }),
  );
  content.push(new Paragraph({ spacing: { before: 240 }, children: [run("Nơi nhận:", { bold: true, italics: true, size: 24 })] }));
  for (const l of ["- Thường trực Thành ủy (để b/c);", "- Ban Chỉ đạo xây dựng GCCN thành phố;", "- 03 cơ quan phối hợp;", "- Lưu VT."]) {
    content.push(new Paragraph({ children: [run(l, { size: 22 })] }));
  }

  const doc = new Document({
    creator: "Cầu Nối",
    title: `Báo cáo kết quả thực hiện Chương trình phối hợp ${r.period.label}`,
    description: "Báo cáo liên tịch tạo tự động từ dữ liệu Cầu Nối",
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: content,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
