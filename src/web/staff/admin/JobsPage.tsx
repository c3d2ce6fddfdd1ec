import { Badge, Button, SegmentedControl, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { jobListSchema } from "#shared/contract/access.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";

type JobList = z.input<typeof jobListSchema>;
type JobRow = JobList["items"][number];
type Filter = "open" | "queued" | "active" | "failed" | "completed";

const stateColor: Record<JobRow["state"], string> = { queued: "gray", active: "blue", failed: "red", completed: "green" };

/** The background jobs (system administrator): what waits, runs and failed; a failed one run again. */
export function JobsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>("open");
  const client = useQueryClient();
  const { data, isLoading, error } = useQuery({
    queryKey: ["admin-jobs", filter],
    queryFn: () => api.get<JobList>(`/api/admin/jobs${qs({ state: filter === "open" ? undefined : filter })}`),
    refetchInterval: 5000,
  });
  const retry = useMutation({
    mutationFn: (r: JobRow) => api.post(`/api/admin/jobs/${encodeURIComponent(r.name)}/${encodeURIComponent(r.id)}/retry`, {}),
    onSuccess: () => {
      notifySuccess(t("admin.jobs.retried"));
      void client.invalidateQueries({ queryKey: ["admin-jobs"] });
    },
    onError: notifyError,
  });
  const columns: Column<JobRow>[] = [
    { key: "name", header: t("admin.jobs.name"), mobile: "title", render: (r) => t(`admin.jobs.names.${r.name}`, { defaultValue: r.name }) },
    {
      key: "state",
      header: t("admin.jobs.state"),
      render: (r) => (
        <Badge color={stateColor[r.state]} variant="light">
          {t(`admin.jobs.states.${r.state}`)}
        </Badge>
      ),
    },
    { key: "attempts", header: t("admin.jobs.attempts"), render: (r) => String(r.attempts) },
    { key: "created", header: t("admin.jobs.created"), mobile: "top", render: (r) => formatDateTime(r.createdAt) },
    { key: "started", header: t("admin.jobs.started"), render: (r) => formatDateTime(r.startedAt), hideOnMobile: true },
    { key: "error", header: t("admin.jobs.error"), render: (r) => <Text size="sm">{r.error ?? ""}</Text> },
    {
      key: "retry",
      header: "",
      render: (r) =>
        r.state === "failed" ? (
          <Button size="xs" variant="light" loading={retry.isPending && retry.variables?.id === r.id} onClick={() => retry.mutate(r)}>
            {t("admin.jobs.retry")}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t("admin.jobs.title")} description={t(data?.queue === "local" ? "admin.jobs.hintLocal" : "admin.jobs.hint")} />
      <SegmentedControl
        mb="sm"
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        aria-label={t("admin.jobs.state")}
        data={(["open", "queued", "active", "failed", "completed"] as const).map((v) => ({ value: v, label: t(`admin.jobs.filters.${v}`) }))}
      />
      <ErrorAlert error={error} />
      <DataTable columns={columns} rows={data?.items} loading={isLoading} rowKey={(r) => `${r.name}/${r.id}`} />
    </>
  );
}
