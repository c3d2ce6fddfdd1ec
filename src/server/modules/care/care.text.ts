import { campaignPurposes, payoutKinds } from "#shared/enums.ts";
import { moneyWords } from "#shared/money.ts";

/** The kinds and purposes are declared once, in src/shared/enums.ts, for the server and the web. */
export { campaignPurposes, payoutKinds };
export type PayoutKind = (typeof payoutKinds)[number];
export type CampaignPurpose = (typeof campaignPurposes)[number];

/** How the source documents name each kind: "được hỗ trợ tiền mặt", "được tặng quà, hiện vật". */
export const kindPhrase: Record<PayoutKind, { label: string; verb: string; valueWord: string }> = {
  cash: { label: "Tiền mặt", verb: "được hỗ trợ tiền mặt", valueWord: "với số tiền" },
  gift: { label: "Quà, hiện vật", verb: "được tặng quà, hiện vật", valueWord: "với trị giá" },
  ticket: { label: "Vé xe, vé tàu", verb: "được hỗ trợ vé xe", valueWord: "với trị giá" },
  voucher: { label: "Phiếu mua hàng", verb: "được tặng phiếu mua hàng", valueWord: "với trị giá" },
  house: { label: "Hỗ trợ nhà ở", verb: "được hỗ trợ xây, sửa nhà", valueWord: "với số tiền" },
};

export const purposeLabel: Record<CampaignPurpose, string> = {
  tet: "Hỗ trợ Tết",
  hardship: "Thăm hỏi, hỗ trợ hoàn cảnh khó khăn",
  union_house: "Mái ấm Công đoàn",
  scholarship: "Học bổng cho con CNLĐ",
  tet_market: "Chợ Tết Công đoàn",
  ticket_home: "Vé xe về quê",
  other: "Khác",
};

/** A sum of money the way administrative reports write it (src/shared/money.ts): "hơn 1,4 tỷ đồng", "3,75 triệu đồng". */
export const moneyPhrase = moneyWords;

/** Reads a kind the way lists write it: "Tiền mặt", "Quà", "Hiện vật", "Vé xe", "Phiếu mua hàng"… */
export function parseKind(folded: string): PayoutKind | null {
  const s = folded.trim();
  if (!s) return null;
  if ((payoutKinds as readonly string[]).includes(s)) return s as PayoutKind;
  if (/^tien/.test(s) || s === "tm" || s.includes("tien mat")) return "cash";
  if (s.includes("qua") || s.includes("hien vat") || s.includes("suat")) return "gift";
  if (s.startsWith("ve") || s.includes("ve xe") || s.includes("ve tau") || s.includes("ve may bay")) return "ticket";
  if (s.includes("phieu") || s.includes("voucher")) return "voucher";
  if (s.includes("nha") || s.includes("mai am")) return "house";
  return null;
}

/** "500.000", "500,000", "500000 đ", 500000 → 500000; null when not a positive whole amount. */
export function parseAmount(raw: string): number | null {
  const s = raw.replace(/\s|đ|₫|vnd|đồng/gi, "");
  if (!s) return null;
  let digits: string;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) digits = s.replace(/[.,]/g, "");
  else if (/^\d+$/.test(s)) digits = s;
  else if (/^\d+[.,]0+$/.test(s)) digits = s.replace(/[.,]0+$/, "");
  else return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
