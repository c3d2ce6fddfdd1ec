import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { IconClipboardCheck, IconPlus } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { PlanForm, RateTable } from "./InspectionPlanForm.tsx";
import { StatusBadge } from "./shared.tsx";
import { vnYear } from "#shared/clock.ts";
import type { z } from "zod";
import type { nonComplianceRatesSchema, planSchema, plansListSchema } from "#shared/contract/relations.ts";

type PlanSummary = z.input<typeof plansListSchema>[number];
type PlanDetail = z.input<typeof planSchema>;
type Target = PlanDetail["targets"][number];
type Rates = z.input<typeof nonComplianceRatesSchema>;

/** A target's columns. On a phone each target is a card: the enterprise heads it, the inspection's state and date come first. */
function targetColumns(t: TFunction<"relations">, planId: number, writable: boolean): Column<Target>[] {
  return [
    {
      key: "enterprise",
      header: t("enterprise"),
      mobile: "title",
      render: (x) => (
        <>
          <Text size="sm" fw={500}>
            {x.enterpriseName}
          </Text>
          <Text size="xs" c="dimmed">
            {[x.zoneName, x.ownership === "fdi" ? `FDI ${x.investorCountry ?? ""}` : null].filter(Boolean).join(" · ")}
          </Text>
        </>
      ),
    },
    {
      key: "status",
      header: t("status.label"),
      mobile: "top",
      render: (x) => (x.inspectionStatus ? <StatusBadge status={x.inspectionStatus} /> : <Badge color="gray">{t("inspections.notYet")}</Badge>),
    },
    { key: "plannedOn", header: t("inspections.plannedOn"), mobile: "top", render: (x) => formatDate(x.plannedOn) },
    { key: "findings", header: t("inspections.openFindings"), render: (x) => (x.openFindings ? <Badge color="red">{x.openFindings}</Badge> : "—") },
    {
      key: "open",
      header: <VisuallyHidden>{t("common:common.actions")}</VisuallyHidden>,
      render: (x) =>
        x.inspectionId ? (
          <Anchor component={Link} to={`/staff/relations/inspections/${x.inspectionId}`} size="sm">
            {t("common:action.view")}
          </Anchor>
        ) : writable ? (
          <Anchor component={Link} to={`/staff/relations/inspections/new?planId=${planId}&enterpriseId=${x.enterpriseId}`} size="sm">
            {t("inspections.record")}
          </Anchor>
        ) : null,
    },
  ];
}

/** The chosen plan: its lead and co-operating bodies, its period, its targets. */
function PlanCard({ plan, writable }: { plan: PlanDetail; writable: boolean }) {
  const { t } = useTranslation("relations");
  return (
    <Card withBorder mb="md">
      <Stack gap={4} mb="sm">
        <Text fw={600}>{plan.title}</Text>
        <Text size="sm" c="dimmed">
          {t("inspections.lead")}: {plan.leadBodyName}
          {plan.coBodies.length ? ` · ${t("inspections.coBodies")}: ${plan.coBodies.map((b) => b.name).join(", ")}` : ""} · {formatDate(plan.startsOn)}–
          {formatDate(plan.endsOn)}
        </Text>
      </Stack>
      <DataTable columns={targetColumns(t, plan.id, writable)} rows={plan.targets} rowKey={(x) => x.enterpriseId} />
    </Card>
  );
}

/** This year's non-compliance rates by point, ownership, investor country and zone. */
function RatesCard({ stats, year }: { stats: Rates; year: number }) {
  const { t } = useTranslation("relations");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("inspections.rates", { year })}
      </Title>
      <Text size="sm" mb="sm">
        {t("inspections.supervised", {
          n: formatNumber(stats.enterprises),
          fdi: formatNumber(stats.fdiEnterprises),
          inspections: formatNumber(stats.inspections),
        })}
      </Text>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <RateTable title={t("inspections.byPoint")} rows={stats.byPoint} />
        <RateTable title={t("inspections.byOwnership")} rows={stats.byOwnership} />
        <RateTable title={t("inspections.byCountry")} rows={stats.byCountry.slice(0, 8)} />
        <RateTable title={t("inspections.byZone")} rows={stats.byZone.slice(0, 8)} />
      </Group>
    </Card>
  );
}

/** The yearly plans, the chosen plan's targets with their inspection state, and non-compliance rates. */
export function InspectionsPage() {
  const { t } = useTranslation("relations");
  const writable = useCan()("relations:write");
  const year = vnYear();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<PlanSummary[]>("/api/relations/plans") });
  const [chosen, setChosen] = useState<string | null>(null);
  const [planning, { open: openPlan, close: closePlan }] = useDisclosure();
  const planId = chosen ?? (plans.data?.[0] ? String(plans.data[0].id) : null);
  const plan = useQuery({ queryKey: ["plan", planId], queryFn: () => api.get<PlanDetail>(`/api/relations/plans/${planId}`), enabled: Boolean(planId) });
  const stats = useQuery({
    queryKey: ["inspection-stats", year],
    queryFn: () => api.get<Rates>(`/api/relations/inspections/stats${qs({ from: `${year}-01-01`, to: `${year}-12-31` })}`),
  });
  const actions = (
    <>
      <Button variant="default" leftSection={<IconPlus size={16} />} onClick={openPlan}>
        {t("plan.new")}
      </Button>
      <Button component={Link} to="/staff/relations/inspections/new" leftSection={<IconClipboardCheck size={16} />}>
        {t("inspections.record")}
      </Button>
    </>
  );
  return (
    <>
      <PageHeader title={t("inspections.title")} description={t("inspections.description")} actions={writable ? actions : null} />
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
      {plan.data ? <PlanCard plan={plan.data} writable={writable} /> : null}
      <Modal opened={planning} onClose={closePlan} title={t("plan.new")} size="lg">
        <PlanForm
          onDone={(id) => {
            closePlan();
            if (id) setChosen(String(id));
          }}
        />
      </Modal>
      {stats.data ? <RatesCard stats={stats.data} year={year} /> : null}
    </>
  );
}
