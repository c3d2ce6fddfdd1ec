import { Badge, Button, Card, Group, Modal, NumberInput, Progress, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconCamera } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatPercent } from "../../lib/format.ts";

interface Target {
  id: number;
  program: string;
  title: string;
  metric: string;
  unit: "count" | "percent";
  targetValue: number;
  year: number | null;
  deadline: string;
  zoneName: string | null;
  progress: {
    ratio: number | null;
    text: string;
    projection: string;
    reached: boolean;
    onTrack: boolean | null;
    enteredBy?: string | null;
    enteredAt?: string | null;
  };
}

/** Targets with progress bars, the live figure against the target, and the pace projection. */
export function TargetsPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const client = useQueryClient();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [entering, setEntering] = useState<Target | null>(null);
  const { data, error, isLoading } = useQuery({ queryKey: ["targets", year], queryFn: () => api.get<Target[]>(`/api/coordination/targets${qs({ year })}`) });
  const form = useForm({ initialValues: { asOf: new Date().toISOString().slice(0, 10), value: 0, note: "" } });
  const enter = useMutation({
    mutationFn: (v: { asOf: string; value: number; note: string }) =>
      api.post(`/api/coordination/targets/${entering?.id}/values`, { ...v, note: v.note || undefined }),
    onSuccess: () => {
      setEntering(null);
      void client.invalidateQueries({ queryKey: ["targets"] });
    },
  });
  const snapshot = useMutation({
    mutationFn: () => api.post<{ targets: number }>("/api/coordination/targets/snapshots", { month: new Date().toISOString().slice(0, 7) }),
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
              <Button variant="default" leftSection={<IconCamera size={16} />} loading={snapshot.isPending} onClick={() => snapshot.mutate()}>
                {t("targets.snapshot")}
              </Button>
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
                  <Badge variant="light" color={g.metric === "manual" ? "grape" : "gray"} style={{ flexShrink: 0 }}>
                    {g.metric === "manual" ? t("targets.manual") : t("targets.computed")}
                  </Badge>
                </Group>
                <Text fw={600}>{g.title}</Text>
                <Progress value={Math.min(100, g.progress.ratio ?? 0)} color={color} size="lg" />
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
            <ErrorAlert error={enter.error} />
            <TextInput type="date" label={t("targets.asOf")} required {...form.getInputProps("asOf")} />
            <NumberInput label={t("targets.value")} decimalSeparator="," thousandSeparator="." min={0} required {...form.getInputProps("value")} />
            <TextInput label={t("targets.note")} {...form.getInputProps("note")} />
            <Group justify="flex-end">
              <Button type="submit" loading={enter.isPending}>
                {t("common:action.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
