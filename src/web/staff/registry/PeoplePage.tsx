import type { z } from "zod";
import type { personRowSchema } from "#shared/contract/registry.ts";
import { Button, Group, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { IconSearch, IconUserPlus } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ExportButton, useServerList } from "../../components/list.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { FullExportButton } from "../privacy/FullExportButton.tsx";

type PersonRow = z.input<typeof personRowSchema>;

/** The people's columns; on a phone the name carries the birth date and enterprise. */
function peopleColumns(t: TFunction<"registry">): Column<PersonRow>[] {
  return [
    {
      key: "name",
      header: t("f.fullName"),
      sortKey: "name",
      render: (p) => (
        <>
          {p.fullName}
          {/* On a phone the other columns are hidden: same-named people are told apart here. */}
          <Text size="xs" c="dimmed" hiddenFrom="sm">
            {[formatDate(p.birthDate), p.enterpriseName].filter(Boolean).join(" · ")}
          </Text>
        </>
      ),
    },
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
}

/** The exports (masked, and in full for who may see identities) and the new-person button. */
function PeopleActions({ filters }: { filters: Parameters<typeof qs>[0] }) {
  const { t } = useTranslation("registry");
  const can = useCan();
  return (
    <Group gap="xs">
      <ExportButton href={`/api/registry/export/people.xlsx${qs(filters)}`} filename="doan-vien.xlsx" />
      {can("people:identity") ? <FullExportButton href={`/api/registry/export/people.xlsx${qs(filters)}`} filename="doan-vien-day-du.xlsx" /> : null}
      {can("people:write") ? (
        <Button component={Link} to="/staff/registry/people/new" leftSection={<IconUserPlus size={16} />}>
          {t("edit.add")}
        </Button>
      ) : null}
    </Group>
  );
}

/** The people in the caller's scope, searched and filtered by membership and gender; a row opens the person. */
export function PeoplePage() {
  const { t } = useTranslation("registry");
  const can = useCan();
  const navigate = useNavigate();
  const { get, set, q, setQ, error, table, filters } = useServerList<PersonRow>({ key: ["registry", "people"], url: "/api/registry/people", sort: "name" });
  const asOf = get("asOf");
  return (
    <>
      <PageHeader
        title={t("people.title")}
        description={`${t("people.description")}${can("people:identity") ? "" : `. ${t("people.masked")}`}${asOf ? ` · ${t("f.asOf")} ${formatDate(asOf)}` : ""}`}
        actions={<PeopleActions filters={filters} />}
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
      <DataTable columns={peopleColumns(t)} {...table} rowKey={(p) => p.id} onRowClick={(p) => navigate(`/staff/registry/people/${p.id}`)} />
    </>
  );
}
