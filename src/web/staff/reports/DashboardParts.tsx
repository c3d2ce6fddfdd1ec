/** The dashboard's drill-down: where the figures are from, the headline cards, the breakdown table and the sections. */
import { Anchor, Breadcrumbs, Card, Group, Progress, SimpleGrid, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { dashboardSchema } from "#shared/contract/reporting.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { formatNumber, formatPercent } from "../../lib/format.ts";
import { CityWide, figureText, staffLink } from "./figures.tsx";

export type Dashboard = z.input<typeof dashboardSchema>;
/** Changes the page's search parameters (null removes one). */
export type SetParams = (next: Record<string, string | null>) => void;
type Scope = { zoneId: string | null; unionId: string | null };

/** Where the figures are from: Thành phố › Khu … › Công đoàn cơ sở …, each level a way back up. */
export function Trail({ trail, zoneId, set }: { trail: Dashboard["trail"]; zoneId: string | null; set: SetParams }) {
  const { t } = useTranslation("reports");
  const crumbs = [
    { key: "city", name: t("dashboard.city"), to: { zoneId: null, unionId: null } },
    ...trail.map((l) => ({
      key: `${l.level}-${l.id}`,
      name: l.name,
      to: l.level === "zone" ? { zoneId: String(l.id), unionId: null } : { zoneId, unionId: String(l.id) },
    })),
  ];
  return (
    <Breadcrumbs separator="›" aria-label={t("dashboard.where")} styles={{ root: { flexWrap: "wrap", rowGap: 4 }, breadcrumb: { whiteSpace: "normal" } }}>
      {crumbs.map((c, i, all) =>
        i === all.length - 1 ? (
          <Text key={c.key} size="sm" fw={600} aria-current="page" data-testid="crumb">
            {c.name}
          </Text>
        ) : (
          <Anchor key={c.key} component="button" type="button" size="sm" onClick={() => set(c.to)} data-testid="crumb">
            {c.name}
          </Anchor>
        ),
      )}
    </Breadcrumbs>
  );
}

/** The headline figures, each a card linking to its page, with its target's progress. */
export function Headline({ figures, drilled }: { figures: Dashboard["headline"]; drilled: boolean }) {
  const { t } = useTranslation("reports");
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
      {figures.map((f) => (
        <Card key={f.key} withBorder padding="sm" component={Link} to={f.link ? staffLink(f.link) : "#"}>
          <Text size="xs" c="dimmed" lineClamp={2} mih={34}>
            {f.label}
          </Text>
          {f.cityWide && drilled ? <CityWide /> : null}
          <Text fw={700} size="xl">
            {formatNumber(f.value)}
          </Text>
          {f.target ? (
            <>
              <Progress
                value={Math.min(100, (100 * f.value) / f.target)}
                size="sm"
                mt={4}
                color={f.value >= f.target ? "teal" : "blue"}
                // The bar is named after its figure for screen readers (axe: aria-progressbar-name).
                aria-label={f.label}
              />
              <Text size="xs" c="dimmed" mt={2}>
                {t("dashboard.target", { v: formatNumber(f.target) })} · {formatPercent((100 * f.value) / f.target)}
              </Text>
            </>
          ) : null}
        </Card>
      ))}
    </SimpleGrid>
  );
}

type Row = Dashboard["breakdown"][number];

/** The breakdown's columns: zones (with their unions) at the city level, unions below. */
function breakdownColumns(t: TFunction<"reports">, { zoneId, unionId }: Scope, drill: (r: Row) => void): Column<Row>[] {
  return [
    {
      key: "name",
      header: zoneId || unionId ? t("dashboard.union") : t("dashboard.zone"),
      mobile: "title",
      render: (r) =>
        r.id && !unionId ? (
          // A real link for the keyboard and screen readers; the row's click does the same.
          <Anchor
            component="button"
            type="button"
            size="sm"
            fw={500}
            ta="left"
            onClick={(e) => {
              e.stopPropagation();
              drill(r);
            }}
          >
            {r.name}
          </Anchor>
        ) : (
          <Text size="sm" fw={500}>
            {r.name}
          </Text>
        ),
    },
    { key: "members", header: t("dashboard.membersCol"), align: "right", render: (r) => formatNumber(r.members) },
    { key: "newMembers", header: t("dashboard.newMembers"), align: "right", render: (r) => formatNumber(r.newMembers) },
    ...(zoneId || unionId ? [] : [{ key: "unions", header: t("dashboard.unions"), align: "right" as const, render: (r: Row) => formatNumber(r.unions) }]),
  ];
}

/** Members by zone, or by union inside a zone; a row opens the level below. */
export function Breakdown({ rows, scope, set }: { rows: Row[]; scope: Scope; set: SetParams }) {
  const { t } = useTranslation("reports");
  const { zoneId, unionId } = scope;
  const drill = (r: Row) => r.id && set(zoneId ? { unionId: String(r.id) } : { zoneId: String(r.id) });
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {zoneId || unionId ? t("dashboard.breakdownUnions") : t("dashboard.breakdownZones")}
      </Title>
      {!unionId ? (
        <Text size="xs" c="dimmed" mb="xs">
          {t("dashboard.drillHint")}
        </Text>
      ) : null}
      <DataTable rowKey={(r) => r.id ?? "none"} rows={rows} onRowClick={unionId ? undefined : drill} columns={breakdownColumns(t, scope, drill)} />
    </Card>
  );
}

/** Every module's figures, section by section. */
export function Sections({ sections, drilled }: { sections: Dashboard["sections"]; drilled: boolean }) {
  const { t } = useTranslation("reports");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("dashboard.sections")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {sections
          .filter((s) => s.figures.length)
          .map((s) => (
            <div key={s.key}>
              <Text fw={600} size="sm" mb={4}>
                {s.title}
              </Text>
              {/* Breakdowns (per topic, per body) can run to thousands: the server sends the first 12. */}
              {s.figures.map((f) => (
                <Group key={f.key} justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed">
                    {f.label} {f.cityWide && drilled ? <CityWide /> : null}
                  </Text>
                  {f.link ? (
                    <Anchor component={Link} to={staffLink(f.link)} size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                      {figureText(f)}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={600}>
                      {figureText(f)}
                    </Text>
                  )}
                </Group>
              ))}
              {s.more ? (
                <Text size="xs" c="dimmed">
                  {t("dashboard.more", { n: formatNumber(s.more) })}
                </Text>
              ) : null}
            </div>
          ))}
      </SimpleGrid>
    </Card>
  );
}
