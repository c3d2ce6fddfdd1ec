import { Anchor, Code, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { auditActionLabel, auditActionList, auditObjectLabel, auditObjectLink, auditObjectList } from "#shared/audit.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import type { auditRowSchema } from "#shared/contract/access.ts";
import type { z } from "zod";

type AuditRow = z.input<typeof auditRowSchema>;

const PAGE_SIZE = 50;

/** The object in words: "Doanh nghiệp Công ty TNHH …", linked to its page when it has one. */
function ObjectCell({ row, language }: { row: AuditRow; language: string }) {
  const kind = auditObjectLabel(row.objectType, language);
  const name = row.objectName ?? (row.objectId ? `#${row.objectId}` : "");
  const link = auditObjectLink(row.objectType, row.objectId);
  return (
    <Text size="sm" span>
      {kind}
      {name ? " " : ""}
      {name && link ? (
        <Anchor component={Link} to={link} size="sm" onClick={(e) => e.stopPropagation()}>
          {name}
        </Anchor>
      ) : (
        name
      )}
    </Text>
  );
}

/** Who did it: the user's name, with the login as a hint. */
const who = (r: AuditRow) => (r.userFullName ? `${r.userFullName} (${r.username})` : (r.username ?? "—"));

/** The log's columns: when, who, what was done, to what, from where. */
function auditColumns(t: TFunction, language: string): Column<AuditRow>[] {
  return [
    { key: "at", header: t("admin.at"), mobile: "top", render: (r) => formatDateTime(r.at) },
    { key: "who", header: t("admin.who"), render: who },
    {
      key: "action",
      header: t("admin.action"),
      mobile: "title",
      render: (r) => (
        <Text size="sm" fw={500}>
          {auditActionLabel(r.action, language)}
        </Text>
      ),
    },
    { key: "object", header: t("admin.object"), render: (r) => <ObjectCell row={r} language={language} /> },
    { key: "ip", header: t("admin.ip"), render: (r) => r.ip ?? "", hideOnMobile: true },
  ];
}

/** One entry in full: the values before and after, and the detail, as JSON. */
function AuditDetail({ shown, onClose }: { shown: AuditRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Modal opened={Boolean(shown)} onClose={onClose} title={t("admin.details")} size="xl">
      {shown ? (
        <Stack gap="xs">
          <Text size="sm">
            {formatDateTime(shown.at)} · {who(shown)} · {auditActionLabel(shown.action, language)} · <ObjectCell row={shown} language={language} />
          </Text>
          <Text size="xs" c="dimmed">
            {shown.ip} · {shown.requestId}
          </Text>
          {(["before", "after", "detail"] as const).map((k) =>
            shown[k] ? (
              <div key={k}>
                <Text fw={600} size="sm">
                  {t(`admin.audit.${k}`)}
                </Text>
                <Code block>{JSON.stringify(shown[k], null, 2)}</Code>
              </div>
            ) : null,
          )}
        </Stack>
      ) : null}
    </Modal>
  );
}

/** The audit log, searched and filtered by action and object; an entry opens in full. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [q, setQ] = useState("");
  const [action, setAction] = useState<string | null>(null);
  const [objectType, setObjectType] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<AuditRow | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["audit", debounced, action, objectType, page],
    queryFn: () => api.get<{ total: number; items: AuditRow[] }>(`/api/admin/audit${qs({ q: debounced, action, objectType, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t("admin.auditTitle")} description={t("admin.auditHint")} />
      <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t("action.search")}
          aria-label={t("action.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          placeholder={t("admin.action")}
          aria-label={t("admin.action")}
          clearable
          searchable
          data={auditActionList.map((a) => ({ value: a, label: auditActionLabel(a, language) }))}
          value={action}
          onChange={setAction}
        />
        <Select
          placeholder={t("admin.object")}
          aria-label={t("admin.object")}
          clearable
          searchable
          data={auditObjectList.map((o) => ({ value: o, label: auditObjectLabel(o, language) }))}
          value={objectType}
          onChange={setObjectType}
        />
      </Group>
      <ErrorAlert error={error} />
      <DataTable
        columns={auditColumns(t, language)}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(r) => r.id}
        onRowClick={setShown}
      />
      <AuditDetail shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
