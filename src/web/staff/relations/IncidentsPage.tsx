import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatVnd } from "../../lib/format.ts";
import { DateField, EnterpriseSelect, INCIDENT_KINDS, INCIDENT_STATUSES, StatusBadge, today, useBodies } from "./shared.tsx";
import { applyProblem } from "../../lib/formProblems.ts";
import type { z } from "zod";
import type { incidentRowSchema, incidentsListSchema } from "#shared/contract/relations.ts";

/** An incident as the list sends it; the detail (incidentSchema) adds its actions. */
export type Incident = z.input<typeof incidentRowSchema>;

const PAGE_SIZE = 25;

export function IncidentsPage() {
  const { t } = useTranslation("relations");
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [opened, { open, close }] = useDisclosure();
  const filters = {
    kind: params.get("kind") ?? undefined,
    status: params.get("status") ?? undefined,
    enterpriseId: params.get("enterpriseId") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  };
  const { data, isLoading, error } = useQuery({
    queryKey: ["incidents", filters, page],
    queryFn: () => api.get<z.input<typeof incidentsListSchema>>(`/api/relations/incidents${qs({ ...filters, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next);
    setPage(1);
  };
  const columns: Column<Incident>[] = [
    { key: "startedOn", header: t("incident.startedOn"), render: (i) => formatDate(i.startedOn), width: 110 },
    { key: "enterprise", header: t("enterprise"), render: (i) => i.enterpriseName },
    { key: "kind", header: t("incident.kind"), render: (i) => t(`kind.${i.kind}`) },
    { key: "workers", header: t("incident.workersAffected"), render: (i) => formatNumber(i.workersAffected), align: "right", hideOnMobile: true },
    { key: "amount", header: t("incident.amountOwed"), render: (i) => (i.amountOwed ? formatVnd(i.amountOwed) : "—"), align: "right", hideOnMobile: true },
    { key: "status", header: t("status.label"), render: (i) => <StatusBadge status={i.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("incidents.title")}
        description={t("incidents.description")}
        actions={
          can("relations:write") ? (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              {t("incidents.new")}
            </Button>
          ) : null
        }
      />
      <Group mb="sm" gap="sm" wrap="wrap">
        <Select
          placeholder={t("incident.kind")}
          aria-label={t("incident.kind")}
          clearable
          data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={filters.kind ?? null}
          onChange={(v) => set("kind", v)}
          w={260}
        />
        <Select
          placeholder={t("status.label")}
          aria-label={t("status.label")}
          clearable
          data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => set("status", v)}
          w={180}
        />
      </Group>
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(i) => i.id}
        onRowClick={(i) => navigate(`/staff/relations/incidents/${i.id}`)}
      />
      <Modal opened={opened} onClose={close} title={t("incidents.new")} size="lg">
        <IncidentForm
          onDone={(id) => {
            close();
            if (id) navigate(`/staff/relations/incidents/${id}`);
          }}
        />
      </Modal>
    </>
  );
}

/** Creates an incident, or edits one when given. */
export function IncidentForm({ incident, onDone }: { incident?: Incident; onDone: (id?: number) => void }) {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const bodies = useBodies();
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
