import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { type BodyKind, type Role, permissions } from "#server/modules/access/access.policy.ts";
import { hashPassword } from "#server/modules/access/auth.service.ts";
import { insertBody } from "#server/modules/access/bodies.service.ts";
import { taxCodeCheckDigit } from "#shared/identifiers.ts";

/**
 * Test factories: each inserts unique data, so tests never truncate tables or share fixtures.
 * `buildX(database, overrides)` returns the new row's ids.
 */
const unique = () => randomBytes(4).toString("hex");
export const TEST_PASSWORD = "Matkhau-thu-1234";
let cachedHash: Promise<string> | null = null;

export async function buildBody(database: Database, kind: BodyKind, parentId: number | null, name?: string) {
  return database.db.transaction((tx) => insertBody(database, tx, { kind, name: name ?? `Đơn vị ${kind} ${unique()}`, parentId }));
}

export async function buildUser(database: Database, role: Role, bodyId: number, username?: string) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const name = username ?? `u_${unique()}`;
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES (${name}, ${`Người dùng ${name}`}, ${await cachedHash}, ${role}, ${bodyId}) RETURNING id`,
  );
  return { id: row?.id ?? 0, username: name, password: TEST_PASSWORD };
}

export interface TestCity {
  federation: number;
  authority: number;
  mmc: number;
  zoneUnion: number;
  zoneId: number;
}

/** A minimal city: federation, zone union with one zone, zone authority, mass mobilization commission. */
export async function buildCity(database: Database): Promise<TestCity> {
  const federation = await buildBody(database, "federation", null, "Liên đoàn Lao động thành phố");
  const authority = await buildBody(database, "zone_authority", null, "Ban Quản lý Khu kinh tế");
  const mmc = await buildBody(database, "mass_mobilization", null, "Ban Dân vận Thành ủy");
  const zoneUnion = await buildBody(database, "zone_union", federation.id, "Công đoàn Khu kinh tế");
  const zoneId = await buildZone(database, zoneUnion.id);
  return { federation: federation.id, authority: authority.id, mmc: mmc.id, zoneUnion: zoneUnion.id, zoneId };
}

export async function buildZone(database: Database, zoneUnionId: number | null, name?: string) {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO zones (code, name, kind, commune, zone_union_id) VALUES (${`Z${unique()}`}, ${name ?? `KCN Thử ${unique()}`}, 'industrial_zone', 'An Dương', ${zoneUnionId}) RETURNING id`,
  );
  return row?.id ?? 0;
}

/**
 * A valid tax code no other call in this process returned and the seeded city does not use (the seed
 * draws from "02" and "08": a random "02" code met one of its 3.000 enterprises about once in ten
 * imports of 300 rows, and that row was then not "created").
 */
const issuedTaxCodes = new Set<string>();
export function uniqueTaxCode(): string {
  for (;;) {
    const nine = `06${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
    const check = taxCodeCheckDigit(nine);
    if (check === null) continue;
    const code = nine + String(check);
    if (issuedTaxCodes.has(code)) continue;
    issuedTaxCodes.add(code);
    return code;
  }
}

export async function buildEnterprise(
  database: Database,
  city: TestCity,
  overrides: { name?: string; zoneId?: number; workforce?: number; ownership?: string; country?: string | null; sector?: string } = {},
) {
  const name = overrides.name ?? `Công ty TNHH Thử Nghiệm ${unique()}`;
  const body = await buildBody(database, "enterprise", city.authority, name);
  const taxCode = uniqueTaxCode();
  await database.rows(
    sql`INSERT INTO enterprises (id, tax_code, name, ownership, investor_country, zone_id, sector, workforce_total)
        VALUES (${body.id}, ${taxCode}, ${name}, ${overrides.ownership ?? "fdi"}, ${overrides.country === undefined ? "Hàn Quốc" : overrides.country},
                ${overrides.zoneId ?? city.zoneId}, ${overrides.sector ?? "May mặc"}, ${overrides.workforce ?? 300})`,
  );
  return { id: body.id, name, taxCode };
}

export async function buildUnion(database: Database, city: TestCity, enterpriseId: number, name?: string) {
  const unionName = name ?? `Công đoàn cơ sở ${unique()}`;
  const body = await buildBody(database, "grassroots_union", city.zoneUnion, unionName);
  await database.rows(sql`INSERT INTO unions (id, code, name, founded_on) VALUES (${body.id}, ${`CD${unique()}`}, ${unionName}, '2020-01-01')`);
  await database.rows(sql`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES (${body.id}, ${enterpriseId})`);
  return { id: body.id, name: unionName };
}

let cidCounter = Math.floor(Math.random() * 900_000);
export async function buildPerson(
  database: Database,
  overrides: {
    familyName?: string;
    middleName?: string;
    givenName?: string;
    enterpriseId?: number | null;
    unionId?: number | null;
    gender?: "male" | "female";
    birthYear?: number;
    phone?: string | null;
    joinedOn?: string;
  } = {},
) {
  const gender = overrides.gender ?? "female";
  const birthYear = overrides.birthYear ?? 1995;
  const digit = gender === "female" ? 1 : 0;
  cidCounter = (cidCounter + 1) % 1_000_000;
  const citizenId = `031${digit}${String(birthYear % 100).padStart(2, "0")}${String(cidCounter).padStart(6, "0")}`;
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO people (citizen_id, family_name, middle_name, given_name, birth_date, gender, phone, enterprise_id)
        VALUES (${citizenId}, ${overrides.familyName ?? "Nguyễn"}, ${overrides.middleName ?? "Thị"}, ${overrides.givenName ?? `Lan ${unique()}`},
                ${`${birthYear}-05-01`}, ${gender}, ${overrides.phone ?? null}, ${overrides.enterpriseId ?? null})
        ON CONFLICT (citizen_id) DO NOTHING RETURNING id`,
  );
  if (!row) return buildPerson(database, overrides);
  if (overrides.unionId) {
    await database.rows(
      sql`INSERT INTO memberships (person_id, union_id, valid_from) VALUES (${row.id}, ${overrides.unionId}, ${overrides.joinedOn ?? "2022-01-01"})`,
    );
  }
  return { id: row.id, citizenId };
}

/** A request context of a federation officer seeing the whole city, for calling services directly. */
export async function cityOfficerContext(database: Database, city: TestCity, requestId: string): Promise<RequestContext> {
  const user = await buildUser(database, "officer", city.federation);
  return {
    actor: {
      userId: user.id,
      username: user.username,
      fullName: "Cán bộ",
      role: "officer",
      bodyId: city.federation,
      bodyKind: "federation",
      bodyName: "LĐLĐ",
      bodyPath: `/${city.federation}/`,
      locale: "vi",
      scope: { kind: "city" },
      permissions: new Set(permissions),
      via: "token",
      sessionHash: null,
      csrfToken: null,
    },
    ip: "127.0.0.1",
    requestId,
  };
}
