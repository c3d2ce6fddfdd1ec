import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { addDays } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";

/** Union dues, the union fee and the base salary as dated settings (migration 0324), each with its source. */
export interface UnionRate {
  kind: "union_dues" | "union_fee" | "base_salary";
  rate?: number;
  amount?: number;
  capShareOfBaseSalary?: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
}

const KEY = "reference.union_rates";

export async function unionRates(database: Database): Promise<UnionRate[]> {
  const [row] = await database.rows<{ value: UnionRate[] }>(sql`SELECT value FROM settings WHERE key = ${KEY}`);
  return Array.isArray(row?.value) ? row.value : [];
}

const inForce = (r: UnionRate, date: string) => r.effectiveFrom <= date && (r.effectiveTo === null || r.effectiveTo >= date);

/** The rates in force on a date; with a salary, the dues and fee it gives (dues capped at 10% of the base salary). */
export async function unionRatesAt(database: Database, date: string, salary?: number) {
  const all = await unionRates(database);
  const pick = (kind: UnionRate["kind"]) =>
    all.filter((r) => r.kind === kind && inForce(r, date)).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
  const dues = pick("union_dues");
  const fee = pick("union_fee");
  const base = pick("base_salary");
  if (!dues || !fee) {
    const message = `Chưa có mức đoàn phí, kinh phí công đoàn áp dụng ngày ${formatDate(date)}`;
    throw new AppError("validation_failed", message, { errors: [{ pointer: "/querystring/date", message }] });
  }
  const cap = dues.capShareOfBaseSalary && base?.amount ? Math.round(dues.capShareOfBaseSalary * base.amount) : null;
  const amounts =
    salary === undefined
      ? null
      : {
          salary,
          dues: Math.min(Math.round((dues.rate ?? 0) * salary), cap ?? Number.POSITIVE_INFINITY),
          fee: Math.round((fee.rate ?? 0) * salary),
        };
  return { date, dues: { ...dues, cap }, fee, baseSalary: base, amounts };
}

/** Adds a dated rate (an admin, when a new decision takes effect); an existing period is never rewritten. */
export async function addUnionRate(database: Database, ctx: RequestContext, input: UnionRate) {
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ value: UnionRate[] }>(sql`SELECT value FROM settings WHERE key = ${KEY} FOR UPDATE`, tx);
    const list = Array.isArray(row?.value) ? [...row.value] : [];
    const overlap = list.find(
      (r) => r.kind === input.kind && r.effectiveFrom <= (input.effectiveTo ?? "9999-12-31") && (r.effectiveTo ?? "9999-12-31") >= input.effectiveFrom,
    );
    if (overlap && !(overlap.effectiveTo === null && overlap.effectiveFrom < input.effectiveFrom)) {
      const message = `Trùng thời gian với mức áp dụng từ ${formatDate(overlap.effectiveFrom)} (${overlap.source})`;
      throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/effectiveFrom", message }] });
    }
    // A new rate closes the open-ended one of its kind the day before it starts.
    const next = list.map((r) => (r === overlap ? { ...r, effectiveTo: addDays(input.effectiveFrom, -1) } : r));
    next.push(input);
    await database.rows(
      sql`INSERT INTO settings (key, value, updated_by) VALUES (${KEY}, ${JSON.stringify(next)}::jsonb, ${ctx.actor.userId})
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      tx,
    );
    await audit(database, tx, ctx, { action: "union_rate_add", objectType: "settings", objectId: KEY, before: list, after: next });
    return next;
  });
}
