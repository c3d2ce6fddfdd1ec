import { Badge, Button, Chip, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconAlertTriangle, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { WorkplaceText } from "../../components/workplace.tsx";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { type EnterpriseView, KINDS, type RequestSummary, STATUSES, TOPICS } from "./types.ts";

const PAGE_SIZE = 25;

/** The request list: filters by status, kind, topic, overdue and due soon; the enterprise sees its redacted list. */
export function RequestsPage() {
  const { t } = useTranslation("voice");
  const can = useCan();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { q, setQ, page, goToPage, filters, set, isEnterprise, data, isLoading, error, escalate } = useRequestList();
  const staffColumns = useStaffColumns();
  const enterpriseColumns = useEnterpriseColumns();
  return (
    <Stack>
      <PageHeader
        title={t("staff.listTitle")}
        actions={
          can("voice:identity") ? <ListActions canEscalate={me?.user.role === "body_admin" || me?.user.role === "system_admin"} escalate={escalate} /> : null
        }
      />
      <Group gap="xs" align="flex-end">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={isEnterprise ? t("staff.enterpriseSearch") : t("staff.filters.q")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: "100%", sm: 260 }}
        />
        {/* The enterprise's list has no staff filters: each would tell it something the worker wrote. */}
        {isEnterprise ? null : <StaffFilters filters={filters} set={set} />}
      </Group>
      <ErrorAlert error={error ?? escalate.error} />
      {isEnterprise ? (
        <>
          <Text size="sm" c="dimmed">
            {t("staff.enterpriseNote")}
          </Text>
          <DataTable
            columns={enterpriseColumns}
            rows={data?.items as EnterpriseView[] | undefined}
            total={data?.total}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={goToPage}
            loading={isLoading}
            rowKey={(r) => r.ref}
          />
        </>
      ) : (
        <DataTable
          columns={staffColumns}
          rows={data?.items as RequestSummary[] | undefined}
          total={data?.total}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={goToPage}
          loading={isLoading}
          rowKey={(r) => r.id}
          onRowClick={(r) => navigate(`/staff/requests/${r.id}`)}
        />
      )}
    </Stack>
  );
}

/** The list's state in the address (filters, page) and the search box, the page of requests, and the escalation call. */
function useRequestList() {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(q, 300);
  const page = Number(params.get("page") ?? 1);
  const filters = {
    status: params.get("status") ?? undefined,
    kind: params.get("kind") ?? undefined,
    topic: params.get("topic") ?? undefined,
    overdue: params.get("overdue") ?? undefined,
    dueSoon: params.get("dueSoon") ?? undefined,
    enterpriseId: params.get("enterpriseId") ?? undefined,
    bodyId: params.get("bodyId") ?? undefined,
    zoneId: params.get("zoneId") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  };
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setParams(next, { replace: true });
  };
  // Its own step: `set` drops the page (a new filter starts at the first), so the enterprise's list could not leave page 1.
  const goToPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    setParams(next);
  };
  const isEnterprise = me?.scope.kind === "enterprise";
  const { data, isLoading, error } = useQuery({
    queryKey: ["voice-requests", filters, debounced, page],
    queryFn: () =>
      api.get<{ total: number; items: (RequestSummary | EnterpriseView)[] }>(
        `/api/voice/requests${qs({ ...filters, q: debounced, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const escalate = useMutation({
    mutationFn: () => api.post<{ escalated: number }>("/api/voice/escalations"),
    onSuccess: (r) => {
      notifySuccess(t("staff.escalated", { count: r.escalated }));
      void qc.invalidateQueries({ queryKey: ["voice-requests"] });
    },
  });

  return { q, setQ, page, goToPage, filters, set, isEnterprise, data, isLoading, error, escalate };
}

type RequestList = ReturnType<typeof useRequestList>;

/** Escalating what is overdue (admins only), and taking a request at the counter. */
function ListActions({ canEscalate, escalate }: { canEscalate: boolean; escalate: RequestList["escalate"] }) {
  const { t } = useTranslation("voice");
  return (
    <Group gap="xs">
      {canEscalate ? (
        <Button variant="light" color="red" leftSection={<IconAlertTriangle size={16} />} onClick={() => escalate.mutate()} loading={escalate.isPending}>
          {t("staff.escalate")}
        </Button>
      ) : null}
      <Button component={Link} to="/staff/requests/new" leftSection={<IconPlus size={16} />}>
        {t("staff.nav.intake")}
      </Button>
    </Group>
  );
}

/** Status, kind and topic, overdue and due soon: the staff's filters. */
function StaffFilters({ filters, set }: { filters: RequestList["filters"]; set: RequestList["set"] }) {
  const { t } = useTranslation("voice");
  return (
    <>
      <Select
        placeholder={t("staff.filters.status")}
        clearable
        data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={filters.status ?? null}
        onChange={(v) => set("status", v)}
        w={{ base: "48%", sm: 170 }}
      />
      <Select
        placeholder={t("staff.filters.kind")}
        clearable
        data={KINDS.map((s) => ({ value: s, label: t(`kind.${s}`) }))}
        value={filters.kind ?? null}
        onChange={(v) => set("kind", v)}
        w={{ base: "48%", sm: 160 }}
      />
      <Select
        placeholder={t("staff.filters.topic")}
        clearable
        data={TOPICS.map((s) => ({ value: s, label: t(`topic.${s}`) }))}
        value={filters.topic ?? null}
        onChange={(v) => set("topic", v)}
        w={{ base: "48%", sm: 180 }}
      />
      <Chip checked={filters.overdue === "true"} onChange={(c) => set("overdue", c ? "true" : null)} color="red">
        {t("staff.filters.overdue")}
      </Chip>
      <Chip checked={filters.dueSoon === "true"} onChange={(c) => set("dueSoon", c ? "true" : null)} color="orange">
        {t("staff.filters.dueSoon")}
      </Chip>
    </>
  );
}

/** The staff's columns: code, title with its kind and topic, workplace, body, status, deadline with its flags, officer, received. */
function useStaffColumns(): Column<RequestSummary>[] {
  const { t } = useTranslation("voice");
  return [
    {
      key: "code",
      header: t("staff.col.code"),
      render: (r) => (
        <Text ff="monospace" size="sm" style={{ whiteSpace: "nowrap" }}>
          {r.code}
        </Text>
      ),
    },
    {
      key: "title",
      header: t("staff.col.title"),
      mobile: "title",
      render: (r) => <TitleCell r={r} />,
    },
    {
      key: "enterprise",
      header: t("staff.col.enterprise"),
      render: (r) => <WorkplaceText enterpriseId={r.enterpriseId} name={r.enterpriseName} />,
      hideOnMobile: true,
    },
    { key: "body", header: t("staff.col.body"), render: (r) => r.responsibleBodyName, hideOnMobile: true },
    {
      key: "status",
      header: t("staff.col.status"),
      mobile: "top",
      render: (r) => (
        <Badge variant="outline" style={{ overflow: "visible" }} styles={{ label: { overflow: "visible" } }}>
          {t(`status.${r.status}`)}
        </Badge>
      ),
    },
    {
      key: "deadline",
      header: t("staff.col.deadline"),
      mobile: "top",
      render: (r) => <DeadlineCell r={r} />,
    },
    { key: "officer", header: t("staff.col.officer"), render: (r) => r.assignedUserName ?? "—", hideOnMobile: true },
    { key: "received", header: t("staff.col.received"), render: (r) => formatDate(r.receivedAt), hideOnMobile: true },
  ];
}

/** The enterprise's columns: the redacted reference, when forwarded, the summary, the body. */
function useEnterpriseColumns(): Column<EnterpriseView>[] {
  const { t } = useTranslation("voice");
  return [
    { key: "ref", header: t("staff.col.ref"), render: (r) => r.ref, mobile: "top" },
    { key: "forwardedOn", header: t("staff.col.forwardedOn"), render: (r) => formatDate(r.forwardedOn) },
    { key: "summary", mobile: "title", header: t("staff.col.summary"), render: (r) => <Text style={{ whiteSpace: "pre-wrap" }}>{r.summary}</Text> },
    { key: "body", header: t("staff.col.body"), render: (r) => r.responsibleBodyName, hideOnMobile: true },
  ];
}

/** The title, with its kind, topic and whether it is anonymous. */
function TitleCell({ r }: { r: RequestSummary }) {
  const { t } = useTranslation("voice");
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500} lineClamp={2}>
        {r.title}
      </Text>
      <Group gap={4}>
        <Badge size="xs" variant="light">
          {t(`kind.${r.kind}`)}
        </Badge>
        <Badge size="xs" variant="light" color="grape">
          {t(`topic.${r.topic}`)}
        </Badge>
        {r.anonymous ? (
          <Badge size="xs" color="gray">
            {t("staff.anonymousBadge")}
          </Badge>
        ) : null}
      </Group>
    </Stack>
  );
}

/** A badge that shows its whole word ("Sắp đến hạn", not "Sắp đến…"): its column widens and the row's other cells wrap. */
const WHOLE = { root: { minWidth: "max-content" }, label: { overflow: "visible" } } as const;

/** The deadline, with overdue or due soon, and whether it was escalated. */
function DeadlineCell({ r }: { r: RequestSummary }) {
  const { t } = useTranslation("voice");
  return (
    <Stack gap={2}>
      <Text size="sm">{formatDate(r.deadline)}</Text>
      {r.overdue ? (
        <Badge size="xs" styles={WHOLE} color="red">
          {t("staff.overdueBadge")}
        </Badge>
      ) : r.dueSoon ? (
        <Badge size="xs" styles={WHOLE} color="orange">
          {t("staff.dueSoonBadge")}
        </Badge>
      ) : null}
      {r.escalated ? (
        <Badge size="xs" styles={WHOLE} color="red" variant="outline">
          {t("staff.escalatedBadge")}
        </Badge>
      ) : null}
    </Stack>
  );
}
