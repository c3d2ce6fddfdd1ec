import { NumberInput, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { FairnessPage as FairnessList } from "./types.ts";

type Row = FairnessList["items"][number];
const PAGE_SIZE = 25;

export function FairnessPage() {
  const { t } = useTranslation("care");
  const [n, setN] = useState<number>(3);
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-fairness", n, page],
    queryFn: () => api.get<FairnessList>(`/api/care/fairness${qs({ n, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Row>[] = [
    { key: "name", header: t("campaign.person"), render: (r) => r.fullName },
    { key: "birth", header: t("joins.birthDate"), render: (r) => formatDate(r.birthDate), hideOnMobile: true },
    { key: "union", header: t("campaign.union"), render: (r) => r.unionName },
    {
      key: "last",
      header: t("fairness.lastPaid"),
      render: (r) => (r.lastPaidOn ? `${formatDate(r.lastPaidOn)} · ${r.lastCampaign ?? ""}` : t("fairness.never")),
    },
  ];
  return (
    <>
      <PageHeader title={t("fairness.title")} description={t("fairness.description", { n })} />
      <NumberInput
        label={t("fairness.lastN")}
        value={n}
        min={1}
        max={20}
        w={180}
        mb="sm"
        onChange={(v) => {
          setN(Number(v) || 1);
          setPage(1);
        }}
      />
      {data?.campaigns.length ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t("fairness.campaigns")}: {data.campaigns.map((c) => c.name).join("; ")}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(r) => r.personId}
      />
    </>
  );
}
