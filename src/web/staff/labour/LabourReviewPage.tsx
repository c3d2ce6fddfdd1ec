import { Alert, Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { vnToday } from "#shared/clock.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "../../lib/format.ts";
import {
  StatusBadge,
  type Submission,
  type SubmissionDetail,
  type SubmissionPage,
  numberGroups,
  periodText,
  recentPeriods,
  submissionStatuses,
} from "./shared.tsx";

const PAGE_SIZE = 25;
const money = new Set(["lowestWage", "averageWage"]);

/** The zone authority's queue: enterprises' latest submissions per period, opened to accept or return. */
export function LabourReviewPage() {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const [params, setParams] = useSearchParams();
  const period = params.get("period") ?? "";
  const status = params.get("status") ?? "";
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["labour-submissions", period, status, page],
    queryFn: () => api.get<SubmissionPage>(`/api/labour/submissions${qs({ period, status, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const columns: Column<Submission>[] = [
    {
      key: "enterprise",
      header: t("review.enterprise"),
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {r.enterpriseName}
          </Text>
          <Text size="xs" c="dimmed">
            {r.taxCode}
          </Text>
        </Stack>
      ),
    },
    { key: "period", header: t("field.period"), render: (r) => `${periodText(r.period, en)} · ${t("report.version")} ${r.version}` },
    { key: "workforce", header: t("field.workforce"), render: (r) => formatNumber(r.workforce), align: "right", hideOnMobile: true },
    {
      key: "submitted",
      header: t("review.submittedAt"),
      render: (r) => (
        <Group gap={4}>
          <Text size="sm">{formatDateTime(r.submittedAt)}</Text>
          {r.submittedLate ? (
            <Badge color="red" variant="outline" size="xs">
              {t("review.late")}
            </Badge>
          ) : null}
        </Group>
      ),
      hideOnMobile: true,
    },
    {
      key: "status",
      header: "",
      render: (r) => (
        <Group gap={4}>
          <StatusBadge status={r.status} />
          {r.warnings.length ? (
            <Badge color="yellow" variant="light">
              {r.warnings.length} {t("report.warnings").toLowerCase()}
            </Badge>
          ) : null}
        </Group>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("review.title")} description={t("review.description")} />
      <Group mb="sm" gap="sm">
        <Select
          label={t("field.period")}
          data={recentPeriods(vnToday()).map((p) => ({ value: p, label: periodText(p, en) }))}
          placeholder={t("review.allPeriods")}
          value={period || null}
          onChange={(v) => set("period", v)}
          clearable
          w={240}
        />
        <Select
          label={t("review.status")}
          placeholder={t("review.allStatuses")}
          data={submissionStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status || null}
          onChange={(v) => set("status", v)}
          clearable
          w={220}
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
        rowKey={(r) => r.id}
        onRowClick={(r) => setOpenId(r.id)}
      />
      {openId !== null ? <ReviewModal id={openId} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}

function ReviewModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const can = useCan();
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [returning, setReturning] = useState(false);
  const { data, error } = useQuery({ queryKey: ["labour-submission", id], queryFn: () => api.get<SubmissionDetail>(`/api/labour/submissions/${id}`) });
  const done = (message: string) => {
    notifySuccess(message);
    client.invalidateQueries({ queryKey: ["labour-submissions"] });
    client.invalidateQueries({ queryKey: ["labour-submission", id] });
    onClose();
  };
  const accept = useMutation({ mutationFn: () => api.post(`/api/labour/submissions/${id}/accept`, {}), onSuccess: () => done(t("review.accepted")) });
  const giveBack = useMutation({
    mutationFn: () => api.post(`/api/labour/submissions/${id}/return`, { reason }),
    onSuccess: () => done(t("review.returned")),
  });
  const value = (f: string, v: number) => (money.has(f) ? formatVnd(v) : formatNumber(v));
  return (
    <Modal opened onClose={onClose} title={data ? `${data.enterpriseName} · ${periodText(data.period, en)}` : ""} size="xl">
      <ErrorAlert error={error} />
      {data ? (
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={data.status} />
            <Text size="sm" c="dimmed">
              {t("report.version")} {data.version} · {t(`source.${data.source}`)} · {formatDateTime(data.submittedAt)} · {data.submittedBy ?? ""}
            </Text>
          </Group>
          {data.warnings.length ? (
            <Alert color="yellow" title={t("report.warnings")}>
              {data.warnings.map((w) => (
                <Text size="sm" key={`${w.pointer}-${w.code}`}>
                  {w.message}
                </Text>
              ))}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {numberGroups
              .flatMap((g) => g.fields)
              .map((f) => (
                <Group key={f} justify="space-between" wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
                  <Text size="sm">{t(`field.${f}`)}</Text>
                  <Text size="sm" fw={500}>
                    {value(f, data[f])}
                  </Text>
                </Group>
              ))}
            <Group justify="space-between">
              <Text size="sm">{t("field.hasAgreement")}</Text>
              <Text size="sm" fw={500}>
                {data.hasAgreement ? t("report.yes") : t("report.no")}
              </Text>
            </Group>
            <Group justify="space-between">
              <Text size="sm">{t("field.hasUnion")}</Text>
              <Text size="sm" fw={500}>
                {data.hasUnion ? t("report.yes") : t("report.no")}
              </Text>
            </Group>
          </SimpleGrid>
          {data.note ? <Text size="sm">{data.note}</Text> : null}
          {data.versions.length > 1 ? (
            <>
              <Text fw={500} size="sm">
                {t("review.versions")}
              </Text>
              <Table>
                <Table.Tbody>
                  {data.versions.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>
                        {t("report.version")} {v.version}
                      </Table.Td>
                      <Table.Td>{formatDateTime(v.submittedAt)}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={v.status} />
                      </Table.Td>
                      <Table.Td>{v.decisionReason ?? ""}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          {data.status !== "submitted" && data.decidedAt ? (
            <Text size="sm" c="dimmed">
              {t("review.decidedBy")}: {data.decidedBy ?? ""} · {formatDate(data.decidedAt.slice(0, 10))}
              {data.decisionReason ? ` · ${data.decisionReason}` : ""}
            </Text>
          ) : null}
          <ErrorAlert error={accept.error ?? giveBack.error} />
          {data.status === "submitted" && can("registry:write") ? (
            returning ? (
              <Stack gap="xs">
                <Textarea label={t("review.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
                <Group>
                  <Button color="orange" onClick={() => giveBack.mutate()} loading={giveBack.isPending}>
                    {t("review.return")}
                  </Button>
                  <Button variant="subtle" onClick={() => setReturning(false)}>
                    {t("common:action.cancel")}
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Group>
                <Button color="teal" onClick={() => accept.mutate()} loading={accept.isPending}>
                  {t("review.accept")}
                </Button>
                <Button color="orange" variant="light" onClick={() => setReturning(true)}>
                  {t("review.return")}
                </Button>
              </Group>
            )
          ) : null}
        </Stack>
      ) : null}
    </Modal>
  );
}
