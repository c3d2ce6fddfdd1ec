import { citizenIdProblem } from "#shared/identifiers.ts";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { from as copyFrom } from "pg-copy-streams";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, enterpriseScope, personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { citizenIdMismatches, normalizePhone, normalizeTaxCode } from "#shared/identifiers.ts";
import { cleanText, fold, parseDate } from "#shared/text.ts";
import { type ImportColumn, type ImportKind, mapHeaders, memberColumns } from "./import.columns.ts";
import { keptNames } from "./import.names.ts";
import { type Cell, readRows } from "./import.reader.ts";
import { todayIso } from "./registry.common.ts";
import { utcCalendarDate } from "#shared/clock.ts";

export interface ImportIssue {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  jobId: number;
  dryRun: boolean;
  /** False when the file had bad rows and the commit was refused (all-or-nothing), or on a dry run. */
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  transferred: number;
  unchanged: number;
  rejected: number;
  errors: ImportIssue[];
  /** How many errors there were in all (the list stops at ERROR_LIST_LIMIT). */
  errorCount: number;
  warnings: ImportIssue[];
}

const ERROR_LIST_LIMIT = 10_000;
const WARNING_LIST_LIMIT = 2_000;

/** Progress of running imports, read by the page's poll; on PGlite the job row cannot be updated while the final transaction runs. */
const progress = new Map<number, { processed: number; phase: string }>();

export function importProgress(jobId: number) {
  return progress.get(jobId) ?? null;
}

/** Progress of an import of another kind (enterprises, unions: import.organizations.ts), for the same poll; null when it ends. */
export function reportImportProgress(jobId: number, state: { processed: number; phase: string } | null) {
  if (state) progress.set(jobId, state);
  else progress.delete(jobId);
}

interface StagedRow {
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

/** Names written with the Icelandic Ð (left by old VNI/TCVN3 conversions) get the Vietnamese Đ; ALL CAPS become Title Case. */
export function cleanVietnameseName(input: string): string {
  let s = cleanText(input.includes("\u00D0") || input.includes("\u00F0") ? input.replace(/\u00D0/g, "\u0110").replace(/\u00F0/g, "\u0111") : input);
  // A name with a lower-case a–z is not ALL CAPS: most names, decided without ICU's upper-casing.
  if (s && !/[a-z]/.test(s) && s === s.toLocaleUpperCase("vi") && /\p{L}/u.test(s)) {
    s = s
      .toLocaleLowerCase("vi")
      .split(" ")
      .map((w) => (w ? w[0]?.toLocaleUpperCase("vi") + w.slice(1) : w))
      .join(" ");
  }
  return s;
}

/** splitFullName for a name cleanText already cleaned: family name first, given name last. */
export function splitCleanName(fullName: string): { familyName: string; middleName: string; givenName: string } {
  const first = fullName.indexOf(" ");
  if (first < 0) return { familyName: "", middleName: "", givenName: fullName };
  const last = fullName.lastIndexOf(" ");
  return { familyName: fullName.slice(0, first), middleName: first === last ? "" : fullName.slice(first + 1, last), givenName: fullName.slice(last + 1) };
}

const PLAIN_ASCII = /^[\x21-\x7E]*(?: [\x21-\x7E]+)*$/;

export const text = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return "";
  if (c instanceof Date) return utcCalendarDate(c);
  const s = String(c);
  // Most cells are digits, dates and codes: already clean, no need for Unicode normalisation.
  return PLAIN_ASCII.test(s) ? s : cleanText(s);
};

/** A date as Excel gives it: a Date cell, a serial number, or text dd/mm/yyyy / yyyy-mm-dd. */
export function cellDate(c: Cell | undefined): string | null | "invalid" {
  if (c === null || c === undefined || (typeof c === "string" && c.trim() === "")) return null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return "invalid";
    // exceljs gives dates at UTC midnight; a time part from a local-time export rounds to the nearest day.
    return utcCalendarDate(c.getTime() + 12 * 3600_000);
  }
  if (typeof c === "number") {
    if (c > 1 && c < 80_000) return utcCalendarDate(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000);
    return "invalid";
  }
  const s = String(c);
  // dd/mm/yyyy, as nearly every cell is written: read the digits instead of a regular expression.
  if (s.length === 10 && s.charCodeAt(2) === 47 && s.charCodeAt(5) === 47) {
    const d = digits2(s, 0);
    const m = digits2(s, 3);
    const y = digits2(s, 6) * 100 + digits2(s, 8);
    if (d >= 0 && m >= 0 && y >= 0) {
      if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return "invalid";
      return `${s.slice(6)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;
    }
  }
  return parseDate(s) ?? "invalid";
}

/** Two decimal digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A citizen ID from a cell: spaces and dots dropped; a number cell that lost its leading zero gets it back. */
export function cellCitizenId(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  let s = typeof c === "number" ? String(Math.round(c)) : String(c).replace(/[\s.'-]/g, "");
  if (typeof c === "number" && s.length === 11) s = `0${s}`;
  return s;
}

const genderWords = new Map<string, "male" | "female">([
  ["Nam", "male"],
  ["nam", "male"],
  ["NAM", "male"],
  ["Nữ", "female"],
  ["nữ", "female"],
  ["NỮ", "female"],
]);

function genderOf(c: Cell | undefined): "male" | "female" | null | "invalid" {
  const raw = typeof c === "string" ? genderWords.get(c) : undefined;
  if (raw) return raw;
  const t = text(c);
  const quick = genderWords.get(t);
  if (quick) return quick;
  const f = fold(t);
  if (!f) return null;
  if (["nam", "male", "m", "trai"].includes(f)) return "male";
  if (["nu", "female", "f", "gai"].includes(f)) return "female";
  return "invalid";
}

/** Where checkRow leaves a row's problems (one sink for the whole file: no arrays made per row). */
interface RowSink {
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
function checkRow(rowNo: number, cells: Cell[], index: Map<string, number>, sink: RowSink, today: string, lookups: Lookups): StagedRow | null {
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

async function loadLookups(database: Database): Promise<Lookups> {
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

const stageNames = [
  "row_no",
  "citizen_id",
  "family_name",
  "middle_name",
  "given_name",
  "full_name",
  "name_fold",
  "birth_date",
  "gender",
  "ethnicity",
  "hometown",
  "phone",
  "legacy_id",
  "tax_code",
  "union_ref",
  "union_id",
  "enterprise_id",
  "joined_on",
  "moved_on",
  "card_no",
  "action",
] as const satisfies readonly (keyof StagedRow)[];

/** COPY text format: tab-separated, \N for null, backslash escapes. */
const copyEscape = (c: string) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r");
const COPY_SPECIAL = /[\\\t\n\r]/;
/** A text field: cleaned cells hold no tab or line break and a backslash is rare, so most go out as they are. */
const copyText = (s: string | null) => (s === null ? "\\N" : COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, copyEscape) : s);
const copyNumber = (n: number | null) => (n === null ? "\\N" : String(n));
/** A field checkRow built itself (digits, ISO dates, codes): never a tab, line break or backslash. */
const copyPlain = (s: string | null) => (s === null ? "\\N" : s);
/**
 * One staged row in COPY text format, its fields in the order of stageNames (written out: this runs
 * for every row). Only the text people typed (names, ethnicity, hometown, union, card) is escaped.
 */
const copyLine = (jobId: number, r: StagedRow) =>
  `${jobId}\t${r.row_no}\t${copyPlain(r.citizen_id)}\t${copyText(r.family_name)}\t${copyText(r.middle_name)}\t${copyText(r.given_name)}\t${copyText(r.full_name)}\t${copyText(r.name_fold)}\t${copyPlain(r.birth_date)}\t${copyPlain(r.gender)}\t${copyText(r.ethnicity)}\t${copyText(r.hometown)}\t${copyPlain(r.phone)}\t${copyPlain(r.legacy_id)}\t${copyPlain(r.tax_code)}\t${copyText(r.union_ref)}\t${copyNumber(r.union_id)}\t${copyNumber(r.enterprise_id)}\t${copyPlain(r.joined_on)}\t${copyPlain(r.moved_on)}\t${copyText(r.card_no)}\t${copyPlain(r.action)}\n`;
const copySql = `COPY import_rows (job_id, ${stageNames.join(", ")}) FROM STDIN`;

/**
 * Writes staged rows with COPY: one stream for the whole file on PostgreSQL, one COPY per batch
 * on PGlite (which reads COPY input from a Blob). Faster than INSERTs by an order of magnitude.
 */
interface Stager {
  write(rows: StagedRow[]): Promise<void>;
  /** Milliseconds spent waiting for the database to take what was written. */
  waitedMs: number;
  end(): Promise<void>;
  abort(): void;
}

/** Bytes of COPY data that may wait for PostgreSQL while Node reads on. */
const STAGE_BUFFER = 8 << 20;

async function openStager(database: Database, jobId: number): Promise<Stager> {
  if (database.pool) {
    const client = await database.pool.connect();
    const stream = client.query(copyFrom(copySql));
    const finished = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    finished.catch(() => undefined);
    let released = false;
    const release = (err?: Error) => {
      if (!released) client.release(err);
      released = true;
    };
    const self: Stager = {
      waitedMs: 0,
      async write(rows) {
        if (!rows.length) return;
        let chunk = "";
        for (const r of rows) chunk += copyLine(jobId, r);
        stream.write(chunk);
        // Waiting for "drain" (the stream's 16 KB mark) after every batch made Node idle until
        // PostgreSQL had taken nearly all of it, so parsing and loading took turns; with up to
        // STAGE_BUFFER bytes in flight they run side by side (memory stays bounded).
        if (stream.writableLength > STAGE_BUFFER) {
          const t = performance.now();
          await new Promise((r) => stream.once("drain", r));
          self.waitedMs += performance.now() - t;
        }
      },
      async end() {
        stream.end();
        await finished;
        release();
      },
      abort() {
        stream.destroy();
        release(new Error("import aborted"));
      },
    };
    return self;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error("no database");
  // Each COPY costs PGlite a fixed set-up: lines are gathered into ~4 MB blobs (about 16,000 rows).
  let lines: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!lines.length) return;
    const blob = new Blob(lines);
    lines = [];
    size = 0;
    const t = performance.now();
    await pglite.query(`${copySql.replace("STDIN", "'/dev/blob'")}`, [], { blob });
    self.waitedMs += performance.now() - t;
  };
  const self: Stager = {
    waitedMs: 0,
    async write(rows) {
      for (const r of rows) {
        const line = copyLine(jobId, r);
        lines.push(line);
        size += line.length;
      }
      if (size >= 4 << 20) await flush();
    },
    end: flush,
    abort() {
      lines = [];
    },
  };
  return self;
}

async function saveIssues(database: Database, jobId: number, issues: ImportIssue[]) {
  if (!issues.length) return;
  await database.rows(
    sql`INSERT INTO import_errors (job_id, row_no, col, code, message) SELECT ${jobId}, x.row, x.column, x.code, x.message
        FROM jsonb_to_recordset(${JSON.stringify(issues)}::jsonb) AS x("row" int, "column" text, code text, message text)`,
  );
}

/** Creates the job row that the page polls. */
export async function createImportJob(
  database: Database,
  ctx: RequestContext,
  kind: "members" | "enterprises" | "unions",
  dryRun: boolean,
  fileName: string | null,
): Promise<number> {
  // A previous import killed midway left its staged rows: they belong to no running job any more.
  await database.rows(
    sql`DELETE FROM import_rows WHERE job_id IN (SELECT id FROM import_jobs WHERE status <> 'running' OR created_at < now() - interval '1 day')`,
  );
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO import_jobs (kind, dry_run, file_name, user_id, body_id) VALUES (${kind}, ${dryRun}, ${fileName}, ${ctx.actor.userId}, ${ctx.actor.bodyId}) RETURNING id`,
  );
  return row?.id ?? 0;
}

/** Where an import writes how long each step took (benchmarks pass console.log). */
export type ImportLog = (line: string) => void;

/**
 * Imports members from a streamed .xlsx or CSV. Rows are parsed and checked in TS (unions and
 * enterprises looked up in small in-memory maps) and COPYed into a staging table in batches, so
 * memory stays flat whatever the file size; in-file duplicate citizen IDs, scope and existing
 * people are then resolved and applied set-based (INSERT…SELECT / UPDATE…FROM) in ONE transaction,
 * so a failure or a killed process leaves nothing half-imported. A row matching a person already in
 * the registry updates them; a member whose union changed is transferred (the old interval closed,
 * a new one opened); the same file imported twice changes nothing. Any bad row refuses the whole
 * commit unless `skipInvalid` is set.
 */
export async function importMembers(
  database: Database,
  ctx: RequestContext,
  jobId: number,
  path: string,
  opts: {
    dryRun: boolean;
    skipInvalid?: boolean;
    today?: string;
    log?: ImportLog;
    /** New people from which the import is a bulk load (BULK_MIN_CREATED; tests lower it). */
    bulkFrom?: number;
  },
): Promise<ImportResult> {
  const today = opts.today ?? todayIso();
  const t0 = performance.now();
  const log = opts.log;
  const mark = (what: string) => log?.(`import ${jobId}: ${what} at ${Math.round(performance.now() - t0)} ms`);
  progress.set(jobId, { processed: 0, phase: "reading" });
  const cols = new Map(memberColumns.map((c) => [c.key, c]));
  const lookups = await loadLookups(database);
  // A city's first import: every row will be a new person, staged as such (resolve checks again).
  const [registered] = await database.rows<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM people) AS any`);
  const stagedAsNew = registered?.any === false;
  let index: Map<string, number> | null = null;
  let total = 0;
  const warningsKept: ImportIssue[] = [];
  let warningCount = 0;
  let probed = 0;
  let stager: Stager | null = null;
  let writeMs = 0;
  let checkMs = 0;
  let readMs = 0;
  let tr = performance.now();
  try {
    mark("lookups loaded");
    stager = await openStager(database, jobId);
    mark("stager open");
    for await (const rows of readRows(path)) {
      const tc = performance.now();
      readMs += tc - tr;
      const staged: StagedRow[] = [];
      const sink: RowSink = { cols, errors: [], warnings: [] };
      for (const { rowNo, cells } of rows) {
        if (!index) {
          if (cells.every((c) => c === null || String(c).trim() === "")) continue;
          const mapped = mapHeaders(cells, memberColumns);
          // Title rows above the header ("DANH SÁCH ĐOÀN VIÊN …") are skipped: the header is the first row naming 3+ known columns.
          if (mapped.index.size < 3) {
            if (++probed > 20) break;
            continue;
          }
          if (mapped.missing.length) {
            throw new AppError("import_invalid_file", `Tệp thiếu cột bắt buộc: ${mapped.missing.map((c) => c.header).join(", ")}`, {
              errors: mapped.missing.map((c) => ({
                pointer: `/file/columns/${c.header}`,
                message: `Thiếu cột bắt buộc "${c.header}"`,
                code: "missing_column",
              })),
            });
          }
          index = mapped.index;
          continue;
        }
        if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) continue;
        total++;
        const checked = checkRow(rowNo, cells, index, sink, today, lookups);
        if (checked) {
          if (stagedAsNew) checked.action = "create";
          staged.push(checked);
        }
      }
      if (!index && probed > 20) break;
      warningCount += sink.warnings.length;
      for (const w of sink.warnings) if (warningsKept.length < WARNING_LIST_LIMIT) warningsKept.push(w);
      const tw = performance.now();
      checkMs += tw - tc;
      await stager.write(staged);
      await saveIssues(database, jobId, sink.errors);
      tr = performance.now();
      writeMs += tr - tw;
      progress.set(jobId, { processed: total, phase: "reading" });
    }
    mark("rows read");
    const tEnd = performance.now();
    await stager.end();
    const waitedMs = stager.waitedMs + performance.now() - tEnd;
    stager = null;
    if (!index) {
      throw new AppError(
        "import_invalid_file",
        "Không tìm thấy dòng tiêu đề: tệp phải có các cột Họ và tên, Số CCCD, Công đoàn cơ sở, Ngày vào công đoàn (tải tệp mẫu)",
      );
    }
    mark(
      `staged (reading ${Math.round(readMs)} ms, checking ${Math.round(checkMs)} ms, COPY lines and writes ${Math.round(writeMs)} ms of which ${Math.round(waitedMs)} ms waiting for the database)`,
    );
    // Fresh statistics, or the planner takes the staging table for empty and nests loops over it.
    await database.rows(sql`ANALYZE import_rows`);
    progress.set(jobId, { processed: total, phase: "checking" });

    const counts = await database.db.transaction(async (tx) => {
      if (database.pool) {
        // Set-based statements over every staged row: hash joins in memory, and no JIT (the row
        // estimates of the correlated look-ups make PostgreSQL spend a second compiling each one).
        await database.rows(sql`SET LOCAL jit = off`, tx);
        await database.rows(sql`SET LOCAL work_mem = '64MB'`, tx);
      }
      const classified = await resolve(database, ctx, tx, jobId, today, stagedAsNew, log);
      // The actions are known now: fresh statistics again so the apply joins hash instead of looping.
      if (classified) await database.rows(sql`ANALYZE import_rows`, tx);
      // Trigram index entries of new names go to the GIN pending list and are merged in bulk.
      await database.rows(sql`SET LOCAL gin_pending_list_limit = '64MB'`, tx);
      mark("resolved");
      const c = await countOutcome(database, tx, jobId);
      const commit = !opts.dryRun && (c.rejected === 0 || opts.skipInvalid === true);
      if (commit) {
        progress.set(jobId, { processed: total, phase: "saving" });
        await apply(database, tx, jobId, c.created, opts.bulkFrom ?? BULK_MIN_CREATED, log);
        mark("applied");
        await audit(database, tx, ctx, {
          action: "import",
          objectType: "members",
          objectId: jobId,
          detail: { total, ...c, skipInvalid: opts.skipInvalid === true },
        });
      }
      await database.rows(sql`DELETE FROM import_rows WHERE job_id = ${jobId}`, tx);
      return { ...c, committed: commit };
    });
    mark("committed");
    const errors = await database.rows<ImportIssue>(
      sql`SELECT row_no AS "row", col AS "column", code, message FROM import_errors WHERE job_id = ${jobId} ORDER BY row_no, col LIMIT ${ERROR_LIST_LIMIT}`,
    );
    const [errorCount] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_errors WHERE job_id = ${jobId}`);
    const result: ImportResult = {
      jobId,
      dryRun: opts.dryRun,
      committed: counts.committed,
      total,
      created: counts.created,
      updated: counts.updated,
      transferred: counts.transferred,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      errors,
      errorCount: errorCount?.n ?? 0,
      warnings: warningsKept,
    };
    await database.rows(
      sql`UPDATE import_jobs SET status = 'done', processed = ${total}, finished_at = now(),
            result = ${JSON.stringify({ ...result, errors: errors.slice(0, 500), warningCount })}::jsonb WHERE id = ${jobId}`,
    );
    return result;
  } catch (err) {
    stager?.abort();
    await database.rows(sql`DELETE FROM import_rows WHERE job_id = ${jobId}`).catch(() => undefined);
    await markImportFailed(database, jobId, total, err);
    throw err;
  } finally {
    progress.delete(jobId);
  }
}

/** Records what is wrong with rows (scope, in-file duplicates, dates against history) and decides created / transferred / updated / unchanged; says whether it had to classify the rows against the registry. */
async function resolve(database: Database, ctx: RequestContext, tx: Tx, job: number, today: string, stagedAsNew: boolean, log: ImportLog | undefined) {
  const q = async (s: SQL) => {
    const t = performance.now();
    const r = await database.rows(s, tx);
    log?.(`  ${Math.round(performance.now() - t)} ms ${new PgDialect().sqlToQuery(s).sql.replace(/\s+/g, " ").slice(0, 90)}`);
    return r;
  };
  const err = (col: string, code: string, message: SQL, where: SQL) =>
    q(
      sql`INSERT INTO import_errors (job_id, row_no, col, code, message) SELECT ${job}, s.row_no, ${col}, ${code}, ${message} FROM import_rows s WHERE s.job_id = ${job} AND ${where}`,
    );
  const dropBad = () =>
    q(sql`DELETE FROM import_rows s WHERE s.job_id = ${job} AND s.row_no IN (SELECT e.row_no FROM import_errors e WHERE e.job_id = ${job})`);

  if (ctx.actor.scope.kind !== "city") {
    await err(
      "Công đoàn cơ sở",
      "union_out_of_scope",
      sql`'Công đoàn cơ sở "' || s.union_ref || '" ngoài phạm vi quản lý của bạn'`,
      sql`NOT ${unionScope(ctx.actor.scope, sql`s.union_id`)}`,
    );
  }
  await err(
    "Công đoàn cơ sở",
    "union_dissolved",
    sql`'Công đoàn cơ sở "' || s.union_ref || '" đã giải thể'`,
    sql`s.union_id IN (SELECT id FROM unions WHERE dissolved_on IS NOT NULL)`,
  );
  // The same citizen ID twice in one file: which row is right cannot be known, so every one of them is refused.
  // (The row lists are built only for the duplicated IDs, not for every row of the file.)
  await q(sql`INSERT INTO import_errors (job_id, row_no, col, code, message)
      SELECT ${job}, s.row_no, 'Số CCCD', 'duplicate_in_file', 'Số CCCD ' || s.citizen_id || ' xuất hiện nhiều lần trong tệp (các dòng ' || d.rows || ')'
      FROM import_rows s JOIN (SELECT citizen_id, string_agg(row_no::text, ', ' ORDER BY row_no) AS rows FROM import_rows
                              WHERE job_id = ${job} AND citizen_id IN (SELECT citizen_id FROM import_rows WHERE job_id = ${job} GROUP BY citizen_id HAVING count(*) > 1)
                              GROUP BY citizen_id) d ON d.citizen_id = s.citizen_id
      WHERE s.job_id = ${job}`);

  // One pass: who each row is, what happens to them, and on which date. Against an empty registry
  // (a city's first import) every row is a new person: the rows were staged as 'create' already
  // (a person registered meanwhile with the same citizen ID would fail the unique key, so the commit).
  const [registered] = await database.rows<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM people) AS any`, tx);
  const classify = !stagedAsNew || registered?.any === true;
  if (classify)
    await q(sql`UPDATE import_rows s SET
      person_id = p.id,
      action = CASE WHEN p.id IS NULL THEN 'create' WHEN m.id IS NULL THEN 'rejoin' WHEN m.union_id <> x.union_id THEN 'transfer' ELSE 'same' END,
      moved_on = CASE
        WHEN p.id IS NOT NULL AND m.id IS NULL THEN
          CASE WHEN x.joined_on > (SELECT max(l.valid_to) FROM memberships l WHERE l.person_id = p.id) THEN x.joined_on
               ELSE greatest(coalesce(x.moved_on, ${today}::date), (SELECT max(l.valid_to) FROM memberships l WHERE l.person_id = p.id) + 1) END
        WHEN m.id IS NOT NULL AND m.union_id <> x.union_id THEN greatest(coalesce(x.moved_on, ${today}::date), m.valid_from + 1)
        ELSE x.moved_on END,
      changed = p.id IS NOT NULL AND (
        p.family_name <> x.family_name OR p.middle_name <> x.middle_name OR p.given_name <> x.given_name
        OR (x.birth_date IS NOT NULL AND p.birth_date IS DISTINCT FROM x.birth_date)
        OR (x.gender IS NOT NULL AND p.gender IS DISTINCT FROM x.gender)
        OR (x.phone IS NOT NULL AND p.phone IS DISTINCT FROM x.phone)
        OR (x.ethnicity IS NOT NULL AND p.ethnicity IS DISTINCT FROM x.ethnicity)
        OR (x.hometown IS NOT NULL AND p.hometown IS DISTINCT FROM x.hometown)
        OR (x.legacy_id IS NOT NULL AND p.legacy_id IS DISTINCT FROM x.legacy_id)
        OR (x.enterprise_id IS NOT NULL AND p.enterprise_id IS DISTINCT FROM x.enterprise_id)
        OR (m.id IS NOT NULL AND m.union_id = x.union_id AND x.card_no IS NOT NULL AND m.card_no IS DISTINCT FROM x.card_no))
    FROM import_rows x LEFT JOIN people p ON p.citizen_id = x.citizen_id LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
    WHERE x.job_id = ${job} AND s.job_id = ${job} AND s.row_no = x.row_no`);

  if (ctx.actor.scope.kind !== "city") {
    // An import touches only what its user could touch one row at a time: a citizen ID of a person
    // outside the caller's scope is refused in words that do not say whether anyone has that ID, nor
    // where they are; nothing of the record is echoed.
    await err(
      "Số CCCD",
      "person_out_of_scope",
      sql`${PERSON_OUT_OF_SCOPE}`,
      sql`s.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.person_id AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)})`,
    );
    // A person moved to an enterprise the caller cannot see is a write outside scope too; it answers as an unknown tax code does.
    await err(
      "Mã số thuế",
      "enterprise_not_found",
      sql`'Không tìm thấy doanh nghiệp có mã số thuế ' || s.tax_code`,
      sql`s.tax_code IS NOT NULL AND s.enterprise_id IS NOT NULL AND NOT ${enterpriseScope(ctx.actor.scope, sql`s.enterprise_id`)}`,
    );
    await dropBad();
    // Left: people the caller may see. One still a member of a union outside scope moves only through that union's superiors.
    await err(
      "Số CCCD",
      "member_elsewhere",
      sql`'Người có số CCCD này đang sinh hoạt ở công đoàn ngoài phạm vi của bạn; đề nghị công đoàn cấp trên chuyển sinh hoạt'`,
      sql`s.action = 'transfer' AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = s.person_id AND m.valid_to IS NULL AND NOT ${unionScope(ctx.actor.scope, sql`m.union_id`)})`,
    );
  }
  await q(sql`INSERT INTO import_errors (job_id, row_no, col, code, message)
      SELECT ${job}, s.row_no, 'Ngày chuyển đến', 'transfer_before_start',
             'Ngày chuyển đến phải sau ngày bắt đầu sinh hoạt ở công đoàn hiện tại (' || to_char(m.valid_from, 'DD/MM/YYYY') || ')'
      FROM import_rows s JOIN memberships m ON m.person_id = s.person_id AND m.valid_to IS NULL
      WHERE s.job_id = ${job} AND s.action = 'transfer' AND s.moved_on <= m.valid_from`);
  await dropBad();
  return classify;
}

async function countOutcome(database: Database, tx: Tx, job: number) {
  const [c] = await database.rows<{ created: number; updated: number; transferred: number; unchanged: number }>(
    sql`SELECT count(*) FILTER (WHERE action = 'create')::int AS created,
               count(*) FILTER (WHERE action = 'rejoin' OR (action = 'same' AND changed))::int AS updated,
               count(*) FILTER (WHERE action = 'transfer')::int AS transferred,
               count(*) FILTER (WHERE action = 'same' AND NOT changed)::int AS unchanged
        FROM import_rows WHERE job_id = ${job}`,
    tx,
  );
  const [r] = await database.rows<{ n: number }>(sql`SELECT count(DISTINCT row_no)::int AS n FROM import_errors WHERE job_id = ${job}`, tx);
  return { created: c?.created ?? 0, updated: c?.updated ?? 0, transferred: c?.transferred ?? 0, unchanged: c?.unchanged ?? 0, rejected: r?.n ?? 0 };
}

/** At least this many new people, and a quarter of those already registered, make an import a bulk load. */
const BULK_MIN_CREATED = 50_000;

/**
 * Writes the staged outcome to the registry, set-based: first the changes to people already
 * registered (updates, transfers, rejoins — they look up each person's intervals), then the new
 * people and their first memberships. A bulk load (a city's first import) inserts those without
 * the secondary indexes of people and memberships and builds them again afterwards, still inside
 * the one transaction: building an index once is an order of magnitude cheaper than updating it
 * row by row, and a unique index that no longer holds fails the build and so the whole import.
 * Foreign keys are dropped and added back the same way (as pg_restore does): adding one checks
 * every row again.
 * The tables are locked meanwhile (readers wait seconds), which only a bulk load pays for.
 */
async function apply(database: Database, tx: Tx, job: number, created: number, bulkFrom: number, log: ImportLog | undefined) {
  const q = async (s: SQL) => {
    const t = performance.now();
    const r = await database.rows(s, tx);
    log?.(`  ${Math.round(performance.now() - t)} ms ${new PgDialect().sqlToQuery(s).sql.replace(/\s+/g, " ").slice(0, 90)}`);
    return r;
  };
  await q(sql`UPDATE people p SET family_name = s.family_name, middle_name = s.middle_name, given_name = s.given_name,
        birth_date = coalesce(s.birth_date, p.birth_date), gender = coalesce(s.gender, p.gender), phone = coalesce(s.phone, p.phone),
        ethnicity = coalesce(s.ethnicity, p.ethnicity), hometown = coalesce(s.hometown, p.hometown), legacy_id = coalesce(s.legacy_id, p.legacy_id),
        enterprise_id = coalesce(s.enterprise_id, p.enterprise_id), updated_at = now()
      FROM import_rows s WHERE s.job_id = ${job} AND s.changed AND p.id = s.person_id`);
  await q(sql`UPDATE memberships m SET card_no = s.card_no FROM import_rows s
      WHERE s.job_id = ${job} AND s.action = 'same' AND s.card_no IS NOT NULL AND m.person_id = s.person_id AND m.valid_to IS NULL AND m.card_no IS DISTINCT FROM s.card_no`);
  // A transfer: the open interval ends the day before the move, the next one starts on it (card number carried over unless a new one is given).
  await q(sql`UPDATE memberships m SET valid_to = s.moved_on - 1, end_reason = 'transfer' FROM import_rows s
      WHERE s.job_id = ${job} AND s.action = 'transfer' AND m.person_id = s.person_id AND m.valid_to IS NULL`);
  await q(sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason)
      SELECT s.person_id, s.union_id,
             coalesce(s.card_no, (SELECT o.card_no FROM memberships o WHERE o.person_id = s.person_id AND o.valid_to = s.moved_on - 1 ORDER BY o.id DESC LIMIT 1)),
             s.moved_on, CASE s.action WHEN 'transfer' THEN 'transfer' ELSE 'rejoin' END
      FROM import_rows s WHERE s.job_id = ${job} AND s.action IN ('transfer', 'rejoin')`);
  if (!created) return;

  const [size] = await database.rows<{ n: number }>(sql`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'people'::regclass`, tx);
  const bulk = created >= bulkFrom && created * 4 >= (size?.n ?? 0);
  let rebuild: { name: string; def: string }[] = [];
  let foreignKeys: { table: string; name: string; def: string }[] = [];
  if (bulk) {
    // Taken at once for both tables, so two bulk loads queue instead of deadlocking on the upgrade.
    await q(sql`LOCK TABLE people, memberships IN ACCESS EXCLUSIVE MODE`);
    // Indexes that back a constraint (primary keys, the unique citizen ID) stay: they are what the inserts are checked against.
    rebuild = await database.rows<{ name: string; def: string }>(
      sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid IN ('people'::regclass, 'memberships'::regclass) AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      tx,
    );
    for (const ix of rebuild) await q(sql`DROP INDEX ${sql.identifier(ix.name)}`);
    // Foreign keys likewise: checked row by row they cost more than the inserts; added back, each is one join over the tables.
    foreignKeys = await database.rows<{ table: string; name: string; def: string }>(
      sql`SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid IN ('people'::regclass, 'memberships'::regclass) AND contype = 'f'`,
      tx,
    );
    for (const fk of foreignKeys) await q(sql`ALTER TABLE ${sql.identifier(fk.table)} DROP CONSTRAINT ${sql.identifier(fk.name)}`);
  }
  // A bulk load gives full_name and name_fold as Node computed them (import.names.ts; SQL computes the
  // few Node left null) instead of the people_names trigger computing them row by row (migration 0103).
  // The trigger is off for this statement only, inside the transaction, under the lock taken above.
  if (bulk) {
    await q(sql`ALTER TABLE people DISABLE TRIGGER people_names`);
    // The new people sorted by citizen ID and kept for their memberships: ~200 bytes a row, in memory rather than in temporary files.
    if (database.pool) await q(sql`SET LOCAL work_mem = '512MB'`);
  }
  // In citizen ID order, the unique index grows at its right edge instead of at random pages (650,000 rows, measured alone: 9,9–10,1 s → 7,6–9,1 s).
  // Each new person's id is drawn here, so their first membership needs no join back to people by citizen ID.
  await q(sql`WITH s AS MATERIALIZED (
        SELECT nextval('people_id_seq'::regclass) AS id, o.* FROM (
          SELECT citizen_id, legacy_id, family_name, middle_name, given_name, full_name, name_fold, birth_date, gender, ethnicity, phone, hometown,
                 enterprise_id, union_id, card_no, joined_on
          FROM import_rows WHERE job_id = ${job} AND action = 'create' ORDER BY citizen_id) o),
      p AS (INSERT INTO people (id, citizen_id, legacy_id, family_name, middle_name, given_name, full_name, name_fold, birth_date, gender, ethnicity, phone, hometown, enterprise_id)
        SELECT id, citizen_id, legacy_id, family_name, middle_name, given_name,
               coalesce(full_name, btrim(regexp_replace(family_name || ' ' || middle_name || ' ' || given_name, '\\s+', ' ', 'g'))),
               coalesce(name_fold, vn_fold(family_name || ' ' || middle_name || ' ' || given_name)),
               birth_date, gender, ethnicity, phone, hometown, enterprise_id
        FROM s)
      INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason)
      SELECT id, union_id, card_no, joined_on, 'join' FROM s`);
  if (bulk) await q(sql`ALTER TABLE people ENABLE TRIGGER people_names`);
  if (bulk) {
    await q(sql`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of rebuild) await q(sql.raw(ix.def));
    for (const fk of foreignKeys) await q(sql`ALTER TABLE ${sql.identifier(fk.table)} ADD CONSTRAINT ${sql.identifier(fk.name)} ${sql.raw(fk.def)}`);
    // The planner would otherwise take the tables for as small as before the load until autovacuum comes by.
    await q(sql`ANALYZE people, memberships`);
  }
}

/** Marks a job failed with what went wrong (a Vietnamese message, or "internal"); a failure to record it is not the caller's error. */
export async function markImportFailed(database: Database, jobId: number, processed: number, err: unknown): Promise<void> {
  await database
    .rows(
      sql`UPDATE import_jobs SET status = 'failed', processed = ${processed}, finished_at = now(), error = ${err instanceof AppError ? (err.detail ?? err.code) : "internal"} WHERE id = ${jobId}`,
    )
    .catch(() => undefined);
}

export async function getImportJob(database: Database, ctx: RequestContext, id: number) {
  const [job] = await database.rows<{
    id: number;
    kind: ImportKind;
    dryRun: boolean;
    fileName: string | null;
    status: "running" | "done" | "failed";
    processed: number;
    result: ImportResult | null;
    error: string | null;
    createdAt: string;
    finishedAt: string | null;
  }>(
    sql`SELECT id, kind, dry_run AS "dryRun", file_name AS "fileName", status, processed, result, error, created_at::text AS "createdAt", finished_at::text AS "finishedAt"
        FROM import_jobs WHERE id = ${id} AND (user_id = ${ctx.actor.userId} OR ${ctx.actor.role === "system_admin"})`,
  );
  if (!job) throw notFound("Không tìm thấy lượt nhập dữ liệu");
  const live = importProgress(id);
  return { ...job, processed: live?.processed ?? job.processed, phase: live?.phase ?? job.status };
}
