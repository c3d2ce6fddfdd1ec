import { Button, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconDownload, IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { paramsObject, useUrlState } from "./shared.tsx";

interface PersonRow {
  id: number;
  citizenId: string | null;
  fullName: string;
  birthDate: string | null;
  gender: "male" | "female" | null;
  phone: string | null;
  enterpriseName: string | null;
  unionName: string | null;
  joinedOn: string | null;
}

const PAGE_SIZE = 25;

export function PeoplePage() {
  const { t } = useTranslation("registry");
  const can = useCan();
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
    queryKey: ["registry", "people", query],
    queryFn: () => api.get<{ total: number; items: PersonRow[] }>(`/api/registry/people${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<PersonRow>[] = [
    { key: "name", header: t("f.fullName"), sortKey: "name", render: (p) => p.fullName },
    { key: "birth", header: t("f.birthDate"), sortKey: "birthDate", render: (p) => formatDate(p.birthDate), hideOnMobile: true },
    { key: "gender", header: t("f.gender"), render: (p) => (p.gender ? t(`gender.${p.gender}`) : ""), hideOnMobile: true },
    {
      key: "cid",
      header: t("f.citizenId"),
      render: (p) => (
        <Text ff="monospace" size="sm">
          {p.citizenId}
        </Text>
      ),
    },
    { key: "enterprise", header: t("f.enterprise"), render: (p) => p.enterpriseName, hideOnMobile: true },
    { key: "union", header: t("f.union"), render: (p) => p.unionName, hideOnMobile: true },
    { key: "joined", header: t("f.joinedOn"), sortKey: "joinedOn", render: (p) => formatDate(p.joinedOn), hideOnMobile: true },
  ];
  const { page: _p, pageSize: _s, ...filters } = query;
  const asOf = get("asOf");
  return (
    <>
      <PageHeader
        title={t("people.title")}
        description={`${t("people.description")}${can("people:identity") ? "" : `. ${t("people.masked")}`}${asOf ? ` · ${t("f.asOf")} ${formatDate(asOf)}` : ""}`}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => download(`/api/registry/export/people.xlsx${qs(filters)}`, "doan-vien.xlsx").catch(notifyError)}
          >
            {t("export")}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="sm">
        <TextInput
          label={t("common:action.search")}
          leftSection={<IconSearch size={16} />}
          placeholder={`${t("f.fullName")}, ${t("f.citizenId")}, ${t("f.phone")}`}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          label={t("f.membership")}
          data={["all", "member", "former", "never"].map((m) => ({ value: m, label: t(`member.${m}`) }))}
          value={get("member") || "all"}
          onChange={(v) => set({ member: v === "all" ? null : v })}
          allowDeselect={false}
        />
        <Select
          label={t("f.gender")}
          placeholder={t("member.all")}
          clearable
          data={["male", "female"].map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          value={get("gender") || null}
          onChange={(v) => set({ gender: v })}
        />
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
        rowKey={(p) => p.id}
        onRowClick={(p) => navigate(`/staff/registry/people/${p.id}`)}
      />
    </>
  );
}
