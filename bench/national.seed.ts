/**
 * Seeds a country-sized registry for the national rehearsal (bench/national.bench.ts).
 *
 * At `scale` 1: ≈ 10 million people, 34 provinces, 120.000 grassroots unions. Hải Phòng is seeded whole
 * by the city seeder (`seedDemo`: every module's data, `3.000 × scale` enterprises); the other 33
 * provinces' registries (a provincial federation, a zone authority, 1–3 zone unions, industrial zones,
 * enterprises, grassroots unions, people and their membership histories) are generated here and
 * streamed into PostgreSQL with `COPY … FROM STDIN`, the secondary indexes of `people` and `memberships`
 * dropped during the load and built after it (as the import's bulk path and `pg_restore` do). The
 * membership counts are kept by the same statement triggers as for any import.
 *
 * Then a national confederation becomes the root of every federation's path, so the body tree reads
 * Tổng LĐLĐ → LĐLĐ tỉnh → công đoàn khu → công đoàn cơ sở.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "#server/db/client.ts";
import { familyNames, givenNamesFemale, givenNamesMale, middleNamesFemale, middleNamesMale, phonePrefixes } from "#server/seed/names.ts";
import { Rng } from "#server/seed/rng.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { utcCalendarDate, vnToday } from "#shared/clock.ts";
import { citizenIdCenturyDigit, taxCodeCheckDigit } from "#shared/identifiers.ts";

/**
 * The 34 provincial units since 01/07/2025 (Resolution 202/2025/QH15) with the citizen-ID code of the
 * unit that kept its name, and a weight: the share of industrial-zone workers (rough, for the shape of
 * the data only — the big southern and northern industrial provinces carry most of them).
 */
export const nationalProvinces: readonly { code: string; name: string; weight: number }[] = [
  { code: "079", name: "Thành phố Hồ Chí Minh", weight: 200 },
  { code: "001", name: "Thành phố Hà Nội", weight: 70 },
  { code: "031", name: "Thành phố Hải Phòng", weight: 60 },
  { code: "075", name: "Tỉnh Đồng Nai", weight: 90 },
  { code: "024", name: "Tỉnh Bắc Ninh", weight: 80 },
  { code: "072", name: "Tỉnh Tây Ninh", weight: 45 },
  { code: "033", name: "Tỉnh Hưng Yên", weight: 35 },
  { code: "019", name: "Tỉnh Thái Nguyên", weight: 30 },
  { code: "025", name: "Tỉnh Phú Thọ", weight: 30 },
  { code: "038", name: "Tỉnh Thanh Hóa", weight: 25 },
  { code: "037", name: "Tỉnh Ninh Bình", weight: 20 },
  { code: "040", name: "Tỉnh Nghệ An", weight: 20 },
  { code: "048", name: "Thành phố Đà Nẵng", weight: 20 },
  { code: "022", name: "Tỉnh Quảng Ninh", weight: 20 },
  { code: "086", name: "Tỉnh Vĩnh Long", weight: 15 },
  { code: "092", name: "Thành phố Cần Thơ", weight: 12 },
  { code: "089", name: "Tỉnh An Giang", weight: 12 },
  { code: "087", name: "Tỉnh Đồng Tháp", weight: 12 },
  { code: "051", name: "Tỉnh Quảng Ngãi", weight: 12 },
  { code: "056", name: "Tỉnh Khánh Hòa", weight: 10 },
  { code: "042", name: "Tỉnh Hà Tĩnh", weight: 10 },
  { code: "046", name: "Thành phố Huế", weight: 8 },
  { code: "044", name: "Tỉnh Quảng Trị", weight: 8 },
  { code: "052", name: "Tỉnh Gia Lai", weight: 8 },
  { code: "068", name: "Tỉnh Lâm Đồng", weight: 8 },
  { code: "066", name: "Tỉnh Đắk Lắk", weight: 6 },
  { code: "096", name: "Tỉnh Cà Mau", weight: 6 },
  { code: "015", name: "Tỉnh Lào Cai", weight: 6 },
  { code: "008", name: "Tỉnh Tuyên Quang", weight: 5 },
  { code: "020", name: "Tỉnh Lạng Sơn", weight: 4 },
  { code: "014", name: "Tỉnh Sơn La", weight: 4 },
  { code: "004", name: "Tỉnh Cao Bằng", weight: 3 },
  { code: "011", name: "Tỉnh Điện Biên", weight: 3 },
  { code: "012", name: "Tỉnh Lai Châu", weight: 3 },
];

/** What the country looks like at scale 1 (issue #20). */
export const NATIONAL = { people: 10_000_000, unions: 120_000, zones: 420 } as const;

export interface NationalProvince {
  code: string;
  name: string;
  federationId: number;
  path: string;
  zoneIds: number[];
  zoneUnionIds: number[];
}

export interface NationalWorld {
  rootId: number;
  provinces: NationalProvince[];
  /** Enterprises of generated provinces an import can name: tax code, union code. */
  importTargets: { taxCode: string; unionCode: string }[];
  counts: Record<string, number>;
}

const DAY = 86_400_000;
const iso = utcCalendarDate;
const esc = (v: unknown) => (v === null || v === undefined ? "\\N" : String(v));
const line = (xs: unknown[]) => `${xs.map(esc).join("\t")}\n`;
const unionCode = (id: number) => `CD${String(id).padStart(7, "0")}`;

/** Streams text lines into `COPY table (columns) FROM STDIN` on one client. */
export async function copyLines(client: pg.PoolClient, table: string, columns: string[], lines: string[]): Promise<void> {
  if (!lines.length) return;
  async function* chunks() {
    for (let i = 0; i < lines.length; i += 5000) yield lines.slice(i, i + 5000).join("");
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)));
}

interface Ent {
  id: number;
  tax: string;
  unionId: number | null;
  unionCode: string | null;
  workforce: number;
  women: number;
  established: string;
}

/** Bodies, zones, enterprises and unions of one generated province; people come after. */
function provinceStructure(
  rng: Rng,
  p: { code: string; name: string },
  ids: { body: () => number; zone: () => number; tax: () => string },
  sizes: { zones: number; unions: number; avgWorkforce: number },
  root: { id: number; path: string },
  today: string,
) {
  const bodies: string[] = [];
  const body = (kind: string, name: string, parentId: number | null, parentPath: string, code: string | ((id: number) => string)) => {
    const id = ids.body();
    const path = `${parentPath}${id}/`;
    bodies.push(line([id, kind, name, typeof code === "string" ? code : code(id), parentId, path]));
    return { id, path };
  };
  const short = p.name.replace(/^(Tỉnh|Thành phố) /, "");
  const fed = body(
    "federation",
    `Liên đoàn Lao động ${p.name.replace(/^Tỉnh/, "tỉnh").replace(/^Thành phố/, "thành phố")}`,
    root.id,
    root.path,
    `LDLD-${p.code}`,
  );
  const authority = body("zone_authority", `Ban Quản lý các Khu công nghiệp ${short}`, null, "/", `BQL-${p.code}`);
  const zuCount = sizes.zones > 20 ? 3 : sizes.zones > 8 ? 2 : 1;
  const zus = Array.from({ length: zuCount }, (_, k) =>
    body("zone_union", `Công đoàn các Khu công nghiệp ${short}${zuCount > 1 ? ` — khu vực ${k + 1}` : ""}`, fed.id, fed.path, `CDKCN-${p.code}-${k + 1}`),
  );
  const zones: string[] = [];
  const zoneList: { id: number; zu: { id: number; path: string }; weight: number }[] = [];
  for (let k = 0; k < sizes.zones; k++) {
    const id = ids.zone();
    const zu = zus[k % zuCount] ?? fed;
    zones.push(line([id, `KCN-${p.code}-${k + 1}`, `KCN ${short} ${k + 1}`, "industrial_zone", `Phường Công nghiệp ${k + 1}`, zu.id, 100 + rng.int(0, 900)]));
    zoneList.push({ id, zu, weight: 1 + rng.int(0, 9) });
  }
  const enterprises: string[] = [];
  const unions: string[] = [];
  const covers: string[] = [];
  const ents: Ent[] = [];
  const todayMs = Date.parse(today);
  let unionCount = 0;
  for (let n = 1; unionCount < sizes.unions; n++) {
    const zone = rng.weighted(zoneList.map((z) => [z, z.weight] as const));
    const tax = ids.tax();
    const ownership = rng.weighted([
      ["fdi", 55],
      ["domestic_private", 40],
      ["state", 3],
      ["cooperative", 2],
    ] as const);
    const name = `Công ty ${ownership === "fdi" ? "TNHH" : "Cổ phần"} ${rng.pick(["May", "Điện tử", "Cơ khí", "Giày da", "Nhựa", "Bao bì", "Thép", "Linh kiện", "Thực phẩm", "Gỗ"])} ${short} số ${n}`;
    // Exponential sizes around the average: many small enterprises, a few with thousands of workers.
    const workforce = Math.max(5, Math.round(-Math.log(1 - rng.next()) * sizes.avgWorkforce));
    const women = Math.round(workforce * (0.3 + rng.next() * 0.5));
    const established = rng.date("2005-01-01", iso(todayMs - 400 * DAY));
    const eb = body("enterprise", name, authority.id, authority.path, `DN-${tax}`);
    enterprises.push(
      line([
        eb.id,
        tax,
        name,
        ownership,
        ownership === "fdi" ? "Hàn Quốc" : null,
        zone.id,
        "Sản xuất",
        `Lô ${n}, KCN ${short}`,
        workforce,
        women,
        0,
        0,
        "active",
        false,
        established,
      ]),
    );
    const ent: Ent = { id: eb.id, tax, unionId: null, unionCode: null, workforce, women, established };
    if (rng.chance(0.9)) {
      const ub = body("grassroots_union", `Công đoàn cơ sở ${name}`, zone.zu.id, zone.zu.path, unionCode);
      const code = unionCode(ub.id);
      unions.push(line([ub.id, code, `Công đoàn cơ sở ${name}`, rng.date(established, iso(todayMs - 60 * DAY))]));
      covers.push(line([ub.id, eb.id]));
      ent.unionId = ub.id;
      ent.unionCode = code;
      unionCount++;
    }
    ents.push(ent);
  }
  return {
    fed,
    zoneIds: zoneList.map((z) => z.id),
    zoneUnionIds: zus.map((z) => z.id),
    rows: { bodies, zones, enterprises, unions, covers },
    ents,
  };
}

/** People and membership histories of a list of enterprises, as COPY lines. */
function peopleOf(
  rng: Rng,
  ents: Ent[],
  provinceCode: string,
  ids: { person: () => number; cid: (code: string, year: number, gender: "male" | "female") => string; phone: () => string | null },
  today: string,
  unionIds: number[],
) {
  const people: string[] = [];
  const memberships: string[] = [];
  const todayMs = Date.parse(today);
  const others = ["001", "038", "040", "031", "033", "037", "042", "075", "079", "087"];
  for (const ent of ents) {
    const womenShare = ent.workforce ? ent.women / ent.workforce : 0.5;
    for (let k = 0; k < ent.workforce; k++) {
      const gender = rng.chance(womenShare) ? "female" : "male";
      const year = rng.int(1972, 2007);
      const birth = `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
      const home = rng.chance(0.7) ? provinceCode : rng.pick(others);
      const id = ids.person();
      const family = rng.weighted(familyNames);
      const middle = rng.pick(gender === "female" ? middleNamesFemale : middleNamesMale);
      const given = rng.pick(gender === "female" ? givenNamesFemale : givenNamesMale);
      people.push(line([id, ids.cid(home, year, gender), family, middle, given, birth, gender, "Kinh", ids.phone(), null, ent.id, rng.chance(0.04)]));
      if (ent.unionId === null || !rng.chance(0.9)) continue;
      const earliest = Math.max(Date.parse(ent.established), Date.parse(`${year + 18}-06-01`), Date.parse("2012-01-01"));
      let from = Date.parse(rng.date(iso(earliest), iso(todayMs - DAY)));
      let reason = "join";
      // Some came by transfer from another union of the province: their history has two intervals.
      if (rng.chance(0.05) && unionIds.length > 1 && from - earliest > 400 * DAY) {
        const prev = rng.pick(unionIds);
        if (prev !== ent.unionId) {
          const prevFrom = Date.parse(rng.date(iso(earliest), iso(from - 200 * DAY)));
          memberships.push(line([id, prev, null, iso(prevFrom), iso(from - DAY), "join", "transfer"]));
          reason = "transfer";
        } else from = earliest;
      }
      const left = rng.chance(0.04);
      const to = left ? iso(Date.parse(rng.date(iso(from), iso(todayMs)))) : null;
      memberships.push(
        line([id, ent.unionId, `${String(ent.unionId).padStart(7, "0")}${String(id).padStart(8, "0")}`, iso(from), to, reason, left ? "left" : null]),
      );
    }
  }
  return { people, memberships };
}

const PEOPLE_COLS = [
  "id",
  "citizen_id",
  "family_name",
  "middle_name",
  "given_name",
  "birth_date",
  "gender",
  "ethnicity",
  "phone",
  "hometown",
  "enterprise_id",
  "hardship",
];
const MEMBERSHIP_COLS = ["person_id", "union_id", "card_no", "valid_from", "valid_to", "start_reason", "end_reason"];

/** Secondary indexes of the two big tables (not keys): dropped for the load, built after it. */
async function dropSecondaryIndexes(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid IN ('people'::regclass, 'memberships'::regclass) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  );
  for (const r of rows) await client.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}

/** Seeds the country; `log` reports progress. PostgreSQL only (COPY through the pg driver). */
export async function seedNational(database: Database, opts: { scale: number; seed?: number; log?: (l: string) => void }): Promise<NationalWorld> {
  const log = opts.log ?? (() => undefined);
  const pool = database.pool;
  if (!pool) throw new Error("the national rehearsal runs on PostgreSQL (DATABASE_URL)");
  const rng = new Rng(opts.seed ?? 34);
  const today = vnToday();
  const totalWeight = nationalProvinces.reduce((s, p) => s + p.weight, 0);

  // Hải Phòng: the city seeder, every module (its size scales with the country's).
  const hpEnterprises = Math.max(50, Math.round(3000 * opts.scale));
  const t0 = performance.now();
  await seedDemo(database, { scale: "city", seed: 1, enterprises: hpEnterprises, log: (l) => log(`  Hải Phòng: ${l}`) });
  log(`Hải Phòng seeded by the city seeder (${hpEnterprises} enterprises) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const client = await pool.connect();
  try {
    return await seedProvinces(client, database, rng, opts.scale, today, totalWeight, log);
  } finally {
    client.release();
  }
}

async function seedProvinces(
  client: pg.PoolClient,
  database: Database,
  rng: Rng,
  scale: number,
  today: string,
  totalWeight: number,
  log: (l: string) => void,
): Promise<NationalWorld> {
  const one = async <T>(q: string) => (await client.query(q)).rows[0] as T;
  const have = await one<{ people: number; unions: number; body: number; zone: number; person: number }>(
    `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM unions) AS unions,
            (SELECT max(id)::int FROM bodies) AS body, (SELECT max(id)::int FROM zones) AS zone, (SELECT max(id)::int FROM people) AS person`,
  );
  // The national confederation becomes the root above Hải Phòng's federation.
  const rootId = have.body + 1;
  await client.query(
    `INSERT INTO bodies (id, kind, name, short_name, code, parent_id, path) VALUES ($1, 'federation', 'Tổng Liên đoàn Lao động Việt Nam', 'Tổng LĐLĐ', 'TLDLD', NULL, $2)`,
    [rootId, `/${rootId}/`],
  );
  await client.query(
    `UPDATE bodies SET path = $1 || substr(path, 2) WHERE id <> $2 AND path LIKE ANY (
      SELECT b.path || '%' FROM bodies b WHERE b.kind = 'federation' AND b.parent_id IS NULL AND b.id <> $2)`,
    [`/${rootId}/`, rootId],
  );
  await client.query(`UPDATE bodies SET parent_id = $1 WHERE kind = 'federation' AND parent_id IS NULL AND id <> $1`, [rootId]);
  const hp = await one<{ id: number; path: string }>(`SELECT id, path FROM bodies WHERE code = 'LDLD'`);
  const hpZones = (await client.query<{ id: number; zu: number }>(`SELECT id, zone_union_id AS zu FROM zones ORDER BY id`)).rows;

  const taken = {
    cid: new Set<number>((await client.query<{ c: string }>(`SELECT citizen_id AS c FROM people WHERE citizen_id IS NOT NULL`)).rows.map((r) => Number(r.c))),
    phone: new Set<number>((await client.query<{ p: string }>(`SELECT phone AS p FROM people WHERE phone IS NOT NULL`)).rows.map((r) => Number(r.p))),
  };
  let nextBody = rootId + 1;
  let nextZone = have.zone + 1;
  let nextPerson = have.person + 1;
  let taxCounter = 100_000_000;
  const ids = {
    body: () => nextBody++,
    zone: () => nextZone++,
    person: () => nextPerson++,
    tax: () => {
      for (;;) {
        const nine = String(taxCounter++);
        const c = taxCodeCheckDigit(nine);
        if (c !== null) return nine + String(c);
      }
    },
    cid: (code: string, year: number, gender: "male" | "female") => {
      for (;;) {
        const cid = `${code}${citizenIdCenturyDigit(year, gender)}${String(year % 100).padStart(2, "0")}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
        const n = Number(cid);
        if (!taken.cid.has(n)) {
          taken.cid.add(n);
          return cid;
        }
      }
    },
    phone: () => {
      if (!rng.chance(0.85)) return null;
      for (;;) {
        const phone = rng.pick(phonePrefixes) + String(rng.int(0, 9_999_999)).padStart(7, "0");
        const n = Number(phone);
        if (!taken.phone.has(n)) {
          taken.phone.add(n);
          return phone;
        }
      }
    },
  };
  const generated = nationalProvinces.filter((p) => p.code !== "031");
  const genWeight = generated.reduce((s, p) => s + p.weight, 0);
  const unionsLeft = Math.max(0, Math.round(NATIONAL.unions * scale) - have.unions);
  const peopleLeft = Math.max(0, Math.round(NATIONAL.people * scale) - have.people);
  // Enterprises ≈ unions / 0.9; the average workforce so the country's people add up.
  const avgWorkforce = peopleLeft / (unionsLeft / 0.9);
  const defs = await dropSecondaryIndexes(client);
  log(`dropped ${defs.length} secondary indexes of people and memberships for the load`);

  const world: NationalWorld = {
    rootId,
    provinces: [
      {
        code: "031",
        name: "Thành phố Hải Phòng",
        federationId: hp.id,
        path: hp.path,
        zoneIds: hpZones.map((z) => z.id),
        zoneUnionIds: [...new Set(hpZones.map((z) => z.zu))],
      },
    ],
    importTargets: [],
    counts: {},
  };
  const t0 = performance.now();
  let peopleRows = 0;
  let membershipRows = 0;
  for (const p of generated) {
    const share = p.weight / genWeight;
    const s = provinceStructure(
      rng,
      p,
      ids,
      { zones: Math.max(2, Math.round((NATIONAL.zones * p.weight) / totalWeight)), unions: Math.max(1, Math.round(unionsLeft * share)), avgWorkforce },
      { id: rootId, path: `/${rootId}/` },
      today,
    );
    await client.query("BEGIN");
    await copyLines(client, "bodies", ["id", "kind", "name", "code", "parent_id", "path"], s.rows.bodies);
    await copyLines(client, "zones", ["id", "code", "name", "kind", "commune", "zone_union_id", "area_ha"], s.rows.zones);
    await copyLines(
      client,
      "enterprises",
      [
        "id",
        "tax_code",
        "name",
        "ownership",
        "investor_country",
        "zone_id",
        "sector",
        "address",
        "workforce_total",
        "workforce_women",
        "workforce_migrants",
        "workforce_foreigners",
        "status",
        "has_party_org",
        "established_on",
      ],
      s.rows.enterprises,
    );
    await copyLines(client, "unions", ["id", "code", "name", "founded_on"], s.rows.unions);
    await copyLines(client, "union_enterprises", ["union_id", "enterprise_id"], s.rows.covers);
    await client.query("COMMIT");
    const unionIds = s.ents.flatMap((e) => (e.unionId === null ? [] : [e.unionId]));
    // People in slices of enterprises, so a slice's lines stay a few hundred MB at most.
    for (let i = 0; i < s.ents.length; ) {
      const slice: Ent[] = [];
      let n = 0;
      while (i < s.ents.length && n < 250_000) {
        const e = s.ents[i++] as Ent;
        slice.push(e);
        n += e.workforce;
      }
      const rows = peopleOf(rng, slice, p.code, ids, today, unionIds);
      await copyLines(client, "people", PEOPLE_COLS, rows.people);
      await copyLines(client, "memberships", MEMBERSHIP_COLS, rows.memberships);
      peopleRows += rows.people.length;
      membershipRows += rows.memberships.length;
    }
    for (const e of s.ents.slice(0, 40)) if (e.unionCode) world.importTargets.push({ taxCode: e.tax, unionCode: e.unionCode });
    world.provinces.push({ code: p.code, name: p.name, federationId: s.fed.id, path: s.fed.path, zoneIds: s.zoneIds, zoneUnionIds: s.zoneUnionIds });
    log(`${p.name}: ${s.ents.length} enterprises, people so far ${peopleRows.toLocaleString("en")} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const tIdx = performance.now();
  await client.query("SET maintenance_work_mem = '512MB'");
  for (const def of defs) await client.query(def);
  await client.query("RESET maintenance_work_mem");
  log(`secondary indexes built again in ${((performance.now() - tIdx) / 1000).toFixed(0)} s`);
  for (const t of ["bodies", "zones", "people"]) await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
  const tVac = performance.now();
  await database.rows(sql`VACUUM ANALYZE`);
  log(`VACUUM ANALYZE ${((performance.now() - tVac) / 1000).toFixed(0)} s`);
  world.counts = await one<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM memberships) AS memberships,
            (SELECT count(*)::int FROM unions) AS unions, (SELECT count(*)::int FROM enterprises) AS enterprises,
            (SELECT count(*)::int FROM zones) AS zones, (SELECT count(*)::int FROM bodies WHERE kind = 'federation' AND parent_id = ${rootId}) AS provinces,
            (SELECT count(*)::int FROM voice_requests) AS requests, (SELECT count(*)::int FROM care_payouts) AS payouts,
            (SELECT pg_database_size(current_database()) / 1048576)::int AS "databaseMb"`,
  );
  world.counts.generatedPeople = peopleRows;
  world.counts.generatedMemberships = membershipRows;
  return world;
}
