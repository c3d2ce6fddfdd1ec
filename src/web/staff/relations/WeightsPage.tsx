import { Button, Card, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { signalLabel } from "#shared/risk-signals.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import type { z } from "zod";
import type { recomputeScoresSchema, riskSettingsSchema } from "#shared/contract/relations.ts";

type RiskSettings = z.input<typeof riskSettingsSchema>;

/** The early-warning weights: points per signal at full strength, saturation, alert threshold. */
export function WeightsPage() {
  const { t, i18n } = useTranslation("relations");
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
    mutationFn: () => api.post<z.input<typeof recomputeScoresSchema>>("/api/relations/risk/recompute", {}),
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
        <DataTable
          rowKey={(k) => k}
          rows={kinds}
          columns={[
            {
              key: "signal",
              header: t("weights.signal"),
              mobile: "title",
              render: (k) => (
                <>
                  <Text size="sm">{signalLabel(k, i18n.language, draft.labels[k])}</Text>
                  <Text size="xs" c="dimmed">
                    {k}
                  </Text>
                </>
              ),
            },
            {
              key: "weight",
              header: t("weights.weight"),
              width: 130,
              render: (k) => (
                <NumberInput
                  size="xs"
                  w={{ base: 120, sm: "auto" }}
                  min={0}
                  max={100}
                  disabled={!canEdit}
                  aria-label={`${t("weights.weight")} ${signalLabel(k, i18n.language, draft.labels[k])}`}
                  value={draft.weights[k]}
                  onChange={(v) => setDraft({ ...draft, weights: { ...draft.weights, [k]: Number(v) || 0 } })}
                />
              ),
            },
            {
              key: "cap",
              header: t("weights.cap"),
              width: 150,
              render: (k) => (
                <NumberInput
                  size="xs"
                  w={{ base: 120, sm: "auto" }}
                  min={0.01}
                  disabled={!canEdit}
                  aria-label={`${t("weights.cap")} ${signalLabel(k, i18n.language, draft.labels[k])}`}
                  value={draft.caps[k] ?? 1}
                  onChange={(v) => setDraft({ ...draft, caps: { ...draft.caps, [k]: Number(v) || 1 } })}
                />
              ),
            },
          ]}
        />
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
