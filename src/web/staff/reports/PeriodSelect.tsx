import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { vnYear } from "#shared/clock.ts";

/** Years and halves from this year back five years: "2025", "2025-H1", "2025-H2". */
export function PeriodSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation("reports");
  const now = vnYear();
  const data = Array.from({ length: 6 }, (_, k) => now - k).flatMap((y) => [
    { value: String(y), label: t("year", { y }) },
    { value: `${y}-H1`, label: t("h1", { y }) },
    { value: `${y}-H2`, label: t("h2", { y }) },
  ]);
  return <Select label={t("period")} data={data} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} w={220} />;
}
