/** Checking one row of a member file against the registry's unions and enterprises (loaded once per import). */
import { citizenIdProblem } from "#shared/identifiers.ts";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { citizenIdMismatches, normalizePhone, normalizeTaxCode } from "#shared/identifiers.ts";
import { fold } from "#shared/text.ts";
import type { ImportColumn } from "./import.columns.ts";
import { keptNames } from "./import.names.ts";
import type { Cell } from "./import.reader.ts";
import { cellCitizenId, cellDate, cleanVietnameseName, genderOf, splitCleanName, text } from "./import.cells.ts";
import type { ImportIssue } from "./import.jobs.ts";

export interface StagedRow {
  row_no: number;
  citizen_id: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  /** people.full_name and name_fold computed here (null: left to SQL), see import.names.ts. */
  full_name: string | null;
  name_fold: string | null;
  birth_date: string | null;
  gender: string | null;
  ethnicity: string | null;
  hometown: string | null;
  phone: string | null;
  legacy_id: string | null;
  tax_code: string | null;
  union_ref: string;
  union_id: number;
  enterprise_id: number | null;
  joined_on: string;
  moved_on: string | null;
  card_no: string | null;
  /** 'create' when the registry was empty as the import began (resolve then skips classifying), else null. */
  action: "create" | null;
}

/** Where checkRow leaves a row's problems (one sink for the whole file: no arrays made per row). */
export interface RowSink {
  cols: Map<string, ImportColumn>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

function issue(sink: RowSink, rowNo: number, key: string, code: string, message: string) {
  sink.errors.push({ row: rowNo, column: sink.cols.get(key)?.header ?? key, code, message });
}

/**
 * Checks one row in TS: returns the staged row, or null when the row has errors (pushed to the sink
 * with any warnings). Called for every row of a city's file: it makes no closures and no arrays.
 */
export function checkRow(rowNo: number, cells: Cell[], index: Map<string, number>, sink: RowSink, today: string, lookups: Lookups): StagedRow | null {
  const errorsBefore = sink.errors.length;

  const rawName = at(cells, index, "fullName");
  // cleanVietnameseName cleans the text itself: a text cell is not cleaned twice.
  const fullName = cleanVietnameseName(typeof rawName === "string" ? rawName : text(rawName));
  if (!fullName) issue(sink, rowNo, "fullName", "required", "Thiếu họ và tên");
  else if (/\d/.test(fullName)) issue(sink, rowNo, "fullName", "invalid_name", `Họ và tên có chữ số: "${fullName}"`);
  // Already clean (single spaces, trimmed): split it without cleaning it again.
  const name = splitCleanName(fullName);

  const cid = cellCitizenId(at(cells, index, "citizenId"));
  if (!cid) issue(sink, rowNo, "citizenId", "required", "Thiếu số CCCD");
  else if (/^\d{9}$/.test(cid))
    issue(sink, rowNo, "citizenId", "legacy_id_only", `"${cid}" là số CMND 9 chữ số; cần số CCCD 12 chữ số (ghi CMND ở cột "Số CMND cũ")`);
  else if (!/^\d{12}$/.test(cid)) issue(sink, rowNo, "citizenId", "invalid_citizen_id", `Số CCCD "${cid}" không hợp lệ: phải có đúng 12 chữ số`);
  else if (citizenIdProblem(cid)) issue(sink, rowNo, "citizenId", "invalid_citizen_id", `Số CCCD "${cid}": ${citizenIdProblem(cid)}`);

  const legacy = cellCitizenId(at(cells, index, "legacyId"));
  if (legacy && !/^\d{9}$/.test(legacy)) issue(sink, rowNo, "legacyId", "invalid_legacy_id", `Số CMND cũ "${legacy}" phải có 9 chữ số`);

  const birth = cellDate(at(cells, index, "birthDate"));
  if (birth === "invalid")
    issue(sink, rowNo, "birthDate", "invalid_date", `Ngày sinh "${text(at(cells, index, "birthDate"))}" không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)`);
  else if (birth && (birth > today || birth < "1900-01-01"))
    issue(sink, rowNo, "birthDate", "invalid_date", `Ngày sinh ${birth.split("-").reverse().join("/")} không hợp lý`);

  const gender = genderOf(at(cells, index, "gender"));
  if (gender === "invalid") issue(sink, rowNo, "gender", "invalid_gender", `Giới tính "${text(at(cells, index, "gender"))}" không hợp lệ: ghi Nam hoặc Nữ`);

  const rawPhone = text(at(cells, index, "phone"));
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) issue(sink, rowNo, "phone", "invalid_phone", `Số điện thoại "${rawPhone}" không hợp lệ`);

  const rawTax = text(at(cells, index, "taxCode"));
  const tax = rawTax ? normalizeTaxCode(rawTax) : null;
  if (rawTax && !tax) issue(sink, rowNo, "taxCode", "invalid_tax_code", `Mã số thuế "${rawTax}" phải có 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN`);

  const rawUnion = at(cells, index, "union");
  // A file names the same few thousand unions over and over: clean each text once.
  let unionRef = typeof rawUnion === "string" ? lookups.unionText.get(rawUnion) : undefined;
  if (unionRef === undefined) {
    unionRef = text(rawUnion);
    if (typeof rawUnion === "string" && lookups.unionText.size < 100_000) lookups.unionText.set(rawUnion, unionRef);
  }
  let unionId: number | undefined;
  if (!unionRef) issue(sink, rowNo, "union", "required", "Thiếu công đoàn cơ sở (tên hoặc mã)");
  else {
    unionId = lookups.unionByRef.get(unionRef);
    if (unionId === undefined && !lookups.unionByRef.has(unionRef)) {
      unionId = lookups.unionByCode.get(unionRef.toLowerCase()) ?? lookups.unionByName.get(fold(unionRef));
      // A file names the same few thousand unions over and over: fold each text once.
      lookups.unionByRef.set(unionRef, unionId);
    }
    if (unionId === undefined) issue(sink, rowNo, "union", "union_not_found", `Không tìm thấy công đoàn cơ sở "${unionRef}" (ghi đúng tên hoặc mã)`);
    else if (unionId === -1) issue(sink, rowNo, "union", "union_ambiguous", `Có nhiều công đoàn cơ sở tên "${unionRef}": hãy ghi mã công đoàn`);
  }
  let enterpriseId: number | null = null;
  if (tax) {
    enterpriseId = lookups.enterpriseByTax.get(tax) ?? null;
    if (enterpriseId === null) issue(sink, rowNo, "taxCode", "enterprise_not_found", `Không tìm thấy doanh nghiệp có mã số thuế ${tax}`);
  } else if (unionId !== undefined) enterpriseId = lookups.soleEnterprise.get(unionId) ?? null;

  const joined = cellDate(at(cells, index, "joinedOn"));
  if (joined === null) issue(sink, rowNo, "joinedOn", "required", "Thiếu ngày vào công đoàn");
  else if (joined === "invalid")
    issue(sink, rowNo, "joinedOn", "invalid_date", `Ngày vào công đoàn "${text(at(cells, index, "joinedOn"))}" không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)`);
  else if (joined > today) issue(sink, rowNo, "joinedOn", "future_date", "Ngày vào công đoàn ở tương lai");
  else if (birth && birth !== "invalid" && joined < `${Number(birth.slice(0, 4)) + 15}${birth.slice(4)}`)
    issue(sink, rowNo, "joinedOn", "too_young", "Ngày vào công đoàn trước khi đủ 15 tuổi");

  const moved = cellDate(at(cells, index, "movedOn"));
  if (moved === "invalid") issue(sink, rowNo, "movedOn", "invalid_date", `Ngày chuyển đến "${text(at(cells, index, "movedOn"))}" không hợp lệ`);
  else if (moved && moved > today) issue(sink, rowNo, "movedOn", "future_date", "Ngày chuyển đến ở tương lai");

  if (sink.errors.length > errorsBefore) return null;
  if (/^\d{12}$/.test(cid)) {
    const g = gender === "invalid" ? null : gender;
    for (const m of citizenIdMismatches(cid, birth && birth !== "invalid" ? Number(birth.slice(0, 4)) : null, g)) {
      sink.warnings.push({
        row: rowNo,
        column: "Số CCCD",
        code: m === "gender" ? "citizen_id_gender" : "citizen_id_birth_year",
        message: m === "gender" ? "Giới tính theo số CCCD khác giới tính đã ghi" : "Năm sinh theo số CCCD khác ngày sinh đã ghi",
      });
    }
  }
  const kept = keptNames(name.familyName, name.middleName, name.givenName);
  const staged: StagedRow = {
    row_no: rowNo,
    citizen_id: cid,
    family_name: name.familyName,
    middle_name: name.middleName,
    given_name: name.givenName,
    full_name: kept.fullName,
    name_fold: kept.nameFold,
    birth_date: birth as string | null,
    gender: gender as "male" | "female" | null,
    ethnicity: text(at(cells, index, "ethnicity")) || null,
    hometown: text(at(cells, index, "hometown")) || null,
    phone,
    legacy_id: legacy || null,
    tax_code: tax,
    union_ref: unionRef,
    union_id: unionId as number,
    enterprise_id: enterpriseId,
    joined_on: joined as string,
    moved_on: (moved as string | null) ?? null,
    card_no: text(at(cells, index, "cardNo")) || null,
    action: null,
  };
  return staged;
}

function at(cells: Cell[], index: Map<string, number>, key: string): Cell | undefined {
  const i = index.get(key);
  return i === undefined ? undefined : cells[i];
}

/** Unions and enterprises by the ways a file names them, loaded once per import (a few thousand rows). */
export interface Lookups {
  unionByCode: Map<string, number>;
  /** Folded name → id, or -1 when two unions share the name. */
  unionByName: Map<string, number>;
  enterpriseByTax: Map<string, number>;
  /** The enterprise a union covers when it covers exactly one. */
  soleEnterprise: Map<number, number>;
  /** Texts of the file's union column already resolved. */
  unionByRef: Map<string, number | undefined>;
  /** The file's union cells as written → cleaned. */
  unionText: Map<string, string>;
}

export async function loadLookups(database: Database): Promise<Lookups> {
  const unions = await database.rows<{ id: number; code: string; nameFold: string }>(sql`SELECT id, code, name_fold AS "nameFold" FROM unions`);
  const unionByCode = new Map<string, number>();
  const unionByName = new Map<string, number>();
  for (const u of unions) {
    unionByCode.set(u.code.toLowerCase(), u.id);
    unionByName.set(u.nameFold, unionByName.has(u.nameFold) ? -1 : u.id);
  }
  const ents = await database.rows<{ id: number; taxCode: string }>(sql`SELECT id, tax_code AS "taxCode" FROM enterprises`);
  const sole = await database.rows<{ unionId: number; enterpriseId: number }>(
    sql`SELECT union_id AS "unionId", min(enterprise_id) AS "enterpriseId" FROM union_enterprises GROUP BY union_id HAVING count(*) = 1`,
  );
  return {
    unionByCode,
    unionByName,
    enterpriseByTax: new Map(ents.map((e) => [e.taxCode, e.id])),
    soleEnterprise: new Map(sole.map((x) => [x.unionId, x.enterpriseId])),
    unionByRef: new Map(),
    unionText: new Map(),
  };
}
