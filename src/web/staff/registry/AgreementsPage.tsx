import type { z } from "zod";
import type { agreementCoverageSchema, agreementSchema } from "#shared/contract/registry.ts";
import { Badge, Chip, Group, SimpleGrid, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../lib/format.ts";
import { Stat, paramsObject, useUrlState } from "./shared.tsx";

type AgreementRow = z.input<typeof agreementSchema>;

type Coverage = z.input<typeof agreementCoverageSchema>;

const PAGE_SIZE = 25;
const colors: Record<string, string> = { valid: "teal", expiring: "orange", expired: "red", future: "blue" };

/** The agreements' columns; a lowest wage under the regional minimum in red. */
function agreementColumns(t: TFunction<"registry">): Column<AgreementRow>[] {
  return [
    { key: "enterprise", header: t("f.enterprise"), mobile: "title", render: (a) => a.enterprises?.map((e) => e.name).join(", ") },
    { key: "title", header: t("f.title"), sortKey: "title", render: (a) => a.title, hideOnMobile: true },
    { key: "to", header: t("f.effectiveTo"), sortKey: "effectiveTo", mobile: "top", render: (a) => formatDate(a.effectiveTo) },
    {
      key: "status",
      header: t("f.status"),
      mobile: "top",
      render: (a) => (
        <Group gap={6} wrap="nowrap">
          <Badge color={colors[a.status] ?? "gray"} styles={{ label: { color: "var(--mantine-color-dark-7)" } }} variant="light" style={{ flexShrink: 0 }}>
            {t(`agreementStatus.${a.status}`)}
          </Badge>
          {a.status === "expiring" ? <Text size="xs" c="dimmed">{`${a.daysLeft} ${t("f.daysLeft").toLowerCase()}`}</Text> : null}
        </Group>
      ),
    },
    { key: "grade", header: t("f.grade"), render: (a) => a.grade, hideOnMobile: true },
    {
      key: "wage",
      header: t("f.lowestWage"),
      align: "right",
      hideOnMobile: true,
      render: (a) =>
        a.lowestWage ? (
          <Text size="sm" c={a.regionalMinimum && a.lowestWage < a.regionalMinimum ? "red" : undefined}>
            {formatVnd(a.lowestWage)}
          </Text>
        ) : (
          "—"
        ),
    },
  ];
}

/** How far agreements reach: eligible enterprises, unions, workers covered. */
function CoverageStats({ c }: { c: Coverage }) {
  const { t } = useTranslation("registry");
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
      <Stat
        label={t("agreements.enterprisesShare")}
        value={formatPercent(c.eligibleEnterprises.share)}
        hint={`${formatNumber(c.eligibleEnterprises.withAgreement)}/${formatNumber(c.eligibleEnterprises.total)}`}
      />
      <Stat
        label={t("agreements.unionsShare")}
        value={formatPercent(c.unions.share)}
        hint={`${formatNumber(c.unions.withAgreement)}/${formatNumber(c.unions.total)}`}
      />
      <Stat label={t("agreements.workersCovered")} value={formatNumber(c.workers.covered)} />
    </SimpleGrid>
  );
}

/** Collective agreements by status (expiring first), with the city's coverage; a row opens its enterprise. */
export function AgreementsPage() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const { params, get, set, page, sort } = useUrlState({ sort: "effectiveTo" });
  const status = get("status") || "expiring";
  const query = { ...paramsObject(params), status, pageSize: PAGE_SIZE, page, sort: sort.key, dir: sort.dir };
  const { data, isLoading, error } = useQuery({
    queryKey: ["registry", "agreements", query],
    queryFn: () => api.get<{ total: number; items: AgreementRow[] }>(`/api/registry/agreements${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const coverage = useQuery({
    queryKey: ["registry", "coverage", get("asOf")],
    queryFn: () => api.get<Coverage>(`/api/registry/agreements/coverage${qs({ asOf: get("asOf") })}`),
  });
  return (
    <>
      <PageHeader title={t("agreements.title")} description={t("agreements.description")} />
      {coverage.data ? <CoverageStats c={coverage.data} /> : null}
      {/* Chips wrap on a phone where a segmented control of four labels ran off the screen. */}
      <Chip.Group multiple={false} value={status} onChange={(v) => set({ status: v })}>
        <Group gap="xs" mb="sm" role="radiogroup" aria-label={t("f.status")}>
          {["expiring", "valid", "expired", "all"].map((s) => (
            <Chip key={s} value={s} type="radio">
              {t(`agreementStatus.${s}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <ErrorAlert error={error} />
      <DataTable
        columns={agreementColumns(t)}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p })}
        sort={sort}
        onSort={(s) => set({ sort: s.key, dir: s.dir })}
        loading={isLoading}
        rowKey={(a) => a.id}
        onRowClick={(a) => {
          const e = a.enterprises?.[0];
          if (e) navigate(`/staff/registry/enterprises/${e.id}`);
        }}
      />
    </>
  );
}
