import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { formatDate, formatNumber } from "#shared/text.ts";
import { audit } from "#server/modules/access/index.ts";
import { enterpriseInScope } from "./relations.common.ts";

/**
 * Regional minimum wages: the ONE dated source (tables relations_min_wage_rates and
 * relations_min_wage_communes, migration 0321) for labour reports, agreements, inspections,
 * checklists, risk signals and Q&A. A place's region is found from the decree in force on the
 * date — districts before the 01/07/2025 reorganisation, communes after — and never guessed: a
 * place no decree lists is "region unknown", and nothing is then called compliant.
 */
export interface MinimumWage {
  province: string;
  commune: string;
  region: number;
  monthly: number;
  /** Null before Decree 38/2022 (Decree 90/2019 set no hourly floor). */
  hourly: number | null;
  decree: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The decree's text the rate comes from. */
  source: string;
  /** The appendix (and transitional rule) the region comes from. */
  regionBasis: string;
}

export interface RegionUnknown {
  province: string;
  commune: string;
  date: string;
  /** What did not match: the province (no list for it on that date) or the commune. */
  unmatched: "province" | "commune" | "date";
  message: string;
}

export type WageLookup = { known: true; minimum: MinimumWage } | { known: false; unknown: RegionUnknown };

const ROMAN = ["", "I", "II", "III", "IV"];
export const regionName = (r: number) => `Vùng ${ROMAN[r] ?? r}`;

/** The province the platform serves (setting 'reference.province'): enterprises' records name a commune only. */
export async function homeProvince(database: Database, tx?: Tx): Promise<string> {
  const [row] = await database.rows<{ p: string }>(sql`SELECT app_province() AS p`, tx);
  return row?.p ?? "Hải Phòng";
}

/** The regional minimum wage at a place on a date, or why it cannot be told. */
export async function lookupMinimumWage(database: Database, place: { province?: string | null; commune: string }, date: string, tx?: Tx): Promise<WageLookup> {
  const province = place.province?.trim() || (await homeProvince(database, tx));
  const commune = place.commune.trim();
  const [row] = await database.rows<{
    region: number | null;
    matches: number;
    provinceKnown: boolean;
    rateKnown: boolean;
    basis: string | null;
  }>(
    sql`SELECT min_wage_region(${province}, ${commune}, ${date}::date) AS region,
               (SELECT count(*)::int FROM relations_min_wage_communes c WHERE c.place_key = vn_place_key(${commune})
                  AND c.effective_from <= ${date}::date AND (c.effective_to IS NULL OR c.effective_to >= ${date}::date)) AS matches,
               EXISTS (SELECT 1 FROM relations_min_wage_communes c
                  WHERE (vn_place_key(${province}) IN (c.province_key, vn_province_now(c.province_key))
                         OR (c.effective_from >= DATE '2025-07-01' AND vn_province_now(vn_place_key(${province})) = c.province_key))
                    AND c.effective_from <= ${date}::date AND (c.effective_to IS NULL OR c.effective_to >= ${date}::date)) AS "provinceKnown",
               EXISTS (SELECT 1 FROM relations_min_wage_rates r WHERE r.effective_from <= ${date}::date AND (r.effective_to IS NULL OR r.effective_to >= ${date}::date)) AS "rateKnown",
               (SELECT string_agg(DISTINCT c.basis, '; ') FROM relations_min_wage_communes c WHERE c.place_key = vn_place_key(${commune})
                  AND c.effective_from <= ${date}::date AND (c.effective_to IS NULL OR c.effective_to >= ${date}::date)) AS basis`,
    tx,
  );
  const d = formatDate(date);
  if (!row?.rateKnown) {
    return {
      known: false,
      unknown: { province, commune, date, unmatched: "date", message: `Chưa có quy định lương tối thiểu vùng áp dụng cho ngày ${d} (dữ liệu từ 01/01/2020)` },
    };
  }
  if (row.region === null) {
    const unmatched = row.provinceKnown ? "commune" : "province";
    const message = !row.provinceKnown
      ? `Chưa xác định được vùng: chưa có danh mục địa bàn của "${province}" áp dụng ngày ${d}; đề nghị cán bộ xác định vùng lương tối thiểu`
      : row.matches > 0
        ? `Chưa xác định được vùng: "${commune}" không phải địa bàn của ${province} trong danh mục áp dụng ngày ${d}; đề nghị cán bộ xác định vùng lương tối thiểu`
        : `Chưa xác định được vùng: không tìm thấy "${commune}" (${province}) trong danh mục địa bàn áp dụng ngày ${d}; đề nghị cán bộ xác định vùng lương tối thiểu`;
    return { known: false, unknown: { province, commune, date, unmatched, message } };
  }
  const [rate] = await database.rows<Omit<MinimumWage, "province" | "commune" | "region" | "regionBasis">>(
    sql`SELECT r.monthly::float8 AS monthly, r.hourly::float8 AS hourly, r.decree, r.effective_from::text AS "effectiveFrom",
               r.effective_to::text AS "effectiveTo", r.source
        FROM relations_min_wage_rates r
        WHERE r.region = ${row.region} AND r.effective_from <= ${date}::date AND (r.effective_to IS NULL OR r.effective_to >= ${date}::date)`,
    tx,
  );
  if (!rate) {
    return {
      known: false,
      unknown: { province, commune, date, unmatched: "date", message: `Chưa có mức lương tối thiểu ${regionName(row.region)} áp dụng ngày ${d}` },
    };
  }
  return { known: true, minimum: { province, commune, region: row.region, ...rate, regionBasis: row.basis ?? "" } };
}

/** The minimum at a place on a date, or null when the region is unknown. */
export async function minimumWageAt(
  database: Database,
  place: { province?: string | null; commune: string },
  date: string,
  tx?: Tx,
): Promise<MinimumWage | null> {
  const r = await lookupMinimumWage(database, place, date, tx);
  return r.known ? r.minimum : null;
}

/** The region an officer set for an enterprise whose place no decree lists, in force on a date. */
async function regionOverride(database: Database, enterpriseId: number, date: string, tx?: Tx) {
  const [row] = await database.rows<{ region: number; reason: string; effectiveFrom: string }>(
    sql`SELECT region, reason, effective_from::text AS "effectiveFrom" FROM relations_wage_region_overrides
        WHERE enterprise_id = ${enterpriseId} AND effective_from <= ${date}::date ORDER BY effective_from DESC LIMIT 1`,
    tx,
  );
  return row ?? null;
}

/**
 * The lookup for an enterprise: the commune of its zone, else its own, in the platform's province;
 * where no decree lists it, the region an officer set for the enterprise (with the reason), if any.
 */
export async function enterpriseWageLookup(
  database: Database,
  enterprise: { id?: number; commune: string | null },
  date: string,
  tx?: Tx,
): Promise<WageLookup> {
  const found = await placeLookup(database, enterprise, date, tx);
  if (found.known || found.unknown.unmatched === "date" || enterprise.id === undefined) return found;
  const set = await regionOverride(database, enterprise.id, date, tx);
  if (!set) return found;
  const [rate] = await database.rows<Omit<MinimumWage, "province" | "commune" | "region" | "regionBasis">>(
    sql`SELECT r.monthly::float8 AS monthly, r.hourly::float8 AS hourly, r.decree, r.effective_from::text AS "effectiveFrom",
               r.effective_to::text AS "effectiveTo", r.source
        FROM relations_min_wage_rates r
        WHERE r.region = ${set.region} AND r.effective_from <= ${date}::date AND (r.effective_to IS NULL OR r.effective_to >= ${date}::date)`,
    tx,
  );
  if (!rate) return found;
  return {
    known: true,
    minimum: {
      province: found.unknown.province,
      commune: found.unknown.commune,
      region: set.region,
      ...rate,
      regionBasis: `Cán bộ xác định vùng từ ${formatDate(set.effectiveFrom)}: ${set.reason}`,
    },
  };
}

/** Sets the region of an enterprise's workplace from a date, where no decree lists its place. */
export async function setWageRegion(
  database: Database,
  ctx: RequestContext,
  enterpriseId: number,
  input: { region: number; effectiveFrom: string; reason: string },
) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId);
  const listed = await placeLookup(database, enterprise, input.effectiveFrom);
  if (listed.known) {
    const message = `Địa bàn đã có trong danh mục của Nghị định ${listed.minimum.decree} (${regionName(listed.minimum.region)}): không cần xác định lại`;
    throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/region", message }] });
  }
  await database.db.transaction(async (tx) => {
    await database.rows(
      sql`INSERT INTO relations_wage_region_overrides (enterprise_id, region, effective_from, reason, set_by)
          VALUES (${enterpriseId}, ${input.region}, ${input.effectiveFrom}, ${input.reason}, ${ctx.actor.userId})
          ON CONFLICT (enterprise_id, effective_from) DO UPDATE SET region = EXCLUDED.region, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = now()`,
      tx,
    );
    await audit(database, tx, ctx, { action: "wage_region_set", objectType: "enterprise", objectId: enterpriseId, after: input });
  });
  return enterpriseWageLookup(database, enterprise, input.effectiveFrom);
}

async function placeLookup(database: Database, enterprise: { commune: string | null }, date: string, tx?: Tx): Promise<WageLookup> {
  if (!enterprise.commune) {
    const province = await homeProvince(database, tx);
    return {
      known: false,
      unknown: {
        province,
        commune: "",
        date,
        unmatched: "commune",
        message: "Chưa xác định được vùng: hồ sơ doanh nghiệp chưa ghi phường/xã nơi hoạt động; đề nghị cán bộ bổ sung địa bàn",
      },
    };
  }
  return lookupMinimumWage(database, { commune: enterprise.commune }, date, tx);
}

/** The 422 for an unknown region, naming what did not match. */
export function regionUnknownError(u: RegionUnknown, pointerBase = "/querystring"): AppError {
  if (u.unmatched === "date") {
    return new AppError("minimum_wage_unknown", u.message, { errors: [{ pointer: `${pointerBase}/date`, message: u.message }] });
  }
  return new AppError("region_unknown", u.message, {
    errors: [{ pointer: `${pointerBase}/${u.unmatched}`, message: u.message }],
    extra: { province: u.province, commune: u.commune, date: u.date, unmatched: u.unmatched },
  });
}

/** Checks a monthly wage against the minimum that applied at the date; unknown region → never compliant. */
export async function checkWage(
  database: Database,
  ctx: RequestContext,
  input: { enterpriseId?: number | undefined; province?: string | undefined; commune?: string | undefined; date: string; wage: number },
) {
  let lookup: WageLookup;
  let enterpriseId: number | null = null;
  if (input.enterpriseId !== undefined) {
    const enterprise = await enterpriseInScope(database, ctx, input.enterpriseId, undefined, "/body/enterpriseId");
    enterpriseId = enterprise.id;
    lookup = await enterpriseWageLookup(database, enterprise, input.date);
  } else {
    lookup = await lookupMinimumWage(database, { province: input.province ?? null, commune: input.commune ?? "" }, input.date);
  }
  if (!lookup.known) {
    if (lookup.unknown.unmatched === "date") throw regionUnknownError(lookup.unknown, "/body");
    return {
      enterpriseId,
      date: input.date,
      wage: input.wage,
      minimum: null,
      regionUnknown: true,
      // Not "false" either: without a region nobody can say; the officer must set it first.
      compliant: null,
      shortfall: null,
      shortfallPercent: null,
      message: lookup.unknown.message,
    };
  }
  const minimum = lookup.minimum;
  const shortfall = Math.max(0, minimum.monthly - input.wage);
  return {
    enterpriseId,
    date: input.date,
    wage: input.wage,
    minimum,
    regionUnknown: false,
    compliant: shortfall === 0,
    shortfall,
    shortfallPercent: Math.round((shortfall / minimum.monthly) * 1000) / 10,
    message:
      shortfall === 0
        ? `Đạt: không thấp hơn lương tối thiểu ${regionName(minimum.region)} (${formatNumber(minimum.monthly)} đồng, Nghị định ${minimum.decree})`
        : `Không đạt: thấp hơn lương tối thiểu ${regionName(minimum.region)} (${formatNumber(minimum.monthly)} đồng, Nghị định ${minimum.decree})`,
  };
}

export async function listRates(database: Database) {
  return database.rows<{
    decree: string;
    region: number;
    monthly: number;
    hourly: number | null;
    effectiveFrom: string;
    effectiveTo: string | null;
    source: string;
  }>(
    sql`SELECT decree, region, monthly::float8 AS monthly, hourly::float8 AS hourly, effective_from::text AS "effectiveFrom",
               effective_to::text AS "effectiveTo", source
        FROM relations_min_wage_rates ORDER BY effective_from DESC, region`,
  );
}

/**
 * SQL: the region (1–4, or NULL when unknown) of a workplace on a date — from the decree's list for
 * its commune in the platform's province, else (with an enterprise id) the region an officer set.
 */
export function wageRegionSql(commune: SQL, onDate: SQL, enterpriseId?: SQL): SQL {
  return enterpriseId ? sql`enterprise_wage_region(${enterpriseId}, ${commune}, ${onDate})` : sql`min_wage_region(app_province(), ${commune}, ${onDate})`;
}

/** SQL: the monthly minimum at a workplace on a date; NULL when the region is unknown (never a guessed region). */
export function minimumWageSql(commune: SQL, onDate: SQL, enterpriseId?: SQL): SQL {
  return sql`min_wage_monthly(${wageRegionSql(commune, onDate, enterpriseId)}, ${onDate})::float8`;
}

/**
 * SQL: the monthly minimum at a workplace on a date, looked up only when `wage` is below Region I's
 * (the highest) on that date; NULL otherwise. Whether a wage is below its floor is the same answer,
 * at a fraction of the cost over thousands of reports: a wage at or above Region I's is above every
 * region's, and the workplace's region (matching its commune against the decree's list) is not needed.
 * Region I's minimum is a sub-query: for a date given as a value PostgreSQL looks it up once per
 * statement instead of once per report (≈ 15 ms of a zone union's labour figures at city scale).
 */
export function minimumWageIfBelowTopSql(wage: SQL, commune: SQL, onDate: SQL, enterpriseId?: SQL): SQL {
  return sql`(CASE WHEN ${wage} < (SELECT min_wage_monthly(1::smallint, ${onDate})) THEN ${minimumWageSql(commune, onDate, enterpriseId)} END)`;
}

/**
 * SQL to judge many workplaces' wages on one date in one statement, the region of each distinct
 * commune found once: matching a commune against the decree's list is the costly part (≈ 40 µs),
 * and a city's 3.000 labour reports name a few hundred communes (65 of 80 ms of the city's labour
 * figures went to looking up the same communes again). `regions(communes)` is a query of each
 * commune's region by the list (its input: a query of distinct communes, a column `commune`);
 * `minimum(listRegion, enterpriseId)` the monthly minimum from that region, or, where the list does
 * not know the place, the region an officer set for the enterprise — what minimumWageSql gives.
 */
export function wageJudgedOnSql(onDate: SQL) {
  return {
    /** Region I's minimum, the highest: a wage at or above it is above every region's. */
    top: sql`(SELECT min_wage_monthly(1::smallint, ${onDate}))`,
    regions: (communes: SQL) => sql`SELECT c.commune, min_wage_region(app_province(), c.commune, ${onDate}) AS region FROM (${communes}) c`,
    minimum: (listRegion: SQL, enterpriseId: SQL) =>
      sql`min_wage_monthly(coalesce(${listRegion}, enterprise_wage_region(${enterpriseId}, NULL, ${onDate})), ${onDate})::float8`,
  };
}

/** The last day of a half-year period "2025-H1" → "2025-06-30": a labour report's wages are judged on that day. */
export function periodEnd(period: string): string {
  const [y, h] = period.split("-H");
  return h === "1" ? `${y}-06-30` : `${y}-12-31`;
}

/**
 * Minimum-wage decrees no longer in force on `today`, each with the decree that replaced it, from
 * the dated table (for the Q&A's replaced-rule flags: an answer citing Decree 74/2024 after
 * 01/01/2026 is flagged without anyone having to type the replacement in).
 */
export async function replacedWageDecrees(database: Database, today: string, tx?: Tx): Promise<{ old: string; neu: string }[]> {
  return database.rows<{ old: string; neu: string }>(
    sql`SELECT DISTINCT o.decree AS old, n.decree AS neu FROM relations_min_wage_rates o
        JOIN relations_min_wage_rates n ON n.region = o.region AND n.effective_from = o.effective_to + 1
        WHERE o.effective_to < ${today}::date AND n.effective_from <= ${today}::date AND n.decree <> o.decree`,
    tx,
  );
}
