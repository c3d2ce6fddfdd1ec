/** Checking a beneficiary list against the registry and the campaign, and recording its payouts (all or nothing). */
import { vnToday } from "#shared/clock.ts";
import { citizenIdProblem } from "#shared/identifiers.ts";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { type NewPerson, registerPeople } from "#server/modules/registry/index.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { cleanText, fold, formatDate, parseDate, splitFullName } from "#shared/text.ts";
import { type CampaignRow, loadWritableCampaign } from "./campaigns.service.ts";
import type { ImportIssue, ImportReport } from "./care.schema.ts";
import { type PayoutKind, kindPhrase, parseAmount, parseKind } from "./care.text.ts";
import { type Col, type ImportRow, columns } from "./payouts.list.ts";
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

const unionFold = (s: string) =>
  fold(s)
    .replace(/^cdcs\b/, "cong doan co so")
    .replace(/^cd\b/, "cong doan");

/** A row read on its own: identifiers, kind, amount and dates understood. */
interface Parsed {
  row: ImportRow;
  cid: string;
  legacy: boolean;
  kind: PayoutKind;
  amount: number;
  paidOn: string;
  birth: string | null;
}

/** A row that will be paid: to a known person, or to one the import creates. */
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

/** Where every step records a row's problems, by the column's heading. */
class Issues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  err(row: number, col: Col | null, code: string, message: string) {
    this.errors.push({ row, column: col ? columns[col].label : null, code, message });
  }
  warn(row: number, col: Col | null, code: string, message: string) {
    this.warnings.push({ row, column: col ? columns[col].label : null, code, message });
  }
}

/** The citizen ID as the file gives it, a leading zero Excel dropped restored; problems recorded. */
function citizenIdOf(r: ImportRow, issues: Issues): string {
  let cid = (r.citizenId ?? "").replace(/[\s.'-]/g, "");
  if (/^\d{11}$/.test(cid) || /^\d{8}$/.test(cid)) {
    cid = `0${cid}`;
    issues.warn(r.row, "citizenId", "leading_zero_restored", `Số CCCD thiếu số 0 ở đầu (Excel thường làm mất), đã hiểu là ${cid}`);
  }
  if (!cid) issues.err(r.row, "citizenId", "required", "Thiếu Số CCCD");
  else if (!/^(\d{12}|\d{9})$/.test(cid))
    issues.err(r.row, "citizenId", "invalid_citizen_id", `Số CCCD "${r.citizenId}" không hợp lệ: cần 12 chữ số (hoặc CMND cũ 9 chữ số)`);
  else if (cid.length === 12 && citizenIdProblem(cid))
    issues.err(r.row, "citizenId", "invalid_citizen_id", `Số CCCD "${r.citizenId}": ${citizenIdProblem(cid)}`);
  return cid;
}

/** The kind of help: as written, or the campaign's only kind when the column is empty. */
function kindOf(c: CampaignRow, r: ImportRow, issues: Issues): PayoutKind | null {
  if (!r.kind) {
    if (c.kinds.length === 1) return c.kinds[0] ?? null;
    issues.err(r.row, "kind", "required", "Thiếu Hình thức hỗ trợ");
    return null;
  }
  const kind = parseKind(fold(r.kind));
  if (!kind) issues.err(r.row, "kind", "invalid_kind", `Không hiểu hình thức "${r.kind}" (tiền mặt, quà/hiện vật, vé xe, phiếu mua hàng, hỗ trợ nhà)`);
  else if (!c.kinds.includes(kind))
    issues.err(
      r.row,
      "kind",
      "kind_not_allowed",
      `Đợt này không có hình thức "${kindPhrase[kind].label}"; chỉ có: ${c.kinds.map((k) => kindPhrase[k].label).join(", ")}`,
    );
  return kind;
}

/** The day of payment: as written (not after today), or the default; outside the campaign's dates is a warning. */
function paidOnOf(c: CampaignRow, r: ImportRow, defaultPaidOn: string, issues: Issues): string {
  if (!r.paidOn) return defaultPaidOn;
  const d = parseDate(r.paidOn);
  if (!d) issues.err(r.row, "paidOn", "invalid_date", `Ngày nhận "${r.paidOn}" không hợp lệ (dd/mm/yyyy)`);
  else if (d > vnToday()) issues.err(r.row, "paidOn", "future_date", `Ngày nhận ${formatDate(d)} sau hôm nay: chưa thể nhận`);
  else {
    if (d < c.startsOn || d > c.endsOn)
      issues.warn(
        r.row,
        "paidOn",
        "outside_period",
        `Ngày nhận ${formatDate(d)} nằm ngoài thời gian của đợt (${formatDate(c.startsOn)}–${formatDate(c.endsOn)})`,
      );
    return d;
  }
  return defaultPaidOn;
}

/** Step 1: each row on its own — identifiers, kind, amount, dates, and a person twice in the file. */
function parseRows(c: CampaignRow, rows: ImportRow[], issues: Issues): Parsed[] {
  const parsed: Parsed[] = [];
  const today = vnToday();
  // Today, held inside the campaign's dates (the middle of the three ISO strings).
  const defaultPaidOn = [c.startsOn, today, c.endsOn].sort()[1] ?? today;
  const seen = new Map<string, number>();
  for (const r of rows) {
    const before = issues.errors.length;
    const cid = citizenIdOf(r, issues);
    const kind = kindOf(c, r, issues);
    const amount = parseAmount(r.amount ?? "");
    if (amount === null)
      issues.err(r.row, "amount", r.amount ? "invalid_amount" : "required", r.amount ? `Số tiền "${r.amount}" không hợp lệ` : "Thiếu Số tiền");
    const paidOn = paidOnOf(c, r, defaultPaidOn, issues);
    let birth: string | null = null;
    if (r.birthDate) {
      birth = parseDate(r.birthDate);
      if (!birth) issues.err(r.row, "birthDate", "invalid_date", `Ngày sinh "${r.birthDate}" không hợp lệ (dd/mm/yyyy)`);
    }
    if (cid && /^(\d{12}|\d{9})$/.test(cid)) {
      const first = seen.get(cid);
      if (first !== undefined) {
        issues.err(r.row, "citizenId", "duplicate_in_file", `Người có Số CCCD ${cid} đã có ở dòng ${first} của tệp; mỗi người chỉ nhận một lần trong một đợt`);
      } else seen.set(cid, r.row);
    }
    if (issues.errors.length === before && kind && amount !== null) parsed.push({ row: r, cid, legacy: cid.length === 9, kind, amount, paidOn, birth });
  }
  return parsed;
}

type Found = { id: number; citizenId: string | null; legacyId: string | null; nameFold: string };
type UnionFound = { id: number; code: string; nameFold: string; inScope: boolean; enterpriseId: number | null };

/** What the registry and the campaign know about the list's people, unions and enterprises (step 2). */
interface Known {
  byCid: Map<string, Found[]>;
  unions: UnionFound[];
  enterprises: { id: number; nameFold: string }[];
  facts: Map<number, PersonFacts>;
  paid: Awaited<ReturnType<typeof paidInCampaign>>;
  overlaps: Awaited<ReturnType<typeof overlappingPayouts>>;
  /** The caller's own union, the payer when a row names none and the person's union is out of sight. */
  actorUnion: number | null;
  /** Whether the caller sees a union (asked once per union). */
  unionVisible: (id: number) => Promise<boolean>;
}

const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::text[]`;

/** Step 2: who they are — people by citizen ID (or old 9-digit ID), unions and enterprises by name, what each was paid. */
async function lookUp(database: Database, ctx: RequestContext, c: CampaignRow, parsed: Parsed[]): Promise<Known> {
  const cids = parsed.filter((p) => !p.legacy).map((p) => p.cid);
  const legacies = parsed.filter((p) => p.legacy).map((p) => p.cid);
  const found = await database.rows<Found>(
    sql`SELECT id, citizen_id AS "citizenId", legacy_id AS "legacyId", name_fold AS "nameFold" FROM people
        WHERE citizen_id = ANY(${textArray(cids)}) OR legacy_id = ANY(${textArray(legacies)})`,
  );
  const byCid = new Map<string, Found[]>();
  for (const f of found) {
    if (f.citizenId) byCid.set(f.citizenId, [f]);
    if (f.legacyId) byCid.set(f.legacyId, [...(byCid.get(f.legacyId) ?? []), f]);
  }
  const unionNames = [...new Set(parsed.map((p) => p.row.union).filter((x): x is string => !!x))];
  const unions = await database.rows<UnionFound>(
    sql`SELECT u.id, u.code, vn_fold(u.name) AS "nameFold", ${unionScope(ctx.actor.scope, sql`u.id`)} AS "inScope",
          (SELECT min(ue.enterprise_id) FROM union_enterprises ue WHERE ue.union_id = u.id) AS "enterpriseId"
        FROM unions u WHERE u.code = ANY(${textArray(unionNames)}) OR vn_fold(u.name) = ANY(${textArray(unionNames.map(unionFold))})`,
  );
  const enterpriseNames = [...new Set(parsed.map((p) => p.row.enterprise).filter((x): x is string => !!x))];
  const enterprises = await database.rows<{ id: number; nameFold: string }>(
    // Only enterprises the caller sees: a new person is not placed where the caller could not place them by hand.
    sql`SELECT id, name_fold AS "nameFold" FROM enterprises e
        WHERE name_fold = ANY(${textArray(enterpriseNames.map(fold))}) AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  const personIds = found.map((f) => f.id);
  const visible = new Map<number, boolean>();
  const unionVisible = async (id: number): Promise<boolean> => {
    if (ctx.actor.scope.kind === "city") return true;
    const known = visible.get(id);
    if (known !== undefined) return known;
    const [u] = await database.rows<{ ok: boolean }>(sql`SELECT ${unionScope(ctx.actor.scope, sql`${id}::int`)} AS ok`);
    visible.set(id, u?.ok === true);
    return u?.ok === true;
  };
  return {
    byCid,
    unions,
    enterprises,
    facts: await personFacts(database, personIds, ctx.actor.scope),
    paid: await paidInCampaign(database, c.id, personIds),
    overlaps: await overlappingPayouts(database, c, personIds),
    actorUnion: ctx.actor.scope.kind === "union" ? (ctx.actor.scope.unionIds[0] ?? null) : null,
    unionVisible,
  };
}

/** The union a row names, if the caller sees it; undefined when the row is refused for it. */
function namedUnion(p: Parsed, known: Known, issues: Issues): number | null | undefined {
  const r = p.row;
  if (!r.union) return null;
  const name = r.union;
  const u = known.unions.find((x) => x.code === name) ?? known.unions.find((x) => x.nameFold === unionFold(name));
  if (!u) {
    issues.err(r.row, "union", "unknown_union", `Không tìm thấy công đoàn cơ sở "${r.union}"`);
    return undefined;
  }
  if (!u.inScope) {
    issues.err(r.row, "union", "union_out_of_scope", `Công đoàn "${r.union}" không thuộc phạm vi của bạn`);
    return undefined;
  }
  return u.id;
}

/** An unknown person, created only when the file says who they are; null (with the reason recorded) otherwise. */
async function newPersonFrom(
  database: Database,
  c: CampaignRow,
  p: Parsed,
  unionId: number | null,
  known: Known,
  issues: Issues,
): Promise<{ newPerson: NewPerson; facts: PersonFacts } | null> {
  const r = p.row;
  const lacks: string[] = [];
  if (!r.fullName || splitFullName(r.fullName).givenName === "") lacks.push("Họ và tên");
  if (!p.birth) lacks.push("Ngày sinh");
  if (p.legacy) lacks.push("Số CCCD 12 chữ số (CMND 9 số chỉ dùng để tìm người đã có)");
  if (lacks.length) {
    issues.err(r.row, "citizenId", "unknown_person", `Chưa có người với Số CCCD ${p.cid} trong hồ sơ và tệp thiếu ${lacks.join(", ")} để tạo mới`);
    return null;
  }
  const entName = r.enterprise ? known.enterprises.find((e) => e.nameFold === fold(r.enterprise ?? "")) : undefined;
  if (r.enterprise && !entName)
    issues.warn(r.row, "enterprise", "unknown_enterprise", `Không tìm thấy doanh nghiệp "${r.enterprise}"; người mới được ghi không có nơi làm việc`);
  const enterpriseId = entName?.id ?? (unionId ? (known.unions.find((u) => u.id === unionId)?.enterpriseId ?? null) : null);
  const g = fold(r.gender ?? "");
  const newPerson: NewPerson = {
    citizenId: p.cid,
    ...splitFullName(r.fullName ?? ""),
    birthDate: p.birth,
    gender: g === "nu" ? "female" : g === "nam" ? "male" : null,
    phone: r.phone ? normalizePhone(r.phone) : null,
    enterpriseId,
  };
  const facts: PersonFacts = {
    id: 0,
    fullName: r.fullName ?? "",
    birthDate: p.birth,
    enterpriseId,
    zoneId: null,
    hardship: false,
    memberUnionId: null,
    inScope: true,
  };
  if (c.eligibility.zoneIds?.length && enterpriseId) {
    const [z] = await database.rows<{ zoneId: number | null }>(sql`SELECT zone_id AS "zoneId" FROM enterprises WHERE id = ${enterpriseId}`);
    facts.zoneId = z?.zoneId ?? null;
  }
  issues.warn(r.row, "citizenId", "person_created", `Chưa có trong hồ sơ: sẽ tạo mới người lao động ${cleanText(r.fullName ?? "")}`);
  return { newPerson, facts };
}

/** Step 3: one parsed row against the registry and the campaign — a payout to plan, "unchanged", or null when refused. */
async function planRow(database: Database, c: CampaignRow, p: Parsed, known: Known, issues: Issues): Promise<Planned | "unchanged" | null> {
  const r = p.row;
  const matches = known.byCid.get(p.cid) ?? [];
  // A list touches only the people its user could pay one by one: someone outside the caller's
  // scope is refused without a word about them (name, birth date, union, even that they exist).
  if (matches.some((m) => known.facts.get(m.id)?.inScope !== true)) {
    issues.err(r.row, "citizenId", "person_out_of_scope", PERSON_OUT_OF_SCOPE);
    return null;
  }
  if (matches.length > 1) {
    issues.err(r.row, "citizenId", "ambiguous_legacy_id", `Số CMND ${p.cid} trùng với nhiều người trong hồ sơ; dùng số CCCD 12 chữ số`);
    return null;
  }
  const match = matches[0];
  let unionId = namedUnion(p, known, issues);
  if (unionId === undefined) return null;
  let f: PersonFacts | undefined;
  let newPerson: NewPerson | null = null;
  if (match) {
    f = known.facts.get(match.id);
    if (r.fullName && fold(r.fullName) !== match.nameFold) {
      issues.err(
        r.row,
        "fullName",
        "name_mismatch",
        `Họ tên "${r.fullName}" khác với họ tên trong hồ sơ của Số CCCD ${p.cid}; kiểm tra lại số CCCD hoặc họ tên`,
      );
      return null;
    }
    if (f && p.birth && f.birthDate && p.birth !== f.birthDate)
      issues.warn(r.row, "birthDate", "birth_mismatch", `Ngày sinh ${formatDate(p.birth)} khác với hồ sơ (${formatDate(f.birthDate)})`);
  } else {
    const created = await newPersonFrom(database, c, p, unionId, known, issues);
    if (!created) return null;
    ({ newPerson, facts: f } = created);
  }
  if (!f) return null;
  const why = ineligibility(c, f);
  if (why) {
    issues.err(r.row, null, "not_eligible", why);
    return null;
  }
  unionId ??= f.memberUnionId !== null && (await known.unionVisible(f.memberUnionId)) ? f.memberUnionId : known.actorUnion;
  const existing = match ? known.paid.get(match.id) : undefined;
  if (existing) {
    if (existing.kind === p.kind && existing.amount === p.amount && (existing.unionId ?? null) === (unionId ?? null)) return "unchanged";
    issues.err(r.row, "citizenId", "already_paid", duplicateMessage(existing));
    return null;
  }
  const payer = unionId ?? c.ownerBodyId;
  for (const o of match ? (known.overlaps.get(match.id) ?? []) : []) {
    if (otherBody(o, c, payer)) issues.warn(r.row, "citizenId", "overlap_other_body", overlapMessage(o, f.inScope));
  }
  return {
    row: r.row,
    personId: match?.id ?? null,
    newPerson,
    citizenId: p.cid,
    unionId,
    kind: p.kind,
    amount: p.amount,
    paidOn: p.paidOn,
    note: r.note || null,
  };
}

/** Step 4: all or nothing (of the rows taken) — new people through the registry and every payout in one transaction. */
async function recordPlanned(database: Database, ctx: RequestContext, c: CampaignRow, planned: Planned[], report: ImportReport, skipInvalid: boolean) {
  try {
    await database.db.transaction(async (tx) => {
      const fresh = planned.filter((p) => p.newPerson);
      if (fresh.length) {
        const people = fresh.map((p) => p.newPerson).filter((n): n is NewPerson => n !== null);
        const ids = await registerPeople(database, tx, ctx, people, "care_payout_import");
        fresh.forEach((p, i) => {
          p.personId = ids[i] ?? null;
        });
      }
      const payload = planned.map((p) => ({ person_id: p.personId, union_id: p.unionId, kind: p.kind, amount: p.amount, paid_on: p.paidOn, note: p.note }));
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
          unchanged: report.unchanged,
          peopleCreated: report.peopleCreated,
          warnings: report.warnings.length,
          ...(skipInvalid ? { skipInvalid: true, skippedRows: [...new Set(report.errors.map((e) => e.row))] } : {}),
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
  const issues = new Issues();
  const parsed = parseRows(c, rows, issues);
  const known = await lookUp(database, ctx, c, parsed);
  const planned: Planned[] = [];
  let unchanged = 0;
  for (const p of parsed) {
    const plan = await planRow(database, c, p, known, issues);
    if (plan === "unchanged") unchanged++;
    else if (plan) planned.push(plan);
  }
  const { errors, warnings } = issues;
  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    dryRun,
    committed: false,
    total: rows.length,
    created: planned.length,
    unchanged,
    rejected: new Set(errors.map((e) => e.row)).size,
    peopleCreated: planned.filter((p) => p.newPerson).length,
    warnings,
    errors,
  };
  // Bad rows stop the whole list unless the officer chose to skip them (as the member import offers): the good rows
  // are then written, the bad ones listed in the report and in the audit row, to be sent again once corrected.
  const skipInvalid = opts.skipInvalid === true;
  if (dryRun || (errors.length > 0 && !skipInvalid) || planned.length === 0) return report;
  await recordPlanned(database, ctx, c, planned, report, skipInvalid);
  return { ...report, committed: true };
}

export type { CampaignRow };
