import { randomBytes } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { createImportJob } from "#server/modules/registry/import.jobs.ts";
import { importMembers } from "#server/modules/registry/import.service.ts";
import { countsByUnion } from "#server/modules/registry/membership-counts.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { buildCity, buildEnterprise, buildUnion, cityOfficerContext } from "../../../../test/support/factories.ts";

/**
 * A city's first import, into an empty registry: the rows are staged as new people and not
 * classified against the registry, and the bulk load gives the names Node computed. The checks,
 * the all-or-nothing commit and what the next imports do must be those of any other import.
 */
describe("the first member import into an empty registry", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let ctx: RequestContext;
  let codeA = "";
  let codeB = "";
  const files: string[] = [];
  const HEADER = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã số thuế doanh nghiệp,Công đoàn cơ sở,Ngày vào công đoàn,Số thẻ đoàn viên";

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    const city = await buildCity(database);
    const unionA = await buildUnion(database, city, (await buildEnterprise(database, city)).id);
    const unionB = await buildUnion(database, city, (await buildEnterprise(database, city)).id);
    const codes = await database.rows<{ code: string }>(sql`SELECT code FROM unions WHERE id IN (${unionA.id}, ${unionB.id}) ORDER BY id`);
    codeA = codes[0]?.code ?? "";
    codeB = codes[1]?.code ?? "";
    ctx = await cityOfficerContext(database, city, "first");
  });
  afterAll(async () => {
    for (const f of files) await unlink(f).catch(() => undefined);
    await drop();
  });

  let steps: string[] = [];
  async function run(lines: string[], dryRun: boolean) {
    steps = [];
    const file = path.join(tmpdir(), `caunoi-first-${randomBytes(4).toString("hex")}.csv`);
    files.push(file);
    await writeFile(file, [HEADER, ...lines].join("\n"));
    return importMembers(database, ctx, await createImportJob(database, ctx, "members", dryRun, "first.csv"), file, {
      dryRun,
      bulkFrom: 1,
      today: "2026-11-22",
      log: (line) => steps.push(line),
    });
  }
  const people = () =>
    database.rows<{ citizenId: string; fullName: string; nameFold: string; unionCode: string | null; n: number }>(
      sql`SELECT p.citizen_id AS "citizenId", p.full_name AS "fullName", p.name_fold AS "nameFold",
                 (SELECT u.code FROM memberships m JOIN unions u ON u.id = m.union_id WHERE m.person_id = p.id AND m.valid_to IS NULL) AS "unionCode",
                 (SELECT count(*)::int FROM memberships m WHERE m.person_id = p.id) AS n
          FROM people p ORDER BY p.citizen_id`,
    );

  it("names every bad row (duplicates in the file too), and writes nothing while one is left", async () => {
    const bad = await run(
      [
        `1,ÐẶNG VĂN ÐỨC,01/01/1990,Nam,031090000001,,,${codeA},01/06/2015,`,
        `2,Lê Thị Hoa,01/01/1991,Nữ,031191000002,,,${codeA},01/06/2015,`,
        `3,Lê Thị Hoa,01/01/1991,Nữ,031191000002,,,${codeB},01/06/2015,`,
        `4,Trần Thị Mai,31/02/1990,Nữ,031190000004,,,${codeB},01/06/2015,`,
      ],
      false,
    );
    expect(bad).toMatchObject({ committed: false, rejected: 3, created: 1 });
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([
      [3, "duplicate_in_file"],
      [4, "duplicate_in_file"],
      [5, "invalid_date"],
    ]);
    expect(await people()).toEqual([]);
  });

  it("creates everyone with their names kept as SQL keeps them; the same file again changes nothing; a move is a transfer", async () => {
    const lines = [
      // A backslash in the card number goes through the COPY escaped.
      `1,ÐẶNG VĂN ÐỨC,01/01/1990,Nam,031090000001,,,${codeA},01/06/2015,TH\\0001`,
      `2,Lê Thị Hoa,01/01/1991,Nữ,031191000002,,,${codeA},01/06/2015,`,
      `3,Nguyê\u0303n  Thi\u0323\tThu\u0309y,01/01/1992,Nữ,031192000003,,,${codeB},01/06/2015,`,
    ];
    expect(await run(lines, true)).toMatchObject({ committed: false, created: 3, rejected: 0 });
    expect(await people()).toEqual([]);
    expect(await run(lines, false)).toMatchObject({ committed: true, created: 3, rejected: 0 });
    // Nobody to compare with: the rows were not classified against the registry.
    expect(steps.some((l) => l.includes("UPDATE import_rows s SET"))).toBe(false);
    expect(steps.some((l) => l.includes("DISABLE TRIGGER people_names"))).toBe(true);
    const rows = await people();
    expect(rows.map((r) => [r.fullName, r.nameFold, r.unionCode, r.n])).toEqual([
      ["Đặng Văn Đức", "dang van duc", codeA, 1],
      ["Lê Thị Hoa", "le thi hoa", codeA, 1],
      ["Nguyễn Thị Thủy", "nguyen thi thuy", codeB, 1],
    ]);
    const [check] = await database.rows<{ same: boolean }>(
      sql`SELECT bool_and(full_name = btrim(regexp_replace(family_name || ' ' || middle_name || ' ' || given_name, '\\s+', ' ', 'g'))
                          AND name_fold = vn_fold(family_name || ' ' || middle_name || ' ' || given_name)) AS same FROM people`,
    );
    expect(check?.same).toBe(true);
    const [card] = await database.rows<{ cardNo: string }>(sql`SELECT card_no AS "cardNo" FROM memberships WHERE card_no IS NOT NULL`);
    expect(card?.cardNo).toBe("TH\\0001");

    expect(await run(lines, false)).toMatchObject({ committed: true, created: 0, unchanged: 3 });
    expect(steps.some((l) => l.includes("UPDATE import_rows s SET"))).toBe(true);
    const moved = [lines[0] ?? "", (lines[1] ?? "").replace(codeA, codeB), lines[2] ?? ""];
    expect(await run(moved, false)).toMatchObject({ committed: true, created: 0, transferred: 1, unchanged: 2 });
    expect((await people()).map((r) => [r.unionCode, r.n])).toEqual([
      [codeA, 1],
      [codeB, 2],
      [codeB, 1],
    ]);
    // The dashboard's kept membership counts followed the bulk load and the transfer (migration 0104).
    const today = new Date().toISOString().slice(0, 10);
    const direct = await database.rows<{ unionId: number; members: number; women: number }>(
      sql`SELECT m.union_id AS "unionId", count(*)::int AS members, count(*) FILTER (WHERE p.gender = 'female')::int AS women
          FROM memberships m JOIN people p ON p.id = m.person_id
          WHERE m.valid_from <= ${today}::date AND (m.valid_to IS NULL OR m.valid_to >= ${today}::date) GROUP BY 1 ORDER BY 1`,
    );
    const kept = await countsByUnion(database, () => sql`true`, today, []);
    expect(kept.map((k) => ({ unionId: k.unionId, members: k.members, women: k.women })).sort((a, b) => a.unionId - b.unionId)).toEqual(direct);
    expect(direct.reduce((n, r) => n + r.members, 0)).toBe(3);
  });
});
