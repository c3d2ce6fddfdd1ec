import { Badge, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WorkplaceText } from "../../components/workplace.tsx";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { StatusBadge } from "./shared.tsx";
import { vnToday } from "#shared/clock.ts";
import type { JoinRequestPage } from "./types.ts";

type JoinRow = JoinRequestPage["items"][number];
const PAGE_SIZE = 25;

export function JoinRequestsPage() {
  const { t } = useTranslation("care");
  const can = useCan();
  const [status, setStatus] = useState("pending");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<JoinRow | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-joins", status, page],
    queryFn: () => api.get<JoinRequestPage>(`/api/care/join-requests${qs({ status, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<JoinRow>[] = [
    {
      key: "name",
      header: t("joins.applicant"),
      render: (j) => (
        <Stack gap={0}>
          <Text size="sm">{j.fullName}</Text>
          {j.alreadyMemberOf && j.status === "pending" ? (
            <Badge color="orange" variant="light" size="sm">
              {t("joins.alreadyMember", { union: j.alreadyMemberOf })}
            </Badge>
          ) : null}
        </Stack>
      ),
    },
    { key: "birth", header: t("joins.birthDate"), render: (j) => formatDate(j.birthDate), hideOnMobile: true },
    { key: "phone", header: t("joins.phone"), render: (j) => j.phone, hideOnMobile: true },
    { key: "enterprise", header: t("joins.enterprise"), render: (j) => <WorkplaceText enterpriseId={j.enterpriseId} name={j.enterpriseName} /> },
    { key: "target", header: t("joins.target"), render: (j) => j.targetName, hideOnMobile: true },
    { key: "filed", header: t("joins.filedOn"), render: (j) => formatDateTime(j.createdAt), hideOnMobile: true },
    { key: "status", header: t("common:common.status"), render: (j) => <StatusBadge status={j.status} /> },
  ];
  return (
    <>
      <PageHeader title={t("joins.title")} description={t("joins.description")} />
      <SegmentedControl
        mb="sm"
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        data={["pending", "approved", "declined"].map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(j) => j.id}
        onRowClick={can("people:write") ? (j) => setOpen(j) : undefined}
      />
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `${open.code} · ${open.fullName}` : ""}>
        {open ? <Decision row={open} onDone={() => setOpen(null)} /> : null}
      </Modal>
    </>
  );
}

function Decision({ row, onDone }: { row: JoinRow; onDone: () => void }) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const [reason, setReason] = useState(row.alreadyMemberOf ? `Đã là đoàn viên của ${row.alreadyMemberOf}` : "");
  const [unionId, setUnionId] = useState<number | string>("");
  const [validFrom, setValidFrom] = useState(vnToday());
  const decide = useMutation({
    mutationFn: (decision: "approve" | "decline") =>
      api.post(
        `/api/care/join-requests/${row.id}/decision`,
        decision === "approve" ? { decision, validFrom, ...(unionId ? { unionId: Number(unionId) } : {}) } : { decision, reason },
      ),
    onSuccess: () => {
      notifySuccess(t("common:common.saved"));
      void client.invalidateQueries({ queryKey: ["care-joins"] });
      onDone();
    },
  });
  return (
    <Stack>
      <Text size="sm">
        {t("joins.birthDate")}: {formatDate(row.birthDate)} · CCCD {row.citizenId} · {row.phone}
      </Text>
      <Group gap={6} wrap="wrap">
        <Text size="sm">{t("joins.enterprise")}:</Text>
        <Text size="sm" component="div">
          <WorkplaceText enterpriseId={row.enterpriseId} name={row.enterpriseName} />
        </Text>
      </Group>
      <ErrorAlert error={decide.error} />
      {row.status === "pending" ? (
        <>
          <TextInput type="date" label={t("joins.validFrom")} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
          {row.targetKind !== "grassroots_union" ? <NumberInput label={t("joins.receivingUnion")} value={unionId} onChange={setUnionId} /> : null}
          <Button onClick={() => decide.mutate("approve")} loading={decide.isPending}>
            {t("joins.approve")}
          </Button>
          <TextInput label={t("joins.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button color="red" variant="light" onClick={() => decide.mutate("decline")} loading={decide.isPending}>
              {t("joins.decline")}
            </Button>
          </Group>
        </>
      ) : row.declineReason ? (
        <Text size="sm">{row.declineReason}</Text>
      ) : null}
    </Stack>
  );
}
