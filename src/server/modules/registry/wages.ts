import { type SQL, sql } from "drizzle-orm";

/**
 * Monthly regional minimum wages (VND) by date of effect: Decree 74/2024/NĐ-CP from 01/07/2024,
 * Decree 293/2025/NĐ-CP from 01/01/2026 (shared/reference/domain-facts.md §1). Kept in code, not in
 * a table: they are law, change by decree, and a table seeded by a migration would make the
 * "restore into an empty database" backup rule fail.
 */
export const minimumWages: readonly { from: string; decree: string; monthly: readonly [number, number, number, number] }[] = [
  { from: "2026-01-01", decree: "293/2025/NĐ-CP", monthly: [5_310_000, 4_730_000, 4_140_000, 3_700_000] },
  { from: "2024-07-01", decree: "74/2024/NĐ-CP", monthly: [4_960_000, 4_410_000, 3_860_000, 3_450_000] },
];

/** The minimum wage of a region (1–4) on a date. */
export function minimumWage(region: number, onDate: string): number {
  const row = minimumWages.find((w) => w.from <= onDate) ?? minimumWages[minimumWages.length - 1];
  return row?.monthly[Math.min(4, Math.max(1, region)) - 1] ?? 0;
}

/** The same as SQL, for a region column and a date expression. */
export function minimumWageSql(region: SQL, onDate: SQL): SQL {
  const cases = minimumWages.map(
    (w) =>
      sql`WHEN ${onDate} >= ${w.from}::date THEN (ARRAY[${sql.join(
        w.monthly.map((m) => sql`${m}`),
        sql`, `,
      )}]::int[])[coalesce(${region}, 1)]`,
  );
  return sql`(CASE ${sql.join(cases, sql` `)} ELSE NULL END)`;
}

/** The last day of a half-year period "2025-H1" → "2025-06-30". */
export function periodEnd(period: string): string {
  const [y, h] = period.split("-H");
  return h === "1" ? `${y}-06-30` : `${y}-12-31`;
}
