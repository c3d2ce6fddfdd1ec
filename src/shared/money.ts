import { formatNumber } from "./text.ts";

/**
 * A sum of money in the words an official writes it in a report, on the server and in the web client:
 *
 * - under a million, the exact sum: "300.000 đồng", "350.500 đồng";
 * - from a million, in millions or billions ("triệu", "tỷ") with at most two decimals when that is the
 *   exact sum: "3,75 triệu đồng", "945 triệu đồng", "58 tỷ đồng", "1,45 tỷ đồng";
 * - otherwise cut (never rounded up) to one decimal with "hơn", because the true sum is larger:
 *   1.441.250.000 → "hơn 1,4 tỷ đồng", 209.456.000 → "hơn 209,4 triệu đồng", 1.000.500.000 → "hơn 1 tỷ đồng".
 *
 * Negative sums keep their sign; a sum is first rounded to whole đồng.
 */
export function moneyWords(amount: number): string {
  const v = Math.round(Math.abs(amount));
  const sign = amount < 0 && v > 0 ? "-" : "";
  const scaled = (size: number, word: string) => {
    // Work in hundredths of the unit, in integers, so 1.441.250.000 never becomes 1,4412499….
    if (v % (size / 100) === 0) return `${sign}${formatNumber(v / size)} ${word} đồng`;
    const tenths = Math.floor(v / (size / 10));
    return `hơn ${sign}${formatNumber(tenths / 10)} ${word} đồng`;
  };
  if (v >= 1_000_000_000) return scaled(1_000_000_000, "tỷ");
  if (v >= 1_000_000) return scaled(1_000_000, "triệu");
  return `${sign}${formatNumber(v)} đồng`;
}
