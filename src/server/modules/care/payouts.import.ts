import { utcCalendarDate, vnToday } from "#shared/clock.ts";
import { citizenIdProblem } from "#shared/identifiers.ts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { type Cell, type NewPerson, readRows, registerPeople } from "#server/modules/registry/index.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { cleanText, fold, formatDate, parseDate, splitFullName } from "#shared/text.ts";
import { type CampaignRow, loadWritableCampaign } from "./campaigns.service.ts";
import type { ImportIssue, ImportReport } from "./care.schema.ts";
import { type PayoutKind, kindPhrase, parseAmount, parseKind } from "./care.text.ts";
import {
  type PersonFacts,
  assertOpen,
  duplicateMessage,
  ineligibility,
  otherBody,
  isUniqueViolation,
  overlapMessage,
  overlappingPayouts,
  paidInCampaign,
  personFacts,
} from "./payouts.service.ts";

/** The list's columns, by the headings Vietnamese offices use (compared without diacritics). */
const columns = {
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
type Col = keyof typeof columns;
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

/**
 * Reads the first sheet of an .xlsx, or a CSV (comma, semicolon or tab; UTF-8 with or without BOM),
 * from the uploaded file on disk, through the registry's sheet reader: streamed, checked against the
 * expansion, row, column and cell limits, and parsed in a worker thread when large.
 */
export async function readList(path: string, filename: string): Promise<ImportRow[]> {
  const grid: string[][] = [];
  try {
    for await (const batch of readRows(path)) {
      for (const r of batch) {
        // The list itself is capped well below the reader's limits: stop reading at once past it.
        if (r.rowNo > MAX_ROWS + 10) throw new AppError("payload_too_large", `Tệp có hơn ${MAX_ROWS.toLocaleString("vi-VN")} dòng; chia nhỏ danh sách`);
        grid[r.rowNo - 1] = r.cells.map(cellText);
      }
    }
  } catch (err) {
    if (err instanceof AppError && err.code === "import_invalid_file")
      throw new AppError("import_unreadable", `Tệp ${filename}: ${err.detail ?? "không đọc được"}`);
    throw err;
  }
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  // The heading row is the first of the first ten that names the citizen ID column.
  const headerIndex = grid.slice(0, 10).findIndex((r) => r.some((c) => headingKey(c) === "citizenId"));
  if (headerIndex < 0) {
    throw new AppError("import_unreadable", 'Không thấy dòng tiêu đề có cột "Số CCCD" trong 10 dòng đầu của tệp');
  }
  const header = (grid[headerIndex] ?? []).map(headingKey);
  const missing = (["amount"] as Col[]).filter((k) => !header.includes(k));
  if (missing.length) throw new AppError("import_unreadable", `Tệp thiếu cột: ${missing.map((m) => columns[m].label).join(", ")}`);
  const rows: ImportRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i] ?? [];
    if (cells.every((c) => !String(c ?? "").trim())) continue;
    const row: ImportRow = { row: i + 1 };
    header.forEach((key, c) => {
      if (key && row[key] === undefined) row[key] = cleanText(String(cells[c] ?? ""));
    });
    rows.push(row);
    if (rows.length > MAX_ROWS) throw new AppError("payload_too_large", `Tệp có hơn ${MAX_ROWS.toLocaleString("vi-VN")} dòng; chia nhỏ danh sách`);
  }
  return rows;
}

const unionFold = (s: string) =>
  fold(s)
    .replace(/^cdcs\b/, "cong doan co so")
    .replace(/^cd\b/, "cong doan");

interface Planned {
  row: number;
  personId: number | null;
  newPerson: NewPerson | null;
  citizenId: string;
  unionId: number | null;
  kind: PayoutKind;
  amount: number;
  paidOn: string;
  note: string | null;
}

/**
 * Checks a beneficiary list row by row and, unless it is a dry run or any row is refused, records
 * every payout in one transaction (all or nothing). A row already paid identically is "unchanged",
 * so importing the same file twice changes nothing.
 */
export async function importPayouts(
  database: Database,
  ctx: RequestContext,
  campaignId: number,
  rows: ImportRow[],
  dryRun: boolean,
  opts: { skipInvalid?: boolean } = {},
): Promise<ImportReport> {
  const c = await loadWritableCampaign(database, ctx, campaignId);
  assertOpen(c);
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const err = (row: number, col: Col | null, code: string, message: string) => errors.push({ row, column: col ? columns[col].label : null, code, message });
  const warn = (row: number, col: Col | null, code: string, message: string) => warnings.push({ row, column: col ? columns[col].label : null, code, message });

  // 1. Each row on its own: identifiers, kind, amount, dates.
  interface Parsed {
    row: ImportRow;
    cid: string;
    legacy: boolean;
    kind: PayoutKind;
    amount: number;
    paidOn: string;
    birth: string | null;
  }
  const parsed: Parsed[] = [];
  const today = vnToday();
  // Today, held inside the campaign's dates (the middle of the three ISO strings).
  const defaultPaidOn = [c.startsOn, today, c.endsOn].sort()[1] ?? today;
  const seen = new Map<string, number>();
  for (const r of rows) {
    const before = errors.length;
    let cid = (r.citizenId ?? "").replace(/[\s.'-]/g, "");
    if (/^\d{11}$/.test(cid) || /^\d{8}$/.test(cid)) {
      cid = `0${cid}`;
      warn(r.row, "citizenId", "leading_zero_restored", `Số CCCD thiếu số 0 ở đầu (Excel thường làm mất), đã hiểu là ${cid}`);
    }
    if (!cid) err(r.row, "citizenId", "required", "Thiếu Số CCCD");
    else if (!/^(\d{12}|\d{9})$/.test(cid))
      err(r.row, "citizenId", "invalid_citizen_id", `Số CCCD "${r.citizenId}" không hợp lệ: cần 12 chữ số (hoặc CMND cũ 9 chữ số)`);
    else if (cid.length === 12 && citizenIdProblem(cid)) err(r.row, "citizenId", "invalid_citizen_id", `Số CCCD "${r.citizenId}": ${citizenIdProblem(cid)}`);
    let kind: PayoutKind | null = null;
    if (r.kind) {
      kind = parseKind(fold(r.kind));
      if (!kind) err(r.row, "kind", "invalid_kind", `Không hiểu hình thức "${r.kind}" (tiền mặt, quà/hiện vật, vé xe, phiếu mua hàng, hỗ trợ nhà)`);
      else if (!c.kinds.includes(kind))
        err(
          r.row,
          "kind",
          "kind_not_allowed",
          `Đợt này không có hình thức "${kindPhrase[kind].label}"; chỉ có: ${c.kinds.map((k) => kindPhrase[k].label).join(", ")}`,
        );
    } else if (c.kinds.length === 1) kind = c.kinds[0] ?? null;
    else err(r.row, "kind", "required", "Thiếu Hình thức hỗ trợ");
    const amount = parseAmount(r.amount ?? "");
    if (amount === null) err(r.row, "amount", r.amount ? "invalid_amount" : "required", r.amount ? `Số tiền "${r.amount}" không hợp lệ` : "Thiếu Số tiền");
    let paidOn = defaultPaidOn;
    if (r.paidOn) {
      const d = parseDate(r.paidOn);
      if (!d) err(r.row, "paidOn", "invalid_date", `Ngày nhận "${r.paidOn}" không hợp lệ (dd/mm/yyyy)`);
      else if (d > vnToday()) err(r.row, "paidOn", "future_date", `Ngày nhận ${formatDate(d)} sau hôm nay: chưa thể nhận`);
      else {
        paidOn = d;
        if (d < c.startsOn || d > c.endsOn)
          warn(r.row, "paidOn", "outside_period", `Ngày nhận ${formatDate(d)} nằm ngoài thời gian của đợt (${formatDate(c.startsOn)}–${formatDate(c.endsOn)})`);
      }
    }
    let birth: string | null = null;
    if (r.birthDate) {
      birth = parseDate(r.birthDate) ?? (/^\d{4}$/.test(r.birthDate) ? null : null);
      if (!birth) err(r.row, "birthDate", "invalid_date", `Ngày sinh "${r.birthDate}" không hợp lệ (dd/mm/yyyy)`);
    }
    if (cid && /^(\d{12}|\d{9})$/.test(cid)) {
      const first = seen.get(cid);
      if (first !== undefined) {
        err(r.row, "citizenId", "duplicate_in_file", `Người có Số CCCD ${cid} đã có ở dòng ${first} của tệp; mỗi người chỉ nhận một lần trong một đợt`);
      } else seen.set(cid, r.row);
    }
    if (errors.length === before && kind && amount !== null) parsed.push({ row: r, cid, legacy: cid.length === 9, kind, amount, paidOn, birth });
  }

  // 2. Who they are: people by citizen ID (or old 9-digit ID), unions and enterprises by name.
  const cids = parsed.filter((p) => !p.legacy).map((p) => p.cid);
  const legacies = parsed.filter((p) => p.legacy).map((p) => p.cid);
  const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::text[]`;
  const found = await database.rows<{ id: number; citizenId: string | null; legacyId: string | null; nameFold: string }>(
    sql`SELECT id, citizen_id AS "citizenId", legacy_id AS "legacyId", name_fold AS "nameFold" FROM people
        WHERE citizen_id = ANY(${textArray(cids)}) OR legacy_id = ANY(${textArray(legacies)})`,
  );
  const byCid = new Map<string, typeof found>();
  for (const f of found) {
    const key = f.citizenId ?? "";
    if (f.citizenId) byCid.set(key, [f]);
    if (f.legacyId) byCid.set(f.legacyId, [...(byCid.get(f.legacyId) ?? []), f]);
  }
  const unionNames = [...new Set(parsed.map((p) => p.row.union).filter((x): x is string => !!x))];
  const unions = await database.rows<{ id: number; code: string; nameFold: string; inScope: boolean; enterpriseId: number | null }>(
    sql`SELECT u.id, u.code, vn_fold(u.name) AS "nameFold", ${unionScope(ctx.actor.scope, sql`u.id`)} AS "inScope",
          (SELECT min(ue.enterprise_id) FROM union_enterprises ue WHERE ue.union_id = u.id) AS "enterpriseId"
        FROM unions u WHERE u.code = ANY(${textArray(unionNames)}) OR vn_fold(u.name) = ANY(${textArray(unionNames.map(unionFold))})`,
  );
  const unionOf = (s: string) => unions.find((u) => u.code === s) ?? unions.find((u) => u.nameFold === unionFold(s));
  const enterpriseNames = [...new Set(parsed.map((p) => p.row.enterprise).filter((x): x is string => !!x))];
  const enterprises = await database.rows<{ id: number; nameFold: string }>(
    // Only enterprises the caller sees: a new person is not placed where the caller could not place them by hand.
    sql`SELECT id, name_fold AS "nameFold" FROM enterprises e
        WHERE name_fold = ANY(${textArray(enterpriseNames.map(fold))}) AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  const personIds = found.map((f) => f.id);
  const facts = await personFacts(database, personIds, ctx.actor.scope);
  const paid = await paidInCampaign(database, c.id, personIds);
  const overlaps = await overlappingPayouts(database, c, personIds);
  const actorUnion = ctx.actor.scope.kind === "union" ? (ctx.actor.scope.unionIds[0] ?? null) : null;

  // 3. Each parsed row against the registry and the campaign.
  const planned: Planned[] = [];
  const visibleUnions = new Map<number, boolean>();
  let unchanged = 0;
  for (const p of parsed) {
    const r = p.row;
    const matches = byCid.get(p.cid) ?? [];
    // A list touches only the people its user could pay one by one: someone outside the caller's
    // scope is refused without a word about them (name, birth date, union, even that they exist).
    if (matches.some((m) => facts.get(m.id)?.inScope !== true)) {
      err(r.row, "citizenId", "person_out_of_scope", PERSON_OUT_OF_SCOPE);
      continue;
    }
    if (matches.length > 1) {
      err(r.row, "citizenId", "ambiguous_legacy_id", `Số CMND ${p.cid} trùng với nhiều người trong hồ sơ; dùng số CCCD 12 chữ số`);
      continue;
    }
    const match = matches[0];
    let unionId: number | null = null;
    if (r.union) {
      const u = unionOf(r.union);
      if (!u) {
        err(r.row, "union", "unknown_union", `Không tìm thấy công đoàn cơ sở "${r.union}"`);
        continue;
      }
      if (!u.inScope) {
        err(r.row, "union", "union_out_of_scope", `Công đoàn "${r.union}" không thuộc phạm vi của bạn`);
        continue;
      }
      unionId = u.id;
    }
    let f: PersonFacts | undefined;
    let newPerson: NewPerson | null = null;
    if (match) {
      f = facts.get(match.id);
      if (r.fullName && fold(r.fullName) !== match.nameFold) {
        err(r.row, "fullName", "name_mismatch", `Họ tên "${r.fullName}" khác với họ tên trong hồ sơ của Số CCCD ${p.cid}; kiểm tra lại số CCCD hoặc họ tên`);
        continue;
      }
      if (f && p.birth && f.birthDate && p.birth !== f.birthDate) {
        warn(r.row, "birthDate", "birth_mismatch", `Ngày sinh ${formatDate(p.birth)} khác với hồ sơ (${formatDate(f.birthDate)})`);
      }
    } else {
      // Unknown person: created only when the file says who they are.
      const lacks: string[] = [];
      if (!r.fullName || splitFullName(r.fullName).givenName === "") lacks.push("Họ và tên");
      if (!p.birth) lacks.push("Ngày sinh");
      if (p.legacy) lacks.push("Số CCCD 12 chữ số (CMND 9 số chỉ dùng để tìm người đã có)");
      if (lacks.length) {
        err(r.row, "citizenId", "unknown_person", `Chưa có người với Số CCCD ${p.cid} trong hồ sơ và tệp thiếu ${lacks.join(", ")} để tạo mới`);
        continue;
      }
      const entName = r.enterprise ? enterprises.find((e) => e.nameFold === fold(r.enterprise ?? "")) : undefined;
      if (r.enterprise && !entName)
        warn(r.row, "enterprise", "unknown_enterprise", `Không tìm thấy doanh nghiệp "${r.enterprise}"; người mới được ghi không có nơi làm việc`);
      const enterpriseId = entName?.id ?? (unionId ? (unions.find((u) => u.id === unionId)?.enterpriseId ?? null) : null);
      const g = fold(r.gender ?? "");
      const name = splitFullName(r.fullName ?? "");
      newPerson = {
        citizenId: p.cid,
        ...name,
        birthDate: p.birth,
        gender: g === "nu" ? "female" : g === "nam" ? "male" : null,
        phone: r.phone ? normalizePhone(r.phone) : null,
        enterpriseId,
      };
      f = { id: 0, fullName: r.fullName ?? "", birthDate: p.birth, enterpriseId, zoneId: null, hardship: false, memberUnionId: null, inScope: true };
      if (c.eligibility.zoneIds?.length && enterpriseId) {
        const [z] = await database.rows<{ zoneId: number | null }>(sql`SELECT zone_id AS "zoneId" FROM enterprises WHERE id = ${enterpriseId}`);
        f.zoneId = z?.zoneId ?? null;
      }
      warn(r.row, "citizenId", "person_created", `Chưa có trong hồ sơ: sẽ tạo mới người lao động ${cleanText(r.fullName ?? "")}`);
    }
    if (!f) continue;
    const why = ineligibility(c, f);
    if (why) {
      err(r.row, null, "not_eligible", why);
      continue;
    }
    unionId ??= f.memberUnionId !== null && (await unionVisible(f.memberUnionId)) ? f.memberUnionId : actorUnion;
    const existing = match ? paid.get(match.id) : undefined;
    if (existing) {
      if (existing.kind === p.kind && existing.amount === p.amount && (existing.unionId ?? null) === (unionId ?? null)) {
        unchanged++;
        continue;
      }
      err(r.row, "citizenId", "already_paid", duplicateMessage(existing));
      continue;
    }
    const payer = unionId ?? c.ownerBodyId;
    for (const o of match ? (overlaps.get(match.id) ?? []) : []) {
      if (otherBody(o, c, payer)) warn(r.row, "citizenId", "overlap_other_body", overlapMessage(o, f.inScope));
    }
    planned.push({
      row: r.row,
      personId: match?.id ?? null,
      newPerson,
      citizenId: p.cid,
      unionId,
      kind: p.kind,
      amount: p.amount,
      paidOn: p.paidOn,
      note: r.note || null,
    });
  }

  async function unionVisible(id: number): Promise<boolean> {
    if (ctx.actor.scope.kind === "city") return true;
    const known = visibleUnions.get(id);
    if (known !== undefined) return known;
    const [u] = await database.rows<{ ok: boolean }>(sql`SELECT ${unionScope(ctx.actor.scope, sql`${id}::int`)} AS ok`);
    visibleUnions.set(id, u?.ok === true);
    return u?.ok === true;
  }

  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  const rejected = new Set(errors.map((e) => e.row)).size;
  const report: ImportReport = {
    dryRun,
    committed: false,
    total: rows.length,
    created: planned.length,
    unchanged,
    rejected,
    peopleCreated: planned.filter((p) => p.newPerson).length,
    warnings,
    errors,
  };
  // Bad rows stop the whole list unless the officer chose to skip them (as the member import offers): the good rows
  // are then written, the bad ones listed in the report and in the audit row, to be sent again once corrected.
  const skipInvalid = opts.skipInvalid === true;
  if (dryRun || (errors.length > 0 && !skipInvalid) || planned.length === 0) return report;

  // 4. All or nothing (of the rows taken): new people and every payout in one transaction.
  try {
    await database.db.transaction(async (tx) => {
      const fresh = planned.filter((p) => p.newPerson);
      if (fresh.length) {
        const ids = await registerPeople(
          database,
          tx,
          ctx,
          fresh.map((p) => p.newPerson).filter((n): n is NewPerson => n !== null),
          "care_payout_import",
        );
        fresh.forEach((p, i) => {
          p.personId = ids[i] ?? null;
        });
      }
      const payload = planned.map((p) => ({
        person_id: p.personId,
        union_id: p.unionId,
        kind: p.kind,
        amount: p.amount,
        paid_on: p.paidOn,
        note: p.note,
      }));
      for (let i = 0; i < payload.length; i += 5000) {
        await database.rows(
          sql`INSERT INTO care_payouts (campaign_id, person_id, union_id, kind, amount, paid_on, via, note, recorded_by)
              SELECT ${c.id}, person_id, union_id, kind, amount, paid_on, 'import', note, ${ctx.actor.userId}
              FROM jsonb_to_recordset(${JSON.stringify(payload.slice(i, i + 5000))}::jsonb)
                AS x(person_id int, union_id int, kind text, amount numeric, paid_on date, note text)`,
          tx,
        );
      }
      await audit(database, tx, ctx, {
        action: "import",
        objectType: "care_campaign",
        objectId: c.id,
        detail: {
          total: report.total,
          created: report.created,
          unchanged,
          peopleCreated: report.peopleCreated,
          warnings: warnings.length,
          ...(skipInvalid ? { skipInvalid: true, skippedRows: [...new Set(errors.map((e) => e.row))] } : {}),
        },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e, "care_payouts_one_per_person"))
      throw new AppError("payout_duplicate", "Trong lúc nhập, một người trong danh sách vừa được ghi nhận hỗ trợ ở đợt này; chạy kiểm tra lại tệp");
    if (isUniqueViolation(e, "people_citizen_id_key"))
      throw new AppError("conflict", "Một người trong danh sách vừa được tạo trong hồ sơ; chạy kiểm tra lại tệp");
    throw e;
  }
  return { ...report, committed: true };
}

export type { CampaignRow };

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
