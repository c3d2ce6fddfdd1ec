/** The labour report's form: the figures by group, the relations questions, the check's result and the two buttons. */
import { Alert, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { formatDate, formatVnd } from "../../lib/format.ts";
import type { CheckResult, LabourReport } from "./labour-report.form.ts";
import { numberGroups, periodText } from "./shared.tsx";

const ROMAN = ["", "I", "II", "III", "IV"];

/** One group of figures; the wages group also shows the regional minimum and, below it, the reason for paying less. */
function NumberGroupCard({ report, group }: { report: LabourReport; group: (typeof numberGroups)[number] }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const { form, check, belowFloor } = report;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t(`group.${group.key}`)}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {group.fields.map((f) => (
          <NumberInput
            key={f}
            label={t(`field.${f}`)}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={en ? "," : "."}
            decimalSeparator={en ? "." : ","}
            inputMode="numeric"
            {...form.getInputProps(f)}
            data-field={f}
          />
        ))}
      </SimpleGrid>
      {group.key === "wages" && check?.minimum ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("report.minimum", {
            region: ROMAN[check.minimum.region],
            date: formatDate(check.minimum.date),
            amount: formatVnd(check.minimum.monthly),
            decree: check.minimum.decree,
          })}
        </Text>
      ) : null}
      {group.key === "wages" && belowFloor ? (
        <Textarea mt="sm" label={t("field.wageReason")} description={t("field.wageReasonHint")} autosize minRows={2} {...form.getInputProps("wageReason")} />
      ) : null}
    </Card>
  );
}

/** What "Kiểm tra" found: all clear, or the errors; then the warnings. */
function CheckAlerts({ check }: { check: CheckResult | null }) {
  const { t } = useTranslation("labour");
  return (
    <>
      {check ? (
        check.ok ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />}>
            {t("report.checkedOk")}
          </Alert>
        ) : (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t("report.checkedErrors", { n: check.errors.length })}>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {check.errors.map((e) => (
                <li key={`${e.pointer}-${e.code}`}>
                  <Text size="sm">
                    {t(`field.${e.field}`)}: {e.message}
                  </Text>
                </li>
              ))}
            </ul>
          </Alert>
        )
      ) : null}
      {check?.warnings.length ? (
        <Alert color="yellow" title={t("report.warnings")}>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {check.warnings.map((w) => (
              <li key={`${w.pointer}-${w.code}`}>
                <Text size="sm">{w.message}</Text>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </>
  );
}

/** The form; any change clears a stale check. */
export function LabourReportForm({ report, periods }: { report: LabourReport; periods: string[] }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const { form, check, setCheck, runCheck, submit } = report;
  const periodOptions = periods.map((p) => ({ value: p, label: periodText(p, en) }));
  return (
    <form
      onSubmit={form.onSubmit(() => submit.mutate())}
      onChange={() => {
        if (check) setCheck(null);
      }}
    >
      <Stack gap="md">
        <Select label={t("field.period")} data={periodOptions} allowDeselect={false} maw={320} {...form.getInputProps("period")} />
        {numberGroups.map((g) => (
          <NumberGroupCard key={g.key} report={report} group={g} />
        ))}
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t("group.relations")}
          </Title>
          <Stack gap="xs">
            <Checkbox label={t("field.hasAgreement")} {...form.getInputProps("hasAgreement", { type: "checkbox" })} />
            <Checkbox label={t("field.hasUnion")} {...form.getInputProps("hasUnion", { type: "checkbox" })} />
            <Textarea label={t("field.note")} autosize minRows={2} {...form.getInputProps("note")} />
          </Stack>
        </Card>
        <CheckAlerts check={check} />
        <ErrorAlert error={runCheck.error ?? submit.error} form={form} />
        <Group>
          <Button variant="light" onClick={() => runCheck.mutate()} loading={runCheck.isPending}>
            {t("report.check")}
          </Button>
          <Button type="submit" loading={submit.isPending}>
            {t("report.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
