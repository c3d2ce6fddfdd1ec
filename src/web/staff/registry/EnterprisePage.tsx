import type { z } from "zod";
import type { enterpriseDetailSchema } from "#shared/contract/registry.ts";
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../lib/format.ts";
import { Stat } from "./shared.tsx";

type EnterpriseDetail = z.input<typeof enterpriseDetailSchema>;

/** The workforce, members against it, foreigners, and whether a party organisation exists. */
function EnterpriseStats({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation("registry");
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
      <Stat
        label={t("f.workforce")}
        value={formatNumber(e.workforceTotal)}
        hint={`${t("f.women")} ${formatNumber(e.workforceWomen)} · ${t("f.migrants")} ${formatNumber(e.workforceMigrants)}`}
      />
      <Stat
        label={t("enterprise.membersVsWorkforce")}
        value={formatNumber(e.members)}
        hint={e.membersShare !== null ? formatPercent(e.membersShare * 100) : "—"}
      />
      <Stat label={t("f.foreigners")} value={formatNumber(e.workforceForeigners)} />
      <Stat label={t("f.partyOrg")} value={e.hasPartyOrg ? t("common:common.yes") : t("common:common.no")} />
    </SimpleGrid>
  );
}

/** The enterprise's grassroots union, and its people for who may read them. */
function UnionCard({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation("registry");
  const can = useCan();
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("enterprise.union")}
      </Title>
      {e.union ? (
        <Stack gap={4}>
          <Anchor component={Link} to={`/staff/registry/unions/${e.union.id}`}>
            {e.union.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t("f.code")} {e.union.code} · {t("f.foundedOn")} {formatDate(e.union.foundedOn)}
            {e.union.chairName ? ` · ${t("f.chair")} ${e.union.chairName}` : ""}
          </Text>
          {/* Only who may read people gets the link: an enterprise account never sees workers' records. */}
          {can("people:read") ? (
            <Anchor component={Link} to={`/staff/registry/people?enterpriseId=${e.id}`} size="sm">
              {t("enterprise.people")}
            </Anchor>
          ) : null}
        </Stack>
      ) : (
        <Badge color="orange" variant="light">
          {t("enterprise.noUnion")}
        </Badge>
      )}
    </Card>
  );
}

/** The collective agreement in force: its period, grade and lowest wage. */
function AgreementCard({ agreement }: { agreement: EnterpriseDetail["agreement"] }) {
  const { t } = useTranslation("registry");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("enterprise.agreement")}
      </Title>
      {agreement ? (
        <Stack gap={4}>
          <Text>{agreement.title}</Text>
          <Text size="sm" c="dimmed">
            {t("f.effective")} {formatDate(agreement.effectiveFrom)} – {formatDate(agreement.effectiveTo)}
            {agreement.grade ? ` · ${t("f.grade")} ${agreement.grade}` : ""}
            {agreement.lowestWage ? ` · ${t("f.lowestWage")} ${formatVnd(agreement.lowestWage)}` : ""}
          </Text>
        </Stack>
      ) : (
        <Badge color="orange" variant="light">
          {t("enterprise.noAgreement")}
        </Badge>
      )}
    </Card>
  );
}

type LaborReport = EnterpriseDetail["laborReports"][number];

/** The labour reports' columns, a superseded version greyed. */
function reportColumns(t: TFunction<"registry">): Column<LaborReport>[] {
  return [
    {
      key: "period",
      header: t("f.period"),
      mobile: "title",
      render: (r) => (
        <Group gap={4} c={r.superseded ? "dimmed" : undefined}>
          {r.period.replace("-H1", " · 6 tháng đầu").replace("-H2", " · 6 tháng cuối")}
          {r.superseded ? (
            <Badge size="xs" color="gray">
              {t("enterprise.superseded")}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: "workforce", header: t("f.workforce"), align: "right", render: (r) => formatNumber(r.workforce) },
    { key: "hires", header: t("f.hires"), align: "right", render: (r) => formatNumber(r.hires) },
    { key: "leavers", header: t("f.leavers"), align: "right", render: (r) => formatNumber(r.leavers) },
    { key: "averageWage", header: t("f.averageWage"), align: "right", render: (r) => (r.averageWage ? formatVnd(r.averageWage) : "—") },
    { key: "lowestWage", header: t("f.lowestWage"), align: "right", render: (r) => (r.lowestWage ? formatVnd(r.lowestWage) : "—") },
    { key: "insured", header: t("f.insured"), align: "right", render: (r) => (r.insured !== null ? formatNumber(r.insured) : "—") },
    { key: "filedAt", header: t("f.filedAt"), render: (r) => `${formatDate(r.filedAt.slice(0, 10))}${r.filedBy ? ` · ${r.filedBy}` : ""}` },
  ];
}

/** One enterprise: its workforce, union, collective agreement and labour reports. */
export function EnterprisePage() {
  const { t } = useTranslation("registry");
  const { id } = useParams();
  const {
    data: e,
    error,
    isLoading,
  } = useQuery({ queryKey: ["registry", "enterprise", id], queryFn: () => api.get<EnterpriseDetail>(`/api/registry/enterprises/${id}`) });
  if (isLoading) return <Loading />;
  if (error || !e) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={e.name}
        description={
          <>
            {t("f.taxCode")} {e.taxCode} · {t(`ownership.${e.ownership}`)}
            {e.investorCountry ? ` (${e.investorCountry})` : ""} · {e.sector} · {e.zoneName}
          </>
        }
        actions={<Badge color={e.status === "active" ? "teal" : "red"}>{t(`status.${e.status}`)}</Badge>}
      />
      <EnterpriseStats e={e} />
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <UnionCard e={e} />
        <AgreementCard agreement={e.agreement} />
      </SimpleGrid>
      <Title order={3} size="h5" mb="xs">
        {t("enterprise.reports")}
      </Title>
      <DataTable rowKey={(r) => r.id} rows={e.laborReports} columns={reportColumns(t)} />
    </>
  );
}
