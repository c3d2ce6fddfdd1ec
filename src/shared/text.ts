import { vnDate } from "./clock.ts";
/**
 * Vietnamese text helpers shared by the server, the web client and SQL.
 *
 * The fold is the one definition of "the same text, ignoring diacritics": the SQL function
 * `vn_fold(text)` (migration 0001) must give the same answer for every input, and a test checks it.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Stores text the one way: NFC, no zero-width characters, single spaces, trimmed. */
export function cleanText(input: string): string {
  return input.normalize("NFC").replace(ZERO_WIDTH, "").replace(/\s+/g, " ").trim();
}

/**
 * Folds Vietnamese text for matching: no tone marks or vowel marks, Đ/đ and the look-alike
 * Ð/ð (left by VNI/TCVN3 conversions) become d, lower case, single spaces.
 * NFD does not decompose Đ (its stroke is not a combining mark), hence the explicit map.
 */
export function fold(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[ĐÐđð]/g, "d")
    .toLowerCase()
    .replace(ZERO_WIDTH, "")
    .replace(/\s+/g, " ")
    .trim();
}

const collator = new Intl.Collator("vi", { sensitivity: "base" });

/** Compares names the way official lists are sorted: given name, then family name, then middle name. */
export function compareVietnameseNames(
  a: { familyName: string; middleName?: string | null; givenName: string },
  b: { familyName: string; middleName?: string | null; givenName: string },
): number {
  return collator.compare(a.givenName, b.givenName) || collator.compare(a.familyName, b.familyName) || collator.compare(a.middleName ?? "", b.middleName ?? "");
}

/** Splits "Nguyễn Văn Đức" into family "Nguyễn", middle "Văn", given "Đức". */
export function splitFullName(fullName: string): { familyName: string; middleName: string; givenName: string } {
  const parts = cleanText(fullName).split(" ").filter(Boolean);
  if (parts.length === 0) return { familyName: "", middleName: "", givenName: "" };
  if (parts.length === 1) return { familyName: "", middleName: "", givenName: parts[0] ?? "" };
  const familyName = parts[0] ?? "";
  const givenName = parts[parts.length - 1] ?? "";
  return { familyName, middleName: parts.slice(1, -1).join(" "), givenName };
}

const numberFormat = new Intl.NumberFormat("vi-VN");

/** 1234567 → "1.234.567" (Vietnamese grouping). */
export function formatNumber(value: number, fractionDigits?: number): string {
  if (fractionDigits === undefined) return numberFormat.format(value);
  return fixedFormat(fractionDigits).format(value);
}

// A formatter is costly to build (≈ 0,1 ms): a dashboard formats thousands of percentages.
const fixedFormats = new Map<number, Intl.NumberFormat>();
function fixedFormat(fractionDigits: number): Intl.NumberFormat {
  let f = fixedFormats.get(fractionDigits);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    fixedFormats.set(fractionDigits, f);
  }
  return f;
}

/** 58000000000 → "58.000.000.000 ₫" */
export function formatVnd(value: number): string {
  return `${numberFormat.format(Math.round(value))} ₫`;
}

/** A percentage in Vietnamese style: 61.84 → "61,8%". */
export function formatPercent(value: number, fractionDigits = 1): string {
  return `${formatNumber(value, fractionDigits)}%`;
}

/** Date (or ISO "yyyy-mm-dd") → "dd/mm/yyyy". */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
    value = new Date(value);
  }
  if (Number.isNaN(value.getTime())) return "";
  // An instant is shown as its day in Vietnam, whatever the time zone of the machine.
  return formatDate(vnDate(value));
}

/**
 * Parses a date as Vietnamese offices write it: "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy" or ISO
 * "yyyy-mm-dd". Returns ISO "yyyy-mm-dd", or null when it is not a real calendar date.
 */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/.exec(s);
    if (!match) return null;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2200) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
