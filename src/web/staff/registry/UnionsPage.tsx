import { Button, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconDownload, IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { ZoneSelect, paramsObject, useUrlState } from "./shared.tsx";

interface UnionRow {
  id: number;
  code: string;
  name: string;
  foundedOn: string | null;
  chairName: string | null;
  parentName: string | null;
  enterprises: number;
  workforce: number;
  members: number;
}

const PAGE_SIZE = 25;

export function UnionsPage() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const { params, get, set, page, sort } = useUrlState({ sort: "name" });
  const [q, setQ] = useState(get("q"));
  const [debounced] = useDebouncedValue(q, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives the URL
  useEffect(() => {
    if (debounced !== get("q")) set({ q: debounced });
  }, [debounced]);
  const query = { ...paramsObject(params), pageSize: PAGE_SIZE, page, sort: sort.key, dir: sort.dir };
  const { data, isLoading, error } = useQuery({
    queryKey: ["registry", "unions", query],
    queryFn: () => api.get<{ total: number; items: UnionRow[] }>(`/api/registry/unions${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<UnionRow>[] = [
    { key: "name", header: t("f.name"), sortKey: "name", render: (u) => u.name },
    { key: "code", header: t("f.code"), sortKey: "code", render: (u) => u.code, hideOnMobile: true },
    { key: "foundedOn", header: t("f.foundedOn"), sortKey: "foundedOn", render: (u) => formatDate(u.foundedOn), hideOnMobile: true },
    { key: "chair", header: t("f.chair"), render: (u) => u.chairName, hideOnMobile: true },
    { key: "workforce", header: t("f.workforce"), align: "right", render: (u) => formatNumber(u.workforce), hideOnMobile: true },
    { key: "members", header: t("f.members"), sortKey: "members", align: "right", render: (u) => formatNumber(u.members) },
  ];
  const { page: _p, pageSize: _s, ...filters } = query;
  return (
    <>
      <PageHeader
        title={t("unions.title")}
        description={t("unions.description")}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => download(`/api/registry/export/unions.xlsx${qs(filters)}`, "cong-doan.xlsx").catch(notifyError)}
          >
            {t("export")}
          </Button>
        }
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
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p })}
        sort={sort}
        onSort={(s) => set({ sort: s.key, dir: s.dir })}
        loading={isLoading}
        rowKey={(u) => u.id}
        onRowClick={(u) => navigate(`/staff/registry/unions/${u.id}`)}
      />
    </>
  );
}
