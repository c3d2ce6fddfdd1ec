import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { GlobalsCard, WeightsTable, useRiskSettings } from "./WeightsParts.tsx";

/** The early-warning weights: points per signal at full strength, saturation, alert threshold. */
export function WeightsPage() {
  const { t } = useTranslation("relations");
  const { query, draft, setDraft, canEdit, save, recompute } = useRiskSettings();
  if (query.isLoading || !draft) return query.error ? <ErrorAlert error={query.error} /> : <Loading />;
  const actions = (
    <Group justify="flex-end">
      <Button variant="default" onClick={() => recompute.mutate()} loading={recompute.isPending}>
        {t("weights.recompute")}
      </Button>
      <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
        {t("common:action.save")}
      </Button>
    </Group>
  );
  return (
    <>
      <PageHeader title={t("weights.title")} description={t("weights.description")} />
      {!canEdit ? (
        <Text c="dimmed" mb="sm">
          {t("weights.readOnly")}
        </Text>
      ) : null}
      <ErrorAlert error={save.error ?? recompute.error} />
      <WeightsTable draft={draft} setDraft={setDraft} canEdit={canEdit} />
      <GlobalsCard draft={draft} setDraft={setDraft} canEdit={canEdit} actions={actions} />
    </>
  );
}
