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

/**
 * A number a body publishes for workers to call: a mobile or landline (normalised as above) or a
 * 1800/1900 service number ("1900 6868"); null when it is none of these.
 */
export function normalizeContactPhone(input: string): string | null {
  const s = input.replace(/[\s.()-]/g, "");
  if (/^1[89]00(\d{4}|\d{6})$/.test(s)) return s;
  return normalizePhone(s);
}

/** Groups a stored number for reading aloud: "0225 3745 609", "0912 345 678", "1900 6868". */
export function formatPhone(digits: string): string {
  if (/^1[89]00\d{4}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4)}`;
  if (/^1[89]00\d{6}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^02\d{9}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
  if (/^0\d{9}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  return digits;
}

/**
 * The 63 province codes that open a 12-digit citizen ID (Circular 07/2016/TT-BCA, kept by Circular
 * 59/2021/TT-BCA and the Law on Identification 2023): the province where the birth was registered.
 * The 2025 merger of provinces changed no ID: the old codes stay valid (030 is now part of Hải Phòng).
 */
export const citizenIdProvinces: Readonly<Record<string, string>> = {
  "001": "Hà Nội",
  "002": "Hà Giang",
  "004": "Cao Bằng",
  "006": "Bắc Kạn",
  "008": "Tuyên Quang",
  "010": "Lào Cai",
  "011": "Điện Biên",
  "012": "Lai Châu",
  "014": "Sơn La",
  "015": "Yên Bái",
  "017": "Hòa Bình",
  "019": "Thái Nguyên",
  "020": "Lạng Sơn",
  "022": "Quảng Ninh",
  "024": "Bắc Giang",
  "025": "Phú Thọ",
  "026": "Vĩnh Phúc",
  "027": "Bắc Ninh",
  "030": "Hải Dương",
  "031": "Hải Phòng",
  "033": "Hưng Yên",
  "034": "Thái Bình",
  "035": "Hà Nam",
  "036": "Nam Định",
  "037": "Ninh Bình",
  "038": "Thanh Hóa",
  "040": "Nghệ An",
  "042": "Hà Tĩnh",
  "044": "Quảng Bình",
  "045": "Quảng Trị",
  "046": "Thừa Thiên Huế",
  "048": "Đà Nẵng",
  "049": "Quảng Nam",
  "051": "Quảng Ngãi",
  "052": "Bình Định",
  "054": "Phú Yên",
  "056": "Khánh Hòa",
  "058": "Ninh Thuận",
  "060": "Bình Thuận",
  "062": "Kon Tum",
  "064": "Gia Lai",
  "066": "Đắk Lắk",
  "067": "Đắk Nông",
  "068": "Lâm Đồng",
  "070": "Bình Phước",
  "072": "Tây Ninh",
  "074": "Bình Dương",
  "075": "Đồng Nai",
  "077": "Bà Rịa - Vũng Tàu",
  "079": "Thành phố Hồ Chí Minh",
  "080": "Long An",
  "082": "Tiền Giang",
  "083": "Bến Tre",
  "084": "Trà Vinh",
  "086": "Vĩnh Long",
  "087": "Đồng Tháp",
  "089": "An Giang",
  "091": "Kiên Giang",
  "092": "Cần Thơ",
  "093": "Hậu Giang",
  "094": "Sóc Trăng",
  "095": "Bạc Liêu",
  "096": "Cà Mau",
};

/**
 * Why a 12-digit citizen ID cannot be real, in Vietnamese, or null when its form is valid: 12 digits,
 * the first three a province code, the fourth a century/gender digit (0–9 covers 1900–2399).
 */
export function citizenIdProblem(id: string): string | null {
  if (!/^\d{12}$/.test(id)) return "Số CCCD phải có đúng 12 chữ số";
  const code = id.slice(0, 3);
  if (!citizenIdProvinces[code])
    return `Số CCCD không hợp lệ: 3 chữ số đầu "${code}" không phải mã tỉnh, thành phố nơi đăng ký khai sinh (Thông tư 59/2021/TT-BCA)`;
  return null;
}

/** For zod's superRefine on a citizen-ID field: adds the province-code reason to a 12-digit ID that has one. */
export function checkCitizenIdProvince(value: string | null | undefined, ctx: { addIssue: (issue: { code: "custom"; message: string }) => void }): void {
  if (!value || !/^\d{12}$/.test(value.trim())) return;
  const problem = citizenIdProblem(value.trim());
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}
