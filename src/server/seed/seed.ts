import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { hashPassword } from "#server/modules/access/auth.service.ts";
import { citizenIdCenturyDigit, taxCodeCheckDigit } from "#shared/identifiers.ts";
import { type Ownership, countries, enterpriseName, sectors, zoneUnions, zones } from "./city.ts";
import { ethnicities, familyNames, givenNamesFemale, givenNamesMale, middleNamesFemale, middleNamesMale, phonePrefixes, provinces } from "./names.ts";
import { Rng } from "./rng.ts";
import { type SeedWorld, seedModules } from "./modules.ts";
import { utcCalendarDate, vnToday } from "#shared/clock.ts";

export type SeedScale = "demo" | "city";

/** The password of every demo account (README lists them). */
export const DEMO_PASSWORD = "CauNoi2026!";

/** The demo accounts, one per role. */
export const demoAccounts = [
  { username: "lanhdao", fullName: "Trần Quang Minh", role: "viewer", body: "federation", note: "Lãnh đạo LĐLĐ thành phố (xem bảng điều khiển, báo cáo)" },
  { username: "ldld.quantri", fullName: "Phạm Thị Hồng Nhung", role: "body_admin", body: "federation", note: "Quản trị LĐLĐ thành phố" },
  { username: "ldld.canbo", fullName: "Nguyễn Thị Thu Hà", role: "officer", body: "federation", note: "Cán bộ LĐLĐ thành phố" },
  { username: "cdkkt.canbo", fullName: "Lê Văn Dũng", role: "officer", body: "zoneUnion0", note: "Cán bộ Công đoàn Khu kinh tế" },
  { username: "cdcs.chutich", fullName: "Đặng Văn Đức", role: "union_officer", body: "grassroots", note: "Chủ tịch một công đoàn cơ sở" },
  { username: "bql.canbo", fullName: "Vũ Thị Lan Anh", role: "officer", body: "authority", note: "Cán bộ Ban Quản lý Khu kinh tế" },
  { username: "bdv.canbo", fullName: "Hoàng Minh Tuấn", role: "officer", body: "mmc", note: "Cán bộ Ban Dân vận Thành ủy" },
  { username: "doanhnghiep", fullName: "Bùi Thị Thanh Hương", role: "enterprise_rep", body: "enterprise", note: "Phụ trách nhân sự một doanh nghiệp" },
] as const;

const DAY = 86_400_000;
const iso = utcCalendarDate;

/** Inserts rows through one JSON parameter: fast, and the same SQL on PGlite and PostgreSQL. */
export async function bulkInsert(
  database: Database,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  batch = 5000,
): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(", ");
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = JSON.stringify(rows.slice(i, i + batch));
    await database.rows(
      sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names.join(", "))}) SELECT ${sql.raw(names.join(", "))} FROM jsonb_to_recordset(${chunk}::jsonb) AS x(${sql.raw(defs)})`,
    );
  }
}

/**
 * Generates a Hải Phòng-like city, deterministic for a seed: bodies, zones, enterprises, unions,
 * people with valid citizen IDs and membership histories, demo accounts, then each module's data.
 * Expects a database without registry data.
 */
export async function seedDemo(
  database: Database,
  opts: { scale: SeedScale; seed: number; today?: string; log?: (s: string) => void; enterprises?: number },
): Promise<Record<string, number>> {
  const rng = new Rng(opts.seed);
  const today = opts.today ?? vnToday();
  const todayMs = Date.parse(today);
  // Tests may ask for a smaller city; the two named scales are the demo and Hải Phòng's size.
  const enterpriseCount = opts.enterprises ?? (opts.scale === "city" ? 3000 : 100);
  const log = opts.log ?? (() => undefined);
  const [maxBody] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM bodies`);
  let nextBody = (maxBody?.n ?? 0) + 1;
  const bodies: Record<string, unknown>[] = [];
  const body = (kind: string, name: string, parent: { id: number; path: string } | null, code: string | null, shortName: string | null = null) => {
    const id = nextBody++;
    const path = `${parent ? parent.path : "/"}${id}/`;
    bodies.push({ id, kind, name, short_name: shortName, code, parent_id: parent?.id ?? null, path });
    return { id, path };
  };

  const federation = body("federation", "Liên đoàn Lao động thành phố Hải Phòng", null, "LDLD", "LĐLĐ thành phố");
  const authority = body("zone_authority", "Ban Quản lý Khu kinh tế Hải Phòng", null, "BQLKKT", "BQL KKT");
  const mmc = body("mass_mobilization", "Ban Dân vận Thành ủy Hải Phòng", null, "BDV", "Ban Dân vận");
  const zu = zoneUnions.map((z) => body("zone_union", z.name, federation, z.code, z.shortName));

  const zoneRows = zones.map((z, i) => ({
    id: i + 1,
    code: z.code,
    name: z.name,
    kind: z.kind,
    commune: z.commune,
    zone_union_id: zu[z.zoneUnion]?.id ?? null,
    area_ha: z.areaHa,
  }));

  interface Ent {
    id: number;
    zoneIndex: number;
    workforce: number;
    women: number;
    migrants: number;
    ownership: Ownership;
    country: string | null;
    sector: string;
    unionId: number | null;
    established: string;
    status: string;
  }
  const enterprises: Ent[] = [];
  const enterpriseRows: Record<string, unknown>[] = [];
  const unionRows: Record<string, unknown>[] = [];
  const coverRows: Record<string, unknown>[] = [];
  const taxCodes = new Set<string>();
  const names = new Set<string>();
  const pickFn = <T>(xs: readonly T[]) => rng.pick(xs);
  for (let i = 0; i < enterpriseCount; i++) {
    const zoneIndex = zones.indexOf(rng.weighted(zones.map((z) => [z, z.weight] as const)));
    const zone = zones[zoneIndex];
    if (!zone) throw new Error("zone");
    const ownership = rng.weighted<Ownership>([
      ["fdi", 62],
      ["domestic_private", 33],
      ["state", 3],
      ["cooperative", 2],
    ]);
    const country = ownership === "fdi" ? rng.weighted(countries) : null;
    const [sector, , womenShare] = rng.weighted(sectors.map((s) => [s, s[1]] as const));
    const size = rng.weighted<"s" | "m" | "l">([
      ["s", 65],
      ["m", 28],
      ["l", 7],
    ]);
    const workforce = size === "s" ? rng.int(8, 120) : size === "m" ? rng.int(121, 600) : rng.int(601, 2200);
    const women = Math.round(workforce * Math.min(0.95, Math.max(0.05, womenShare + (rng.next() - 0.5) * 0.2)));
    const migrants = Math.round(workforce * (0.15 + rng.next() * 0.3));
    let name = enterpriseName(pickFn, ownership, country, sector, 0);
    for (let n = 1; names.has(name); n++) name = enterpriseName(pickFn, ownership, country, sector, n);
    names.add(name);
    let tax: string;
    do {
      const prefix = zone.zoneUnion === 0 ? "02" : "08";
      const nine = prefix + String(rng.int(0, 9_999_999)).padStart(7, "0");
      const check = taxCodeCheckDigit(nine);
      tax = check === null ? "" : nine + String(check);
    } while (tax === "" || taxCodes.has(tax));
    taxCodes.add(tax);
    const status = rng.weighted([
      ["active", 960],
      ["suspended", 15],
      ["dissolved", 8],
      ["bankrupt", 7],
      ["absconded", 4],
    ] as const);
    const established = rng.date("2005-01-01", iso(todayMs - 400 * DAY));
    const b = body("enterprise", name, authority, `DN-${tax}`);
    const ent: Ent = { id: b.id, zoneIndex, workforce, women, migrants, ownership, country, sector, unionId: null, established, status };
    enterprises.push(ent);
    enterpriseRows.push({
      id: b.id,
      tax_code: tax,
      name,
      ownership,
      investor_country: country,
      zone_id: zoneIndex + 1,
      sector,
      address: `Lô ${String.fromCharCode(65 + rng.int(0, 11))}${rng.int(1, 40)}, ${zone.name}`,
      commune: zone.commune,
      workforce_total: workforce,
      workforce_women: women,
      workforce_migrants: migrants,
      workforce_foreigners: ownership === "fdi" ? rng.int(1, Math.max(1, Math.round(workforce / 80))) : 0,
      status,
      has_party_org: ownership !== "fdi" ? rng.chance(0.35) : rng.chance(0.08),
      established_on: established,
    });
    if (workforce >= 20 && status !== "dissolved" && rng.chance(0.9)) {
      const ub = body("grassroots_union", `Công đoàn cơ sở ${name}`, zu[zone.zoneUnion] ?? federation, null);
      ent.unionId = ub.id;
      const founded = rng.date(established, iso(todayMs - 60 * DAY));
      unionRows.push({ id: ub.id, code: `CD${String(ub.id).padStart(5, "0")}`, name: `Công đoàn cơ sở ${name}`, founded_on: founded, chair_name: null });
      coverRows.push({ union_id: ub.id, enterprise_id: b.id });
    }
  }
  for (const b of bodies) if (b.kind === "grassroots_union") b.code = `CD${String(b.id).padStart(5, "0")}`;

  await bulkInsert(database, "bodies", { id: "int", kind: "text", name: "text", short_name: "text", code: "text", parent_id: "int", path: "text" }, bodies);
  await bulkInsert(
    database,
    "zones",
    { id: "int", code: "text", name: "text", kind: "text", commune: "text", zone_union_id: "int", area_ha: "numeric" },
    zoneRows,
  );
  await bulkInsert(
    database,
    "enterprises",
    {
      id: "int",
      tax_code: "text",
      name: "text",
      ownership: "text",
      investor_country: "text",
      zone_id: "int",
      sector: "text",
      address: "text",
      commune: "text",
      workforce_total: "int",
      workforce_women: "int",
      workforce_migrants: "int",
      workforce_foreigners: "int",
      status: "text",
      has_party_org: "boolean",
      established_on: "date",
    },
    enterpriseRows,
  );
  await bulkInsert(database, "unions", { id: "int", code: "text", name: "text", founded_on: "date", chair_name: "text" }, unionRows);
  await bulkInsert(database, "union_enterprises", { union_id: "int", enterprise_id: "int" }, coverRows);
  log(`bodies ${bodies.length}, enterprises ${enterpriseRows.length}, unions ${unionRows.length}`);

  // People and memberships, enterprise by enterprise, flushed in batches to bound memory.
  const [maxPerson] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM people`);
  let nextPerson = (maxPerson?.n ?? 0) + 1;
  let people: Record<string, unknown>[] = [];
  let memberships: Record<string, unknown>[] = [];
  let totalPeople = 0;
  let totalMemberships = 0;
  const citizenIds = new Set<string>();
  const phones = new Set<string>();
  const unionIds = enterprises.filter((e) => e.unionId !== null).map((e) => e.unionId as number);
  const chairs = new Map<number, string>();
  const flush = async () => {
    await bulkInsert(
      database,
      "people",
      {
        id: "int",
        citizen_id: "text",
        family_name: "text",
        middle_name: "text",
        given_name: "text",
        birth_date: "date",
        gender: "text",
        ethnicity: "text",
        phone: "text",
        hometown: "text",
        enterprise_id: "int",
        hardship: "boolean",
      },
      people,
    );
    await bulkInsert(
      database,
      "memberships",
      {
        person_id: "int",
        union_id: "int",
        card_no: "text",
        valid_from: "date",
        valid_to: "date",
        start_reason: "text",
        end_reason: "text",
      },
      memberships,
    );
    totalPeople += people.length;
    totalMemberships += memberships.length;
    people = [];
    memberships = [];
  };
  for (const ent of enterprises) {
    const womenShare = ent.workforce ? ent.women / ent.workforce : 0.5;
    const headcount = ent.status === "dissolved" ? 0 : ent.workforce;
    for (let k = 0; k < headcount; k++) {
      const gender = rng.chance(womenShare) ? "female" : "male";
      const birthYear = rng.int(1972, 2007);
      const birth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
      const province = rng.weighted(provinces);
      let cid: string;
      do {
        cid = `${province.code}${citizenIdCenturyDigit(birthYear, gender)}${String(birthYear % 100).padStart(2, "0")}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
      } while (citizenIds.has(cid));
      citizenIds.add(cid);
      let phone: string | null = null;
      if (rng.chance(0.85)) {
        do phone = rng.pick(phonePrefixes) + String(rng.int(0, 9_999_999)).padStart(7, "0");
        while (phones.has(phone));
        phones.add(phone);
      }
      const id = nextPerson++;
      const family = rng.weighted(familyNames);
      const middle = rng.pick(gender === "female" ? middleNamesFemale : middleNamesMale);
      const given = rng.pick(gender === "female" ? givenNamesFemale : givenNamesMale);
      people.push({
        id,
        citizen_id: cid,
        family_name: family,
        middle_name: middle,
        given_name: given,
        birth_date: birth,
        gender,
        ethnicity: rng.weighted(ethnicities),
        phone,
        hometown: province.name,
        enterprise_id: ent.id,
        hardship: rng.chance(0.04),
      });
      if (ent.unionId !== null && rng.chance(0.9)) {
        if (!chairs.has(ent.unionId) && birthYear < 1992) chairs.set(ent.unionId, `${family} ${middle} ${given}`);
        const earliest = Math.max(Date.parse(ent.established), Date.parse(`${birthYear + 18}-06-01`), Date.parse("2012-01-01"));
        let from = Date.parse(rng.date(iso(earliest), iso(todayMs - DAY)));
        // Some members came by transfer from another union: their history has two intervals.
        if (rng.chance(0.05) && unionIds.length > 1 && from - earliest > 400 * DAY) {
          const prevFrom = Date.parse(rng.date(iso(earliest), iso(from - 200 * DAY)));
          let prev = rng.pick(unionIds);
          if (prev === ent.unionId) prev = rng.pick(unionIds);
          if (prev !== ent.unionId) {
            memberships.push({
              person_id: id,
              union_id: prev,
              card_no: null,
              valid_from: iso(prevFrom),
              valid_to: iso(from - DAY),
              start_reason: "join",
              end_reason: "transfer",
            });
          } else from = prevFrom;
        }
        const left = rng.chance(0.04);
        const to = left ? Date.parse(rng.date(iso(from), iso(todayMs))) : null;
        memberships.push({
          person_id: id,
          union_id: ent.unionId,
          card_no: `${String(ent.unionId).padStart(5, "0")}${String(id).padStart(7, "0")}`,
          valid_from: iso(from),
          valid_to: to === null ? null : iso(to),
          start_reason: memberships.at(-1)?.person_id === id ? "transfer" : "join",
          end_reason: left ? "left" : null,
        });
      }
      if (people.length >= 20_000) await flush();
    }
  }
  await flush();
  // Each batch appended its counts (migration 0104); a running server folds them every 10 minutes,
  // so the seeded city starts as it would stand an hour later, not with a third more rows to sum.
  await database.rows(sql`SELECT compact_membership_counts()`);
  log(`people ${totalPeople}, memberships ${totalMemberships}`);
  // The union's phone is what an enterprise's own page shows as its union's contact (Hải Phòng numbers: 0225).
  for (const [unionId, chair] of chairs)
    await database.rows(
      sql`UPDATE unions SET chair_name = ${chair}, contact_phone = ${`0225 3${String(unionId % 1000).padStart(3, "0")} ${String((unionId * 37) % 1000).padStart(3, "0")}`} WHERE id = ${unionId}`,
    );

  // The numbers the portal shows workers (Hải Phòng landlines, area code 0225): each body's administrator
  // changes them on the bodies page. The hotline is the federation's; housing help comes from the unions.
  const contacts: [number | undefined, string | null, string | null][] = [
    [federation.id, "02253842609", "02253836157"],
    [zu[0]?.id, "02253978565", "02253978566"],
    [zu[1]?.id, null, "02253771246"],
    [authority.id, "02253836898", null],
  ];
  for (const [id, hotline, housing] of contacts)
    if (id !== undefined) await database.rows(sql`UPDATE bodies SET hotline_phone = ${hotline}, housing_phone = ${housing} WHERE id = ${id}`);
  // Each hotline number is also a line the PBX reports calls on (issue 21): officers on duty 07:00–17:00 on
  // working days; a call missed outside those hours becomes a call-back task.
  for (const [id, hotline] of contacts)
    if (id !== undefined && hotline)
      await database.rows(sql`INSERT INTO voice_hotline_lines (line, body_id, opens_at, closes_at) VALUES (${hotline}, ${id}, '07:00', '17:00')`);

  // Demo accounts: one per role.
  const hash = await hashPassword(DEMO_PASSWORD);
  const firstUnion = enterprises.find((e) => e.unionId !== null && e.workforce > 150 && e.zoneIndex < 9);
  const firstEnterprise = enterprises.find((e) => e.ownership === "fdi" && e.workforce > 200 && e.status === "active");
  const bodyOf: Record<string, number | undefined> = {
    federation: federation.id,
    zoneUnion0: zu[0]?.id,
    authority: authority.id,
    mmc: mmc.id,
    grassroots: firstUnion?.unionId ?? undefined,
    enterprise: firstEnterprise?.id,
  };
  const users: Record<string, number> = {};
  for (const a of demoAccounts) {
    const bodyId = bodyOf[a.body];
    if (bodyId === undefined) continue;
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES (${a.username}, ${a.fullName}, ${hash}, ${a.role}, ${bodyId})
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    if (row) users[a.username] = row.id;
  }
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('bodies', 'id'), (SELECT max(id) FROM bodies))`);
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('zones', 'id'), (SELECT max(id) FROM zones))`);
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people))`);
  await database.rows(sql`ANALYZE`);

  const world: SeedWorld = {
    database,
    rng,
    scale: opts.scale,
    today,
    bodies: { federation: federation.id, authority: authority.id, mmc: mmc.id, zoneUnions: zu.map((z) => z.id) },
    zones: zoneRows.map((z) => ({ id: z.id, code: z.code, name: z.name, commune: z.commune })),
    enterprises: enterprises.map((e) => ({
      id: e.id,
      zoneId: e.zoneIndex + 1,
      workforce: e.workforce,
      ownership: e.ownership,
      country: e.country,
      sector: e.sector,
      unionId: e.unionId,
      status: e.status,
    })),
    users,
    log,
  };
  const summary: Record<string, number> = {
    enterprises: enterpriseRows.length,
    unions: unionRows.length,
    people: totalPeople,
    memberships: totalMemberships,
  };
  for (const seedModule of seedModules) Object.assign(summary, await seedModule(world));
  // A bulk-loaded city is vacuumed as any loader's would be: fresh statistics for every module's
  // tables, and visibility maps set so the figures' index-only scans do not visit the heap.
  if (opts.scale === "city") await database.rows(sql`VACUUM ANALYZE`);
  return summary;
}
