import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { vnYear } from "#shared/clock.ts";

/** Years, halves, quarters and nine months from this year back five years: "2025", "2025-H1", "2025-Q3", "2025-9M". */
export function PeriodSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation("reports");
  const now = vnYear();
  const data = Array.from({ length: 6 }, (_, k) => now - k).flatMap((y) => [
    { value: String(y), label: t("year", { y }) },
    { value: `${y}-H1`, label: t("h1", { y }) },
    { value: `${y}-H2`, label: t("h2", { y }) },
    ...(["I", "II", "III", "IV"] as const).map((q, k) => ({ value: `${y}-Q${k + 1}`, label: t("quarter", { q, y }) })),
    { value: `${y}-9M`, label: t("nineMonths", { y }) },
  ]);
  // A date range typed into the address (2025-01-15..2025-03-31) stays selectable.
  if (!data.some((d) => d.value === value)) data.unshift({ value, label: value.replace("..", " – ") });
  return <Select label={t("period")} data={data} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} w={240} searchable />;
}
