/** The two dialogs of the activities page: the form (new or correction) and the delete confirmation. */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { activityKinds } from "#shared/activities.ts";
import { type ActivityEditor, openQuestions } from "./activities.form.ts";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";

/** The counts a kind has beyond sessions and participants: units, stalls and visitors; workers admitted; copies; the conference's questions. */
function KindCounts({ editor }: { editor: ActivityEditor }) {
  const { t } = useTranslation("coordination");
  const { form } = editor;
  const number = { min: 0, thousandSeparator: ".", decimalSeparator: "," } as const;
  return (
    <>
      {form.values.kind === "tet_market" || form.values.kind === "job_fair" ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t("activities.units")} {...number} {...form.getInputProps("units")} />
          <NumberInput label={t("activities.stalls")} {...number} {...form.getInputProps("stalls")} />
          <NumberInput label={t("activities.visitors")} {...number} {...form.getInputProps("visitors")} />
        </SimpleGrid>
      ) : null}
      {form.values.kind === "party_admission" ? (
        <NumberInput label={t("activities.admittedWorkers")} description={t("activities.admittedHint")} {...number} {...form.getInputProps("units")} />
      ) : null}
      {form.values.kind === "propaganda" ? <NumberInput label={t("activities.copies")} {...number} {...form.getInputProps("copies")} /> : null}
      {form.values.kind === "dialogue" ? (
        <Textarea
          label={t("activities.questions", { n: form.values.questions.split("\n").filter((l) => l.trim()).length })}
          description={t("activities.questionsHint")}
          autosize
          minRows={3}
          {...form.getInputProps("questions")}
        />
      ) : null}
    </>
  );
}

/** A new activity or the correction of one. Supervision is recorded elsewhere: offered only to correct one already recorded. */
export function ActivityFormModal({ editor }: { editor: ActivityEditor }) {
  const { t } = useTranslation("coordination");
  const { form, before, save } = editor;
  const linked = before ? before.questions.length - openQuestions(before).length : 0;
  const kinds = activityKinds.filter((k) => k !== "supervision" || before?.kind === "supervision");
  return (
    <Modal opened={editor.editing !== null} onClose={editor.close} title={before ? t("activities.edit") : t("activities.add")}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={save.error} form={form} />
          <Select
            label={t("activities.kind")}
            data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
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
          <KindCounts editor={editor} />
          {linked ? (
            <Text size="xs" c="dimmed">
              {t("activities.linkedQuestions", { n: linked })}
            </Text>
          ) : null}
          <FormModalFooter onCancel={editor.close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Deleting an activity, saying what it counted. */
export function ActivityRemoveModal({ editor }: { editor: ActivityEditor }) {
  const { t } = useTranslation("coordination");
  const { removing, remove } = editor;
  const close = () => editor.setRemoving(null);
  return (
    <Modal opened={removing !== null} onClose={close} title={t("activities.delete")}>
      <Stack>
        <ErrorAlert error={remove.error} />
        <Text size="sm">
          {t("activities.deleteConfirm", {
            title: removing?.title ?? "",
            date: removing ? formatDate(removing.heldOn) : "",
            participants: formatNumber(removing ? removing.participants || removing.visitors || 0 : 0),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("activities.deleteHint")}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={remove.isPending}>
            {t("common:action.cancel")}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate(removing)}>
            {t("common:action.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
