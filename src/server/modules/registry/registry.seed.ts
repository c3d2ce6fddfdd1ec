import { sql } from "drizzle-orm";
import { bulkInsert } from "#server/seed/seed.ts";
import type { ModuleSeeder } from "#server/seed/modules.ts";
import { addDays } from "./registry.common.ts";

/** The last `n` half-years that had ended by `today`, newest first: ["2026-H1", "2025-H2"]. */
export function endedHalves(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let h = today.slice(5) >= "07-01" ? 1 : 2;
  if (h === 2) y -= 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-H${h}`);
    if (h === 1) {
      h = 2;
      y -= 1;
    } else h = 1;
  }
  return out;
}

const halfEnd = (p: string) => (p.endsWith("H1") ? `${p.slice(0, 4)}-06-30` : `${p.slice(0, 4)}-12-31`);

/**
 * Demo data of the registry: collective agreements for most unionised enterprises (some expired,
 * some ending within 90 days) and two half-yearly labor reports per enterprise (a few paying under
 * the regional minimum, a few with mass layoffs), so the lists, figures and signals have substance.
 */
export const seedRegistry: ModuleSeeder = async (world) => {
  const { database, rng, today } = world;
  const [maxAgreement] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM agreements`);
  let nextId = (maxAgreement?.n ?? 0) + 1;
  const agreements: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const reports: Record<string, unknown>[] = [];
  const halves = endedHalves(today, 2);
  const officer = world.users["bql.canbo"] ?? null;
  const rep = world.users.doanhnghiep ?? null;
  const communeOf = new Map((await database.rows<{ id: number; commune: string }>(sql`SELECT id, commune FROM zones`)).map((z) => [z.id, z.commune]));
  // Plausible wages around the floor that applied (the highest floor of the day where a place is not listed).
  const floors = new Map<string, number>();
  const minimumWage = async (commune: string, on: string): Promise<number> => {
    const key = `${commune}|${on}`;
    let v = floors.get(key);
    if (v === undefined) {
      const [row] = await database.rows<{ m: number | null }>(
        sql`SELECT coalesce(min_wage_monthly(min_wage_region(app_province(), ${commune}, ${on}::date), ${on}::date),
                            (SELECT max(r.monthly) FROM relations_min_wage_rates r WHERE r.effective_from <= ${on}::date), 5310000)::float8 AS m`,
      );
      v = row?.m ?? 5_310_000;
      floors.set(key, v);
    }
    return v;
  };
  let expired = 0;
  let expiring = 0;
  let lowPayCount = 0;
  let layoffCount = 0;
  for (const [index, e] of world.enterprises.entries()) {
    const region = communeOf.get(e.zoneId) ?? "";
    if (e.unionId !== null && e.status === "active" && rng.chance(0.82)) {
      const state = rng.weighted([
        ["valid", 80],
        ["expiring", 8],
        ["expired", 12],
      ] as const);
      const years = rng.int(1, 3);
      let to: string;
      if (state === "expiring") to = addDays(today, rng.int(3, 88));
      else if (state === "expired") to = addDays(today, -rng.int(10, 500));
      else to = addDays(today, rng.int(95, 365 * years - 30));
      const from = addDays(to, -(365 * years) + 1);
      const signed = addDays(from, -rng.int(3, 30));
      const floor = await minimumWage(region, from);
      if (state === "expired") expired++;
      if (state === "expiring") expiring++;
      agreements.push({
        id: nextId,
        kind: "enterprise",
        union_id: e.unionId,
        title: `Thỏa ước lao động tập thể giai đoạn ${from.slice(0, 4)}–${to.slice(0, 4)}`,
        signed_on: signed,
        effective_from: from,
        effective_to: to,
        approval_share: rng.chance(0.04) ? rng.int(40, 50) : rng.int(56, 97),
        lowest_wage: Math.round((floor * (1 + rng.int(2, 18) / 100)) / 10_000) * 10_000,
        meal_allowance: rng.pick([20_000, 22_000, 25_000, 28_000, 30_000, 35_000]),
        tet_bonus: rng.pick([1, 1, 1.5, 2]) * Math.round((floor * 1.2) / 100_000) * 100_000,
        grade: rng.weighted([
          ["A", 15],
          ["B", 45],
          ["C", 30],
          ["D", 10],
        ] as const),
        created_by: officer,
      });
      links.push({ agreement_id: nextId, enterprise_id: e.id });
      nextId++;
    }
    if (e.status === "dissolved") continue;
    let workforce = e.workforce;
    // A few of each, even in the small demo city: the lists and warnings must have something to show.
    const lowPay = rng.chance(0.03) || (lowPayCount < 3 && index % 29 === 7);
    const layoff = e.workforce >= 150 && (rng.chance(0.025) || layoffCount < 2);
    if (lowPay) lowPayCount++;
    if (layoff) layoffCount++;
    for (const [i, period] of [...halves].reverse().entries()) {
      const end = halfEnd(period);
      const floor = await minimumWage(region, end);
      const hires = Math.round((workforce * rng.int(2, 14)) / 100);
      const leavers = layoff && i === 1 ? Math.round((workforce * rng.int(25, 45)) / 100) : Math.round((workforce * rng.int(2, 12)) / 100);
      workforce = Math.max(0, workforce + hires - leavers);
      const lowest = lowPay && i === 1 ? floor - rng.int(2, 30) * 10_000 : Math.round((floor * (1 + rng.int(1, 15) / 100)) / 10_000) * 10_000;
      reports.push({
        enterprise_id: e.id,
        period,
        workforce,
        women: Math.round(workforce * (e.workforce ? Math.min(0.95, 0.3 + rng.next() * 0.5) : 0)),
        hires,
        leavers,
        average_wage: Math.round((lowest * (1.35 + rng.next() * 0.6)) / 10_000) * 10_000,
        lowest_wage: lowest,
        insured: Math.round(workforce * (0.85 + rng.next() * 0.15)),
        filed_by: rep !== null && rng.chance(0.3) ? rep : officer,
        filed_at: `${addDays(end, rng.int(5, 40))}T09:00:00+07:00`,
      });
    }
  }
  await bulkInsert(
    database,
    "agreements",
    {
      id: "int",
      kind: "text",
      union_id: "int",
      title: "text",
      signed_on: "date",
      effective_from: "date",
      effective_to: "date",
      approval_share: "numeric",
      lowest_wage: "int",
      meal_allowance: "int",
      tet_bonus: "int",
      grade: "text",
      created_by: "int",
    },
    agreements,
  );
  await bulkInsert(database, "agreement_enterprises", { agreement_id: "int", enterprise_id: "int" }, links);
  await bulkInsert(
    database,
    "labor_reports",
    {
      enterprise_id: "int",
      period: "text",
      workforce: "int",
      women: "int",
      hires: "int",
      leavers: "int",
      average_wage: "int",
      lowest_wage: "int",
      insured: "int",
      filed_by: "int",
      filed_at: "timestamptz",
    },
    reports,
  );
  if (agreements.length) await database.rows(sql`SELECT setval(pg_get_serial_sequence('agreements', 'id'), (SELECT max(id) FROM agreements))`);
  world.log(`agreements ${agreements.length} (${expired} expired, ${expiring} expiring within 90 days), labor reports ${reports.length}`);
  return { agreements: agreements.length, laborReports: reports.length };
};
