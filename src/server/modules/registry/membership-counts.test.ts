import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { Rng } from "#server/seed/rng.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion } from "../../../../test/support/factories.ts";
import { type DateRange, compactMembershipCounts, countsByUnion, keepMembershipCountsCompact } from "./membership-counts.ts";

/**
 * The kept counts must give exactly what counting the intervals gives, whatever happened to them:
 * joins, transfers, leaves, rejoins, corrected dates, deleted intervals, a person's sex corrected,
 * several of these in one statement, and compaction in between.
 */
let database: Database;
let drop: () => Promise<void>;
let city: TestCity;
const unions: number[] = [];
const rng = new Rng(20261122);

const day = (y0: number, y1: number) => {
  const t = Date.UTC(y0, 0, 1) + rng.int(0, (Date.UTC(y1, 11, 31) - Date.UTC(y0, 0, 1)) / 86_400_000) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

async function direct(asOf: string, ranges: DateRange[]) {
  const rows = await database.rows<{ unionId: number; members: number; women: number }>(
    sql`SELECT m.union_id AS "unionId", count(*)::int AS members, count(*) FILTER (WHERE p.gender = 'female')::int AS women
        FROM memberships m JOIN people p ON p.id = m.person_id
        WHERE m.valid_from <= ${asOf}::date AND (m.valid_to IS NULL OR m.valid_to >= ${asOf}::date) GROUP BY 1`,
  );
  const out = new Map<number, { members: number; women: number; joined: number[] }>();
  for (const r of rows) out.set(r.unionId, { members: r.members, women: r.women, joined: ranges.map(() => 0) });
  for (const [i, range] of ranges.entries()) {
    const js = await database.rows<{ unionId: number; n: number }>(
      sql`SELECT union_id AS "unionId", count(*)::int AS n FROM memberships
          WHERE start_reason IN ('join', 'rejoin') AND valid_from BETWEEN ${range.from}::date AND ${range.to}::date GROUP BY 1`,
    );
    for (const j of js) {
      const row = out.get(j.unionId) ?? { members: 0, women: 0, joined: ranges.map(() => 0) };
      row.joined[i] = j.n;
      out.set(j.unionId, row);
    }
  }
  return out;
}

async function kept(asOf: string, ranges: DateRange[]) {
  const rows = await countsByUnion(database, () => sql`true`, asOf, ranges);
  return new Map(rows.map((r) => [r.unionId, { members: r.members, women: r.women, joined: r.joined }]));
}

const normalise = (m: Map<number, { members: number; women: number; joined: number[] }>) =>
  [...m.entries()].filter(([, v]) => v.members || v.women || v.joined.some(Boolean)).sort((a, b) => a[0] - b[0]);

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Days and ranges that hit every boundary: half starts and ends, the day before and after, mid-half. */
const probes: { asOf: string; ranges: DateRange[] }[] = [
  { asOf: "2024-12-31", ranges: [{ from: "2024-01-01", to: "2024-12-31" }] },
  {
    asOf: "2025-06-30",
    ranges: [
      { from: "2025-01-01", to: "2025-06-30" },
      { from: "2025-01-01", to: "2025-06-30" },
    ],
  },
  {
    asOf: "2025-07-01",
    ranges: [
      { from: "2025-07-01", to: "2025-12-31" },
      { from: "2025-01-01", to: "2025-07-01" },
    ],
  },
  {
    asOf: "2025-11-22",
    ranges: [
      { from: "2025-01-01", to: "2025-12-31" },
      { from: "2025-01-01", to: "2025-11-22" },
      { from: "2025-03-15", to: "2025-04-02" },
    ],
  },
  { asOf: "2026-01-01", ranges: [{ from: "2024-02-29", to: "2026-01-01" }] },
  { asOf: "2023-03-03", ranges: [] },
  { asOf: "2030-01-01", ranges: [{ from: "2026-01-01", to: "2026-12-31" }] },
  // Edges read forward and backward (the nearer end of their half), and today, read from the end.
  {
    asOf: "2024-05-20",
    ranges: [
      { from: "2024-05-20", to: "2025-11-30" },
      { from: "2023-02-10", to: "2024-08-01" },
    ],
  },
  {
    asOf: TODAY,
    ranges: [
      { from: `${TODAY.slice(0, 4)}-01-01`, to: TODAY },
      { from: TODAY, to: TODAY },
    ],
  },
];

async function expectSame() {
  for (const p of probes) {
    expect(normalise(await kept(p.asOf, p.ranges)), `as of ${p.asOf}`).toEqual(normalise(await direct(p.asOf, p.ranges)));
  }
}

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  city = await buildCity(database);
  for (let i = 0; i < 4; i++) {
    const e = await buildEnterprise(database, city, { workforce: 100 });
    unions.push((await buildUnion(database, city, e.id)).id);
  }
});
afterAll(async () => drop());

describe("kept membership counts", () => {
  it("equal the intervals counted directly through joins, transfers, leaves, corrections, deletions and a sex corrected", async () => {
    // 120 people, inserted in one statement each batch, with histories of up to four intervals.
    const people = await database.rows<{ id: number }>(
      sql`INSERT INTO people (family_name, middle_name, given_name, gender)
          SELECT 'Nguyễn', 'Thị', 'Lan ' || g, CASE WHEN g % 3 = 0 THEN 'male' WHEN g % 7 = 0 THEN NULL ELSE 'female' END
          FROM generate_series(1, 120) g RETURNING id`,
    );
    const values: string[] = [];
    for (const p of people) {
      let from = day(2022, 2026);
      const n = rng.int(1, 4);
      for (let k = 0; k < n; k++) {
        const last = k === n - 1;
        const to = last && rng.int(0, 2) > 0 ? null : day(Number(from.slice(0, 4)), Number(from.slice(0, 4)) + 1);
        const end = to && to < from ? from : to;
        const reason = k === 0 ? "join" : rng.pick(["transfer", "rejoin", "transfer"]);
        values.push(`(${p.id}, ${rng.pick(unions)}, '${from}', ${end ? `'${end}'` : "NULL"}, '${reason}')`);
        if (!end) break;
        from = new Date(Date.parse(`${end}T00:00:00Z`) + rng.int(1, 90) * 86_400_000).toISOString().slice(0, 10);
      }
    }
    await database.rows(sql.raw(`INSERT INTO memberships (person_id, union_id, valid_from, valid_to, start_reason) VALUES ${values.join(", ")}`));
    await expectSame();

    // A transfer as the registry does it: the open interval ends, the next one starts the day after.
    const [open] = await database.rows<{ id: number; personId: number; unionId: number }>(
      sql`SELECT id, person_id AS "personId", union_id AS "unionId" FROM memberships WHERE valid_to IS NULL AND valid_from < '2025-09-01' ORDER BY id LIMIT 1`,
    );
    if (!open) throw new Error("no open interval");
    await database.db.transaction(async (tx) => {
      await database.rows(sql`UPDATE memberships SET valid_to = '2025-09-30', end_reason = 'transfer' WHERE id = ${open.id}`, tx);
      await database.rows(
        sql`INSERT INTO memberships (person_id, union_id, valid_from, start_reason) VALUES (${open.personId}, ${unions.find((u) => u !== open.unionId)}, '2025-10-01', 'transfer')`,
        tx,
      );
    });
    await expectSame();

    // A card number changes nothing counted; corrected dates and a moved union do.
    await database.rows(sql`UPDATE memberships SET card_no = 'CD-' || id`);
    await database.rows(sql`UPDATE memberships SET valid_from = valid_from - 40 WHERE id % 5 = 0`);
    await database.rows(sql`UPDATE memberships SET union_id = ${unions[0]} WHERE id % 7 = 0`);
    await database.rows(sql`UPDATE memberships SET valid_to = NULL WHERE id IN (SELECT max(id) FROM memberships GROUP BY person_id) AND id % 2 = 0`);
    await expectSame();

    // Sex corrected, both ways, and to unknown.
    await database.rows(sql`UPDATE people SET gender = CASE gender WHEN 'female' THEN 'male' ELSE 'female' END WHERE id % 4 = 0`);
    await database.rows(sql`UPDATE people SET gender = NULL WHERE id % 11 = 0`);
    await database.rows(sql`UPDATE people SET family_name = 'Trần' WHERE id % 2 = 0`);
    await expectSame();

    // Deleted intervals, then compaction: the same answers from fewer rows.
    await database.rows(sql`DELETE FROM memberships WHERE id % 9 = 0`);
    await expectSame();
    const [before] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM membership_counts`);
    await compactMembershipCounts(database);
    const [after] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM membership_counts`);
    expect(after?.n).toBeLessThan(before?.n ?? 0);
    await expectSame();

    // The server folds the appended rows by itself once they have grown by a tenth.
    const rowsNow = async () => (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM membership_counts`))[0]?.n ?? 0;
    const stop = keepMembershipCountsCompact(database, 30);
    try {
      await new Promise((r) => setTimeout(r, 100));
      const folded = await rowsNow();
      for (let i = 0; i < 5; i++) await database.rows(sql`UPDATE memberships SET valid_from = valid_from - 1 WHERE id % 3 = ${i % 3}`);
      expect(await rowsNow()).toBeGreaterThan(folded * 1.1 + 100);
      await expect.poll(rowsNow, { timeout: 5000, interval: 50 }).toBeLessThanOrEqual(folded + 50);
    } finally {
      stop();
    }
    await expectSame();

    // Emptied by TRUNCATE (a restore starts that way): nothing is left counted.
    await database.rows(sql`TRUNCATE memberships CASCADE`);
    expect(await countsByUnion(database, () => sql`true`, "2025-11-22", [{ from: "2025-01-01", to: "2025-12-31" }])).toEqual([]);
  });
});
