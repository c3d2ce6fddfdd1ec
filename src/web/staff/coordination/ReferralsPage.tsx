import type { z } from "zod";
import type { referralRowSchema } from "#shared/contract/coordination.ts";
import { Badge, Group, Select, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { DateField } from "./DateField.tsx";

type Referral = z.input<typeof referralRowSchema>;
const PAGE_SIZE = 50;
const color = { pending: "blue", admitted: "teal", not_admitted: "gray" } as const;

/** Party referrals with "2.099 giới thiệu, 841 kết nạp, 40,1%" — only for roles holding referrals:read. */
export function ReferralsPage() {
  const { t } = useTranslation("coordination");
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const filters = { from: params.get("from"), to: params.get("to"), outcome: params.get("outcome") };
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const { data, error, isLoading } = useQuery({
    queryKey: ["referrals", filters, page],
    queryFn: () => api.get<{ total: number; line: string; items: Referral[] }>(`/api/coordination/referrals${qs({ ...filters, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Referral>[] = [
    { key: "person", header: t("referrals.person"), render: (r) => r.fullName },
    { key: "union", header: t("referrals.union"), render: (r) => r.unionName, hideOnMobile: true },
    { key: "referredOn", header: t("referrals.referredOn"), render: (r) => formatDate(r.referredOn) },
    {
      key: "outcome",
      header: t("referrals.outcome"),
      render: (r) => (
        <Badge variant="light" color={color[r.outcome]}>
          {t(`referrals.${r.outcome}`)}
          {r.admittedOn ? ` ${formatDate(r.admittedOn)}` : ""}
        </Badge>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("referrals.title")} description={t("referrals.hint")} />
      <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
        <DateField label={t("activities.from")} value={filters.from} onChange={(v) => set("from", v)} />
        <DateField label={t("activities.to")} value={filters.to} onChange={(v) => set("to", v)} />
        <Select
          label={t("referrals.outcome")}
          clearable
          data={(["pending", "admitted", "not_admitted"] as const).map((o) => ({ value: o, label: t(`referrals.${o}`) }))}
          value={filters.outcome}
          onChange={(v) => set("outcome", v)}
        />
      </Group>
      {data ? (
        <Text fw={700} mb="sm">
          {data.line}
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
        rowKey={(r) => r.id}
      />
    </>
  );
}
