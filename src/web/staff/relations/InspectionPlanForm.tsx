/** The inspections page's parts: a new yearly plan's form, and a table of non-compliance rates. */
import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { vnYear } from "#shared/clock.ts";
import type { nonComplianceRatesSchema } from "#shared/contract/relations.ts";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatPercent } from "../../lib/format.ts";
import { DateField, EnterpriseSelect, useBodies } from "./shared.tsx";

type RateRow = z.input<typeof nonComplianceRatesSchema>["byPoint"][number];

/** One breakdown of the non-compliance rate; 20 % and above in red. */
export function RateTable({ title, rows }: { title: string; rows: RateRow[] }) {
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

/** A new yearly plan: its title, period, lead and co-operating bodies, and the enterprises it targets. */
export function PlanForm({ onDone }: { onDone: (id?: number) => void }) {
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
