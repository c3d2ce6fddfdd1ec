import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { csvField, safeCell } from "#server/http/spreadsheet.ts";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { type EnterpriseListQuery, type EnterpriseRow, iterateEnterprises } from "./enterprises.service.ts";
import { type PeopleListQuery, type PersonRow, iteratePeople } from "./people.service.ts";
import { type UnionListQuery, type UnionRow, iterateUnions } from "./unions.service.ts";
import { type ImportKind, importTemplates } from "./import.columns.ts";

const ownershipVi: Record<string, string> = { fdi: "FDI", domestic_private: "Tư nhân trong nước", state: "Nhà nước", cooperative: "Hợp tác xã" };
const statusVi: Record<string, string> = {
  active: "Đang hoạt động",
  suspended: "Tạm ngừng",
  dissolved: "Giải thể",
  bankrupt: "Phá sản",
  absconded: "Chủ bỏ trốn",
};
const genderVi: Record<string, string> = { male: "Nam", female: "Nữ" };
const dateCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

interface Sheet<T> {
  title: string;
  columns: { header: string; width: number; value: (r: T) => unknown; date?: boolean }[];
}

const enterpriseSheet: Sheet<EnterpriseRow> = {
  title: "Doanh nghiệp",
  columns: [
    { header: "Mã số thuế", width: 16, value: (r) => r.taxCode },
    { header: "Tên doanh nghiệp", width: 48, value: (r) => r.name },
    { header: "Loại hình", width: 18, value: (r) => ownershipVi[r.ownership] ?? r.ownership },
    { header: "Quốc gia đầu tư", width: 16, value: (r) => r.investorCountry },
    { header: "Khu công nghiệp", width: 28, value: (r) => r.zoneName },
    { header: "Ngành nghề", width: 22, value: (r) => r.sector },
    { header: "Tổng số lao động", width: 12, value: (r) => r.workforceTotal },
    { header: "Lao động nữ", width: 10, value: (r) => r.workforceWomen },
    { header: "Lao động ngoại tỉnh", width: 12, value: (r) => r.workforceMigrants },
    { header: "Lao động nước ngoài", width: 12, value: (r) => r.workforceForeigners },
    { header: "Số đoàn viên", width: 10, value: (r) => r.members },
    { header: "Công đoàn cơ sở", width: 40, value: (r) => r.unionName },
    { header: "Tình trạng", width: 16, value: (r) => statusVi[r.status] ?? r.status },
    { header: "Có tổ chức Đảng", width: 10, value: (r) => (r.hasPartyOrg ? "Có" : "Không") },
    { header: "Ngày thành lập", width: 12, value: (r) => dateCell(r.establishedOn), date: true },
  ],
};

const unionSheet: Sheet<UnionRow> = {
  title: "Công đoàn cơ sở",
  columns: [
    { header: "Mã công đoàn", width: 12, value: (r) => r.code },
    { header: "Tên công đoàn cơ sở", width: 50, value: (r) => r.name },
    { header: "Công đoàn cấp trên", width: 30, value: (r) => r.parentName },
    { header: "Ngày thành lập", width: 12, value: (r) => dateCell(r.foundedOn), date: true },
    { header: "Chủ tịch", width: 24, value: (r) => r.chairName },
    { header: "Số doanh nghiệp", width: 10, value: (r) => r.enterprises },
    { header: "Tổng số lao động", width: 12, value: (r) => r.workforce },
    { header: "Số đoàn viên", width: 10, value: (r) => r.members },
    { header: "Ngày giải thể", width: 12, value: (r) => dateCell(r.dissolvedOn), date: true },
  ],
};

const personSheet: Sheet<PersonRow> = {
  title: "Đoàn viên",
  columns: [
    { header: "Họ và tên", width: 28, value: (r) => r.fullName },
    { header: "Ngày sinh", width: 12, value: (r) => dateCell(r.birthDate), date: true },
    { header: "Giới tính", width: 8, value: (r) => (r.gender ? genderVi[r.gender] : null) },
    { header: "Số CCCD", width: 16, value: (r) => r.citizenId },
    { header: "Dân tộc", width: 10, value: (r) => r.ethnicity },
    { header: "Quê quán", width: 16, value: (r) => r.hometown },
    { header: "Số điện thoại", width: 14, value: (r) => r.phone },
    { header: "Doanh nghiệp", width: 40, value: (r) => r.enterpriseName },
    { header: "Công đoàn cơ sở", width: 40, value: (r) => r.unionName },
    { header: "Ngày vào công đoàn", width: 12, value: (r) => dateCell(r.joinedOn), date: true },
    { header: "Số thẻ đoàn viên", width: 16, value: (r) => r.cardNo },
  ],
};

/**
 * Streams rows into an .xlsx written as it goes (WorkbookWriter): memory stays flat for 650,000 rows.
 * The first row is read before the answer starts, so a query the database refuses (an id beyond its
 * range) is still a problem response, not a download cut off half-way.
 */
async function writeWorkbook<T>(sheet: Sheet<T>, source: AsyncIterable<T>, onDone: (count: number) => void): Promise<PassThrough> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const rows: AsyncIterable<T> = {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
    },
  };
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet.title, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = sheet.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width, ...(c.date ? { style: { numFmt: "dd/mm/yyyy" } } : {}) }));
  ws.getRow(1).font = { bold: true };
  void (async () => {
    let n = 0;
    try {
      for await (const r of rows) {
        ws.addRow(sheet.columns.map((c) => safeCell(c.value(r)))).commit();
        n++;
      }
      ws.commit();
      await wb.commit();
      onDone(n);
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

export type ExportKind = "enterprises" | "unions" | "people";

/** Exports a list, with the same filters and scope as the page; the export itself is audited. */
export async function exportList(database: Database, ctx: RequestContext, kind: ExportKind, query: Record<string, unknown>): Promise<PassThrough> {
  // Full citizen IDs and phones only when asked for, by a role allowed them, with a purpose written
  // to the audit row (issue #15.5); any other export is masked by the one rule, whoever asks.
  const { identifiers, purpose, ...filters } = query as { identifiers?: string; purpose?: string } & Record<string, unknown>;
  const full = kind === "people" && identifiers === "full";
  if (full && !ctx.actor.permissions.has("people:identity"))
    throw new AppError("forbidden", "Chỉ vai trò được xem số định danh mới xuất được số CCCD, số điện thoại đầy đủ");
  if (full && (typeof purpose !== "string" || purpose.trim().length < 10))
    throw new AppError("privacy_purpose_required", "Nêu mục đích xuất số CCCD, số điện thoại đầy đủ (ít nhất 10 ký tự)", {
      errors: [{ pointer: "/querystring/purpose", message: "Nêu mục đích (ít nhất 10 ký tự)" }],
    });
  const masked = !full;
  const seen: RequestContext = masked
    ? { ...ctx, actor: { ...ctx.actor, permissions: new Set([...ctx.actor.permissions].filter((p) => p !== "people:identity")) } }
    : ctx;
  await database.db.transaction(async (tx) => {
    await audit(database, tx, ctx, {
      action: "export",
      objectType: kind,
      detail: { filters, masked, ...(full ? { purpose: (purpose as string).trim() } : {}) },
    });
  });
  ctx = seen;
  const done = () => undefined;
  if (kind === "enterprises") return writeWorkbook(enterpriseSheet, iterateEnterprises(database, ctx, filters as Partial<EnterpriseListQuery>), done);
  if (kind === "unions") return writeWorkbook(unionSheet, iterateUnions(database, ctx, filters as Partial<UnionListQuery>), done);
  return writeWorkbook(personSheet, iteratePeople(database, ctx, filters as Partial<PeopleListQuery>), done);
}

/** An import template: the Vietnamese headers (required ones in red), an example row, and a sheet explaining each column. */
export async function importTemplate(kind: ImportKind, format: "xlsx" | "csv"): Promise<Buffer> {
  const { sheet, columns, note } = importTemplates[kind];
  if (format === "csv") {
    const line = (cells: string[]) => cells.map(csvField).join(",");
    return Buffer.from(`\uFEFF${line(columns.map((c) => c.header))}\r\n${line(columns.map((c) => c.example))}\r\n`, "utf8");
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: "FFC00000" } };
  });
  // Text format keeps the leading zero of citizen IDs, phones and tax codes when people type them in.
  for (const c of columns) if (c.asText) ws.getColumn(c.key).numFmt = "@";
  ws.addRow(Object.fromEntries(columns.map((c) => [c.key, safeCell(c.example)])));
  const help = wb.addWorksheet("Hướng dẫn");
  help.columns = [
    { header: "Cột", key: "h", width: 28 },
    { header: "Bắt buộc", key: "r", width: 10 },
    { header: "Cách ghi", key: "n", width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ h: c.header, r: c.required ? "Có" : "", n: safeCell(c.note) });
  help.addRow({});
  help.addRow({ h: "Ghi chú", n: note });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
