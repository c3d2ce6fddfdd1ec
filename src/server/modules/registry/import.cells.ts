/** Reading a member file's cells: names cleaned and split, dates, citizen IDs, gender words. */

import { cleanText, fold, parseDate } from "#shared/text.ts";
import type { Cell } from "./import.reader.ts";
import { utcCalendarDate } from "#shared/clock.ts";

/** Names written with the Icelandic Ð (left by old VNI/TCVN3 conversions) get the Vietnamese Đ; ALL CAPS become Title Case. */
export function cleanVietnameseName(input: string): string {
  let s = cleanText(input.includes("\u00D0") || input.includes("\u00F0") ? input.replace(/\u00D0/g, "\u0110").replace(/\u00F0/g, "\u0111") : input);
  // A name with a lower-case a–z is not ALL CAPS: most names, decided without ICU's upper-casing.
  if (s && !/[a-z]/.test(s) && s === s.toLocaleUpperCase("vi") && /\p{L}/u.test(s)) {
    s = s
      .toLocaleLowerCase("vi")
      .split(" ")
      .map((w) => (w ? w[0]?.toLocaleUpperCase("vi") + w.slice(1) : w))
      .join(" ");
  }
  return s;
}

/** splitFullName for a name cleanText already cleaned: family name first, given name last. */
export function splitCleanName(fullName: string): { familyName: string; middleName: string; givenName: string } {
  const first = fullName.indexOf(" ");
  if (first < 0) return { familyName: "", middleName: "", givenName: fullName };
  const last = fullName.lastIndexOf(" ");
  return { familyName: fullName.slice(0, first), middleName: first === last ? "" : fullName.slice(first + 1, last), givenName: fullName.slice(last + 1) };
}

const PLAIN_ASCII = /^[\x21-\x7E]*(?: [\x21-\x7E]+)*$/;

export const text = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return "";
  if (c instanceof Date) return utcCalendarDate(c);
  const s = String(c);
  // Most cells are digits, dates and codes: already clean, no need for Unicode normalisation.
  return PLAIN_ASCII.test(s) ? s : cleanText(s);
};

/** A date as Excel gives it: a Date cell, a serial number, or text dd/mm/yyyy / yyyy-mm-dd. */
export function cellDate(c: Cell | undefined): string | null | "invalid" {
  if (c === null || c === undefined || (typeof c === "string" && c.trim() === "")) return null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return "invalid";
    // exceljs gives dates at UTC midnight; a time part from a local-time export rounds to the nearest day.
    return utcCalendarDate(c.getTime() + 12 * 3600_000);
  }
  if (typeof c === "number") {
    if (c > 1 && c < 80_000) return utcCalendarDate(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000);
    return "invalid";
  }
  const s = String(c);
  // dd/mm/yyyy, as nearly every cell is written: read the digits instead of a regular expression.
  if (s.length === 10 && s.charCodeAt(2) === 47 && s.charCodeAt(5) === 47) {
    const d = digits2(s, 0);
    const m = digits2(s, 3);
    const y = digits2(s, 6) * 100 + digits2(s, 8);
    if (d >= 0 && m >= 0 && y >= 0) {
      if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return "invalid";
      return `${s.slice(6)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;
    }
  }
  return parseDate(s) ?? "invalid";
}

/** Two decimal digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A citizen ID from a cell: spaces and dots dropped; a number cell that lost its leading zero gets it back. */
export function cellCitizenId(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  let s = typeof c === "number" ? String(Math.round(c)) : String(c).replace(/[\s.'-]/g, "");
  if (typeof c === "number" && s.length === 11) s = `0${s}`;
  return s;
}

const genderWords = new Map<string, "male" | "female">([
  ["Nam", "male"],
  ["nam", "male"],
  ["NAM", "male"],
  ["Nữ", "female"],
  ["nữ", "female"],
  ["NỮ", "female"],
]);

export function genderOf(c: Cell | undefined): "male" | "female" | null | "invalid" {
  const raw = typeof c === "string" ? genderWords.get(c) : undefined;
  if (raw) return raw;
  const t = text(c);
  const quick = genderWords.get(t);
  if (quick) return quick;
  const f = fold(t);
  if (!f) return null;
  if (["nam", "male", "m", "trai"].includes(f)) return "male";
  if (["nu", "female", "f", "gai"].includes(f)) return "female";
  return "invalid";
}
