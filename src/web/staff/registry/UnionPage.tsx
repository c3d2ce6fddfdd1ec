import type { z } from "zod";
import type { unionDetailSchema } from "#shared/contract/registry.ts";
import { Anchor, Badge, Card, SimpleGrid, Space, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { Stat } from "./shared.tsx";

type UnionDetail = z.input<typeof unionDetailSchema>;

type Covered = UnionDetail["coveredEnterprises"][number];

/** The enterprises the union covers, each linked to its page. */
function coveredColumns(t: TFunction<"registry">): Column<Covered>[] {
  return [
    {
      key: "enterprise",
      header: t("f.enterprise"),
      mobile: "title",
      render: (e) => (
        <Anchor component={Link} to={`/staff/registry/enterprises/${e.id}`}>
          {e.name}
        </Anchor>
      ),
    },
    { key: "taxCode", header: t("f.taxCode"), render: (e) => e.taxCode },
    { key: "workforce", header: t("f.workforce"), align: "right", render: (e) => formatNumber(e.workforceTotal) },
    { key: "members", header: t("f.members"), align: "right", render: (e) => formatNumber(e.members) },
  ];
}

/** Members who joined and left, month by month. */
function Movements({ movements }: { movements: UnionDetail["movements"] }) {
  const { t } = useTranslation("registry");
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("common:common.date")}</Table.Th>
            <Table.Th ta="right">{t("union.joined")}</Table.Th>
            <Table.Th ta="right">{t("union.left")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {movements.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{`${m.month.slice(5)}/${m.month.slice(0, 4)}`}</Table.Td>
              <Table.Td ta="right">
                {m.joined ? (
                  <Badge color="teal" variant="light">
                    +{m.joined}
                  </Badge>
                ) : (
                  0
                )}
              </Table.Td>
              <Table.Td ta="right">
                {m.left ? (
                  <Badge color="orange" variant="light">
                    −{m.left}
                  </Badge>
                ) : (
                  0
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One grassroots union: members against the workforce, its agreement, the enterprises it covers, its movements. */
export function UnionPage() {
  const { t } = useTranslation("registry");
  const { id } = useParams();
  const { data: u, error, isLoading } = useQuery({ queryKey: ["registry", "union", id], queryFn: () => api.get<UnionDetail>(`/api/registry/unions/${id}`) });
  if (isLoading) return <Loading />;
  if (error || !u) return <ErrorAlert error={error} />;
  const current = u.agreements.find((a) => a.valid);
  return (
    <>
      <PageHeader
        title={u.name}
        description={`${t("f.code")} ${u.code} · ${t("f.parent")}: ${u.parentName ?? "—"} · ${t("f.foundedOn")} ${formatDate(u.foundedOn)}${u.chairName ? ` · ${t("f.chair")} ${u.chairName}` : ""}`}
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Stat label={t("f.members")} value={formatNumber(u.members)} hint={u.workforce ? formatPercent((u.members / u.workforce) * 100) : undefined} />
        <Stat label={t("f.workforce")} value={formatNumber(u.workforce)} />
        <Stat
          label={t("enterprise.agreement")}
          value={current ? formatDate(current.effectiveTo) : "—"}
          hint={current ? current.title : t("enterprise.noAgreement")}
        />
        <Card withBorder padding="sm">
          <Anchor component={Link} to={`/staff/registry/people?unionId=${u.id}&member=member`}>
            {t("union.members")}
          </Anchor>
        </Card>
      </SimpleGrid>
      <Title order={3} size="h5" mb="xs">
        {t("union.covered")}
      </Title>
      <DataTable rowKey={(e) => e.id} rows={u.coveredEnterprises} columns={coveredColumns(t)} />
      <Space h="md" />
      <Title order={3} size="h5" mb="xs">
        {t("union.movements")}
      </Title>
      <Movements movements={u.movements} />
    </>
  );
}
