import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvSplitter, detectDelimiter } from "./import.reader.ts";

/** Splits `text` fed in chunks of `size` characters. */
function split(text: string, size: number): string[][] {
  const s = new CsvSplitter();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size), out);
  s.end(out);
  return out;
}

describe("CSV splitter", () => {
  it("reads what csv-parse reads with the file's one delimiter, wherever the chunks break", () => {
    const texts = [
      "a,b,c\n1,2,3\n",
      'a;b;c\r\n"x;y";"q""uote";0201234567,0207654321\r\n',
      "a\tb\tc\n1,5\t2;3\t\n",
      '\uFEFFHọ và tên,Số CCCD\n"Nguyễn Văn ""Đức""",031095001234\n"nhiều\ndòng",z',
      "a,b,\n,,\n\n",
      'x"y,z\n',
      '"a""",b',
      "a\rb\rc",
      '"",""\n',
    ];
    for (const text of texts) {
      const expected = parse(text, {
        bom: true,
        delimiter: String.fromCharCode(detectDelimiter(text.split(/[\r\n]/)[0] ?? "")),
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        trim: false,
      });
      for (const size of [1, 2, 3, 7, 1 << 20]) expect(split(text, size)).toEqual(expected);
    }
  });

  it("takes the header's delimiter, so the other two stay inside cells as Excel left them", () => {
    const comma = "Mã công đoàn,Mã số thuế doanh nghiệp,Tên\nCD01,0201234567;0207654321,Công ty A; B\n";
    expect(split(comma, 5)[1]).toEqual(["CD01", "0201234567;0207654321", "Công ty A; B"]);
    const semicolon = "\uFEFFMã số thuế;Tên doanh nghiệp;Tổng số lao động\n0201234567;Công ty TNHH A, B;1.250\n";
    expect(split(semicolon, 3)[1]).toEqual(["0201234567", "Công ty TNHH A, B", "1.250"]);
    expect(split("STT\tHọ và tên\n1\tNguyễn Văn A, con\n", 4)[1]).toEqual(["1", "Nguyễn Văn A, con"]);
    // A header-only file without a line break, and a quoted header cell holding the other delimiter.
    expect(split("a;b", 1)).toEqual([["a", "b"]]);
    expect(detectDelimiter('"Họ, tên";"Ngày sinh";x')).toBe(59);
  });

  it("refuses an unclosed quote, a stray closing quote and a record over 64 KiB", () => {
    expect(() => split('"abc', 4)).toThrow(/ngoặc kép/);
    expect(() => split('"a"b,c', 10)).toThrow(/ngoặc kép/);
    expect(() => split("A".repeat(70_000), 1 << 16)).toThrow(/dài quá/);
  });
});
