/** The dialog for a new "Dân vận khéo" model or the correction of one, with its list of awards. */
import { ActionIcon, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { vnYear } from "#shared/clock.ts";
import { ErrorAlert } from "../../components/ui.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import type { ModelEditor } from "./models.form.ts";

const LEVELS = ["city", "zone", "national", "other"] as const;

/** The awards, one row each (title, level, year), and the button that adds one. */
function AwardRows({ form }: { form: ModelEditor["form"] }) {
  const { t } = useTranslation("coordination");
  return (
    <>
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
          <NumberInput label={t("targets.year")} min={2000} max={2200} thousandSeparator="" style={{ flex: 1 }} {...form.getInputProps(`awards.${k}.year`)} />
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
          onClick={() => form.insertListItem("awards", { year: Number(form.values.year) || vnYear(), level: "city", title: "" })}
        >
          {t("models.addAward")}
        </Button>
      </Group>
    </>
  );
}

/** The model's name, year, field, description and awards. */
export function ModelModal({ editor }: { editor: ModelEditor }) {
  const { t } = useTranslation("coordination");
  const { editing, form, save } = editor;
  return (
    <Modal opened={editing !== null} onClose={editor.close} title={editing === "new" ? t("models.add") : t("models.edit")} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={save.error} form={form} />
          <TextInput label={t("models.name")} required {...form.getInputProps("name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t("targets.year")} required min={2000} max={2200} thousandSeparator="" {...form.getInputProps("year")} />
            <TextInput label={t("models.field")} {...form.getInputProps("field")} />
          </SimpleGrid>
          <Textarea label={t("models.description")} autosize minRows={2} {...form.getInputProps("description")} />
          <AwardRows form={form} />
          <FormModalFooter onCancel={editor.close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
