import { Badge, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { DateField } from "./DateField.tsx";

const KINDS = ["training", "propaganda", "dialogue", "cultural", "job_fair", "tet_market", "supervision"] as const;
const PAGE_SIZE = 50;

interface Activity {
  id: number;
  kind: string;
  title: string;
  heldOn: string;
  bodyName: string;
  zoneName: string | null;
  enterpriseName: string | null;
  sessions: number;
  participants: number;
  visitors: number | null;
  stalls: number | null;
  questionCount: number;
}

/** Activities filtered by kind and period (the figures of the report link here), with their totals. */
export function ActivitiesPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const filters = { kind: params.get("kind"), from: params.get("from"), to: params.get("to"), enterpriseOwnership: params.get("enterpriseOwnership") };
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const { data, error, isLoading } = useQuery({
    queryKey: ["activities", filters, page],
    queryFn: () =>
      api.get<{ total: number; totals: { sessions: number; participants: number; enterprises: number } | null; items: Activity[] }>(
        `/api/coordination/activities${qs({ ...filters, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const form = useForm({
    initialValues: {
      kind: "training",
      title: "",
      heldOn: new Date().toISOString().slice(0, 10),
      endedOn: "",
      sessions: 1 as number | string,
      participants: 0 as number | string,
      units: "" as number | string,
      stalls: "" as number | string,
      visitors: "" as number | string,
      copies: "" as number | string,
      questions: "",
    },
    validate: {
      title: (v) => (v.trim() ? null : t("validation.activityTitle")),
      heldOn: (v) => (v ? null : t("validation.heldOn")),
      endedOn: (v, values) => (v && values.heldOn && v < values.heldOn ? t("validation.endedOn") : null),
      sessions: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
      participants: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
    },
  });
  const count = (v: number | string) => (typeof v === "number" ? v : null);
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post("/api/coordination/activities", {
        kind: v.kind,
        title: v.title.trim(),
        heldOn: v.heldOn,
        endedOn: v.endedOn || null,
        sessions: count(v.sessions) ?? 0,
        participants: count(v.participants) ?? 0,
        ...(v.kind === "tet_market" || v.kind === "job_fair" ? { units: count(v.units), stalls: count(v.stalls), visitors: count(v.visitors) } : {}),
        ...(v.kind === "propaganda" ? { copies: count(v.copies) } : {}),
        ...(v.kind === "dialogue" && v.questions.trim()
          ? {
              questions: v.questions
                .split("\n")
                .filter((l) => l.trim())
                .map((text) => ({ text })),
            }
          : {}),
      }),
    onSuccess: () => {
      setAdding(false);
      notifySuccess(t("plans.saved"));
      void client.invalidateQueries({ queryKey: ["activities"] });
    },
  });
  const columns: Column<Activity>[] = [
    { key: "heldOn", header: t("activities.heldOn"), render: (r) => formatDate(r.heldOn) },
    {
      key: "title",
      header: t("activities.name"),
      render: (r) => (
        <div>
          <Text size="sm">{r.title}</Text>
          <Group gap={4}>
            <Badge size="xs" variant="light">
              {t(`kind.${r.kind}`)}
            </Badge>
            {r.questionCount ? (
              <Badge size="xs" variant="light" color="grape">
                {t("activities.questions", { n: r.questionCount })}
              </Badge>
            ) : null}
          </Group>
        </div>
      ),
    },
    { key: "where", header: t("activities.where"), render: (r) => r.enterpriseName ?? r.zoneName ?? r.bodyName, hideOnMobile: true },
    { key: "sessions", header: t("activities.sessions"), render: (r) => formatNumber(r.sessions), align: "right", hideOnMobile: true },
    { key: "participants", header: t("activities.participants"), render: (r) => formatNumber(r.participants || r.visitors || 0), align: "right" },
  ];
  return (
    <>
      <PageHeader
        title={t("activities.title")}
        description={t("activities.hint")}
        actions={
          can("coordination:write") ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t("activities.add")}
            </Button>
          ) : null
        }
      />
      <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
        <Select
          label={t("activities.kind")}
          clearable
          placeholder={t("activities.all")}
          data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={filters.kind}
          onChange={(v) => set("kind", v)}
        />
        <DateField label={t("activities.from")} value={filters.from} onChange={(v) => set("from", v)} />
        <DateField label={t("activities.to")} value={filters.to} onChange={(v) => set("to", v)} />
      </Group>
      {data?.totals ? (
        <Text size="sm" fw={600} mb="sm">
          {t("activities.totals", {
            n: formatNumber(data.total),
            sessions: formatNumber(data.totals.sessions),
            participants: formatNumber(data.totals.participants),
          })}
          {filters.kind === "supervision" ? ` · ${t("activities.enterprises", { n: formatNumber(data.totals.enterprises) })}` : ""}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(r) => r.id}
      />
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("activities.add")}>
        <form onSubmit={form.onSubmit((v) => add.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={add.error} />
            <Select
              label={t("activities.kind")}
              data={KINDS.filter((k) => k !== "supervision").map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              allowDeselect={false}
              {...form.getInputProps("kind")}
            />
            <TextInput label={t("activities.name")} required {...form.getInputProps("title")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={t("activities.heldOn")}
                required
                value={form.values.heldOn}
                onChange={(v) => form.setFieldValue("heldOn", v ?? "")}
                error={form.errors.heldOn as string | undefined}
              />
              <DateField
                label={t("activities.endedOn")}
                value={form.values.endedOn}
                onChange={(v) => form.setFieldValue("endedOn", v ?? "")}
                error={form.errors.endedOn as string | undefined}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t("activities.sessions")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("sessions")} />
              <NumberInput label={t("activities.participants")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("participants")} />
            </SimpleGrid>
            {form.values.kind === "tet_market" || form.values.kind === "job_fair" ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label={t("activities.units")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("units")} />
                <NumberInput label={t("activities.stalls")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("stalls")} />
                <NumberInput label={t("activities.visitors")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("visitors")} />
              </SimpleGrid>
            ) : null}
            {form.values.kind === "propaganda" ? (
              <NumberInput label={t("activities.copies")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("copies")} />
            ) : null}
            {form.values.kind === "dialogue" ? (
              <Textarea
                label={t("activities.questions", { n: form.values.questions.split("\n").filter((l) => l.trim()).length })}
                description={t("activities.questionsHint")}
                autosize
                minRows={3}
                {...form.getInputProps("questions")}
              />
            ) : null}
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending}>
                {t("common:action.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
