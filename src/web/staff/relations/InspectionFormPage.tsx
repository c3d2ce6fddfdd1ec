import { Alert, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { formatNumber } from "../../lib/format.ts";
import { DateField, EnterpriseSelect, addDays, today, useBodies } from "./shared.tsx";
import type { z } from "zod";
import type { inspectionFormSchema } from "#shared/contract/relations.ts";
import type { answerResults } from "#shared/enums.ts";

type FormItem = InspectionFormData["items"][number];
type InspectionFormData = z.input<typeof inspectionFormSchema>;
type Result = (typeof answerResults)[number];
interface AnswerState {
  result: Result | null;
  evidence: string;
  observedValue: number | null;
  finding: string;
  deadline: string | null;
}

/** Records an inspection from the checklist in force: one answer per question, findings with deadlines. */
export function InspectionFormPage() {
  const { t } = useTranslation("relations");
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const bodies = useBodies();
  const [enterpriseId, setEnterpriseId] = useState<number | null>(params.get("enterpriseId") ? Number(params.get("enterpriseId")) : null);
  const [inspectedOn, setInspectedOn] = useState<string | null>(today());
  const [leadBodyId, setLeadBodyId] = useState<string | null>(null);
  const [kind, setKind] = useState<string>("inspection");
  const [summary, setSummary] = useState("");
  const [answers, setAnswers] = useState<Record<number, AnswerState>>({});
  const planId = params.get("planId");
  useEffect(() => {
    if (!leadBodyId && bodies.data?.length) {
      const own = bodies.data.find((b) => b.id === me.data?.body.id);
      setLeadBodyId(String((own ?? bodies.data[0])?.id));
    }
  }, [bodies.data, me.data, leadBodyId]);
  const form = useQuery({
    queryKey: ["inspection-form", enterpriseId, inspectedOn],
    queryFn: () => api.get<InspectionFormData>(`/api/relations/inspections/form${qs({ enterpriseId, date: inspectedOn })}`),
    enabled: Boolean(enterpriseId && inspectedOn),
  });
  useEffect(() => {
    if (!form.data) return;
    setAnswers((prev) => {
      const next: Record<number, AnswerState> = {};
      for (const it of form.data.items) {
        next[it.id] = prev[it.id] ?? {
          result: it.applicable ? null : "not_applicable",
          evidence: "",
          observedValue: null,
          finding: `Khắc phục: ${it.question}`,
          deadline: null,
        };
      }
      return next;
    });
  }, [form.data]);
  const update = (id: number, patch: Partial<AnswerState>) => setAnswers((a) => ({ ...a, [id]: { ...(a[id] as AnswerState), ...patch } }));
  const resultOf = (it: FormItem, a: AnswerState | undefined): Result | null => {
    if (!a) return null;
    if (it.prefill === "minimum_wage" && a.observedValue && it.referenceValue) return a.observedValue >= it.referenceValue ? "compliant" : "non_compliant";
    return a.result;
  };
  const items = form.data?.items ?? [];
  const answered = items.filter((it) => resultOf(it, answers[it.id]));
  const failing = items.filter((it) => resultOf(it, answers[it.id]) === "non_compliant");
  const save = useMutation({
    mutationFn: () =>
      api.post<{ id: number }>("/api/relations/inspections", {
        ...(planId ? { planId: Number(planId) } : {}),
        enterpriseId,
        inspectedOn,
        leadBodyId: Number(leadBodyId),
        kind,
        summary,
        answers: answered.map((it) => {
          const a = answers[it.id] as AnswerState;
          // Without a known region (referenceValue null) the officer's own verdict goes with the observed wage.
          return it.prefill === "minimum_wage" && a.observedValue
            ? { itemId: it.id, observedValue: a.observedValue, evidence: a.evidence, ...(it.referenceValue ? {} : { result: a.result }) }
            : { itemId: it.id, result: resultOf(it, a), evidence: a.evidence };
        }),
        findings: failing.map((it) => {
          const a = answers[it.id] as AnswerState;
          return { itemId: it.id, text: a.finding, deadline: a.deadline ?? addDays(inspectedOn ?? today(), 30) };
        }),
        complete: true,
      }),
    onSuccess: (row) => {
      notifySuccess(t("form.created"));
      navigate(`/staff/relations/inspections/${row.id}`);
    },
  });
  let cluster = "";
  return (
    <>
      <PageHeader
        title={t("inspections.record")}
        description={form.data ? `${form.data.checklist.title} — ${t("inspections.version", { v: form.data.checklist.version })}` : undefined}
      />
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {params.get("enterpriseId") ? (
            <TextInput label={t("enterprise")} value={form.data?.enterprise.name ?? "…"} readOnly />
          ) : (
            <EnterpriseSelect label={t("enterprise")} value={enterpriseId} onChange={(id) => setEnterpriseId(id)} />
          )}
          <DateField label={t("inspections.inspectedOn")} value={inspectedOn} onChange={setInspectedOn} required />
          <Select
            label={t("inspections.lead")}
            data={(bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
            value={leadBodyId}
            onChange={setLeadBodyId}
            allowDeselect={false}
          />
          <Select
            label={t("inspections.kind")}
            data={["inspection", "supervision", "reinspection"].map((k) => ({ value: k, label: t(`inspectionKind.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v ?? "inspection")}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Card>
      {form.isFetching && !form.data ? <Loading /> : null}
      <ErrorAlert error={form.error} />
      {items.map((it) => {
        const a = answers[it.id];
        const result = resultOf(it, a);
        const header =
          it.cluster !== cluster ? (
            <Title order={3} size="h5" mt="md" mb="xs">
              {it.cluster}
            </Title>
          ) : null;
        cluster = it.cluster;
        return (
          <div key={it.id}>
            {header}
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
                {it.prefill === "minimum_wage" ? (
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
                        {result === "compliant"
                          ? t("result.compliant")
                          : t("inspections.shortBy", { amount: formatNumber(it.referenceValue - a.observedValue) })}
                      </Badge>
                    ) : null}
                  </Group>
                ) : null}
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
                {result === "non_compliant" && a ? (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Textarea
                      size="xs"
                      label={t("inspections.recommendation")}
                      autosize
                      value={a.finding}
                      onChange={(e) => update(it.id, { finding: e.currentTarget.value })}
                    />
                    <DateField
                      label={t("inspections.deadline")}
                      value={a.deadline ?? addDays(inspectedOn ?? today(), 30)}
                      onChange={(v) => update(it.id, { deadline: v })}
                    />
                  </SimpleGrid>
                ) : null}
              </Stack>
            </Card>
          </div>
        );
      })}
      {items.length ? (
        <Card withBorder mt="md">
          <Stack>
            <Textarea label={t("inspections.summary")} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
            <Text size="sm">{t("inspections.progress", { answered: answered.length, total: items.length, failing: failing.length })}</Text>
            <ErrorAlert error={save.error} />
            <Group justify="flex-end">
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={answered.length === 0 || !leadBodyId}>
                {t("inspections.complete")}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </>
  );
}
