/** The targets page's two editors: a target (new or corrected) and a value entered by hand. */
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { vnToday, vnYear } from "#shared/clock.ts";
import type { targetProgressSchema } from "#shared/contract/coordination.ts";
import { metrics, percentMetrics, yearlyMetrics } from "#shared/enums.ts";
import type { z } from "zod";

/** The metrics a target can count, and which of them are yearly flows or percentages: the server's lists. */
export const METRICS = metrics;
export const YEARLY = new Set<string>(yearlyMetrics);
export const PERCENT = new Set<string>(percentMetrics);

export interface TargetValues {
  program: string;
  title: string;
  metric: string;
  unit: "count" | "percent";
  targetValue: number | string;
  year: number | string;
  deadline: string;
  /** For a manual target: its first value, entered with the target. */
  value: number | string;
  /** For a manual target the records also compute: the metric, and which of the two values is used. */
  computedMetric: string;
  prefer: "computed" | "entered";
}

/** A target with its progress, as GET /api/coordination/targets answers. */
export type Target = z.input<typeof targetProgressSchema>;

/** Targets with progress bars, the live figure against the target, and the pace projection. */
/** The form's values for a new target of a year, or for a target as recorded. */
function targetValues(g: Target | "new", year: string): TargetValues {
  if (g === "new")
    return {
      program: "",
      title: "",
      metric: "new_members_in_year",
      unit: "count",
      targetValue: "",
      year: Number(year),
      deadline: `${year}-12-31`,
      value: "",
      computedMetric: "",
      prefer: "computed",
    };
  return {
    program: g.program,
    title: g.title,
    metric: g.metric,
    unit: g.unit,
    targetValue: g.targetValue,
    year: g.year ?? "",
    deadline: g.deadline,
    value: "",
    computedMetric: g.computedMetric ?? "",
    prefer: g.prefer ?? "computed",
  };
}

/** A new or corrected target ("new" or the target); a target bound to a zone keeps its zone. A new manual target may carry its first value. */
export function useTargetEditor(year: string) {
  const { t } = useTranslation("coordination");
  const client = useQueryClient();
  const thisYear = vnYear();
  const [editing, setEditing] = useState<Target | "new" | null>(null);
  const targetForm = useForm<TargetValues>({
    initialValues: {
      program: "",
      title: "",
      metric: "new_members_in_year",
      unit: "count",
      targetValue: "",
      year: thisYear,
      deadline: `${thisYear}-12-31`,
      value: "",
      computedMetric: "",
      prefer: "computed",
    },
    validate: {
      program: (v) => (v.trim() ? null : t("validation.program")),
      title: (v) => (v.trim() ? null : t("validation.targetTitle")),
      targetValue: (v, values) =>
        typeof v !== "number" || v <= 0 ? t("validation.targetValue") : values.unit === "percent" && v > 100 ? t("validation.percent") : null,
      year: (v, values) => (YEARLY.has(values.metric) && (typeof v !== "number" || v < 2000 || v > 2200) ? t("validation.yearly") : null),
      deadline: (v) => (v ? null : t("validation.deadline")),
      value: (v, values) => (values.metric === "manual" && typeof v === "number" && v < 0 ? t("validation.value") : null),
    },
  });
  const saveTarget = useMutation({
    onError: (e) => applyProblem(targetForm, e),
    mutationFn: async (v: TargetValues) => {
      const body = {
        program: v.program.trim(),
        title: v.title.trim(),
        metric: v.metric,
        unit: v.unit,
        targetValue: Number(v.targetValue),
        year: typeof v.year === "number" ? v.year : null,
        deadline: v.deadline,
        computedMetric: v.metric === "manual" && v.computedMetric ? v.computedMetric : null,
        prefer: v.prefer,
        ...(editing && editing !== "new" ? { zoneId: editing.zoneId ?? null } : {}),
      };
      const saved =
        editing && editing !== "new"
          ? await api.put<Target>(`/api/coordination/targets/${editing.id}`, body)
          : await api.post<Target>("/api/coordination/targets", body);
      if (editing === "new" && v.metric === "manual" && typeof v.value === "number") {
        await api.post(`/api/coordination/targets/${saved.id}/values`, { asOf: vnToday(), value: v.value });
      }
      return saved;
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["targets"] });
    },
  });
  const openTarget = (g: Target | "new") => {
    saveTarget.reset();
    targetForm.setValues(targetValues(g, year));
    targetForm.clearErrors();
    setEditing(g);
  };
  return { editing, targetForm, saveTarget, openTarget, close: () => setEditing(null) };
}
export type TargetEditor = ReturnType<typeof useTargetEditor>;

/** A value entered by hand for a manual target, as of a day. */
export function useValueEntry() {
  const client = useQueryClient();
  const [entering, setEntering] = useState<Target | null>(null);
  const form = useForm({ initialValues: { asOf: vnToday(), value: 0, note: "" } });
  const enter = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: { asOf: string; value: number; note: string }) =>
      api.post(`/api/coordination/targets/${entering?.id}/values`, { ...v, note: v.note || undefined }),
    onSuccess: () => {
      setEntering(null);
      void client.invalidateQueries({ queryKey: ["targets"] });
    },
  });
  return { entering, setEntering, form, enter };
}
export type ValueEntry = ReturnType<typeof useValueEntry>;
