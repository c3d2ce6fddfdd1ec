/** The incident form: a new incident, or the correction of one (its enterprise then fixed). */
import { Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { incidentRowSchema } from "#shared/contract/relations.ts";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { DateField, EnterpriseSelect, INCIDENT_KINDS, INCIDENT_STATUSES, today, useBodies } from "./shared.tsx";

/** An incident as the list sends it; the detail (incidentSchema) adds its actions. */
export type Incident = z.input<typeof incidentRowSchema>;

/** The form filled with the incident (or a new one's defaults), its checks and its save. */
function useIncidentForm(incident: Incident | undefined, onDone: (id?: number) => void) {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      enterpriseId: incident?.enterpriseId ?? (null as number | null),
      kind: incident?.kind ?? "work_stoppage",
      title: incident?.title ?? "",
      startedOn: incident?.startedOn ?? (today() as string | null),
      endedOn: incident?.endedOn ?? (null as string | null),
      workersAffected: incident?.workersAffected ?? 0,
      amountOwed: incident?.amountOwed ?? 0,
      arrearsMonths: incident?.arrearsMonths ?? 0,
      demands: incident?.demands ?? "",
      bodyIds: (incident?.bodyIds ?? []).map(String),
      status: incident?.status ?? "open",
      resolution: incident?.resolution ?? "",
    },
    validate: {
      enterpriseId: (v) => (v ? null : t("form.required")),
      title: (v) => (v.trim() ? null : t("form.required")),
      startedOn: (v) => (v ? null : t("form.required")),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) => {
      const body = {
        kind: v.kind,
        title: v.title,
        startedOn: v.startedOn,
        endedOn: v.endedOn,
        workersAffected: Number(v.workersAffected) || 0,
        amountOwed: Number(v.amountOwed) || 0,
        arrearsMonths: Number(v.arrearsMonths) || 0,
        demands: v.demands,
        bodyIds: v.bodyIds.map(Number),
        status: v.status,
        resolution: v.resolution,
      };
      return incident
        ? api.patch<Incident>(`/api/relations/incidents/${incident.id}`, body)
        : api.post<Incident>("/api/relations/incidents", { ...body, enterpriseId: v.enterpriseId });
    },
    onSuccess: (row) => {
      notifySuccess(t(incident ? "form.saved" : "form.created"));
      void client.invalidateQueries({ queryKey: ["incidents"] });
      void client.invalidateQueries({ queryKey: ["incident", row.id] });
      onDone(row.id);
    },
  });
  return { form, save };
}

type IncidentFormState = ReturnType<typeof useIncidentForm>["form"];

/** When it started and ended, how many workers, how much owed for how long, and its status. */
function IncidentFacts({ form }: { form: IncidentFormState }) {
  const { t } = useTranslation("relations");
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <DateField
        label={t("incident.startedOn")}
        value={form.values.startedOn}
        onChange={(v) => form.setFieldValue("startedOn", v)}
        error={form.errors.startedOn as string | undefined}
        required
        notFuture
      />
      <DateField
        label={t("incident.endedOn")}
        value={form.values.endedOn}
        onChange={(v) => form.setFieldValue("endedOn", v)}
        error={form.errors.endedOn as string | undefined}
        notFuture
      />
      <NumberInput label={t("incident.workersAffected")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("workersAffected")} />
      <NumberInput label={t("incident.amountOwed")} min={0} thousandSeparator="." decimalSeparator="," suffix=" ₫" {...form.getInputProps("amountOwed")} />
      <NumberInput label={t("incident.arrearsMonths")} min={0} max={240} {...form.getInputProps("arrearsMonths")} />
      <Select
        label={t("status.label")}
        data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        allowDeselect={false}
        {...form.getInputProps("status")}
      />
    </SimpleGrid>
  );
}

/** Creates an incident, or edits one when given. */
export function IncidentForm({ incident, onDone }: { incident?: Incident; onDone: (id?: number) => void }) {
  const { t } = useTranslation("relations");
  const bodies = useBodies();
  const { form, save } = useIncidentForm(incident, onDone);
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        {incident ? null : (
          <EnterpriseSelect
            label={t("enterprise")}
            value={form.values.enterpriseId}
            onChange={(id) => form.setFieldValue("enterpriseId", id)}
            error={form.errors.enterpriseId as string | undefined}
          />
        )}
        <Select
          label={t("incident.kind")}
          data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps("kind")}
        />
        <TextInput label={t("incident.titleField")} {...form.getInputProps("title")} />
        <IncidentFacts form={form} />
        <Textarea label={t("incident.demands")} autosize minRows={2} {...form.getInputProps("demands")} />
        <MultiSelect
          label={t("incident.bodies")}
          data={(bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
          {...form.getInputProps("bodyIds")}
        />
        <Textarea label={t("incident.resolution")} autosize minRows={2} {...form.getInputProps("resolution")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone()}>
            {t("common:action.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common:action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
