import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface Issue {
  pointer: string;
  field: string;
  code: string;
  message: string;
}

export interface Submission {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  taxCode: string;
  period: string;
  periodLabel: string;
  version: number;
  status: "submitted" | "accepted" | "returned";
  source: "form" | "excel" | "api";
  workforce: number;
  women: number;
  men: number;
  contractIndefinite: number;
  contractFixed: number;
  contractOther: number;
  foreigners: number;
  hires: number;
  leavers: number;
  lowestWage: number;
  averageWage: number;
  overtimeHours: number;
  insured: number;
  accidents: number;
  accidentDeaths: number;
  hasAgreement: boolean;
  hasUnion: boolean;
  note: string | null;
  wageReason: string | null;
  warnings: Issue[];
  submittedBy: string | null;
  submittedAt: string;
  submittedLate: boolean;
  deadline: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}
export type SubmissionDetail = Submission & { versions: Submission[] };

/** The figures of the report in the order of the form and the template, grouped as the form shows them. */
export const numberGroups = [
  { key: "workforce", fields: ["workforce", "women", "men", "foreigners", "hires", "leavers"] },
  { key: "contracts", fields: ["contractIndefinite", "contractFixed", "contractOther"] },
  { key: "wages", fields: ["lowestWage", "averageWage", "overtimeHours"] },
  { key: "safety", fields: ["insured", "accidents", "accidentDeaths"] },
] as const;
export type NumberField = (typeof numberGroups)[number]["fields"][number];

const colors: Record<string, string> = {
  not_due: "gray",
  due_soon: "yellow",
  submitted: "blue",
  returned: "orange",
  accepted: "teal",
  late: "red",
  missing: "red",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("labour");
  return (
    <Badge color={colors[status] ?? "gray"} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** "2026-H1" for the half-year that ended last before today (Vietnam time). */
export function lastEndedPeriod(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) >= "07" ? `${year}-H1` : `${year - 1}-H2`;
}

/** The recent periods to pick from, newest first. */
export function recentPeriods(today: string, n = 6): string[] {
  const out: string[] = [];
  let p = lastEndedPeriod(today);
  for (let i = 0; i < n; i++) {
    out.push(p);
    const y = Number(p.slice(0, 4));
    p = p.endsWith("H2") ? `${y}-H1` : `${y - 1}-H2`;
  }
  return out;
}

export const periodText = (p: string, en: boolean) =>
  en ? `${p.endsWith("H1") ? "First" : "Second"} half of ${p.slice(0, 4)}` : `6 tháng ${p.endsWith("H1") ? "đầu" : "cuối"} năm ${p.slice(0, 4)}`;
