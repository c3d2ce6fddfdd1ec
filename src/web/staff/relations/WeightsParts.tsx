/** The early-warning weights' state and its two parts: the weights per signal, and the threshold, default weight and period. */
import { Card, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { recomputeScoresSchema, riskSettingsSchema } from "#shared/contract/relations.ts";
import { signalLabel } from "#shared/risk-signals.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";

export type RiskSettings = z.input<typeof riskSettingsSchema>;

/** The settings as saved, the draft being edited, whether the caller may edit, save and recompute. */
export function useRiskSettings() {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const me = useMe();
  const query = useQuery({ queryKey: ["risk-settings"], queryFn: () => api.get<RiskSettings>("/api/relations/risk/settings") });
  const [draft, setDraft] = useState<RiskSettings | null>(null);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
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
  return { query, draft, setDraft, canEdit, save, recompute };
}

interface DraftProps {
  draft: RiskSettings;
  setDraft: (d: RiskSettings) => void;
  canEdit: boolean;
}

/** A signal's name, its weight and its saturation, each editable. */
function weightColumns(t: TFunction<"relations">, lang: string, { draft, setDraft, canEdit }: DraftProps): Column<string>[] {
  const label = (k: string) => signalLabel(k, lang, draft.labels[k]);
  return [
    {
      key: "signal",
      header: t("weights.signal"),
      mobile: "title",
      render: (k) => (
        <>
          <Text size="sm">{label(k)}</Text>
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
          aria-label={`${t("weights.weight")} ${label(k)}`}
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
          aria-label={`${t("weights.cap")} ${label(k)}`}
          value={draft.caps[k] ?? 1}
          onChange={(v) => setDraft({ ...draft, caps: { ...draft.caps, [k]: Number(v) || 1 } })}
        />
      ),
    },
  ];
}

/** Every signal's weight and saturation. */
export function WeightsTable(props: DraftProps) {
  const { t, i18n } = useTranslation("relations");
  return (
    <Card withBorder padding={0} mb="md">
      <DataTable rowKey={(k) => k} rows={Object.keys(props.draft.weights)} columns={weightColumns(t, i18n.language, props)} />
    </Card>
  );
}

/** The alert threshold, the weight of an unlisted signal, the recent period; save and recompute. */
export function GlobalsCard({ draft, setDraft, canEdit, actions }: DraftProps & { actions: React.ReactNode }) {
  const { t } = useTranslation("relations");
  return (
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
        {canEdit ? actions : null}
      </Stack>
    </Card>
  );
}
