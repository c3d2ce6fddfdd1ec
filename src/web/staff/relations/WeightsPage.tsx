import { Button, Card, Group, NumberInput, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";

interface RiskSettings {
  weights: Record<string, number>;
  caps: Record<string, number>;
  defaultWeight: number;
  threshold: number;
  recentDays: number;
  labels: Record<string, string>;
}

/** The early-warning weights: points per signal at full strength, saturation, alert threshold. */
export function WeightsPage() {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const me = useMe();
  const { data, isLoading, error } = useQuery({ queryKey: ["risk-settings"], queryFn: () => api.get<RiskSettings>("/api/relations/risk/settings") });
  const [draft, setDraft] = useState<RiskSettings | null>(null);
  useEffect(() => {
    if (data) setDraft(data);
  }, [data]);
  const canEdit = Boolean(
    me.data && (me.data.permissions.includes("admin:settings") || (me.data.user.role === "body_admin" && me.data.permissions.includes("relations:write"))),
  );
  const save = useMutation({
    mutationFn: (s: RiskSettings) =>
      api.put<RiskSettings>("/api/relations/risk/settings", {
        weights: s.weights,
        caps: s.caps,
        defaultWeight: s.defaultWeight,
        threshold: s.threshold,
        recentDays: s.recentDays,
      }),
    onSuccess: () => {
      notifySuccess(t("form.saved"));
      void client.invalidateQueries({ queryKey: ["risk-settings"] });
      void client.invalidateQueries({ queryKey: ["watchlist"] });
    },
  });
  const recompute = useMutation({
    mutationFn: () => api.post<{ enterprises: number; alerts: number; ms: number }>("/api/relations/risk/recompute", {}),
    onSuccess: (r) => {
      notifySuccess(t("weights.recomputed", { n: r.enterprises, alerts: r.alerts, ms: r.ms }));
      void client.invalidateQueries({ queryKey: ["watchlist"] });
    },
  });
  if (isLoading || !draft) return error ? <ErrorAlert error={error} /> : <Loading />;
  const kinds = Object.keys(draft.weights);
  return (
    <>
      <PageHeader title={t("weights.title")} description={t("weights.description")} />
      {!canEdit ? (
        <Text c="dimmed" mb="sm">
          {t("weights.readOnly")}
        </Text>
      ) : null}
      <ErrorAlert error={save.error ?? recompute.error} />
      <Card withBorder padding={0} mb="md">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("weights.signal")}</Table.Th>
                <Table.Th w={130}>{t("weights.weight")}</Table.Th>
                <Table.Th w={150}>{t("weights.cap")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kinds.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>
                    <Text size="sm">{draft.labels[k] ?? k}</Text>
                    <Text size="xs" c="dimmed">
                      {k}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={0}
                      max={100}
                      disabled={!canEdit}
                      aria-label={`${t("weights.weight")} ${k}`}
                      value={draft.weights[k]}
                      onChange={(v) => setDraft({ ...draft, weights: { ...draft.weights, [k]: Number(v) || 0 } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={0.01}
                      disabled={!canEdit}
                      aria-label={`${t("weights.cap")} ${k}`}
                      value={draft.caps[k] ?? 1}
                      onChange={(v) => setDraft({ ...draft, caps: { ...draft.caps, [k]: Number(v) || 1 } })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Stack>
          <Group grow wrap="wrap">
            <NumberInput
              label={t("weights.threshold")}
              min={1}
              max={1000}
              disabled={!canEdit}
              value={draft.threshold}
              onChange={(v) => setDraft({ ...draft, threshold: Number(v) || 30 })}
            />
            <NumberInput
              label={t("weights.defaultWeight")}
              min={0}
              max={100}
              disabled={!canEdit}
              value={draft.defaultWeight}
              onChange={(v) => setDraft({ ...draft, defaultWeight: Number(v) || 0 })}
            />
            <NumberInput
              label={t("weights.recentDays")}
              min={7}
              max={730}
              disabled={!canEdit}
              value={draft.recentDays}
              onChange={(v) => setDraft({ ...draft, recentDays: Number(v) || 90 })}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t("weights.formula")}
          </Text>
          {canEdit ? (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => recompute.mutate()} loading={recompute.isPending}>
                {t("weights.recompute")}
              </Button>
              <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
                {t("common:action.save")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Card>
    </>
  );
}
