/** One question of the inspection's checklist: its verdict, evidence and, when it fails, the recommendation and its deadline. */
import { Alert, Badge, Card, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import { type AnswerState, type FormItem, type Result, resultOf } from "./inspection.form.ts";
import { DateField, addDays, today } from "./shared.tsx";

interface AnswerProps {
  it: FormItem;
  a: AnswerState | undefined;
  update: (id: number, patch: Partial<AnswerState>) => void;
}

/** The lowest wage paid, and against the region's floor how far short it falls. */
function WageAnswer({ it, a, update }: AnswerProps) {
  const { t } = useTranslation("relations");
  const result = resultOf(it, a);
  return (
    <Group align="flex-end" gap="sm">
      <NumberInput
        label={t("inspections.lowestWage")}
        min={0}
        thousandSeparator="."
        decimalSeparator=","
        suffix=" ₫"
        value={a?.observedValue ?? ""}
        onChange={(v) => update(it.id, { observedValue: typeof v === "number" ? v : null })}
        w={220}
      />
      {a?.observedValue && it.referenceValue ? (
        <Badge color={result === "compliant" ? "teal" : "red"} size="lg">
          {result === "compliant" ? t("result.compliant") : t("inspections.shortBy", { amount: formatNumber(it.referenceValue - a.observedValue) })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The recommendation and its deadline (30 days after the inspection unless changed). */
function FindingFields({ it, a, update, inspectedOn }: AnswerProps & { a: AnswerState; inspectedOn: string | null }) {
  const { t } = useTranslation("relations");
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Textarea
        size="xs"
        label={t("inspections.recommendation")}
        autosize
        value={a.finding}
        onChange={(e) => update(it.id, { finding: e.currentTarget.value })}
      />
      <DateField label={t("inspections.deadline")} value={a.deadline ?? addDays(inspectedOn ?? today(), 30)} onChange={(v) => update(it.id, { deadline: v })} />
    </SimpleGrid>
  );
}

/** A question's card; a failing one is marked red on its left edge. */
export function InspectionAnswer({ it, a, update, inspectedOn }: AnswerProps & { inspectedOn: string | null }) {
  const { t } = useTranslation("relations");
  const result = resultOf(it, a);
  return (
    <Card withBorder mb="xs" padding="sm" style={{ borderLeft: result === "non_compliant" ? "4px solid var(--mantine-color-red-6)" : undefined }}>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {it.question}
        </Text>
        <Text size="xs" c="dimmed">
          {t("inspections.legalBasis")}: {it.legalBasis}
        </Text>
        {it.prefillText ? (
          <Alert color={it.prefill === "minimum_wage" && !it.referenceValue ? "orange" : "blue"} p="xs">
            <Text size="sm">{it.prefillText}</Text>
          </Alert>
        ) : null}
        {it.prefill === "minimum_wage" ? <WageAnswer it={it} a={a} update={update} /> : null}
        {it.prefill !== "minimum_wage" || !a?.observedValue || !it.referenceValue ? (
          <SegmentedControl
            size="xs"
            value={a?.result ?? ""}
            onChange={(v) => update(it.id, { result: v as Result })}
            data={[
              // A wage cannot be called compliant while the workplace's region is unknown.
              ...(it.prefill === "minimum_wage" && !it.referenceValue ? [] : [{ value: "compliant", label: t("result.compliant") }]),
              { value: "non_compliant", label: t("result.non_compliant") },
              { value: "not_applicable", label: t("result.not_applicable") },
            ]}
          />
        ) : null}
        <TextInput
          size="xs"
          placeholder={t("inspections.evidence")}
          aria-label={t("inspections.evidence")}
          value={a?.evidence ?? ""}
          onChange={(e) => update(it.id, { evidence: e.currentTarget.value })}
        />
        {result === "non_compliant" && a ? <FindingFields it={it} a={a} update={update} inspectedOn={inspectedOn} /> : null}
      </Stack>
    </Card>
  );
}
