/** How the reports pages show a figure: its text, its link into the staff pages, and the "city-wide" mark. */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { figureSchema, figureSectionSchema } from "#shared/contract/reporting.ts";
import { formatNumber, formatPercent } from "../../lib/format.ts";

export type Figure = z.input<typeof figureSchema>;
/** A section of the dashboard (`more`: its figures left out, the detailed breakdowns) or of the joint report. */
export type Section = z.input<typeof figureSectionSchema> & { more?: number };

/** A long name on a chart's axis: cut with "…" (the bar's tooltip and the title show it whole). */
export const shortLabel = (label: string, max = 24) => (label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label);

/** "Toàn thành phố": a figure that does not narrow with the drill-down says so. */
export function CityWide() {
  const { t } = useTranslation("reports");
  return (
    <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
      {t("dashboard.cityWide")}
    </Badge>
  );
}

/** Modules give links to their staff pages with or without the "/staff" prefix. */
export const staffLink = (link: string) => (link.startsWith("/staff/") ? link : `/staff${link}`);

/** "13.297/21.500 (61,8%)" or "1.234". */
export function figureText(f: Figure): string {
  if (f.unit === "percent") return formatPercent(f.value);
  return f.target ? `${formatNumber(f.value)}/${formatNumber(f.target)} (${formatPercent((100 * f.value) / f.target)})` : formatNumber(f.value);
}
