/** The inspection form's state: the header (enterprise, date, lead body, kind, summary), one answer per question, and the save. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import type { inspectionFormSchema } from "#shared/contract/relations.ts";
import type { answerResults } from "#shared/enums.ts";
import { notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { addDays, today, useBodies } from "./shared.tsx";

export type InspectionFormData = z.input<typeof inspectionFormSchema>;
export type FormItem = InspectionFormData["items"][number];
export type Result = (typeof answerResults)[number];
export interface AnswerState {
  result: Result | null;
  evidence: string;
  observedValue: number | null;
  finding: string;
  deadline: string | null;
}

/** A minimum-wage question with an observed wage and a known floor answers itself; others take the officer's verdict. */
export function resultOf(it: FormItem, a: AnswerState | undefined): Result | null {
  if (!a) return null;
  if (it.prefill === "minimum_wage" && a.observedValue && it.referenceValue) return a.observedValue >= it.referenceValue ? "compliant" : "non_compliant";
  return a.result;
}

/** The header's fields; the lead body starts as the caller's own when it may lead. */
function useHeader() {
  const [params] = useSearchParams();
  const me = useMe();
  const bodies = useBodies();
  const [enterpriseId, setEnterpriseId] = useState<number | null>(params.get("enterpriseId") ? Number(params.get("enterpriseId")) : null);
  const [inspectedOn, setInspectedOn] = useState<string | null>(today());
  const [leadBodyId, setLeadBodyId] = useState<string | null>(null);
  const [kind, setKind] = useState<string>("inspection");
  const [summary, setSummary] = useState("");
  useEffect(() => {
    if (!leadBodyId && bodies.data?.length) {
      const own = bodies.data.find((b) => b.id === me.data?.body.id);
      setLeadBodyId(String((own ?? bodies.data[0])?.id));
    }
  }, [bodies.data, me.data, leadBodyId]);
  return {
    fixedEnterprise: Boolean(params.get("enterpriseId")),
    planId: params.get("planId"),
    bodies: bodies.data ?? [],
    enterpriseId,
    setEnterpriseId,
    inspectedOn,
    setInspectedOn,
    leadBodyId,
    setLeadBodyId,
    kind,
    setKind,
    summary,
    setSummary,
  };
}

/** One answer per question of the checklist in force, kept when the checklist is fetched again. */
function useAnswers(data: InspectionFormData | undefined) {
  const [answers, setAnswers] = useState<Record<number, AnswerState>>({});
  useEffect(() => {
    if (!data) return;
    setAnswers((prev) => {
      const next: Record<number, AnswerState> = {};
      for (const it of data.items) {
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
  }, [data]);
  const update = (id: number, patch: Partial<AnswerState>) => setAnswers((a) => ({ ...a, [id]: { ...(a[id] as AnswerState), ...patch } }));
  return { answers, update };
}

/** The whole form: header, checklist, answers, what is answered and failing, and the save that completes the inspection. */
export function useInspectionForm() {
  const { t } = useTranslation("relations");
  const navigate = useNavigate();
  const header = useHeader();
  const { enterpriseId, inspectedOn } = header;
  const form = useQuery({
    queryKey: ["inspection-form", enterpriseId, inspectedOn],
    queryFn: () => api.get<InspectionFormData>(`/api/relations/inspections/form${qs({ enterpriseId, date: inspectedOn })}`),
    enabled: Boolean(enterpriseId && inspectedOn),
  });
  const { answers, update } = useAnswers(form.data);
  const items = form.data?.items ?? [];
  const answered = items.filter((it) => resultOf(it, answers[it.id]));
  const failing = items.filter((it) => resultOf(it, answers[it.id]) === "non_compliant");
  const save = useMutation({
    mutationFn: () =>
      api.post<{ id: number }>("/api/relations/inspections", {
        ...(header.planId ? { planId: Number(header.planId) } : {}),
        enterpriseId,
        inspectedOn,
        leadBodyId: Number(header.leadBodyId),
        kind: header.kind,
        summary: header.summary,
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
  return { header, form, items, answers, update, answered, failing, save };
}

export type InspectionForm = ReturnType<typeof useInspectionForm>;
