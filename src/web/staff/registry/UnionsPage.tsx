import type { z } from "zod";
import type { unionRowSchema } from "#shared/contract/registry.ts";
import { SimpleGrid, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ExportButton, useServerList } from "../../components/list.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { qs } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { ZoneSelect } from "./shared.tsx";

type UnionRow = z.input<typeof unionRowSchema>;

export function UnionsPage() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const { get, set, q, setQ, error, table, filters } = useServerList<UnionRow>({ key: ["registry", "unions"], url: "/api/registry/unions", sort: "name" });
  const columns: Column<UnionRow>[] = [
    { key: "name", header: t("f.name"), sortKey: "name", render: (u) => u.name },
    { key: "code", header: t("f.code"), sortKey: "code", render: (u) => u.code, hideOnMobile: true },
    { key: "foundedOn", header: t("f.foundedOn"), sortKey: "foundedOn", render: (u) => formatDate(u.foundedOn), hideOnMobile: true },
    { key: "chair", header: t("f.chair"), render: (u) => u.chairName, hideOnMobile: true },
    { key: "workforce", header: t("f.workforce"), align: "right", render: (u) => formatNumber(u.workforce), hideOnMobile: true },
    { key: "members", header: t("f.members"), sortKey: "members", align: "right", render: (u) => formatNumber(u.members) },
  ];
  return (
    <>
      <PageHeader
        title={t("unions.title")}
        description={t("unions.description")}
        actions={<ExportButton href={`/api/registry/export/unions.xlsx${qs(filters)}`} filename="cong-doan.xlsx" />}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <TextInput
          label={t("common:action.search")}
          leftSection={<IconSearch size={16} />}
          placeholder={`${t("f.name")}, ${t("f.code")}`}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <ZoneSelect value={get("zoneId")} onChange={(v) => set({ zoneId: v })} />
      </SimpleGrid>
      <ErrorAlert error={error} />
      <DataTable columns={columns} {...table} rowKey={(u) => u.id} onRowClick={(u) => navigate(`/staff/registry/unions/${u.id}`)} />
    </>
  );
}
