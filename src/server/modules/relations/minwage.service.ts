import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseInScope } from "./relations.common.ts";

export interface MinimumWage {
  commune: string;
  region: number;
  monthly: number;
  hourly: number;
  decree: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** true when the commune is not listed and the province's "remaining communes" row applied. */
  catchAll: boolean;
}

/**
 * The regional minimum wage that applied in a commune on a date: the commune's region from the
 * dated commune table (tone placement ignored: "Thuỷ Nguyên" = "Thủy Nguyên"), then that region's
 * rate on that date. Null when no rule covers the date.
 */
export async function minimumWageAt(database: Database, commune: string, date: string, tx?: Tx): Promise<MinimumWage | null> {
  const [row] = await database.rows<MinimumWage>(
    sql`SELECT ${commune} AS commune, c.region, r.monthly::float8 AS monthly, r.hourly::float8 AS hourly, r.decree,
               r.effective_from AS "effectiveFrom", r.effective_to AS "effectiveTo", c.commune = '*' AS "catchAll"
        FROM relations_min_wage_communes c
        JOIN relations_min_wage_rates r ON r.region = c.region AND r.effective_from <= ${date}::date AND (r.effective_to IS NULL OR r.effective_to >= ${date}::date)
        WHERE (c.commune_fold = vn_fold(${commune}) OR c.commune = '*')
          AND c.effective_from <= ${date}::date AND (c.effective_to IS NULL OR c.effective_to >= ${date}::date)
        ORDER BY (c.commune = '*'), c.effective_from DESC
        LIMIT 1`,
    tx,
  );
  return row ?? null;
}

/** The minimum that applied to an enterprise on a date: from its zone's commune, else its own. */
export async function enterpriseMinimumWage(database: Database, ctx: RequestContext, enterpriseId: number, date: string, tx?: Tx) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId, tx, "/body/enterpriseId");
  if (!enterprise.commune) return { enterprise, minimum: null };
  return { enterprise, minimum: await minimumWageAt(database, enterprise.commune, date, tx) };
}

/** Checks a monthly wage against the minimum that applied at the date. */
export async function checkWage(
  database: Database,
  ctx: RequestContext,
  input: { enterpriseId?: number | undefined; commune?: string | undefined; date: string; wage: number },
) {
  let minimum: MinimumWage | null;
  let enterpriseId: number | null = null;
  if (input.enterpriseId !== undefined) {
    const r = await enterpriseMinimumWage(database, ctx, input.enterpriseId, input.date);
    minimum = r.minimum;
    enterpriseId = r.enterprise.id;
  } else {
    minimum = await minimumWageAt(database, input.commune ?? "", input.date);
  }
  if (!minimum) throw new AppError("minimum_wage_unknown", `Chưa có quy định lương tối thiểu vùng áp dụng cho ngày ${input.date}`);
  const shortfall = Math.max(0, minimum.monthly - input.wage);
  return {
    enterpriseId,
    date: input.date,
    wage: input.wage,
    minimum,
    compliant: shortfall === 0,
    shortfall,
    shortfallPercent: Math.round((shortfall / minimum.monthly) * 1000) / 10,
  };
}

export async function listRates(database: Database) {
  return database.rows<{ decree: string; region: number; monthly: number; hourly: number; effectiveFrom: string; effectiveTo: string | null }>(
    sql`SELECT decree, region, monthly::float8 AS monthly, hourly::float8 AS hourly, effective_from AS "effectiveFrom", effective_to AS "effectiveTo"
        FROM relations_min_wage_rates ORDER BY effective_from DESC, region`,
  );
}
