import { Stack, Text, Timeline } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { ExchangeCard } from "./shared.tsx";
import type { z } from "zod";
import type { timelineSchema } from "#shared/contract/enterprise.ts";

type Entry = z.input<typeof timelineSchema>[number];

/** The enterprise's timeline, newest first: the enterprise's own, or (for officers) one enterprise's. */
export function TimelinePage() {
  const { t } = useTranslation("enterprise");
  const { id } = useParams();
  const url = id ? `/api/enterprise/enterprises/${id}/timeline` : "/api/enterprise/timeline";
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-timeline", id ?? "own"], queryFn: () => api.get<Entry[]>(url) });
  return (
    <>
      <PageHeader title={t("timeline.title")} description={t("timeline.hint")} />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && !data.length ? <Text c="dimmed">{t("timeline.empty")}</Text> : null}
      <Timeline bulletSize={12} lineWidth={2}>
        {data?.map((e) => (
          <Timeline.Item
            key={`${e.kind}-${e.itemKind}-${e.itemKey}-${e.exchange?.id ?? e.at}`}
            title={
              e.kind === "item"
                ? t("timeline.item", { title: e.itemTitle })
                : e.kind === "difficulty_filed"
                  ? `${t("timeline.filed")} · ${e.itemKey}`
                  : e.kind === "difficulty_answered"
                    ? `${t("timeline.answered")} · ${e.itemKey}`
                    : e.itemTitle
            }
          >
            <Stack gap={4} mt={4}>
              {e.exchange ? (
                <ExchangeCard x={e.exchange} />
              ) : (
                <>
                  <Text size="sm" lineClamp={4} style={{ overflowWrap: "anywhere" }}>
                    {e.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.kind === "item" ? formatDate(e.at.slice(0, 10)) : formatDateTime(e.at)}
                  </Text>
                </>
              )}
            </Stack>
          </Timeline.Item>
        ))}
      </Timeline>
    </>
  );
}
