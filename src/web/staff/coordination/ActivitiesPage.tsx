import { ActionIcon, Badge, Button, Group, Select, Text, VisuallyHidden } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { activityKinds } from "#shared/activities.ts";
import { type Activity, type ActivityEditor, useActivityEditor } from "./activities.form.ts";
import { ActivityFormModal, ActivityRemoveModal } from "./ActivityModals.tsx";
import { DateField } from "./DateField.tsx";

const PAGE_SIZE = 50;

/** Correct and delete, for one row. A conference whose questions became requests cannot be deleted, so it offers no delete. */
function RowActions({ r, editor }: { r: Activity; editor: ActivityEditor }) {
  const { t } = useTranslation("coordination");
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <ActionIcon variant="subtle" aria-label={`${t("activities.edit")}: ${r.title}`} loading={editor.opening === r.id} onClick={() => editor.openEdit(r)}>
        <IconPencil size={16} />
      </ActionIcon>
      {r.requestCount ? null : (
        <ActionIcon variant="subtle" color="red" aria-label={`${t("activities.delete")}: ${r.title}`} onClick={() => editor.openRemove(r)}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}

/** The list's columns; the actions, when the caller may write, in their own column and (on phones) under the name. */
function activityColumns(t: TFunction<"coordination">, editor: ActivityEditor | null): Column<Activity>[] {
  const columns: Column<Activity>[] = [
    { key: "heldOn", header: t("activities.heldOn"), mobile: "top", render: (r) => formatDate(r.heldOn) },
    {
      key: "title",
      header: t("activities.name"),
      mobile: "title",
      render: (r) => (
        <div>
          <Text size="sm">{r.title}</Text>
          <Group gap={4}>
            <Badge size="xs" variant="light">
              {t(`kind.${r.kind}`)}
            </Badge>
            {r.questionCount ? (
              <Badge size="xs" variant="light" color="grape">
                {t("activities.questions", { n: r.questionCount })}
              </Badge>
            ) : null}
          </Group>
          {/* On phones the actions column is off to the side: the actions sit under the name. */}
          {editor ? (
            <Group hiddenFrom="sm" mt={4}>
              <RowActions r={r} editor={editor} />
            </Group>
          ) : null}
        </div>
      ),
    },
    { key: "where", header: t("activities.where"), render: (r) => r.enterpriseName ?? r.zoneName ?? r.bodyName, hideOnMobile: true },
    { key: "sessions", header: t("activities.sessions"), render: (r) => formatNumber(r.sessions), align: "right", hideOnMobile: true },
    { key: "participants", header: t("activities.participants"), render: (r) => formatNumber(r.participants || r.visitors || 0), align: "right" },
  ];
  if (editor)
    columns.push({
      key: "actions",
      header: <VisuallyHidden>{t("activities.actions")}</VisuallyHidden>,
      render: (r) => <RowActions r={r} editor={editor} />,
      hideOnMobile: true,
    });
  return columns;
}

/** Activities filtered by kind and period (the figures of the report link here), with their totals. */
export function ActivitiesPage() {
  const { t } = useTranslation("coordination");
  // The list holds only activities in the caller's scope, and the server lets whoever holds
  // coordination:write correct or delete any of them: the permission alone decides.
  const writable = useCan()("coordination:write");
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const editor = useActivityEditor();
  const filters = { kind: params.get("kind"), from: params.get("from"), to: params.get("to"), enterpriseOwnership: params.get("enterpriseOwnership") };
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const { data, error, isLoading } = useQuery({
    queryKey: ["activities", filters, page],
    queryFn: () =>
      api.get<{ total: number; totals: { sessions: number; participants: number; enterprises: number } | null; items: Activity[] }>(
        `/api/coordination/activities${qs({ ...filters, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={editor.openNew}>
      {t("activities.add")}
    </Button>
  );
  return (
    <>
      <PageHeader title={t("activities.title")} description={t("activities.hint")} actions={writable ? add : null} />
      <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
        <Select
          label={t("activities.kind")}
          clearable
          placeholder={t("activities.all")}
          data={activityKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={filters.kind}
          onChange={(v) => set("kind", v)}
        />
        <DateField label={t("activities.from")} value={filters.from} onChange={(v) => set("from", v)} />
        <DateField label={t("activities.to")} value={filters.to} onChange={(v) => set("to", v)} />
      </Group>
      {data?.totals ? (
        <Text size="sm" fw={600} mb="sm">
          {t("activities.totals", {
            n: formatNumber(data.total),
            sessions: formatNumber(data.totals.sessions),
            participants: formatNumber(data.totals.participants),
          })}
          {filters.kind === "supervision" ? ` · ${t("activities.enterprises", { n: formatNumber(data.totals.enterprises) })}` : ""}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      <DataTable
        columns={activityColumns(t, writable ? editor : null)}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(r) => r.id}
      />
      <ActivityFormModal editor={editor} />
      <ActivityRemoveModal editor={editor} />
    </>
  );
}
