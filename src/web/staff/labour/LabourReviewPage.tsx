import { Badge, Group, Select, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { vnToday } from "#shared/clock.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { ReviewModal } from "./LabourReviewModal.tsx";
import { StatusBadge, type Submission, type SubmissionPage, periodText, recentPeriods, submissionStatuses } from "./shared.tsx";

const PAGE_SIZE = 25;

/** The queue's columns: enterprise, period and version, workforce, when (late or not), status and warnings. */
function reviewColumns(t: TFunction<"labour">, en: boolean): Column<Submission>[] {
  return [
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
}

/** The queue's filters: period and status, kept in the address. */
function ReviewFilters({ period, status, set }: { period: string; status: string; set: (k: string, v: string | null) => void }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  return (
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
  );
}

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
  return (
    <>
      <PageHeader title={t("review.title")} description={t("review.description")} />
      <ReviewFilters period={period} status={status} set={set} />
      <ErrorAlert error={error} />
      <DataTable
        columns={reviewColumns(t, en)}
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
