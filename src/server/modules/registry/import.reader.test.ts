import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvSplitter } from "./import.reader.ts";

/** Splits `text` fed in chunks of `size` characters. */
function split(text: string, size: number): string[][] {
  const s = new CsvSplitter();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size), out);
  s.end(out);
  return out;
}

describe("CSV splitter", () => {
  it("reads what csv-parse reads (the reader's former options), wherever the chunks break", () => {
    const texts = [
      "a,b,c\n1,2,3\n",
      'a;b\tc\r\n"x,y","q""uote"\r\n',
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
        delimiter: [",", ";", "\t"],
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        trim: false,
      });
      for (const size of [1, 2, 3, 7, 1 << 20]) expect(split(text, size)).toEqual(expected);
    }
  });

  it("refuses an unclosed quote, a stray closing quote and a record over 64 KiB", () => {
    expect(() => split('"abc', 4)).toThrow(/ngoặc kép/);
    expect(() => split('"a"b,c', 10)).toThrow(/ngoặc kép/);
    expect(() => split("A".repeat(70_000), 1 << 16)).toThrow(/dài quá/);
  });
});
