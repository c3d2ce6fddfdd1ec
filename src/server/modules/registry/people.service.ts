import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, enterpriseScope, personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { citizenIdMismatches, normalizePhone } from "#shared/identifiers.ts";
import { cleanText, compareVietnameseNames, fold } from "#shared/text.ts";
import { maskIdentifier } from "#shared/mask.ts";
import { type Paged, type Warning, dirSql, identityShown, likeEscape, limitSql, maskCitizenId, whereSql } from "./registry.common.ts";
import { cleanVietnameseName, splitCleanName } from "./import.cells.ts";
import type { PersonInput, peopleListQuery } from "./registry.schema.ts";

export interface PersonRow {
  id: number;
  citizenId: string | null;
  legacyId: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
  birthDate: string | null;
  gender: "male" | "female" | null;
  ethnicity: string | null;
  phone: string | null;
  hometown: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  unionId: number | null;
  unionName: string | null;
  cardNo: string | null;
  joinedOn: string | null;
}

const columns = sql`p.id, p.citizen_id AS "citizenId", p.legacy_id AS "legacyId", p.family_name AS "familyName", p.middle_name AS "middleName",
  p.given_name AS "givenName", p.full_name AS "fullName", p.birth_date AS "birthDate", p.gender, p.ethnicity, p.phone, p.hometown,
  p.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", m.union_id AS "unionId", u.name AS "unionName", m.card_no AS "cardNo",
  m.valid_from AS "joinedOn"`;
const from = sql`FROM people p LEFT JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL LEFT JOIN unions u ON u.id = m.union_id`;

export type PeopleListQuery = z.infer<typeof peopleListQuery>;

/** The caller may see a person: a member of a union in scope, or working at an enterprise in scope. */
export const personVisible = (ctx: RequestContext, p = sql`p`) => personScope(ctx.actor.scope, sql`${p}.id`, sql`${p}.enterprise_id`);

/** Matches a person by what a user types: digits are a citizen ID / legacy ID / phone prefix, words a folded name. */
export function personMatch(q: string): SQL {
  const digits = q.replace(/[\s.+-]/g, "");
  if (/^\d{3,12}$/.test(digits)) {
    const phone = normalizePhone(digits) ?? (digits.startsWith("84") ? `0${digits.slice(2)}` : digits);
    return sql`(p.citizen_id LIKE ${`${digits}%`} OR p.legacy_id = ${digits} OR p.phone LIKE ${`${likeEscape(phone)}%`})`;
  }
  return nameFromWordStart(fold(q));
}

/**
 * A folded name query matched from the start of a word of the name: "nguyen van d" and "van duc"
 * find "Nguyễn Văn Đức", "guyen" does not. Every complete word of a multi-word query must be a word
 * of the name, which the words index (migration 0102) answers before LIKE checks the phrase.
 */
export function nameFromWordStart(folded: string, p: SQL = sql`p`): SQL {
  const complete = folded.split(" ").slice(0, -1);
  const phrase = sql`(' ' || ${p}.name_fold) LIKE ${`% ${likeEscape(folded)}%`}`;
  if (!complete.length) return phrase;
  return sql`(string_to_array(${p}.name_fold, ' ') @> ARRAY[${sql.join(
    complete.map((w) => sql`${w}`),
    sql`, `,
  )}]::text[] AND ${phrase})`;
}

export function peopleConditions(ctx: RequestContext, q: Partial<PeopleListQuery>): SQL[] {
  const where: SQL[] = [personVisible(ctx)];
  if (q.q) where.push(personMatch(q.q));
  if (q.unionId) where.push(sql`m.union_id = ${q.unionId}`);
  if (q.enterpriseId) where.push(sql`p.enterprise_id = ${q.enterpriseId}`);
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  if (q.gender) where.push(sql`p.gender = ${q.gender}`);
  if (q.asOf) {
    where.push(sql`EXISTS (SELECT 1 FROM memberships x WHERE x.person_id = p.id AND x.valid_from <= ${q.asOf}::date
      AND (x.valid_to IS NULL OR x.valid_to >= ${q.asOf}::date) AND ${unionScope(ctx.actor.scope, sql`x.union_id`)})`);
  } else if (q.member === "member") where.push(sql`m.id IS NOT NULL`);
  if (q.joinedFrom || q.joinedTo) {
    where.push(sql`EXISTS (SELECT 1 FROM memberships x WHERE x.person_id = p.id AND x.start_reason IN ('join','rejoin','import')
      AND x.valid_from >= ${q.joinedFrom ?? "1900-01-01"}::date AND x.valid_from <= ${q.joinedTo ?? "2200-01-01"}::date AND ${unionScope(ctx.actor.scope, sql`x.union_id`)})`);
  }
  if (q.member === "former") where.push(sql`m.id IS NULL AND EXISTS (SELECT 1 FROM memberships x WHERE x.person_id = p.id)`);
  if (q.member === "never") where.push(sql`NOT EXISTS (SELECT 1 FROM memberships x WHERE x.person_id = p.id)`);
  return where;
}

/**
 * Vietnamese order: given name, then family, then middle. The databases lack a common "vi" ICU
 * collation (PGlite has none), so SQL pages by the folded names and Intl.Collator("vi") orders
 * each page, which settles ties between names that differ only by diacritics (Anh < Ánh).
 */
const sorts: Record<PeopleListQuery["sort"], (d: SQL) => SQL> = {
  name: (d) => sql`vn_fold(p.given_name) ${d}, vn_fold(p.family_name) ${d}, vn_fold(p.middle_name) ${d}`,
  birthDate: (d) => sql`p.birth_date ${d} NULLS LAST`,
  joinedOn: (d) => sql`m.valid_from ${d} NULLS LAST`,
};

/** Citizen IDs and phones masked by the one rule (src/shared/mask.ts) for callers without `people:identity`. */
export function shapePerson<T extends { citizenId: string | null; legacyId: string | null; phone?: string | null }>(ctx: RequestContext, row: T): T {
  if (identityShown(ctx)) return row;
  return {
    ...row,
    citizenId: maskCitizenId(row.citizenId),
    legacyId: maskCitizenId(row.legacyId),
    ...("phone" in row ? { phone: maskIdentifier(row.phone ?? null) } : {}),
  };
}

/** People in scope, filtered, sorted the Vietnamese way and paged; citizen IDs masked without `people:identity`. */
export async function listPeople(database: Database, ctx: RequestContext, q: PeopleListQuery): Promise<Paged<PersonRow>> {
  const where = whereSql(peopleConditions(ctx, q));
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${from} ${where}`);
  const items = await database.rows<PersonRow>(
    sql`SELECT ${columns} ${from} ${where} ORDER BY ${sorts[q.sort](dirSql(q.dir))}, p.id ${limitSql(q.page, q.pageSize)}`,
  );
  if (q.sort === "name") items.sort((a, b) => (q.dir === "desc" ? -1 : 1) * compareVietnameseNames(a, b) || a.id - b.id);
  return { total: count?.n ?? 0, page: q.page, pageSize: q.pageSize, items: items.map((r) => shapePerson(ctx, r)) };
}

export async function* iteratePeople(database: Database, ctx: RequestContext, q: Partial<PeopleListQuery>): AsyncGenerator<PersonRow> {
  const where = whereSql(peopleConditions(ctx, q));
  let after = 0;
  for (;;) {
    const rows = await database.rows<PersonRow>(sql`SELECT ${columns} ${from} ${where} AND p.id > ${after} ORDER BY p.id LIMIT 5000`);
    for (const r of rows) yield shapePerson(ctx, r);
    if (rows.length < 5000) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export async function getPersonRow(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<PersonRow> {
  const [row] = await database.rows<PersonRow>(sql`SELECT ${columns} ${from} WHERE p.id = ${id} AND ${personVisible(ctx)}`, tx);
  if (!row) throw notFound("Không tìm thấy người lao động");
  return row;
}

export interface TimelineEntry {
  id: number;
  unionId: number;
  unionName: string;
  cardNo: string | null;
  validFrom: string;
  validTo: string | null;
  startReason: string;
  endReason: string | null;
  endNote: string | null;
}

export async function timelineOf(database: Database, personId: number, tx?: Tx): Promise<TimelineEntry[]> {
  return database.rows<TimelineEntry>(
    sql`SELECT m.id, m.union_id AS "unionId", u.name AS "unionName", m.card_no AS "cardNo", m.valid_from AS "validFrom", m.valid_to AS "validTo",
               m.start_reason AS "startReason", m.end_reason AS "endReason", m.end_note AS "endNote"
        FROM memberships m JOIN unions u ON u.id = m.union_id WHERE m.person_id = ${personId} ORDER BY m.valid_from, m.id`,
    tx,
  );
}

/** One person's record with the membership timeline. Every read is audited (personal data). */
export async function getPerson(database: Database, ctx: RequestContext, id: number) {
  return database.db.transaction(async (tx) => {
    const person = await getPersonRow(database, ctx, id, tx);
    const timeline = await timelineOf(database, id, tx);
    await audit(database, tx, ctx, { action: "read", objectType: "person", objectId: id });
    const warnings = person.citizenId ? citizenWarnings(person.citizenId, person.birthDate, person.gender) : [];
    return { ...shapePerson(ctx, person), timeline, warnings };
  });
}

export function citizenWarnings(citizenId: string, birthDate: string | null | undefined, gender: "male" | "female" | null | undefined): Warning[] {
  const mismatches = citizenIdMismatches(citizenId, birthDate ? Number(birthDate.slice(0, 4)) : null, gender ?? null);
  return mismatches.map((m) =>
    m === "gender"
      ? { field: "citizenId", code: "citizen_id_gender", message: "Số CCCD cho thấy giới tính khác với giới tính đã nhập" }
      : { field: "citizenId", code: "citizen_id_birth_year", message: "Năm sinh trong số CCCD (chữ số 4–6) khác với ngày sinh đã nhập" },
  );
}

function cleanPhone(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === "") return input === "" ? null : input;
  const phone = normalizePhone(input);
  if (!phone)
    throw new AppError("validation_failed", "Số điện thoại không hợp lệ", { errors: [{ pointer: "/body/phone", message: "Số điện thoại không hợp lệ" }] });
  return phone;
}

async function checkEnterprise(database: Database, enterpriseId: number | null | undefined, tx: Tx) {
  if (enterpriseId === null || enterpriseId === undefined) return;
  const [e] = await database.rows<{ id: number }>(sql`SELECT e.id FROM enterprises e WHERE e.id = ${enterpriseId}`, tx);
  if (!e) throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/enterpriseId", message: "Doanh nghiệp không tồn tại" }] });
}

export async function checkUnionInScope(database: Database, ctx: RequestContext, unionId: number, tx: Tx, pointer = "/body/unionId") {
  const [u] = await database.rows<{ id: number; dissolvedOn: string | null }>(
    sql`SELECT u.id, u.dissolved_on AS "dissolvedOn" FROM unions u WHERE u.id = ${unionId} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
    tx,
  );
  if (!u) throw new AppError("validation_failed", undefined, { errors: [{ pointer, message: "Công đoàn cơ sở không tồn tại hoặc ngoài phạm vi của bạn" }] });
  if (u.dissolvedOn) throw new AppError("validation_failed", undefined, { errors: [{ pointer, message: "Công đoàn cơ sở đã giải thể" }] });
}

/**
 * A name typed by hand, cleaned by the import's own rules (Ð → Đ, ALL CAPS → Title Case, spaces) so one person
 * is written the same whether an officer typed them or a file brought them; digits are refused as the import does.
 * Returns only the parts given (an update may change one part).
 */
export function personName(
  input: { fullName?: string | undefined; familyName?: string | undefined; middleName?: string | undefined; givenName?: string | undefined },
  creating: boolean,
): { familyName?: string; middleName?: string; givenName?: string } {
  const refuse = (pointer: string, message: string) => new AppError("validation_failed", message, { errors: [{ pointer, message }] });
  if (input.fullName !== undefined) {
    const full = cleanVietnameseName(input.fullName);
    if (!full) throw refuse("/body/fullName", "Nhập họ và tên");
    if (/\d/.test(full)) throw refuse("/body/fullName", `Họ và tên có chữ số: "${full}"`);
    return splitCleanName(full);
  }
  const out: { familyName?: string; middleName?: string; givenName?: string } = {};
  for (const key of ["familyName", "middleName", "givenName"] as const) {
    const v = input[key];
    if (v === undefined) continue;
    const cleaned = cleanVietnameseName(v);
    if (/\d/.test(cleaned)) throw refuse(`/body/${key}`, `Tên có chữ số: "${cleaned}"`);
    out[key] = cleaned;
  }
  if ((creating || input.givenName !== undefined) && !out.givenName)
    throw refuse(creating && input.givenName === undefined ? "/body/fullName" : "/body/givenName", "Nhập tên");
  return out;
}

/** Registers a person (and optionally their joining a union). Citizen-ID mismatches warn, never refuse. */
export async function createPerson(database: Database, ctx: RequestContext, rawInput: PersonInput) {
  const input = { ...rawInput, ...personName(rawInput, true) };
  const phone = cleanPhone(input.phone);
  const warnings = input.citizenId ? citizenWarnings(input.citizenId, input.birthDate, input.gender) : [];
  return database.db.transaction(async (tx) => {
    await checkEnterprise(database, input.enterpriseId, tx);
    if (input.membership) await checkUnionInScope(database, ctx, input.membership.unionId, tx, "/body/membership/unionId");
    if (input.citizenId) {
      const [dup] = await database.rows<{ id: number; visible: boolean }>(
        sql`SELECT p.id, ${personVisible(ctx)} AS visible FROM people p WHERE p.citizen_id = ${input.citizenId}`,
        tx,
      );
      // The record's id only for a caller who may open it; anyone else gets the import's neutral words.
      if (dup?.visible) throw new AppError("conflict", `Số CCCD ${maskCitizenId(input.citizenId)} đã có trong sổ`, { extra: { existingId: dup.id } });
      if (dup) throw new AppError("validation_failed", PERSON_OUT_OF_SCOPE, { errors: [{ pointer: "/body/citizenId", message: PERSON_OUT_OF_SCOPE }] });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO people (citizen_id, legacy_id, family_name, middle_name, given_name, birth_date, gender, ethnicity, phone, hometown, enterprise_id)
          VALUES (${input.citizenId ?? null}, ${input.legacyId ?? null}, ${cleanText(input.familyName)}, ${cleanText(input.middleName)}, ${cleanText(input.givenName ?? "")},
                  ${input.birthDate ?? null}, ${input.gender ?? null}, ${input.ethnicity ?? null}, ${phone ?? null}, ${input.hometown ?? null}, ${input.enterpriseId ?? null})
          RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    if (input.membership) {
      await database.rows(
        sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason) VALUES (${id}, ${input.membership.unionId}, ${input.membership.cardNo ?? null}, ${input.membership.joinedOn}, 'join')`,
        tx,
      );
    }
    // Out of sight after saving (no enterprise or union of the caller's): refuse rather than create an orphan the caller cannot reach.
    const person = await getPersonRow(database, ctx, id, tx).catch(() => {
      throw new AppError("validation_failed", "Người lao động phải thuộc doanh nghiệp hoặc công đoàn trong phạm vi của bạn", {
        errors: [{ pointer: "/body/enterpriseId", message: "Chọn doanh nghiệp hoặc công đoàn trong phạm vi của bạn" }],
      });
    });
    await audit(database, tx, ctx, { action: "create", objectType: "person", objectId: id, after: person, detail: warnings.length ? { warnings } : undefined });
    return { person: shapePerson(ctx, person), warnings };
  });
}

const updatable: Record<string, string> = {
  citizenId: "citizen_id",
  legacyId: "legacy_id",
  familyName: "family_name",
  middleName: "middle_name",
  givenName: "given_name",
  birthDate: "birth_date",
  gender: "gender",
  ethnicity: "ethnicity",
  phone: "phone",
  hometown: "hometown",
  enterpriseId: "enterprise_id",
};

/** Changes a person's record; before and after go to the audit log. */
export async function updatePerson(database: Database, ctx: RequestContext, id: number, rawInput: Partial<Omit<PersonInput, "membership">>) {
  const { fullName: _whole, ...rest } = rawInput;
  const input = { ...rest, ...personName(rawInput, false) };
  const phone = cleanPhone(input.phone);
  return database.db.transaction(async (tx) => {
    const before = await getPersonRow(database, ctx, id, tx);
    await checkEnterprise(database, input.enterpriseId, tx);
    if (input.citizenId && input.citizenId !== before.citizenId) {
      const [dup] = await database.rows<{ id: number; visible: boolean }>(
        sql`SELECT p.id, ${personVisible(ctx)} AS visible FROM people p WHERE p.citizen_id = ${input.citizenId} AND p.id <> ${id}`,
        tx,
      );
      if (dup?.visible) throw new AppError("conflict", `Số CCCD ${maskCitizenId(input.citizenId)} đã có trong sổ`);
      if (dup) throw new AppError("validation_failed", PERSON_OUT_OF_SCOPE, { errors: [{ pointer: "/body/citizenId", message: PERSON_OUT_OF_SCOPE }] });
    }
    const values: Record<string, unknown> = { ...input, ...(input.phone !== undefined ? { phone } : {}) };
    const sets: SQL[] = [];
    for (const [key, column] of Object.entries(updatable)) {
      const v = values[key];
      if (v === undefined) continue;
      sets.push(sql`${sql.raw(column)} = ${typeof v === "string" && key.endsWith("Name") ? cleanText(v) : v}`);
    }
    if (sets.length) await database.rows(sql`UPDATE people SET ${sql.join(sets, sql`, `)}, updated_at = now() WHERE id = ${id}`, tx);
    const after = await getPersonRow(database, ctx, id, tx).catch(() => {
      throw new AppError("validation_failed", "Sau khi sửa, người lao động sẽ ra ngoài phạm vi của bạn", {
        errors: [{ pointer: "/body/enterpriseId", message: "Chọn doanh nghiệp trong phạm vi của bạn" }],
      });
    });
    const warnings = after.citizenId ? citizenWarnings(after.citizenId, after.birthDate, after.gender) : [];
    await audit(database, tx, ctx, { action: "update", objectType: "person", objectId: id, before, after, detail: warnings.length ? { warnings } : undefined });
    return { person: shapePerson(ctx, after), warnings };
  });
}

/** For enterprise scope checks elsewhere. */
export const enterpriseVisible = (ctx: RequestContext, e = sql`e`) => enterpriseScope(ctx.actor.scope, sql`${e}.id`, sql`${e}.zone_id`);
