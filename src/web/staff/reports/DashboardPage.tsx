import type { z } from "zod";
import type { dashboardSchema, figureSchema, figureSectionSchema } from "#shared/contract/reporting.ts";
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Anchor, Badge, Breadcrumbs, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DataTable, PHONE_QUERY } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { HomePage } from "../HomePage.tsx";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { PeriodSelect } from "./PeriodSelect.tsx";
import { vnYear } from "#shared/clock.ts";

export type Figure = z.input<typeof figureSchema>;
/** A section of the dashboard (`more`: its figures left out, the detailed breakdowns) or of the joint report. */
export type Section = z.input<typeof figureSectionSchema> & { more?: number };
type Dashboard = z.input<typeof dashboardSchema>;

/** A long name on a chart's axis: cut with "…" (the bar's tooltip and the title show it whole). */
export const shortLabel = (label: string, max = 24) => (label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label);

/** "Toàn thành phố": a figure that does not narrow with the drill-down says so. */
function CityWide() {
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

/** The leaders' home: headline figures, members over time, progress of targets, drill-down by zone and union. */
export function DashboardPage() {
  const { t } = useTranslation("reports");
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const [params, setParams] = useSearchParams();
  const period = params.get("period") ?? String(vnYear());
  const zoneId = params.get("zoneId");
  const unionId = params.get("unionId");
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === null) p.delete(k);
      else p.set(k, v);
    setParams(p);
  };
  const { data: me } = useMe();
  const allowed = Boolean(me?.permissions.includes("reports:read"));
  const { data, error, isLoading } = useQuery({
    queryKey: ["dashboard", period, zoneId, unionId],
    queryFn: () => api.get<Dashboard>(`/api/reports/dashboard${qs({ period, zoneId, unionId })}`),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  // The staff home redirects here; those who read no reports get the plain home page.
  if (me && !allowed) return <HomePage />;
  const topics = data?.topics;
  const drilled = Boolean(zoneId || unionId);
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        description={data ? t("dashboard.hint", { period: data.period.label, asOf: formatDate(data.asOf) }) : undefined}
        actions={<PeriodSelect value={period} onChange={(v) => set({ period: v })} />}
      />
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Loading />
      ) : (
        <Stack gap="lg">
          {/* Where the figures are from: Thành phố › Khu … › Công đoàn cơ sở …, each level a way back up. */}
          <Breadcrumbs separator="›" aria-label={t("dashboard.where")} styles={{ root: { flexWrap: "wrap", rowGap: 4 }, breadcrumb: { whiteSpace: "normal" } }}>
            {[
              { key: "city", name: t("dashboard.city"), to: { zoneId: null, unionId: null } },
              ...data.trail.map((l) => ({
                key: `${l.level}-${l.id}`,
                name: l.name,
                to: l.level === "zone" ? { zoneId: String(l.id), unionId: null } : { zoneId, unionId: String(l.id) },
              })),
            ].map((c, i, all) =>
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
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
            {data.headline.map((f) => (
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
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">
                {t("dashboard.members")}
              </Title>
              <LineChart
                h={220}
                data={data.membersSeries.map((p) => ({ month: `${p.month.slice(5, 7)}/${p.month.slice(2, 4)}`, members: p.members }))}
                dataKey="month"
                // Every month keeps its label: slanted on a phone instead of recharts dropping every other one.
                xAxisProps={{ interval: 0, angle: phone ? -60 : 0, textAnchor: phone ? "end" : "middle", height: phone ? 44 : 30, tick: { fontSize: 11 } }}
                series={[{ name: "members", label: t("dashboard.membersCol"), color: "blue.6" }]}
                curveType="monotone"
                withDots={false}
                valueFormatter={(v) => formatNumber(v)}
                yAxisProps={{ width: 70, domain: ["auto", "auto"] }}
              />
            </Card>
            {data.targets.length ? (
              <Card withBorder>
                <Title order={3} size="h5" mb="sm">
                  {t("dashboard.targets")}
                </Title>
                <Stack gap="sm">
                  {data.targets.map((g) => (
                    <div key={g.id}>
                      <Group justify="space-between" gap={4} wrap="nowrap">
                        <Text size="sm" lineClamp={1} title={g.title}>
                          {g.title}
                        </Text>
                        <Badge
                          variant="light"
                          color={g.progress.reached ? "teal" : g.progress.onTrack ? "blue" : "orange"}
                          // A light badge's own shade (orange above all) fails contrast (axe): dark text, the colour stays in the background.
                          styles={{ label: { color: "var(--mantine-color-dark-7)" } }}
                          style={{ flexShrink: 0 }}
                        >
                          {g.progress.ratio === null ? "—" : formatPercent(g.progress.ratio)}
                        </Badge>
                      </Group>
                      <Progress
                        value={Math.min(100, g.progress.ratio ?? 0)}
                        size="sm"
                        color={g.progress.reached ? "teal" : g.progress.onTrack ? "blue" : "orange"}
                        aria-label={g.title}
                      />
                      <Text size="xs" c="dimmed">
                        {g.progress.text} · {g.progress.projection}
                      </Text>
                    </div>
                  ))}
                </Stack>
              </Card>
            ) : null}
          </SimpleGrid>
          {topics?.length ? (
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">
                {t("dashboard.byTopic")}
              </Title>
              {/* Bars lie down so each topic's name has a line of its own: no name is dropped, long ones are cut
                  with "…" and the tooltip gives them whole. */}
              <div data-testid="topics-chart">
                <BarChart
                  h={Math.max(160, topics.length * 30 + 30)}
                  orientation="vertical"
                  data={topics.map((f) => ({ topic: f.label, n: f.value }))}
                  dataKey="topic"
                  series={[{ name: "n", label: t("dashboard.requests"), color: "teal.6" }]}
                  valueFormatter={(v) => formatNumber(v)}
                  yAxisProps={{ width: phone ? 130 : 220, interval: 0, tickFormatter: (v: string) => shortLabel(v, phone ? 20 : 34), tick: { fontSize: 12 } }}
                />
              </div>
            </Card>
          ) : null}
          <Card withBorder>
            <Title order={3} size="h5">
              {zoneId || unionId ? t("dashboard.breakdownUnions") : t("dashboard.breakdownZones")}
            </Title>
            {!unionId ? (
              <Text size="xs" c="dimmed" mb="xs">
                {t("dashboard.drillHint")}
              </Text>
            ) : null}
            <DataTable
              rowKey={(r) => r.id ?? "none"}
              rows={data.breakdown}
              onRowClick={unionId ? undefined : (r) => r.id && set(zoneId ? { unionId: String(r.id) } : { zoneId: String(r.id) })}
              columns={[
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
                          set(zoneId ? { unionId: String(r.id) } : { zoneId: String(r.id) });
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
                ...(zoneId || unionId
                  ? []
                  : [
                      {
                        key: "unions",
                        header: t("dashboard.unions"),
                        align: "right" as const,
                        render: (r: Dashboard["breakdown"][number]) => formatNumber(r.unions),
                      },
                    ]),
              ]}
            />
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t("dashboard.sections")}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {data.sections
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
        </Stack>
      )}
    </>
  );
}
