/** The dashboard's charts: members over time, the targets' progress, requests by topic. */
import { BarChart, LineChart } from "@mantine/charts";
import { Badge, Card, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { dashboardSchema } from "#shared/contract/reporting.ts";
import { formatNumber, formatPercent } from "../../lib/format.ts";
import { shortLabel } from "./figures.tsx";

type Dashboard = z.input<typeof dashboardSchema>;

/** Members month by month. */
export function MembersCard({ series, phone }: { series: Dashboard["membersSeries"]; phone: boolean }) {
  const { t } = useTranslation("reports");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("dashboard.members")}
      </Title>
      <LineChart
        h={220}
        data={series.map((p) => ({ month: `${p.month.slice(5, 7)}/${p.month.slice(2, 4)}`, members: p.members }))}
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
  );
}

/** Each target's progress bar, its ratio and where it is heading. */
export function TargetsCard({ targets }: { targets: Dashboard["targets"] }) {
  const { t } = useTranslation("reports");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("dashboard.targets")}
      </Title>
      <Stack gap="sm">
        {targets.map((g) => (
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
  );
}

/** Requests by topic. */
export function TopicsCard({ topics, phone }: { topics: Dashboard["topics"]; phone: boolean }) {
  const { t } = useTranslation("reports");
  return (
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
  );
}
