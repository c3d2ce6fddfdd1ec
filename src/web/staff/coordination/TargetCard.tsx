/** One target as a card: its progress against the value to reach, the projection, sources and who entered a value. */
import { ActionIcon, Badge, Button, Card, Group, Progress, Stack, Text } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatPercent } from "../../lib/format.ts";
import type { Target } from "./targets.form.ts";

export function TargetCard({ g, writable, onEdit, onEnter }: { g: Target; writable: boolean; onEdit: () => void; onEnter: () => void }) {
  const { t } = useTranslation("coordination");
  const color = g.progress.reached ? "teal" : g.progress.onTrack ? "blue" : "orange";
  return (
    <Card withBorder>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            {g.program} · {t("targets.deadline")} {formatDate(g.deadline)}
            {g.zoneName ? ` · ${g.zoneName}` : ""}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge variant="light" color={g.metric === "manual" ? "grape" : "gray"}>
              {g.metric === "manual" ? t("targets.manual") : t("targets.computed")}
            </Badge>
            {writable ? (
              <ActionIcon variant="subtle" size="sm" aria-label={t("targets.edit")} onClick={onEdit}>
                <IconPencil size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        </Group>
        <Text fw={600}>{g.title}</Text>
        <Progress value={Math.min(100, g.progress.ratio ?? 0)} color={color} size="lg" aria-label={g.title} />
        <Group justify="space-between">
          <Text fw={700}>{g.progress.text}</Text>
          {g.progress.ratio !== null ? (
            <Text size="sm" c={color}>
              {formatPercent(g.progress.ratio)}
            </Text>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {g.progress.projection}
        </Text>
        {g.progress.source ? (
          <Text size="xs" c="dimmed">
            {t("targets.source", { source: g.progress.source })}
          </Text>
        ) : null}
        {g.progress.other ? (
          <Text size="xs" c="dimmed" data-testid="target-other">
            {t("targets.other", { text: g.progress.other.text, source: g.progress.other.source })} {g.progress.rule}
          </Text>
        ) : null}
        {g.progress.enteredBy ? (
          <Text size="xs" c="dimmed">
            {t("targets.enteredBy", { who: g.progress.enteredBy, when: formatDateTime(g.progress.enteredAt ?? null) })}
          </Text>
        ) : null}
        {g.metric === "manual" && writable ? (
          <Group>
            <Button size="xs" variant="light" onClick={onEnter}>
              {t("targets.enterValue")}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
