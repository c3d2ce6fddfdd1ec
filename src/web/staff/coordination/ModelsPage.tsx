import type { z } from "zod";
import type { modelsListSchema } from "#shared/contract/coordination.ts";
import { ActionIcon, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { vnYear } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";

const LEVELS = ["city", "zone", "national", "other"] as const;

interface ModelValues {
  name: string;
  year: number | string;
  field: string;
  description: string;
  awards: { year: number | string; level: string; title: string }[];
}

type Model = z.input<typeof modelsListSchema>[number];

/** The register of "Dân vận khéo" models with the body running each and its awards. */
export function ModelsPage() {
  const { t } = useTranslation("coordination");
  const [params, setParams] = useSearchParams();
  const year = params.get("year");
  const thisYear = vnYear();
  const { data, error, isLoading } = useQuery({ queryKey: ["models", year], queryFn: () => api.get<Model[]>(`/api/coordination/models${qs({ year })}`) });
  const can = useCan();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Model | "new" | null>(null);
  const form = useForm<ModelValues>({
    initialValues: { name: "", year: thisYear, field: "", description: "", awards: [] },
    validate: {
      name: (v) => (v.trim() ? null : t("validation.modelName")),
      year: (v) => (typeof v === "number" && v >= 2000 && v <= 2200 ? null : t("validation.year")),
      awards: {
        title: (v) => (v.trim() ? null : t("validation.awardTitle")),
        year: (v) => (typeof v === "number" && v >= 2000 && v <= 2200 ? null : t("validation.year")),
      },
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: ModelValues) => {
      const body = {
        name: v.name.trim(),
        year: Number(v.year),
        field: v.field.trim() || null,
        description: v.description.trim() || null,
        awards: v.awards.map((a) => ({ year: Number(a.year), level: a.level, title: a.title.trim() })),
        ...(editing && editing !== "new" ? { zoneId: editing.zoneId } : {}),
      };
      return editing && editing !== "new" ? api.put(`/api/coordination/models/${editing.id}`, body) : api.post("/api/coordination/models", body);
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["models"] });
    },
  });
  const open = (m: Model | "new") => {
    save.reset();
    form.setValues(
      m === "new"
        ? { name: "", year: year ? Number(year) : thisYear, field: "", description: "", awards: [] }
        : { name: m.name, year: m.year, field: m.field ?? "", description: m.description ?? "", awards: m.awards.map((a) => ({ ...a })) },
    );
    form.clearErrors();
    setEditing(m);
  };
  return (
    <>
      <PageHeader
        title={t("models.title")}
        description={t("models.hint")}
        actions={
          <>
            <Select
              aria-label={t("targets.year")}
              clearable
              placeholder={t("activities.all")}
              data={Array.from({ length: 5 }, (_, k) => String(thisYear - k))}
              value={year}
              onChange={(v) => setParams(v ? { year: v } : {})}
              w={120}
            />
            {can("coordination:write") ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => open("new")}>
                {t("models.add")}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((m) => (
          <Card key={m.id} withBorder>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Badge variant="light">{m.year}</Badge>
                <Group gap={4} wrap="nowrap">
                  {m.field ? (
                    <Text size="xs" c="dimmed">
                      {m.field}
                    </Text>
                  ) : null}
                  {m.editable ? (
                    <ActionIcon variant="subtle" size="sm" aria-label={t("models.edit")} onClick={() => open(m)}>
                      <IconPencil size={14} />
                    </ActionIcon>
                  ) : null}
                </Group>
              </Group>
              <Text fw={600}>“{m.name}”</Text>
              <Text size="sm" c="dimmed">
                {t("models.body")}: {m.bodyName}
              </Text>
              {m.awards.map((a) => (
                <Badge key={`${a.year}-${a.title}`} color="yellow" variant="light">
                  {a.title} ({a.year})
                </Badge>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? t("models.add") : t("models.edit")} size="lg">
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={save.error} form={form} />
            <TextInput label={t("models.name")} required {...form.getInputProps("name")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t("targets.year")} required min={2000} max={2200} thousandSeparator="" {...form.getInputProps("year")} />
              <TextInput label={t("models.field")} {...form.getInputProps("field")} />
            </SimpleGrid>
            <Textarea label={t("models.description")} autosize minRows={2} {...form.getInputProps("description")} />
            <Text size="sm" fw={500}>
              {t("models.awards")}
            </Text>
            {form.values.awards.map((_a, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of an editable list have no identity but their place
              <Group key={k} align="flex-end" gap="xs">
                <TextInput label={t("models.awardTitle")} required style={{ flex: 3 }} {...form.getInputProps(`awards.${k}.title`)} />
                <Select
                  label={t("models.level")}
                  data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                  allowDeselect={false}
                  style={{ flex: 2 }}
                  {...form.getInputProps(`awards.${k}.level`)}
                />
                <NumberInput
                  label={t("targets.year")}
                  min={2000}
                  max={2200}
                  thousandSeparator=""
                  style={{ flex: 1 }}
                  {...form.getInputProps(`awards.${k}.year`)}
                />
                <ActionIcon variant="subtle" color="red" mb={4} aria-label={t("models.removeAward")} onClick={() => form.removeListItem("awards", k)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem("awards", { year: Number(form.values.year) || thisYear, level: "city", title: "" })}
              >
                {t("models.addAward")}
              </Button>
            </Group>
            <FormModalFooter onCancel={() => setEditing(null)} saving={save.isPending} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
