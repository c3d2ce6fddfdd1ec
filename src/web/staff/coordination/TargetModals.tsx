/** The targets page's dialogs: a value entered by hand, and a target new or corrected. */
import { Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { METRICS, PERCENT, type TargetEditor, type ValueEntry, YEARLY } from "./targets.form.ts";

/** A manual target's value as of a day, with a note. */
export function ValueModal({ entry }: { entry: ValueEntry }) {
  const { t } = useTranslation("coordination");
  const { entering, setEntering, form, enter } = entry;
  return (
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
  );
}

/** A target entered by hand: the computed metric it may be checked against, which one counts, and (new) its first value. */
function ManualMetricFields({ editor }: { editor: TargetEditor }) {
  const { t } = useTranslation("coordination");
  const { editing, targetForm } = editor;
  if (targetForm.values.metric !== "manual") return null;
  return (
    <>
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
    </>
  );
}

/** A target: its programme, title, metric (computed or entered), value, unit, year and deadline. */
export function TargetModal({ editor }: { editor: TargetEditor }) {
  const { t } = useTranslation("coordination");
  const { editing, targetForm, saveTarget } = editor;
  return (
    <Modal opened={editing !== null} onClose={editor.close} title={editing === "new" ? t("targets.add") : t("targets.edit")} size="lg">
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
          <ManualMetricFields editor={editor} />
          <FormModalFooter onCancel={editor.close} saving={saveTarget.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
