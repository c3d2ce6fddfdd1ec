import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { JointReport } from "./reporting.service.ts";

/**
 * Renders the joint report as an editable Word document in the Vietnamese administrative style
 * (Nghị định 30/2020/NĐ-CP): Times New Roman 14, A4 with 2-3-2-2 cm margins, the issuing bodies at the
 * top left and the national motto at the top right, justified paragraphs with a first-line indent,
 * and the signature blocks side by side. Decree 30's details: every co-issuer's name in the same bold
 * upper case; the number line in 13 pt; "(Dự thảo)" on a draft only; page numbers from the second page,
 * centred in the header; the sources of figures and the lists behind counts as footnotes.
 */
const FONT = "Times New Roman";
const SIZE = 28; // half-points: 14 pt
const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.underline ? { underline: {} } : {}) });

const centered = (children: ParagraphChild[], after = 0, keepNext = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, before: 0 }, keepNext, children });
const footnote = (text: string) =>
  new FootnoteReferenceRun({
    children: [new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [run(text, { size: 20 })] })],
  });
const body = (text: string, o: { bold?: boolean; indent?: boolean; italics?: boolean; note?: string | null | undefined; keepNext?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 300 },
    indent: o.indent === false ? {} : { firstLine: 567 },
    // The last paragraph goes with the signatures: a page holding only signatures is not signed.
    keepNext: o.keepNext ?? false,
    children: [run(text, { bold: o.bold ?? false, italics: o.italics ?? false }), ...(o.note ? [footnote(o.note)] : [])],
  });
const heading = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 120, after: 60, line: 300 },
    indent: { firstLine: 567 },
    children: [run(text, { bold: true })],
  });

/** The text width of an A4 page with 3 cm and 2 cm side margins, in twips. */
const TEXT_WIDTH = 11906 - 1701 - 1134;

function cell(children: Paragraph[], width: number) {
  return new TableCell({ borders: { top: none, bottom: none, left: none, right: none }, width: { size: width, type: WidthType.DXA }, children });
}

/** A borderless table of fixed columns (twips): Word and LibreOffice lay it out alike. The header reaches a little into the margins, as the decree's template does. */
function layout(widths: number[], cells: TableCell[], indent = 0) {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    indent: { size: indent, type: WidthType.DXA },
    borders: noBorders,
    rows: [new TableRow({ children: cells })],
  });
}

export async function renderJointReportDocx(r: JointReport): Promise<Buffer> {
  // Left: the issuing bodies (a single issuer under its parent body, the parent not bold), the short
  // rule, the number line in 13 pt and "(Dự thảo)" on a draft. Right: the motto and the date line.
  const issuerLines = r.parent
    ? [centered([run(r.parent, { size: 26 })]), centered([run(r.issuers[0]?.header ?? "", { size: 26, bold: true })])]
    : r.issuers.map((i) => centered([run(i.header, { size: 24, bold: true })]));
  const left = 4650;
  const right = TEXT_WIDTH + 1000 - left;
  const header = layout(
    [left, right],
    [
      cell(
        [
          ...issuerLines,
          centered([run("_______", { size: 24, bold: true })], 120),
          centered([run(r.number, { size: 26 })]),
          ...(r.draft ? [centered([run("(Dự thảo)", { size: 26, italics: true })])] : []),
        ],
        left,
      ),
      cell(
        [
          centered([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 24 })]),
          centered([run("Độc lập - Tự do - Hạnh phúc", { bold: true, size: 26 })]),
          centered([run("_________________________", { bold: true, size: 20 })], 200),
          centered([run(r.dateLine, { italics: true, size: 26 })]),
        ],
        right,
      ),
    ],
    -600,
  );

  const content: (Paragraph | Table)[] = [header];
  content.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(r.title[0] ?? "BÁO CÁO", { bold: true })] }));
  for (const line of r.title.slice(1)) content.push(centered([run(line, { bold: true })]));
  content.push(centered([run("_______________", { bold: true })], 240));
  content.push(body(r.intro, { note: r.sourceRule }));
  content.push(heading("I. KẾT QUẢ THỰC HIỆN"));
  let no = 0;
  for (const s of r.sections) {
    no += 1;
    content.push(heading(`${no}. ${s.title}`));
    for (const p of s.items) content.push(body(`- ${p.text}`, { note: p.note }));
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
  for (const p of r.evaluation.limitations) content.push(body(p));
  if (r.evaluation.causes.length) content.push(body(`Nguyên nhân: ${r.evaluation.causes.join(" ")}`));
  content.push(heading(r.tasksTitle));
  if (r.tasks.length === 0)
    content.push(
      body("Tiếp tục triển khai các nội dung của Chương trình phối hợp; các cơ quan thống nhất xây dựng Kế hoạch phối hợp cho kỳ tiếp theo./.", {
        keepNext: true,
      }),
    );
  r.tasks.forEach((t, k) => {
    content.push(heading(`${k + 1}. ${t.title}`));
    t.items.forEach((item, j) => {
      const last = k === r.tasks.length - 1 && j === t.items.length - 1;
      const text = item.trim().replace(/[.;:]$/, "");
      content.push(body(`- ${text}${last ? "./." : ";"}`, { keepNext: last }));
    });
  });

  // Signatures: each issuer's name and signing authority in the same bold upper case, room to sign.
  const columns = r.parent ? 2 : Math.max(1, r.issuers.length);
  const width = Math.floor(TEXT_WIDTH / columns);
  const sign = (lines: string[]) =>
    cell(
      [
        ...lines.map((l) => centered([run(l, { bold: true, size: 26 })], 0, true)),
        centered([run("")], 0, true),
        centered([run("")], 0, true),
        centered([run("")], 0, true),
      ],
      width,
    );
  content.push(new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [] }));
  const signers = r.issuers.map((i) => sign(r.parent ? i.sign : [i.header, ...i.sign]));
  // "Nơi nhận" under the signatures, in the same table so that it never stands alone on a page.
  const recipients = r.parent
    ? [`- ${r.parentName ?? r.parent} (để b/c);`, "- Các công đoàn cơ sở trực thuộc;", "- Lưu VT."]
    : [
        "- Thường trực Thành ủy (để b/c);",
        "- Ban Chỉ đạo xây dựng GCCN thành phố;",
        `- ${String(r.issuers.length).padStart(2, "0")} cơ quan phối hợp;`,
        "- Lưu VT.",
      ];
  const received = new TableCell({
    borders: { top: none, bottom: none, left: none, right: none },
    columnSpan: columns,
    children: [
      new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [run("Nơi nhận:", { bold: true, italics: true, size: 24 })] }),
      ...recipients.map((l, k) => new Paragraph({ keepNext: k < recipients.length - 1, children: [run(l, { size: 22 })] })),
    ],
  });
  const widths = Array.from({ length: columns }, () => width);
  content.push(
    new Table({
      width: { size: width * columns, type: WidthType.DXA },
      columnWidths: widths,
      borders: noBorders,
      rows: [
        new TableRow({ cantSplit: true, children: r.parent ? [cell([new Paragraph({ children: [] })], width), ...signers] : signers }),
        new TableRow({ cantSplit: true, children: [received] }),
      ],
    }),
  );

  const doc = new Document({
    creator: "Cầu Nối",
    title: `Báo cáo kết quả thực hiện Chương trình phối hợp ${r.period.label}${r.draft ? " (dự thảo)" : ""}`,
    description: "Báo cáo liên tịch tạo tự động từ dữ liệu Cầu Nối",
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134, header: 567 } },
        },
        headers: {
          // Decree 30: the page number from the second page, centred at the top; none on the first.
          default: new Header({ children: [centered([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })])] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: content,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
