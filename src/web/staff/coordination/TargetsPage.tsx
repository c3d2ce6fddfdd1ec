import { ActionIcon, Badge, Button, Card, Group, Modal, NumberInput, Progress, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconCamera, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatPercent } from "../../lib/format.ts";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { vnMonth, vnToday, vnYear } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";

/** The live metrics a target can follow (computed from the records), and "manual" for values entered by hand. */
const METRICS = [
  "new_members_in_year",
  "new_unions_in_year",
  "members_as_of",
  "enterprises20_with_union",
  "enterprises20_with_union_pct",
  "agreement_coverage_pct",
  "party_referrals_in_year",
  "party_admissions_in_year",
  "trainings_participants_in_year",
  "manual",
] as const;
const YEARLY = new Set(["new_members_in_year", "new_unions_in_year", "party_referrals_in_year", "party_admissions_in_year", "trainings_participants_in_year"]);
const PERCENT = new Set(["enterprises20_with_union_pct", "agreement_coverage_pct"]);

interface TargetValues {
  program: string;
  title: string;
  metric: string;
  unit: "count" | "percent";
  targetValue: number | string;
  year: number | string;
  deadline: string;
  /** For a manual target: its first value, entered with the target. */
  value: number | string;
  /** For a manual target the records also compute: the metric, and which of the two values is used. */
  computedMetric: string;
  prefer: "computed" | "entered";
}

interface Target {
  id: number;
  program: string;
  title: string;
  metric: string;
  unit: "count" | "percent";
  targetValue: number;
  year: number | null;
  deadline: string;
  zoneId?: number | null;
  zoneName: string | null;
  computedMetric?: string | null;
  prefer?: "computed" | "entered";
  progress: {
    ratio: number | null;
    text: string;
    projection: string;
    reached: boolean;
    onTrack: boolean | null;
    enteredBy?: string | null;
    enteredAt?: string | null;
    source?: string;
    rule?: string;
    other?: { value: number; text: string; source: string };
  };
}

/** Targets with progress bars, the live figure against the target, and the pace projection. */
export function TargetsPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const client = useQueryClient();
  const thisYear = vnYear();
  const [year, setYear] = useState(String(thisYear));
  const [entering, setEntering] = useState<Target | null>(null);
  const { data, error, isLoading } = useQuery({ queryKey: ["targets", year], queryFn: () => api.get<Target[]>(`/api/coordination/targets${qs({ year })}`) });
  const form = useForm({ initialValues: { asOf: vnToday(), value: 0, note: "" } });
  const enter = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: { asOf: string; value: number; note: string }) =>
      api.post(`/api/coordination/targets/${entering?.id}/values`, { ...v, note: v.note || undefined }),
    onSuccess: () => {
      setEntering(null);
      void client.invalidateQueries({ queryKey: ["targets"] });
    },
  });
  // New or edited target ("new" or the target); a target bound to a zone keeps its zone.
  const [editing, setEditing] = useState<Target | "new" | null>(null);
  const targetForm = useForm<TargetValues>({
    initialValues: {
      program: "",
      title: "",
      metric: "new_members_in_year",
      unit: "count",
      targetValue: "",
      year: thisYear,
      deadline: `${thisYear}-12-31`,
      value: "",
      computedMetric: "",
      prefer: "computed",
    },
    validate: {
      program: (v) => (v.trim() ? null : t("validation.program")),
      title: (v) => (v.trim() ? null : t("validation.targetTitle")),
      targetValue: (v, values) =>
        typeof v !== "number" || v <= 0 ? t("validation.targetValue") : values.unit === "percent" && v > 100 ? t("validation.percent") : null,
      year: (v, values) => (YEARLY.has(values.metric) && (typeof v !== "number" || v < 2000 || v > 2200) ? t("validation.yearly") : null),
      deadline: (v) => (v ? null : t("validation.deadline")),
      value: (v, values) => (values.metric === "manual" && typeof v === "number" && v < 0 ? t("validation.value") : null),
    },
  });
  const saveTarget = useMutation({
    onError: (e) => applyProblem(targetForm, e),
    mutationFn: async (v: TargetValues) => {
      const body = {
        program: v.program.trim(),
        title: v.title.trim(),
        metric: v.metric,
        unit: v.unit,
        targetValue: Number(v.targetValue),
        year: typeof v.year === "number" ? v.year : null,
        deadline: v.deadline,
        computedMetric: v.metric === "manual" && v.computedMetric ? v.computedMetric : null,
        prefer: v.prefer,
        ...(editing && editing !== "new" ? { zoneId: editing.zoneId ?? null } : {}),
      };
      const saved =
        editing && editing !== "new"
          ? await api.put<Target>(`/api/coordination/targets/${editing.id}`, body)
          : await api.post<Target>("/api/coordination/targets", body);
      if (editing === "new" && v.metric === "manual" && typeof v.value === "number") {
        await api.post(`/api/coordination/targets/${saved.id}/values`, { asOf: vnToday(), value: v.value });
      }
      return saved;
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["targets"] });
    },
  });
  const openTarget = (g: Target | "new") => {
    saveTarget.reset();
    const values: TargetValues =
      g === "new"
        ? {
            program: "",
            title: "",
            metric: "new_members_in_year",
            unit: "count",
            targetValue: "",
            year: Number(year),
            deadline: `${year}-12-31`,
            value: "",
            computedMetric: "",
            prefer: "computed",
          }
        : {
            program: g.program,
            title: g.title,
            metric: g.metric,
            unit: g.unit,
            targetValue: g.targetValue,
            year: g.year ?? "",
            deadline: g.deadline,
            value: "",
            computedMetric: g.computedMetric ?? "",
            prefer: g.prefer ?? "computed",
          };
    targetForm.setValues(values);
    targetForm.clearErrors();
    setEditing(g);
  };
  const snapshot = useMutation({
    mutationFn: () => api.post<{ targets: number }>("/api/coordination/targets/snapshots", { month: vnMonth() }),
    onSuccess: (r) => notifySuccess(t("targets.snapshotDone", { n: r.targets })),
    onError: notifyError,
  });
  return (
    <>
      <PageHeader
        title={t("targets.title")}
        description={t("targets.hint")}
        actions={
          <>
            <Select
              aria-label={t("targets.year")}
              data={Array.from({ length: 5 }, (_, k) => String(thisYear - k))}
              value={year}
              onChange={(v) => v && setYear(v)}
              w={110}
              allowDeselect={false}
            />
            {can("coordination:write") ? (
              <>
                <Button variant="default" leftSection={<IconCamera size={16} />} loading={snapshot.isPending} onClick={() => snapshot.mutate()}>
                  {t("targets.snapshot")}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => openTarget("new")}>
                  {t("targets.add")}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((g) => {
          const color = g.progress.reached ? "teal" : g.progress.onTrack ? "blue" : "orange";
          return (
            <Card key={g.id} withBorder>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed">
                    {g.program} · {t("targets.deadline")} {formatDate(g.deadline)}
                    {g.zoneName ? ` · ${g.zoneName}` : ""}
                  </Text>
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    <Badge variant="light" color={g.metric === "manual" ? "grape" : "gray"}>
                      {g.metric === "manual" ? t("targets.manual") : t("targets.computed")}
                    </Badge>
                    {can("coordination:write") ? (
                      <ActionIcon variant="subtle" size="sm" aria-label={t("targets.edit")} onClick={() => openTarget(g)}>
                        <IconPencil size={14} />
                      </ActionIcon>
                    ) : null}
                  </Group>
                </Group>
                <Text fw={600}>{g.title}</Text>
                <Progress value={Math.min(100, g.progress.ratio ?? 0)} color={color} size="lg" aria-label={g.title} />
                <Group justify="space-between">
                  <Text fw={700}>{g.progress.text}</Text>
                  {g.progress.ratio !== null ? (
                    <Text size="sm" c={color}>
                      {formatPercent(g.progress.ratio)}
                    </Text>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed">
                  {g.progress.projection}
                </Text>
                {g.progress.source ? (
                  <Text size="xs" c="dimmed">
                    {t("targets.source", { source: g.progress.source })}
                  </Text>
                ) : null}
                {g.progress.other ? (
                  <Text size="xs" c="dimmed" data-testid="target-other">
                    {t("targets.other", { text: g.progress.other.text, source: g.progress.other.source })} {g.progress.rule}
                  </Text>
                ) : null}
                {g.progress.enteredBy ? (
                  <Text size="xs" c="dimmed">
                    {t("targets.enteredBy", { who: g.progress.enteredBy, when: formatDateTime(g.progress.enteredAt ?? null) })}
                  </Text>
                ) : null}
                {g.metric === "manual" && can("coordination:write") ? (
                  <Group>
                    <Button size="xs" variant="light" onClick={() => setEntering(g)}>
                      {t("targets.enterValue")}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <Modal opened={Boolean(entering)} onClose={() => setEntering(null)} title={entering?.title}>
        <form onSubmit={form.onSubmit((v) => enter.mutate(v))}>
          <Stack>
            <ErrorAlert error={enter.error} form={form} />
            <DateField
              label={t("targets.asOf")}
              required
              value={form.values.asOf}
              onChange={(v) => form.setFieldValue("asOf", v ?? "")}
              error={form.errors.asOf as string | undefined}
            />
            <NumberInput label={t("targets.value")} decimalSeparator="," thousandSeparator="." min={0} required {...form.getInputProps("value")} />
            <TextInput label={t("targets.note")} {...form.getInputProps("note")} />
            <FormModalFooter onCancel={() => setEntering(null)} saving={enter.isPending} />
          </Stack>
        </form>
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? t("targets.add") : t("targets.edit")} size="lg">
        <form onSubmit={targetForm.onSubmit((v) => saveTarget.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={saveTarget.error} form={targetForm} />
            <TextInput label={t("targets.program")} placeholder="16-CTr/TU" required {...targetForm.getInputProps("program")} />
            <TextInput label={t("targets.name")} required {...targetForm.getInputProps("title")} />
            <Select
              label={t("targets.metric")}
              description={targetForm.values.metric === "manual" ? t("targets.manualHint") : t("targets.computedHint")}
              data={METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
              allowDeselect={false}
              {...targetForm.getInputProps("metric")}
              onChange={(v) => {
                if (!v) return;
                targetForm.setFieldValue("metric", v);
                if (v !== "manual") targetForm.setFieldValue("unit", PERCENT.has(v) ? "percent" : "count");
              }}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t("targets.targetValue")}
                required
                min={0}
                decimalSeparator=","
                thousandSeparator="."
                suffix={targetForm.values.unit === "percent" ? "%" : undefined}
                {...targetForm.getInputProps("targetValue")}
              />
              <Select
                label={t("targets.unit")}
                data={[
                  { value: "count", label: t("targets.unitCount") },
                  { value: "percent", label: t("targets.unitPercent") },
                ]}
                allowDeselect={false}
                disabled={targetForm.values.metric !== "manual"}
                {...targetForm.getInputProps("unit")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t("targets.year")}
                required={YEARLY.has(targetForm.values.metric)}
                min={2000}
                max={2200}
                thousandSeparator=""
                {...targetForm.getInputProps("year")}
              />
              <DateField
                label={t("targets.deadline")}
                required
                value={targetForm.values.deadline}
                onChange={(v) => targetForm.setFieldValue("deadline", v ?? "")}
                error={targetForm.errors.deadline as string | undefined}
              />
            </SimpleGrid>
            {targetForm.values.metric === "manual" ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t("targets.computedMetric")}
                  description={t("targets.computedMetricHint")}
                  data={[
                    { value: "", label: t("targets.noComputedMetric") },
                    ...METRICS.filter((m) => m !== "manual").map((m) => ({ value: m, label: t(`metric.${m}`) })),
                  ]}
                  allowDeselect={false}
                  {...targetForm.getInputProps("computedMetric")}
                />
                <Select
                  label={t("targets.prefer")}
                  data={[
                    { value: "computed", label: t("targets.preferComputed") },
                    { value: "entered", label: t("targets.preferEntered") },
                  ]}
                  allowDeselect={false}
                  disabled={!targetForm.values.computedMetric}
                  {...targetForm.getInputProps("prefer")}
                />
              </SimpleGrid>
            ) : null}
            {editing === "new" && targetForm.values.metric === "manual" ? (
              <NumberInput
                label={t("targets.firstValue")}
                description={t("targets.firstValueHint")}
                min={0}
                decimalSeparator=","
                thousandSeparator="."
                {...targetForm.getInputProps("value")}
              />
            ) : null}
            <FormModalFooter onCancel={() => setEditing(null)} saving={saveTarget.isPending} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
