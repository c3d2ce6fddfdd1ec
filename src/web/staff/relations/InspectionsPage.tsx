import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { StatusBadge } from "./shared.tsx";

interface PlanSummary {
  id: number;
  year: number;
  title: string;
  leadBodyName: string;
  startsOn: string;
  endsOn: string;
  targets: number;
  inspected: number;
}
interface PlanDetail {
  id: number;
  title: string;
  leadBodyName: string;
  coBodies: { id: number; name: string }[];
  startsOn: string;
  endsOn: string;
  note: string;
  targets: {
    enterpriseId: number;
    enterpriseName: string;
    zoneName: string | null;
    ownership: string;
    investorCountry: string | null;
    plannedOn: string | null;
    inspectionId: number | null;
    inspectionStatus: string | null;
    openFindings: number;
  }[];
}
interface RateRow {
  key: string;
  label: string;
  answered: number;
  nonCompliant: number;
  rate: number;
}

/** The yearly plans, the chosen plan's targets with their inspection state, and non-compliance rates. */
export function InspectionsPage() {
  const { t } = useTranslation("relations");
  const can = useCan();
  const year = new Date().getFullYear();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<PlanSummary[]>("/api/relations/plans") });
  const [chosen, setChosen] = useState<string | null>(null);
  const planId = chosen ?? (plans.data?.[0] ? String(plans.data[0].id) : null);
  const plan = useQuery({ queryKey: ["plan", planId], queryFn: () => api.get<PlanDetail>(`/api/relations/plans/${planId}`), enabled: Boolean(planId) });
  const stats = useQuery({
    queryKey: ["inspection-stats", year],
    queryFn: () =>
      api.get<{
        inspections: number;
        enterprises: number;
        fdiEnterprises: number;
        byPoint: RateRow[];
        byOwnership: RateRow[];
        byCountry: RateRow[];
        byZone: RateRow[];
      }>(`/api/relations/inspections/stats${qs({ from: `${year}-01-01`, to: `${year}-12-31` })}`),
  });
  return (
    <>
      <PageHeader
        title={t("inspections.title")}
        description={t("inspections.description")}
        actions={
          can("relations:write") ? (
            <Button component={Link} to={`/staff/relations/inspections/new${planId ? `?planId=${planId}` : ""}`} leftSection={<IconClipboardCheck size={16} />}>
              {t("inspections.record")}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={plans.error ?? plan.error} />
      {plans.isLoading ? <Loading /> : null}
      {plans.data && plans.data.length > 0 ? (
        <Select
          mb="sm"
          label={t("inspections.plan")}
          data={plans.data.map((p) => ({ value: String(p.id), label: `${p.title} (${p.inspected}/${p.targets})` }))}
          value={planId}
          onChange={setChosen}
          allowDeselect={false}
          maw={720}
        />
      ) : null}
      {plan.data ? (
        <Card withBorder mb="md">
          <Stack gap={4} mb="sm">
            <Text fw={600}>{plan.data.title}</Text>
            <Text size="sm" c="dimmed">
              {t("inspections.lead")}: {plan.data.leadBodyName}
              {plan.data.coBodies.length ? ` · ${t("inspections.coBodies")}: ${plan.data.coBodies.map((b) => b.name).join(", ")}` : ""} ·{" "}
              {formatDate(plan.data.startsOn)}–{formatDate(plan.data.endsOn)}
            </Text>
          </Stack>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("enterprise")}</Table.Th>
                  <Table.Th>{t("inspections.plannedOn")}</Table.Th>
                  <Table.Th>{t("status.label")}</Table.Th>
                  <Table.Th>{t("inspections.openFindings")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.data.targets.map((x) => (
                  <Table.Tr key={x.enterpriseId}>
                    <Table.Td>
                      <Text size="sm">{x.enterpriseName}</Text>
                      <Text size="xs" c="dimmed">
                        {[x.zoneName, x.ownership === "fdi" ? `FDI ${x.investorCountry ?? ""}` : null].filter(Boolean).join(" · ")}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(x.plannedOn)}</Table.Td>
                    <Table.Td>
                      {x.inspectionStatus ? <StatusBadge status={x.inspectionStatus} /> : <Badge color="gray">{t("inspections.notYet")}</Badge>}
                    </Table.Td>
                    <Table.Td>{x.openFindings ? <Badge color="red">{x.openFindings}</Badge> : "—"}</Table.Td>
                    <Table.Td>
                      {x.inspectionId ? (
                        <Anchor component={Link} to={`/staff/relations/inspections/${x.inspectionId}`} size="sm">
                          {t("common:action.view")}
                        </Anchor>
                      ) : can("relations:write") ? (
                        <Anchor component={Link} to={`/staff/relations/inspections/new?planId=${plan.data?.id}&enterpriseId=${x.enterpriseId}`} size="sm">
                          {t("inspections.record")}
                        </Anchor>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ) : null}
      {stats.data ? (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t("inspections.rates", { year })}
          </Title>
          <Text size="sm" mb="sm">
            {t("inspections.supervised", {
              n: formatNumber(stats.data.enterprises),
              fdi: formatNumber(stats.data.fdiEnterprises),
              inspections: formatNumber(stats.data.inspections),
            })}
          </Text>
          <Group align="flex-start" gap="xl" wrap="wrap">
            <RateTable title={t("inspections.byPoint")} rows={stats.data.byPoint} />
            <RateTable title={t("inspections.byOwnership")} rows={stats.data.byOwnership} />
            <RateTable title={t("inspections.byCountry")} rows={stats.data.byCountry.slice(0, 8)} />
            <RateTable title={t("inspections.byZone")} rows={stats.data.byZone.slice(0, 8)} />
          </Group>
        </Card>
      ) : null}
    </>
  );
}

function RateTable({ title, rows }: { title: string; rows: RateRow[] }) {
  return (
    <Stack gap={4} miw={260}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {rows.map((r) => (
        <Group key={r.key} justify="space-between" gap="md" wrap="nowrap">
          <Text size="sm">{r.label}</Text>
          <Text size="sm" fw={r.rate >= 20 ? 700 : 400} c={r.rate >= 20 ? "red" : undefined}>
            {formatPercent(r.rate)} ({r.nonCompliant}/{r.answered})
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
