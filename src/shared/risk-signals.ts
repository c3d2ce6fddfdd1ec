/**
 * Every early-warning signal kind a module emits, with its words in Vietnamese and English. The
 * providers (relations, registry, voice, labour) type their kinds with `RiskSignalKind`, the default weights
 * are a record over the same keys, and the pages read the labels from here: a provider that emits
 * a kind the weights do not know is a type error, not a signal silently scored at the default weight.
 */
export const riskSignals = {
  employer_absconded: { vi: "Dấu hiệu chủ doanh nghiệp bỏ trốn", en: "Signs the employer has absconded" },
  wage_arrears: { vi: "Nợ lương", en: "Wage arrears" },
  si_arrears: { vi: "Nợ bảo hiểm xã hội", en: "Social-insurance arrears" },
  recent_incidents: { vi: "Sự việc gần đây", en: "Recent incidents" },
  below_minimum_wage: { vi: "Trả lương thấp hơn lương tối thiểu vùng (qua kiểm tra)", en: "Pays below the regional minimum wage (inspection)" },
  reported_wage_below_minimum: {
    vi: "Báo cáo lương thấp nhất dưới lương tối thiểu vùng",
    en: "Reports a lowest wage below the regional minimum",
  },
  findings_open: { vi: "Kiến nghị kiểm tra chưa khắc phục", en: "Inspection findings not yet remedied" },
  findings_overdue: { vi: "Kiến nghị quá hạn khắc phục", en: "Inspection findings overdue" },
  no_union: { vi: "Chưa có công đoàn cơ sở (từ 20 lao động)", en: "No grassroots union (20+ workers)" },
  agreement_expired: { vi: "Thỏa ước lao động tập thể hết hạn", en: "Collective agreement expired" },
  agreement_missing: { vi: "Chưa có thỏa ước lao động tập thể", en: "No collective agreement" },
  voice_requests_rate: { vi: "Yêu cầu, khiếu nại trên 1.000 lao động (90 ngày)", en: "Requests per 1,000 workers (90 days)" },
  voice_requests_spike: { vi: "Yêu cầu, khiếu nại tăng đột biến (30 ngày)", en: "Spike in requests (30 days)" },
  mass_layoff: { vi: "Cắt giảm lao động hàng loạt", en: "Mass layoff" },
  labour_report_late: { vi: "Chậm nộp báo cáo tình hình lao động 6 tháng", en: "Half-year labour report late" },
} as const satisfies Record<string, { vi: string; en: string }>;

export type RiskSignalKind = keyof typeof riskSignals;

export const riskSignalKinds = Object.keys(riskSignals) as RiskSignalKind[];

/**
 * Kinds renamed since weights were first saved: a saved weight under the old name still counts for
 * the kind the provider really emits (voice emitted `voice_requests_*` while the weights said `requests_*`).
 */
export const renamedSignalKinds: Record<string, RiskSignalKind> = {
  requests_per_1000: "voice_requests_rate",
  requests_spike: "voice_requests_spike",
};

/** What a signal kind is called in a language; `fallback` (a stored label) or the code itself when unknown. */
export function signalLabel(kind: string, language = "vi", fallback?: string): string {
  const words = (riskSignals as Record<string, { vi: string; en: string }>)[renamedSignalKinds[kind] ?? kind];
  if (!words) return fallback ?? kind;
  return language.startsWith("en") ? words.en : words.vi;
}
