import type { z } from "zod";
import type { enterpriseRowSchema } from "#shared/contract/registry.ts";
import { Badge, Group, Select, SimpleGrid, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ExportButton, useServerList } from "../../components/list.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { qs } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { ZoneSelect } from "./shared.tsx";

export type EnterpriseRow = z.input<typeof enterpriseRowSchema>;

export function EnterprisesPage() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const { get, set, q, setQ, error, table, filters } = useServerList<EnterpriseRow>({
    key: ["registry", "enterprises"],
    url: "/api/registry/enterprises",
    sort: "name",
  });
  const columns: Column<EnterpriseRow>[] = [
    { key: "name", header: t("f.name"), sortKey: "name", render: (e) => e.name },
    { key: "taxCode", header: t("f.taxCode"), sortKey: "taxCode", render: (e) => e.taxCode, hideOnMobile: true },
    { key: "zone", header: t("f.zone"), sortKey: "zone", render: (e) => e.zoneName, hideOnMobile: true },
    { key: "workforce", header: t("f.workforce"), sortKey: "workforce", align: "right", render: (e) => formatNumber(e.workforceTotal) },
    { key: "members", header: t("f.members"), sortKey: "members", align: "right", render: (e) => formatNumber(e.members) },
    {
      key: "union",
      header: t("f.union"),
      hideOnMobile: true,
      render: (e) =>
        e.unionId ? (
          <Badge color="teal" variant="light">
            {t("common:common.yes")}
          </Badge>
        ) : (
          <Badge color="orange" variant="light">
            {t("common:common.no")}
          </Badge>
        ),
    },
    { key: "status", header: t("f.status"), hideOnMobile: true, render: (e) => t(`status.${e.status}`) },
  ];
  return (
    <>
      <PageHeader
        title={t("enterprises.title")}
        description={t("enterprises.description")}
        actions={<ExportButton href={`/api/registry/export/enterprises.xlsx${qs(filters)}`} filename="doanh-nghiep.xlsx" />}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="sm">
        <TextInput
          label={t("common:action.search")}
          leftSection={<IconSearch size={16} />}
          placeholder={`${t("f.name")}, ${t("f.taxCode")}`}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <ZoneSelect value={get("zoneId")} onChange={(v) => set({ zoneId: v })} />
        <Select
          label={t("f.ownership")}
          placeholder={t("member.all")}
          clearable
          data={["fdi", "domestic_private", "state", "cooperative"].map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
          value={get("ownership") || null}
          onChange={(v) => set({ ownership: v })}
        />
        <Select
          label={t("f.hasUnion")}
          placeholder={t("member.all")}
          clearable
          data={[
            { value: "true", label: t("common:common.yes") },
            { value: "false", label: t("common:common.no") },
          ]}
          value={get("hasUnion") || null}
          onChange={(v) => set({ hasUnion: v })}
        />
      </SimpleGrid>
      <ErrorAlert error={error} />
      <DataTable columns={columns} {...table} rowKey={(e) => e.id} onRowClick={(e) => navigate(`/staff/registry/enterprises/${e.id}`)} />
      <Group mt="xs" />
    </>
  );
}
