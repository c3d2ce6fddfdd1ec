import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { cleanText } from "#shared/text.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { cleanVietnameseName } from "./import.cells.ts";
import { keptNames } from "./import.names.ts";

/** The name as the import splits it after cleaning: family name first, given name last. */
function split(full: string) {
  const parts = full.split(" ");
  if (parts.length === 1) return { family: "", middle: "", given: full };
  return { family: parts[0] ?? "", middle: parts.slice(1, -1).join(" "), given: parts[parts.length - 1] ?? "" };
}

describe("people's full_name and name_fold computed in Node give what SQL gives", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
  });
  afterAll(async () => drop());

  const raw = [
    "Đặng Văn Đức",
    "ÐẶNG VĂN ÐỨC",
    "ðào thị ðiệp",
    "Nguyê\u0303n Thi\u0323 Thu\u0309y", // NFD
    "Trần\tThị\t\tHương",
    "  Lê   Văn  Ưng  ",
    "Phạm Thị Ánh Tuyết",
    "LƯU ƠN TRƯƠNG",
    "Ưng Ơn",
    "Hoà",
    "Thuỷ Thủy Hòa",
    "Hồ Nguyễn Minh Ngọc Bảo Châu",
    "Đinh\u200B Thị Loan",
    "Nguyễn Văn A'Lăng",
    "Y-Moan Êban",
    "Kpă H'Hen",
    "Søren Łukasz Ærø", // not Vietnamese: left to SQL
    "Иван Петров",
    "Nguyễn\u00A0Thị Mai",
  ];

  it("on tricky names: Ð/Đ/đ, NFD input, tabs and double spaces, ư/ơ, upper case", async () => {
    let computed = 0;
    for (const r of raw) {
      const full = cleanVietnameseName(r);
      const { family, middle, given } = split(full);
      const [row] = await database.rows<{ id: number; fullName: string; nameFold: string }>(
        sql`INSERT INTO people (family_name, middle_name, given_name) VALUES (${family}, ${middle}, ${given}) RETURNING id, full_name AS "fullName", name_fold AS "nameFold"`,
      );
      const kept = keptNames(family, middle, given);
      if (kept.fullName !== null) {
        computed++;
        expect(kept, JSON.stringify(r)).toEqual({ fullName: row?.fullName, nameFold: row?.nameFold });
      } else expect(kept.nameFold).toBeNull();
    }
    // Every Vietnamese name above is computed in Node; only the foreign letters are left to SQL.
    expect(computed).toBe(raw.length - 2);
  });

  it("on raw, uncleaned parts Node gives up rather than differ", () => {
    expect(keptNames("Lê", "Văn  Ưng", "A").nameFold).toBeNull();
    expect(keptNames("Lê\t", "", "A").nameFold).toBeNull();
    expect(keptNames("Nguye\u0303n", "", "A").nameFold).toBeNull();
    expect(keptNames("", "", cleanText("Đức"))).toEqual({ fullName: "Đức", nameFold: "duc" });
  });

  it("the trigger keeps both on every write path: insert, update of a name, and values written by hand", async () => {
    const [p] = await database.rows<{ id: number }>(sql`INSERT INTO people (family_name, middle_name, given_name) VALUES ('Lê', 'Thị', 'Bích') RETURNING id`);
    await database.rows(sql`UPDATE people SET given_name = 'Ðào' WHERE id = ${p?.id}`);
    await database.rows(sql`UPDATE people SET full_name = 'x', name_fold = 'y' WHERE id = ${p?.id}`);
    await database.rows(sql`UPDATE people SET phone = '0912345678' WHERE id = ${p?.id}`);
    const [row] = await database.rows(sql`SELECT full_name AS "fullName", name_fold AS "nameFold" FROM people WHERE id = ${p?.id}`);
    expect(row).toEqual({ fullName: "Lê Thị Ðào", nameFold: "le thi dao" });
  });
});
