import { signalLabel } from "#shared/risk-signals.ts";
import { Anchor, Badge, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { EvidenceLink, ScoreBadge } from "./shared.tsx";
import type { z } from "zod";
import type { riskSettingsSchema, zoneLookupSchema, watchlistSchema } from "#shared/contract/relations.ts";

type WatchItem = z.input<typeof watchlistSchema>[number];

/** An enterprise on the list: its rank, score (and alert), and each signal with its points and evidence. */
function WatchCard({ w, rank, threshold }: { w: WatchItem; rank: number; threshold: number | undefined }) {
  const { t, i18n } = useTranslation("relations");
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {rank}.{" "}
            <Anchor component={Link} to={`/staff/relations/incidents?enterpriseId=${w.enterprise.id}`} inherit>
              {w.enterprise.name}
            </Anchor>
          </Text>
          <Text size="xs" c="dimmed">
            {[
              w.enterprise.zoneName,
              w.enterprise.ownership === "fdi" ? `FDI ${w.enterprise.investorCountry ?? ""}` : null,
              w.enterprise.sector,
              `${formatNumber(w.enterprise.workforce)} ${t("watchlist.workers")}`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <ScoreBadge score={w.score} threshold={threshold} />
          {w.alertId ? (
            <Badge color="red" variant="light" component={Link} to="/staff/relations/alerts" style={{ cursor: "pointer" }}>
              {t("watchlist.alert")}
            </Badge>
          ) : null}
        </Stack>
      </Group>
      <SimpleGrid cols={1} spacing={4} mt="xs">
        {w.signals.map((s) => (
          <Group key={s.kind} gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="light" color="gray" miw={56}>
              +{String(s.points).replace(".", ",")}
            </Badge>
            <Text size="sm" style={{ minWidth: 0 }}>
              <b>{signalLabel(s.kind, i18n.language, s.label)}</b>{" "}
              <Text span size="xs" c="dimmed">
                ({t("watchlist.weight")} {s.weight})
              </Text>
              : <EvidenceLink link={s.link}>{s.evidence}</EvidenceLink>
            </Text>
          </Group>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t("watchlist.asOf", { date: formatDate(w.asOf) })}
      </Text>
    </Card>
  );
}

/** The ranked watch list: each enterprise with the signals that raised its score, each linked to its evidence. */
export function WatchlistPage() {
  const { t } = useTranslation("relations");
  const [zone, setZone] = useState<string | null>(null);
  const [limit, setLimit] = useState<number>(30);
  const zones = useQuery({
    queryKey: ["relations-zones"],
    queryFn: () => api.get<z.input<typeof zoneLookupSchema>>("/api/relations/lookup/zones"),
    staleTime: 300_000,
  });
  const settings = useQuery({ queryKey: ["risk-settings"], queryFn: () => api.get<z.input<typeof riskSettingsSchema>>("/api/relations/risk/settings") });
  const { data, isLoading, error } = useQuery({
    queryKey: ["watchlist", zone, limit],
    queryFn: () => api.get<WatchItem[]>(`/api/relations/watchlist${qs({ zone, limit })}`),
  });
  return (
    <>
      <PageHeader title={t("watchlist.title")} description={t("watchlist.description", { threshold: settings.data?.threshold ?? "…" })} />
      <Group mb="md" gap="sm">
        <Select
          placeholder={t("watchlist.allZones")}
          aria-label={t("watchlist.zone")}
          clearable
          data={(zones.data ?? []).map((z) => ({ value: String(z.id), label: z.name }))}
          value={zone}
          onChange={setZone}
          w={300}
        />
        <NumberInput aria-label={t("watchlist.limit")} min={5} max={500} step={10} value={limit} onChange={(v) => setLimit(Number(v) || 30)} w={100} />
      </Group>
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && data.length === 0 ? <Text c="dimmed">{t("watchlist.empty")}</Text> : null}
      <Stack gap="sm">
        {data?.map((w, i) => (
          <WatchCard key={w.enterprise.id} w={w} rank={i + 1} threshold={settings.data?.threshold} />
        ))}
      </Stack>
    </>
  );
}
