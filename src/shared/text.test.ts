import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { freshDatabase } from "../../test/support/db.ts";
import { cleanText, fold, formatDate, formatNumber, formatPercent, parseDate, splitFullName } from "./text.ts";

describe("fold (TypeScript)", () => {
  it("ignores diacritics, case and the Đ/Ð look-alikes", () => {
    expect(fold("Đặng Văn Đức")).toBe("dang van duc");
    expect(fold("Thuỷ")).toBe(fold("Thủy"));
    expect(fold("Hoà")).toBe(fold("Hòa"));
    expect(fold("Ðào")).toBe(fold("Đào"));
    expect(fold("  Nguyễn\u200B   Thị  ")).toBe("nguyen thi");
  });
  it("treats decomposed input like composed input", () => {
    expect(fold("Thu\u0309y")).toBe("thuy");
  });
});

describe("vn_fold (SQL) gives the same answer as fold", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
  });
  afterAll(async () => drop());

  it("for every Vietnamese letter, both cases, and the awkward inputs", async () => {
    const letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
    const samples = [
      ...letters,
      ...letters.toUpperCase(),
      "Đặng Văn Đức",
      "Thuỷ",
      "Thủy",
      "Ðào",
      "ðào",
      "Thu\u0309y",
      "  Lê\u200B  Văn  ",
      "Nguyễn Thị Ánh Tuyết",
    ];
    for (const s of samples) {
      const [row] = await database.rows<{ f: string }>(sql`SELECT vn_fold(${s}) AS f`);
      expect(row?.f, JSON.stringify(s)).toBe(fold(s));
    }
  });

  it("matches a search without diacritics against stored names", async () => {
    const [row] = await database.rows<{ a: boolean; b: boolean; c: boolean }>(
      sql`SELECT vn_fold('Đặng Văn Đức') LIKE '%' || vn_fold('dang van duc') || '%' AS a,
                 vn_fold('Thuỷ') = vn_fold('Thủy') AS b, vn_fold('Ðào') = vn_fold('Đào') AS c`,
    );
    expect(row).toEqual({ a: true, b: true, c: true });
  });
});

describe("Vietnamese formats", () => {
  it("formats numbers, percentages and dates the Vietnamese way", () => {
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatPercent(61.84)).toBe("61,8%");
    expect(formatDate("2025-12-31")).toBe("31/12/2025");
  });
  it("parses dd/mm/yyyy and ISO dates and refuses impossible ones", () => {
    expect(parseDate("05/03/2024")).toBe("2024-03-05");
    expect(parseDate("2024-03-05")).toBe("2024-03-05");
    expect(parseDate("31/02/2024")).toBeNull();
    expect(parseDate("hôm qua")).toBeNull();
  });
  it("cleans and splits names", () => {
    expect(cleanText(" Nguyễn   Văn\u200B An ")).toBe("Nguyễn Văn An");
    expect(splitFullName("Nguyễn Thị Ánh Tuyết")).toEqual({ familyName: "Nguyễn", middleName: "Thị Ánh", givenName: "Tuyết" });
  });
});
