import { Button, Group, Modal, Select } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatVnd } from "../../lib/format.ts";
import { type Incident, IncidentForm } from "./IncidentForm.tsx";
import { INCIDENT_KINDS, INCIDENT_STATUSES, StatusBadge } from "./shared.tsx";
import type { z } from "zod";
import type { incidentsListSchema } from "#shared/contract/relations.ts";

export { type Incident, IncidentForm } from "./IncidentForm.tsx";

const PAGE_SIZE = 25;

/** The incidents' columns. */
function incidentColumns(t: TFunction<"relations">): Column<Incident>[] {
  return [
    { key: "startedOn", header: t("incident.startedOn"), render: (i) => formatDate(i.startedOn), width: 110 },
    { key: "enterprise", header: t("enterprise"), render: (i) => i.enterpriseName },
    { key: "kind", header: t("incident.kind"), render: (i) => t(`kind.${i.kind}`) },
    { key: "workers", header: t("incident.workersAffected"), render: (i) => formatNumber(i.workersAffected), align: "right", hideOnMobile: true },
    { key: "amount", header: t("incident.amountOwed"), render: (i) => (i.amountOwed ? formatVnd(i.amountOwed) : "—"), align: "right", hideOnMobile: true },
    { key: "status", header: t("status.label"), render: (i) => <StatusBadge status={i.status} /> },
  ];
}

/** The kind and status filters. */
function IncidentFilters({ kind, status, set }: { kind: string | undefined; status: string | undefined; set: (key: string, v: string | null) => void }) {
  const { t } = useTranslation("relations");
  return (
    <Group mb="sm" gap="sm" wrap="wrap">
      <Select
        placeholder={t("incident.kind")}
        aria-label={t("incident.kind")}
        clearable
        data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        value={kind ?? null}
        onChange={(v) => set("kind", v)}
        w={260}
      />
      <Select
        placeholder={t("status.label")}
        aria-label={t("status.label")}
        clearable
        data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={status ?? null}
        onChange={(v) => set("status", v)}
        w={180}
      />
    </Group>
  );
}

/** Labour incidents (stoppages, wage arrears…) filtered by kind and status; a row opens the incident. */
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
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={open}>
      {t("incidents.new")}
    </Button>
  );
  return (
    <>
      <PageHeader title={t("incidents.title")} description={t("incidents.description")} actions={can("relations:write") ? add : null} />
      <IncidentFilters kind={filters.kind} status={filters.status} set={set} />
      <ErrorAlert error={error} />
      <DataTable
        columns={incidentColumns(t)}
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
