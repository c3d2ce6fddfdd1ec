/**
 * The demo city: Hải Phòng's real zones (shared/reference/domain-facts.md §6.3) with the commune
 * each lies in, and the shapes of its enterprises. Enterprise names are invented.
 */
export interface ZoneSeed {
  code: string;
  name: string;
  kind: "industrial_zone" | "economic_zone" | "industrial_cluster";
  commune: string;
  areaHa: number;
  /** 0 = Công đoàn Khu kinh tế (east), 1 = Công đoàn các KCN phía Tây (ex-Hải Dương). */
  zoneUnion: 0 | 1;
  weight: number;
}

export const zones: readonly ZoneSeed[] = [
  { code: "DINHVU", name: "KCN Đình Vũ (DEEP C I)", kind: "industrial_zone", commune: "Đông Hải", areaHa: 1164, zoneUnion: 0, weight: 10 },
  { code: "NAMDINHVU", name: "KCN Nam Đình Vũ", kind: "industrial_zone", commune: "Đông Hải", areaHa: 1329, zoneUnion: 0, weight: 8 },
  { code: "VSIP", name: "KCN VSIP Hải Phòng", kind: "industrial_zone", commune: "Thuỷ Nguyên", areaHa: 1600, zoneUnion: 0, weight: 10 },
  { code: "TRANGDUE", name: "KCN Tràng Duệ", kind: "industrial_zone", commune: "An Dương", areaHa: 687, zoneUnion: 0, weight: 10 },
  { code: "NOMURA", name: "KCN Nomura Hải Phòng", kind: "industrial_zone", commune: "An Phong", areaHa: 153, zoneUnion: 0, weight: 5 },
  { code: "ANDUONG", name: "KCN An Dương", kind: "industrial_zone", commune: "An Hải", areaHa: 196, zoneUnion: 0, weight: 5 },
  { code: "DOSON", name: "KCN Đồ Sơn", kind: "industrial_zone", commune: "Đồ Sơn", areaHa: 150, zoneUnion: 0, weight: 3 },
  { code: "NAMCAUKIEN", name: "KCN Nam Cầu Kiền", kind: "industrial_zone", commune: "Lưu Kiếm", areaHa: 263, zoneUnion: 0, weight: 4 },
  { code: "DINHVUCATHAI", name: "Khu kinh tế Đình Vũ – Cát Hải", kind: "economic_zone", commune: "Cát Hải", areaHa: 22540, zoneUnion: 0, weight: 3 },
  { code: "DAIAN", name: "KCN Đại An", kind: "industrial_zone", commune: "Tứ Minh", areaHa: 604, zoneUnion: 1, weight: 8 },
  { code: "NAMSACH", name: "KCN Nam Sách", kind: "industrial_zone", commune: "Nam Sách", areaHa: 63, zoneUnion: 1, weight: 7 },
  { code: "PHUCDIEN", name: "KCN Phúc Điền", kind: "industrial_zone", commune: "Cẩm Giang", areaHa: 87, zoneUnion: 1, weight: 5 },
  { code: "TANTRUONG", name: "KCN Tân Trường", kind: "industrial_zone", commune: "Cẩm Giàng", areaHa: 198, zoneUnion: 1, weight: 4 },
  { code: "PHUTHAI", name: "KCN Phú Thái", kind: "industrial_zone", commune: "Phú Thái", areaHa: 106, zoneUnion: 1, weight: 3 },
  { code: "CAMDIEN", name: "KCN Cẩm Điền – Lương Điền", kind: "industrial_zone", commune: "Tuệ Tĩnh", areaHa: 198, zoneUnion: 1, weight: 3 },
  { code: "CCNTHANHHA", name: "CCN Thanh Hà", kind: "industrial_cluster", commune: "Thanh Hà", areaHa: 50, zoneUnion: 1, weight: 1 },
];

export const zoneUnions = [
  { name: "Công đoàn Khu kinh tế Hải Phòng", shortName: "CĐ KKT", code: "CDKKT" },
  { name: "Công đoàn các Khu công nghiệp phía Tây", shortName: "CĐ KCN phía Tây", code: "CDKCNPT" },
] as const;

export type Ownership = "fdi" | "domestic_private" | "state" | "cooperative";

export const countries: readonly (readonly [string, number])[] = [
  ["Hàn Quốc", 34],
  ["Nhật Bản", 22],
  ["Đài Loan", 12],
  ["Trung Quốc", 16],
  ["Singapore", 5],
  ["Hoa Kỳ", 3],
  ["Hồng Kông", 4],
  ["Đức", 2],
  ["Thái Lan", 2],
];

export const sectors: readonly (readonly [string, number, number])[] = [
  // [sector, weight, share of women]
  ["Điện tử", 26, 0.7],
  ["May mặc", 18, 0.85],
  ["Da giày", 8, 0.8],
  ["Logistics", 12, 0.3],
  ["Cơ khí", 10, 0.2],
  ["Linh kiện ô tô", 8, 0.35],
  ["Nhựa, cao su", 6, 0.45],
  ["Thực phẩm", 5, 0.6],
  ["Hóa chất", 3, 0.3],
  ["Vật liệu xây dựng", 4, 0.2],
];

const brandSyllables: Record<string, string[]> = {
  "Hàn Quốc": ["Han", "Dae", "Seo", "Jin", "Sung", "Hwa", "Young", "Kyung", "Min", "Woo", "Shin", "Dong", "Il", "Chang"],
  "Nhật Bản": ["Taka", "Yama", "Nishi", "Kawa", "Mori", "Fuji", "Shima", "Hara", "Oka", "Naka", "Tsu", "Kiyo"],
  "Đài Loan": ["Tai", "Hsin", "Feng", "Chia", "Yung", "Lung", "Cheng", "Hua", "Kuo", "Ming"],
  "Trung Quốc": ["Hua", "Xin", "Jia", "Long", "Tian", "Sheng", "Hong", "Da", "Guang", "Rui"],
  other: ["Pac", "Sino", "Star", "Tech", "Asia", "Glo", "Uni", "Nova", "Prime", "Delta"],
};
const brandSuffix = ["Vina", "Việt Nam", "Hải Phòng", "Electronics Việt Nam", "Precision Vina", "Industrial Việt Nam"];
const domesticWords = [
  "Thành Đạt",
  "Hưng Thịnh",
  "Phú Cường",
  "An Phát",
  "Hoàng Long",
  "Minh Khang",
  "Bạch Đằng",
  "Đông Á",
  "Sao Đỏ",
  "Tân Cảng",
  "Hải Âu",
  "Việt Tiến",
  "Nam Triệu",
  "Hồng Hà",
  "Thăng Long",
  "Trường Sơn",
];
const domesticKinds = ["Công ty Cổ phần", "Công ty TNHH", "Công ty TNHH MTV"];

/** An invented but plausible enterprise name for the ownership, country and sector. */
export function enterpriseName(pick: <T>(xs: readonly T[]) => T, ownership: Ownership, country: string | null, sector: string, n: number): string {
  if (ownership === "fdi") {
    const syl = brandSyllables[country ?? ""] ?? brandSyllables.other ?? [];
    const brand = pick(syl) + pick(syl).toLowerCase();
    return `Công ty TNHH ${brand} ${pick(brandSuffix)}${n > 0 ? ` ${n + 1}` : ""}`;
  }
  // The number keeps every name unique: without it a city of 3,000 exhausts the combinations.
  const base = `${pick(domesticWords)}${n > 0 ? ` ${n + 1}` : ""}`;
  if (ownership === "cooperative") return `Hợp tác xã ${sector} ${base}`;
  if (ownership === "state") return `Công ty TNHH MTV ${sector} ${base} (Nhà nước)`;
  return `${pick(domesticKinds)} ${sector} ${base}`;
}
