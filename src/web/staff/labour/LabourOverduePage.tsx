import { Select, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { vnToday } from "#shared/clock.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { StatusBadge, periodText, recentPeriods } from "./shared.tsx";
import type { z } from "zod";
import type { overdueSchema } from "#shared/contract/labour.ts";

type Row = Overdue["items"][number];
type Overdue = z.input<typeof overdueSchema>;

/** Officers' list of enterprises late with (or missing) a period's labour report, and those that came late. */
export function LabourOverduePage() {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const [params, setParams] = useSearchParams();
  const period = params.get("period") ?? "";
  const { data, isLoading, error } = useQuery({
    queryKey: ["labour-overdue", period],
    queryFn: () => api.get<Overdue>(`/api/labour/overdue${qs({ period })}`),
  });
  const columns: Column<Row>[] = [
    {
      key: "enterprise",
      header: t("review.enterprise"),
      render: (r) => (
        <a href={`/staff/registry/enterprises/${r.enterpriseId}`}>
          {r.enterpriseName}{" "}
          <Text span size="xs" c="dimmed">
            ({r.taxCode})
          </Text>
        </a>
      ),
    },
    { key: "zone", header: t("overdue.zone"), render: (r) => r.zoneName ?? "", hideOnMobile: true },
    { key: "status", header: "", render: (r) => <StatusBadge status={r.status} /> },
    { key: "days", header: t("overdue.daysLate"), render: (r) => formatNumber(r.daysLate), align: "right" },
    { key: "at", header: t("overdue.submittedAt"), render: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : ""), hideOnMobile: true },
  ];
  return (
    <>
      <PageHeader
        title={t("overdue.title")}
        description={
          data
            ? t("overdue.description", {
                period: periodText(data.period, en),
                deadline: formatDate(data.deadline),
                n: formatNumber(data.items.length),
                expected: formatNumber(data.expected),
              })
            : undefined
        }
      />
      <Select
        label={t("field.period")}
        data={recentPeriods(vnToday()).map((p) => ({ value: p, label: periodText(p, en) }))}
        value={period || data?.period || null}
        onChange={(v) => setParams(v ? { period: v } : {}, { replace: true })}
        allowDeselect={false}
        w={260}
        mb="sm"
      />
      <ErrorAlert error={error} />
      {data && data.items.length === 0 ? <Text c="dimmed">{t("overdue.none")}</Text> : null}
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.items.length}
        page={1}
        pageSize={Math.max(1, data?.items.length ?? 1)}
        onPage={() => {}}
        loading={isLoading}
        rowKey={(r) => r.enterpriseId}
      />
    </>
  );
}
