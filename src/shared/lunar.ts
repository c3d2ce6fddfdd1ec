/**
 * The Vietnamese lunisolar calendar (âm lịch), by Hồ Ngọc Đức's well-known algorithm: new moons and
 * solar terms from Jean Meeus' "Astronomical Algorithms", reckoned at UTC+7. The Chinese calendar
 * (UTC+8) differs in some years, so a Chinese lunar package would put Tết on the wrong day then.
 * Tested against the Tết and Giỗ Tổ dates of 2020–2030 (lunar.test.ts).
 */
import { addDays, weekday } from "./clock.ts";

const TZ = 7;
const { PI, floor, sin } = Math;

function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  if (jd < 2299161) jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  return jd;
}

function jdToIso(jd: number): string {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  const day = e - floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * floor(m / 10);
  const year = b * 100 + d - 4800 + floor(m / 10);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  c1 = c1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  c1 -= 0.0004 * sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  const deltat = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltat;
}

function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.00029 * sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= PI * 2 * floor(L / (PI * 2));
  return L;
}

const sunSector = (dayNumber: number) => floor((sunLongitude(dayNumber - 0.5 - TZ / 24) / PI) * 6);
const newMoonDay = (k: number) => floor(newMoon(k) + 0.5 + TZ / 24);

function lunarMonth11(yy: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = floor(off / 29.530588853);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

function leapMonthOffset(a11: number): number {
  const k = floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The solar date ("yyyy-mm-dd") of a lunar date; null for a leap month the year does not have. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string | null {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) return null;
  return jdToIso(newMoonDay(k + off) + day - 1);
}

/** The lunar date of a solar date. */
export function solarToLunar(isoDate: string): { day: number; month: number; year: number; leap: boolean } {
  const [yy, mm, dd] = isoDate.split("-").map(Number) as [number, number, number];
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = floor((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(yy);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** Mùng 1 Tết (the first day of the lunar year that begins in solar year `year`). */
export function tetDay(year: number): string {
  return lunarToSolar(1, 1, year) ?? "";
}

export interface StatutoryHoliday {
  day: string;
  name: string;
}

/**
 * The paid public holidays of a solar year under the Labour Code 2019, Art. 112(1): 1/1; Tết
 * Nguyên đán 5 days (the last day of the lunar year and the first four of the new one, the usual
 * arrangement the Prime Minister announces); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh
 * 2/9 and the day before. A holiday falling on Saturday or Sunday gives the next working day off
 * (Art. 111(3)). These are the days a deadline skips when the admins' edited calendar does not
 * cover a year; the government's extra or swapped days are entered in that calendar.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const days: StatutoryHoliday[] = [{ day: `${year}-01-01`, name: "Tết Dương lịch" }];
  const tet = tetDay(year);
  for (let i = -1; i <= 3; i++) days.push({ day: addDays(tet, i), name: "Tết Nguyên đán" });
  const hung = lunarToSolar(10, 3, year);
  if (hung) days.push({ day: hung, name: "Giỗ Tổ Hùng Vương" });
  days.push({ day: `${year}-04-30`, name: "Ngày Chiến thắng" });
  days.push({ day: `${year}-05-01`, name: "Ngày Quốc tế Lao động" });
  days.push({ day: `${year}-09-01`, name: "Quốc khánh" });
  days.push({ day: `${year}-09-02`, name: "Quốc khánh" });
  const taken = new Set(days.map((d) => d.day));
  const out = days.filter((d) => ![0, 6].includes(weekday(d.day)));
  for (const d of days) {
    if (![0, 6].includes(weekday(d.day))) continue;
    let next = addDays(d.day, 1);
    while ([0, 6].includes(weekday(next)) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    out.push({ day: next, name: `${d.name} (nghỉ bù)` });
  }
  // Only days of this solar year (Tết's eve can fall in the previous one only in theory).
  return out.filter((d) => d.day.startsWith(`${year}-`)).sort((a, b) => a.day.localeCompare(b.day));
}
