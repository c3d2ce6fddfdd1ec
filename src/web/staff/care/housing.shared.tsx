import { Badge, Card, Group, Stack, Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../lib/format.ts";
import type { HousingProject } from "./types.ts";

export type { HousingProject } from "./types.ts";

/** One project as a card: shared by the staff list and the public page (no personal data in either). */
export function HousingCard({ p, children }: { p: HousingProject; children?: React.ReactNode }) {
  const { t } = useTranslation("care");
  return (
    <Card withBorder padding="md">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={700}>{p.name}</Text>
          <Badge variant="light" color={p.status === "completed" || p.status === "partly_in_use" ? "teal" : "blue"} style={{ flexShrink: 0 }}>
            {t(`housing.statuses.${p.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`housing.kinds.${p.kind}`)} · {p.place}
        </Text>
        <Text size="sm">
          {t("housing.developer")}: {p.developer}
        </Text>
        {p.zoneName ? (
          <Text size="sm">
            {t("housing.zone")}: {p.zoneName}
          </Text>
        ) : null}
        <Group gap="lg">
          {p.units ? (
            <Text size="sm">
              <b>{formatNumber(p.units)}</b> {t("housing.units").toLowerCase()}
            </Text>
          ) : null}
          {p.capacityPeople ? (
            <Text size="sm">
              <b>{formatNumber(p.capacityPeople)}</b> {t("housing.capacity").toLowerCase()}
            </Text>
          ) : null}
          {p.floorAreaM2 ? (
            <Text size="sm">
              <b>{formatNumber(p.floorAreaM2)}</b> m²
            </Text>
          ) : null}
        </Group>
        {p.description ? <Text size="sm">{p.description}</Text> : null}
        {p.milestones.length ? (
          <Timeline active={p.milestones.length - 1} bulletSize={14} lineWidth={2} mt="xs">
            {p.milestones.map((m) => (
              <Timeline.Item key={m.id} title={<Text size="sm">{m.label}</Text>}>
                <Text size="xs" c="dimmed">
                  {formatDate(m.happenedOn)} · {t(`housing.milestoneKinds.${m.kind}`)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        ) : null}
        {p.contact ? (
          <Text size="xs" c="dimmed">
            {t("housing.contact")}: {p.contact}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}
