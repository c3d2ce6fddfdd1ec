/**
 * Vietnamese identifiers: citizen ID (CCCD), enterprise tax code, mobile phone.
 * Rules and sources: shared/reference/domain-facts.md §5.3.
 */

export type Gender = "male" | "female";

/** Decodes the 4th digit of a 12-digit citizen ID: century and gender. */
export function decodeCitizenId(id: string): { provinceCode: string; gender: Gender; birthYearSuffix: number; century: number } | null {
  if (!/^\d{12}$/.test(id)) return null;
  const d4 = Number(id[3]);
  const century = 1900 + Math.floor(d4 / 2) * 100;
  return {
    provinceCode: id.slice(0, 3),
    gender: d4 % 2 === 0 ? "male" : "female",
    birthYearSuffix: Number(id.slice(4, 6)),
    century,
  };
}

/** Makes the century/gender digit for a birth year and gender (Circular 59/2021/TT-BCA). */
export function citizenIdCenturyDigit(birthYear: number, gender: Gender): number {
  const base = Math.floor((birthYear - 1900) / 100) * 2;
  return base + (gender === "female" ? 1 : 0);
}

/**
 * Checks a citizen ID against what the record says. Returns the list of mismatches
 * (warnings, not refusals: the record may be the one that is wrong).
 */
export function citizenIdMismatches(id: string, birthYear: number | null, gender: Gender | null): ("gender" | "birthYear")[] {
  const decoded = decodeCitizenId(id);
  if (!decoded) return [];
  const out: ("gender" | "birthYear")[] = [];
  if (gender && decoded.gender !== gender) out.push("gender");
  if (birthYear !== null && decoded.century + decoded.birthYearSuffix !== birthYear) out.push("birthYear");
  return out;
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** Normalises a tax code: 10 digits, or 13 written "NNNNNNNNNN-NNN" for a branch. Null if neither. */
export function normalizeTaxCode(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, "");
  if (/^\d{10}$/.test(digits)) return digits;
  if (/^\d{13}$/.test(digits)) return `${digits.slice(0, 10)}-${digits.slice(10)}`;
  return null;
}

/** The check digit of a 10-digit tax code; a mismatch is a warning (implementations differ). */
export function taxCodeCheckDigitOk(taxCode: string): boolean {
  const base = taxCode.slice(0, 10);
  if (!/^\d{10}$/.test(base)) return false;
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  const check = 10 - (sum % 11);
  return check === Number(base[9]);
}

/** Computes the 10th digit for nine leading digits, or null when no digit fits. */
export function taxCodeCheckDigit(nineDigits: string): number | null {
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(nineDigits[i]), 0);
  const check = 10 - (sum % 11);
  return check >= 0 && check <= 9 ? check : null;
}

/** Normalises a Vietnamese mobile number to "0xxxxxxxxx", or null when it is not one. */
export function normalizePhone(input: string): string | null {
  const s = input.replace(/[\s.()-]/g, "");
  const m = /^(?:\+?84|0)((?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7})$/.exec(s);
  if (m) return `0${m[1]}`;
  const landline = /^(?:\+?84|0)(2\d{9})$/.exec(s);
  if (landline) return `0${landline[1]}`;
  return null;
}
