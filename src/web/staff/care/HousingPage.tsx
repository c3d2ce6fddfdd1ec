import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatNumber } from "../../lib/format.ts";
import { HousingCard, type HousingProject } from "./housing.shared.tsx";
import { vnToday } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { type HousingReader, housingKinds as KINDS, housingStatuses as STATUSES } from "./types.ts";

const MILESTONES = ["approved", "investor_selected", "started", "phase_completed", "handed_over"];

export function HousingPage() {
  const { t } = useTranslation("care");
  const can = useCan();
  const writer = can("care:write") || can("registry:write");
  const [creating, setCreating] = useState(false);
  const [milestoneFor, setMilestoneFor] = useState<HousingProject | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-housing"],
    queryFn: () => api.get<HousingReader>("/api/care/housing"),
  });
  return (
    <>
      <PageHeader
        title={t("housing.title")}
        description={data ? t("housing.totals", { count: data.total, units: formatNumber(data.units), people: formatNumber(data.capacityPeople) }) : undefined}
        actions={
          writer ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("housing.new")}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(data?.items ?? []).map((p) => (
          <HousingCard key={p.id} p={p}>
            {writer ? (
              <Group justify="flex-end">
                <Button size="xs" variant="light" onClick={() => setMilestoneFor(p)}>
                  {t("housing.addMilestone")}
                </Button>
              </Group>
            ) : null}
          </HousingCard>
        ))}
      </SimpleGrid>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("housing.new")} size="lg">
        <ProjectForm onDone={() => setCreating(false)} />
      </Modal>
      <Modal opened={milestoneFor !== null} onClose={() => setMilestoneFor(null)} title={milestoneFor?.name ?? ""}>
        {milestoneFor ? <MilestoneForm project={milestoneFor} onDone={() => setMilestoneFor(null)} /> : null}
      </Modal>
    </>
  );
}

function ProjectForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      name: "",
      kind: "social_housing",
      place: "",
      developer: "",
      units: "" as number | string,
      capacityPeople: "" as number | string,
      floorAreaM2: "" as number | string,
      status: "approved",
      description: "",
    },
  });
  const num = (v: number | string) => (v === "" ? null : Number(v));
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      api.post("/api/care/housing", {
        ...v,
        units: num(v.units),
        capacityPeople: num(v.capacityPeople),
        floorAreaM2: num(v.floorAreaM2),
        description: v.description || null,
      }),
    onSuccess: () => {
      notifySuccess(t("common:common.created"));
      void client.invalidateQueries({ queryKey: ["care-housing"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        <TextInput label={t("housing.name")} {...form.getInputProps("name")} />
        <Group grow align="flex-start">
          <Select
            label={t("campaigns.purpose")}
            data={KINDS.map((k) => ({ value: k, label: t(`housing.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps("kind")}
          />
          <Select
            label={t("housing.status")}
            data={STATUSES.map((k) => ({ value: k, label: t(`housing.statuses.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps("status")}
          />
        </Group>
        <TextInput label={t("housing.place")} {...form.getInputProps("place")} />
        <TextInput label={t("housing.developer")} {...form.getInputProps("developer")} />
        <Group grow align="flex-start">
          <NumberInput label={t("housing.units")} min={0} thousandSeparator="." {...form.getInputProps("units")} />
          <NumberInput label={t("housing.capacity")} min={0} thousandSeparator="." {...form.getInputProps("capacityPeople")} />
          <NumberInput label={t("housing.floorArea")} min={0} thousandSeparator="." {...form.getInputProps("floorAreaM2")} />
        </Group>
        <Textarea label={t("campaigns.descriptionField")} autosize minRows={2} {...form.getInputProps("description")} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common:action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MilestoneForm({ project, onDone }: { project: HousingProject; onDone: () => void }) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const form = useForm({ initialValues: { kind: "started", label: "", happenedOn: vnToday() } });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) => api.post(`/api/care/housing/${project.id}/milestones`, v),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["care-housing"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        <Select
          label={t("campaigns.purpose")}
          data={MILESTONES.map((k) => ({ value: k, label: t(`housing.milestoneKinds.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps("kind")}
        />
        <TextInput label={t("housing.milestoneLabel")} {...form.getInputProps("label")} />
        <TextInput type="date" label={t("housing.milestoneDate")} {...form.getInputProps("happenedOn")} />
        <Text size="xs" c="dimmed">
          {project.place}
        </Text>
        <Button type="submit" loading={save.isPending}>
          {t("common:action.save")}
        </Button>
      </Stack>
    </form>
  );
}
