import { Code, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";

interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

const ACTIONS = ["login", "login_failed", "login_locked", "logout", "create", "update", "delete", "read", "export", "import"];
const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [action, setAction] = useState<string | null>(null);
  const [objectType, setObjectType] = useState("");
  const [debounced] = useDebouncedValue(q, 300);
  const [debouncedType] = useDebouncedValue(objectType, 300);
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<AuditRow | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["audit", debounced, action, debouncedType, page],
    queryFn: () =>
      api.get<{ total: number; items: AuditRow[] }>(`/api/admin/audit${qs({ q: debounced, action, objectType: debouncedType, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<AuditRow>[] = [
    { key: "at", header: t("admin.at"), render: (r) => formatDateTime(r.at) },
    { key: "who", header: t("admin.who"), render: (r) => r.username ?? "—" },
    { key: "action", header: t("admin.action"), render: (r) => r.action },
    { key: "object", header: t("admin.object"), render: (r) => `${r.objectType}${r.objectId ? ` #${r.objectId}` : ""}` },
    { key: "ip", header: t("admin.ip"), render: (r) => r.ip ?? "", hideOnMobile: true },
  ];
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
        <Select placeholder={t("admin.action")} aria-label={t("admin.action")} clearable data={ACTIONS} value={action} onChange={setAction} />
        <TextInput placeholder={t("admin.object")} aria-label={t("admin.object")} value={objectType} onChange={(e) => setObjectType(e.currentTarget.value)} />
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
        rowKey={(r) => r.id}
        onRowClick={setShown}
      />
      <Modal opened={Boolean(shown)} onClose={() => setShown(null)} title={t("admin.details")} size="xl">
        {shown ? (
          <Stack gap="xs">
            <Text size="sm">
              {formatDateTime(shown.at)} · {shown.username ?? "—"} · {shown.action} · {shown.objectType} {shown.objectId ?? ""}
            </Text>
            <Text size="xs" c="dimmed">
              {shown.ip} · {shown.requestId}
            </Text>
            {(["before", "after", "detail"] as const).map((k) =>
              shown[k] ? (
                <div key={k}>
                  <Text fw={600} size="sm">
                    {k}
                  </Text>
                  <Code block>{JSON.stringify(shown[k], null, 2)}</Code>
                </div>
              ) : null,
            )}
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
