import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconClipboardCheck, IconPlus, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { DateField, EnterpriseSelect, StatusBadge, useBodies } from "./shared.tsx";
import { vnYear } from "#shared/clock.ts";
import type { z } from "zod";
import type { nonComplianceRatesSchema, planSchema, plansListSchema } from "#shared/contract/relations.ts";

type PlanSummary = z.input<typeof plansListSchema>[number];
type PlanDetail = z.input<typeof planSchema>;
type RateRow = z.input<typeof nonComplianceRatesSchema>["byPoint"][number];

/** The yearly plans, the chosen plan's targets with their inspection state, and non-compliance rates. */
export function InspectionsPage() {
  const { t } = useTranslation("relations");
  const can = useCan();
  const year = vnYear();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<PlanSummary[]>("/api/relations/plans") });
  const [chosen, setChosen] = useState<string | null>(null);
  const [planning, { open: openPlan, close: closePlan }] = useDisclosure();
  const planId = chosen ?? (plans.data?.[0] ? String(plans.data[0].id) : null);
  const plan = useQuery({ queryKey: ["plan", planId], queryFn: () => api.get<PlanDetail>(`/api/relations/plans/${planId}`), enabled: Boolean(planId) });
  const stats = useQuery({
    queryKey: ["inspection-stats", year],
    queryFn: () => api.get<z.input<typeof nonComplianceRatesSchema>>(`/api/relations/inspections/stats${qs({ from: `${year}-01-01`, to: `${year}-12-31` })}`),
  });
  type Target = PlanDetail["targets"][number];
  // On a phone each target is a card: the enterprise heads it, the inspection's state and date come first.
  const targetColumns: Column<Target>[] = [
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
        ) : can("relations:write") ? (
          <Anchor component={Link} to={`/staff/relations/inspections/new?planId=${plan.data?.id}&enterpriseId=${x.enterpriseId}`} size="sm">
            {t("inspections.record")}
          </Anchor>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("inspections.title")}
        description={t("inspections.description")}
        actions={
          can("relations:write") ? (
            <>
              <Button variant="default" leftSection={<IconPlus size={16} />} onClick={openPlan}>
                {t("plan.new")}
              </Button>
              <Button component={Link} to="/staff/relations/inspections/new" leftSection={<IconClipboardCheck size={16} />}>
                {t("inspections.record")}
              </Button>
            </>
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
          <DataTable columns={targetColumns} rows={plan.data.targets} rowKey={(x) => x.enterpriseId} />
        </Card>
      ) : null}
      <Modal opened={planning} onClose={closePlan} title={t("plan.new")} size="lg">
        <PlanForm
          onDone={(id) => {
            closePlan();
            if (id) setChosen(String(id));
          }}
        />
      </Modal>
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
    <Stack gap={4} miw={{ base: "100%", sm: 260 }}>
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

function PlanForm({ onDone }: { onDone: (id?: number) => void }) {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const bodies = useBodies();
  const year = vnYear();
  const [title, setTitle] = useState(`Kế hoạch kiểm tra, giám sát việc thực hiện pháp luật lao động năm ${year}`);
  const [planYear, setPlanYear] = useState<number>(year);
  const [lead, setLead] = useState<string | null>(null);
  const [co, setCo] = useState<string[]>([]);
  const [startsOn, setStartsOn] = useState<string | null>(`${year}-01-01`);
  const [endsOn, setEndsOn] = useState<string | null>(`${year}-12-31`);
  const [targets, setTargets] = useState<{ enterpriseId: number; name: string; plannedOn: string | null }[]>([]);
  const [picker, setPicker] = useState(0);
  const save = useMutation({
    mutationFn: () =>
      api.post<{ id: number }>("/api/relations/plans", {
        year: planYear,
        title,
        leadBodyId: Number(lead),
        coBodyIds: co.map(Number),
        startsOn,
        endsOn,
        targets: targets.map((x) => ({ enterpriseId: x.enterpriseId, plannedOn: x.plannedOn })),
      }),
    onSuccess: (row) => {
      notifySuccess(t("form.created"));
      void client.invalidateQueries({ queryKey: ["plans"] });
      onDone(row.id);
    },
  });
  const options = (bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }));
  return (
    <Stack>
      <ErrorAlert error={save.error} />
      <TextInput label={t("plan.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput label={t("plan.year")} min={2000} max={2100} value={planYear} onChange={(v) => setPlanYear(Number(v) || year)} />
        <DateField label={t("plan.startsOn")} value={startsOn} onChange={setStartsOn} />
        <DateField label={t("plan.endsOn")} value={endsOn} onChange={setEndsOn} />
      </SimpleGrid>
      <Select label={t("inspections.lead")} data={options} value={lead} onChange={setLead} />
      <MultiSelect label={t("inspections.coBodies")} data={options} value={co} onChange={setCo} />
      <Text fw={600} size="sm">
        {t("plan.targets")}
      </Text>
      {targets.map((x, i) => (
        <Group key={x.enterpriseId} gap="xs" wrap="nowrap" align="flex-end">
          <Text size="sm" style={{ flex: 1 }}>
            {x.name}
          </Text>
          <DateField
            label={t("inspections.plannedOn")}
            value={x.plannedOn}
            onChange={(v) => setTargets(targets.map((y, j) => (j === i ? { ...y, plannedOn: v } : y)))}
          />
          <ActionIcon variant="subtle" color="red" aria-label={t("common:action.delete")} onClick={() => setTargets(targets.filter((_, j) => j !== i))}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      <EnterpriseSelect
        key={picker}
        label={t("plan.addTarget")}
        value={null}
        onChange={(id, name) => {
          if (id && !targets.some((x) => x.enterpriseId === id)) setTargets([...targets, { enterpriseId: id, name: name ?? String(id), plannedOn: null }]);
          setPicker(picker + 1);
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onDone()}>
          {t("common:action.cancel")}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!lead || !title.trim() || !startsOn || !endsOn}>
          {t("common:action.save")}
        </Button>
      </Group>
    </Stack>
  );
}
