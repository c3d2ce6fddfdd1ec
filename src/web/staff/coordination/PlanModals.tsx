/** The plan page's two dialogs: an item (new or correction) and the plan's header. */
import { Modal, Select, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import type { PlanHeaderEditor, PlanItemEditor, PlanWithItems } from "./plan.form.ts";
import { PlanHeaderFields } from "./PlansPage.tsx";

export const STATUSES = ["not_started", "in_progress", "done", "not_done", "carried_over"] as const;
const AREAS = ["leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "supervision", "general"] as const;

/** An item's content, area, lead party, deadline, status and the reason it was not done. */
export function PlanItemModal({ editor, plan }: { editor: PlanItemEditor; plan: PlanWithItems }) {
  const { t } = useTranslation("coordination");
  const { editing, form, save } = editor;
  return (
    <Modal
      opened={editing !== null}
      onClose={editor.close}
      title={editing === "new" ? t("plans.addItem") : editing ? `${t("plans.no")} ${editing.no}` : ""}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={save.error} form={form} />
          <Textarea label={t("plans.content")} required autosize minRows={3} {...form.getInputProps("content")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("plans.area")}
              data={AREAS.map((a) => ({ value: a, label: t(`area.${a}`) }))}
              allowDeselect={false}
              {...form.getInputProps("area")}
            />
            <Select
              label={t("plans.lead")}
              required
              data={plan.parties.map((p) => ({ value: String(p.id), label: p.shortName ?? p.name }))}
              allowDeselect={false}
              {...form.getInputProps("leadBodyId")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t("plans.deadline")}
              value={form.values.deadline}
              onChange={(v) => form.setFieldValue("deadline", v ?? "")}
              error={form.errors.deadline as string | undefined}
            />
            <Select
              label={t("plans.status")}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
          </SimpleGrid>
          <Textarea
            label={t("plans.reason")}
            description={t("plans.reasonRequired")}
            required={form.values.status === "not_done" || form.values.status === "carried_over"}
            autosize
            minRows={2}
            {...form.getInputProps("reasonNotDone")}
          />
          <FormModalFooter onCancel={editor.close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The plan's year, code, title and issue date. */
export function PlanHeaderModal({ editor }: { editor: PlanHeaderEditor }) {
  const { t } = useTranslation("coordination");
  const { form, save } = editor;
  return (
    <Modal opened={editor.opened} onClose={editor.close} title={t("plans.edit")}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={save.error} form={form} />
          <PlanHeaderFields form={form} />
          <FormModalFooter onCancel={editor.close} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
