import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { Rng } from "#server/seed/rng.ts";
import { addMonths } from "#shared/clock.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion } from "../../../../test/support/factories.ts";
import { membersSeries } from "./metrics.ts";

/**
 * The dashboard's members-per-month series, read from the kept counts and the months' own changes,
 * must give at every month's end exactly what counting the intervals gives (the last month: on `to`),
 * city-wide and for one union, across transfers on a month's last day and intervals ending the day
 * before the series starts.
 */
let database: Database;
let drop: () => Promise<void>;
let city: TestCity;
const unions: number[] = [];
const rng = new Rng(20261206);

const day = (y0: number, y1: number) => {
  const t = Date.UTC(y0, 0, 1) + rng.int(0, (Date.UTC(y1, 11, 31) - Date.UTC(y0, 0, 1)) / 86_400_000) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

async function direct(from: string, to: string, unionId: number | null) {
  const out: { month: string; members: number }[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) {
    const d = m === to.slice(0, 7) ? to : monthEnd(m);
    const [row] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM memberships m
          WHERE m.valid_from <= ${d}::date AND (m.valid_to IS NULL OR m.valid_to >= ${d}::date) AND (${unionId}::int IS NULL OR m.union_id = ${unionId}::int)`,
    );
    out.push({ month: m, members: row?.n ?? 0 });
  }
  return out;
}

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  city = await buildCity(database);
  for (let i = 0; i < 3; i++) {
    const e = await buildEnterprise(database, city, { workforce: 100 });
    unions.push((await buildUnion(database, city, e.id)).id);
  }
  const people = await database.rows<{ id: number }>(
    sql`INSERT INTO people (family_name, middle_name, given_name, gender) SELECT 'Lê', 'Văn', 'Nam ' || g, 'male' FROM generate_series(1, 150) g RETURNING id`,
  );
  const values: string[] = [];
  for (const p of people) {
    let from = day(2023, 2026);
    for (let k = 0, n = rng.int(1, 4); k < n; k++) {
      const to = k === n - 1 && rng.int(0, 2) > 0 ? null : day(Number(from.slice(0, 4)), Number(from.slice(0, 4)) + 1);
      const end = to && to < from ? from : to;
      values.push(`(${p.id}, ${rng.pick(unions)}, '${from}', ${end ? `'${end}'` : "NULL"}, '${k === 0 ? "join" : "transfer"}')`);
      if (!end) break;
      from = new Date(Date.parse(`${end}T00:00:00Z`) + rng.int(1, 60) * 86_400_000).toISOString().slice(0, 10);
    }
  }
  // The edges: a transfer on a month's last day, an interval ending the day before a series starts.
  const [a, b] = await database.rows<{ id: number }>(
    sql`INSERT INTO people (family_name, middle_name, given_name, gender) VALUES ('Phạm', 'Thị', 'Hoa', 'female'), ('Vũ', 'Văn', 'An', 'male') RETURNING id`,
  );
  values.push(`(${a?.id}, ${unions[0]}, '2024-03-01', '2025-05-31', 'join')`, `(${a?.id}, ${unions[1]}, '2025-06-01', NULL, 'transfer')`);
  values.push(`(${b?.id}, ${unions[2]}, '2024-02-10', '2024-12-31', 'join')`, `(${b?.id}, ${unions[2]}, '2025-01-01', '2025-01-01', 'rejoin')`);
  await database.rows(sql.raw(`INSERT INTO memberships (person_id, union_id, valid_from, valid_to, start_reason) VALUES ${values.join(", ")}`));
});
afterAll(async () => drop());

describe("the members series", () => {
  it.each([
    ["2025-01-01", "2025-12-31"],
    ["2024-12-01", "2025-11-22"],
    ["2025-06-01", "2026-06-15"],
    ["2023-01-01", "2023-01-01"],
  ])("from %s to %s equals the intervals counted at each month's end, city-wide and for one union", async (from, to) => {
    expect(await membersSeries(database, { scope: { kind: "city" } }, from, to)).toEqual(await direct(from, to, null));
    const unionId = unions[1] ?? 0;
    expect(await membersSeries(database, { scope: { kind: "union", unionIds: [unionId], enterpriseIds: [] } }, from, to)).toEqual(
      await direct(from, to, unionId),
    );
  });
});
