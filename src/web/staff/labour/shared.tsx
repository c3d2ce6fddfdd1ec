import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { issueSchema, submissionDetailSchema, submissionSchema, submissionsPageSchema } from "#shared/contract/labour.ts";

export type Issue = z.input<typeof issueSchema>;

export type Submission = z.input<typeof submissionSchema>;
export type SubmissionDetail = z.input<typeof submissionDetailSchema>;
export type SubmissionPage = z.input<typeof submissionsPageSchema>;
export { submissionStatuses } from "#shared/enums.ts";

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
