import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { type InspectionForm, useInspectionForm } from "./inspection.form.ts";
import { InspectionAnswer } from "./InspectionAnswer.tsx";
import { DateField, EnterpriseSelect } from "./shared.tsx";

/** The enterprise (fixed when the page was opened for one), date, lead body and kind. */
function HeaderCard({ inspection }: { inspection: InspectionForm }) {
  const { t } = useTranslation("relations");
  const { header: h, form } = inspection;
  return (
    <Card withBorder mb="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {h.fixedEnterprise ? (
          <TextInput label={t("enterprise")} value={form.data?.enterprise.name ?? "…"} readOnly />
        ) : (
          <EnterpriseSelect label={t("enterprise")} value={h.enterpriseId} onChange={(id) => h.setEnterpriseId(id)} />
        )}
        <DateField label={t("inspections.inspectedOn")} value={h.inspectedOn} onChange={h.setInspectedOn} required />
        <Select
          label={t("inspections.lead")}
          data={h.bodies.map((b) => ({ value: String(b.id), label: b.name }))}
          value={h.leadBodyId}
          onChange={h.setLeadBodyId}
          allowDeselect={false}
        />
        <Select
          label={t("inspections.kind")}
          data={["inspection", "supervision", "reinspection"].map((k) => ({ value: k, label: t(`inspectionKind.${k}`) }))}
          value={h.kind}
          onChange={(v) => h.setKind(v ?? "inspection")}
          allowDeselect={false}
        />
      </SimpleGrid>
    </Card>
  );
}

/** The questions in their clusters, a heading where a cluster starts. */
function Checklist({ inspection }: { inspection: InspectionForm }) {
  const { items, answers, update, header } = inspection;
  return items.map((it, i) => (
    <div key={it.id}>
      {it.cluster !== (items[i - 1]?.cluster ?? "") ? (
        <Title order={3} size="h5" mt="md" mb="xs">
          {it.cluster}
        </Title>
      ) : null}
      <InspectionAnswer it={it} a={answers[it.id]} update={update} inspectedOn={header.inspectedOn} />
    </div>
  ));
}

/** The summary, how far the answers go, and the button that completes the inspection. */
function CompleteCard({ inspection }: { inspection: InspectionForm }) {
  const { t } = useTranslation("relations");
  const { header: h, items, answered, failing, save } = inspection;
  return (
    <Card withBorder mt="md">
      <Stack>
        <Textarea label={t("inspections.summary")} autosize minRows={2} value={h.summary} onChange={(e) => h.setSummary(e.currentTarget.value)} />
        <Text size="sm">{t("inspections.progress", { answered: answered.length, total: items.length, failing: failing.length })}</Text>
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={answered.length === 0 || !h.leadBodyId}>
            {t("inspections.complete")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Records an inspection from the checklist in force: one answer per question, findings with deadlines. */
export function InspectionFormPage() {
  const { t } = useTranslation("relations");
  const inspection = useInspectionForm();
  const { form, items } = inspection;
  return (
    <>
      <PageHeader
        title={t("inspections.record")}
        description={form.data ? `${form.data.checklist.title} — ${t("inspections.version", { v: form.data.checklist.version })}` : undefined}
      />
      <HeaderCard inspection={inspection} />
      {form.isFetching && !form.data ? <Loading /> : null}
      <ErrorAlert error={form.error} />
      <Checklist inspection={inspection} />
      {items.length ? <CompleteCard inspection={inspection} /> : null}
    </>
  );
}
