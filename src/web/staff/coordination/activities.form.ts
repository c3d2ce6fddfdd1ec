/** The activity form: its fields, checks, and the body sent for a new activity or a correction. */
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { vnToday } from "#shared/clock.ts";
import type { activityRowSchema, activitySchema } from "#shared/contract/coordination.ts";
import type { z } from "zod";

/** A row of the activities list. */
export type Activity = z.input<typeof activityRowSchema>;
/** One activity as GET /api/coordination/activities/:id returns it, to fill the form. */
export type ActivityDetail = z.input<typeof activitySchema>;

export type Values = ReturnType<typeof emptyValues>;
export const emptyValues = () => ({
  kind: "training",
  title: "",
  heldOn: vnToday(),
  endedOn: "",
  sessions: 1 as number | string,
  participants: 0 as number | string,
  units: "" as number | string,
  stalls: "" as number | string,
  visitors: "" as number | string,
  copies: "" as number | string,
  questions: "",
});

/** The questions an officer may still edit: those already turned into requests stay as they are. */
export const openQuestions = (a: ActivityDetail) => a.questions.filter((q) => !q.requestRef);

/** The form filled with a recorded activity. */
export function valuesOf(a: ActivityDetail): Values {
  return {
    kind: a.kind,
    title: a.title,
    heldOn: a.heldOn,
    endedOn: a.endedOn ?? "",
    sessions: a.sessions,
    participants: a.participants,
    units: a.units ?? "",
    stalls: a.stalls ?? "",
    visitors: a.visitors ?? "",
    copies: a.copies ?? "",
    questions: openQuestions(a)
      .map((q) => q.text)
      .join("\n"),
  };
}

/**
 * The questions to send. A correction that leaves the questions as they were sends none, so the
 * server keeps them with their asker, topic and answer; a changed line list keeps those details for
 * the lines still there. An activity that is no longer a conference drops its open questions.
 */
function questionsBody(v: Values, before: ActivityDetail | null) {
  const lines = v.questions
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (v.kind !== "dialogue") return before?.kind === "dialogue" && openQuestions(before).length ? { questions: [] } : {};
  if (!before) return lines.length ? { questions: lines.map((text) => ({ text })) } : {};
  if (v.questions === valuesOf(before).questions) return {};
  const kept = new Map(openQuestions(before).map((q) => [q.text, q]));
  return {
    questions: lines.map((text) => {
      const q = kept.get(text);
      return q ? { text, asker: q.asker, enterpriseId: q.enterpriseId, topic: q.topic, answer: q.answer } : { text };
    }),
  };
}

const count = (v: number | string) => (typeof v === "number" ? v : null);

/** The body for POST or PUT: the kind's own counts only; a correction keeps where it happened and the notes, which the form does not show. */
function activityBody(v: Values, before: ActivityDetail | null) {
  return {
    kind: v.kind,
    title: v.title.trim(),
    heldOn: v.heldOn,
    endedOn: v.endedOn || null,
    sessions: count(v.sessions) ?? 0,
    participants: count(v.participants) ?? 0,
    ...(v.kind === "tet_market" || v.kind === "job_fair" ? { units: count(v.units), stalls: count(v.stalls), visitors: count(v.visitors) } : {}),
    ...(v.kind === "propaganda" ? { copies: count(v.copies) } : {}),
    ...(v.kind === "party_admission" ? { units: count(v.units) } : {}),
    ...(before ? { zoneId: before.zoneId, unionId: before.unionId, enterpriseId: before.enterpriseId, notes: before.notes } : {}),
    ...questionsBody(v, before),
  };
}

/**
 * Adding, correcting and deleting activities: the form, the activity being edited or deleted, and
 * the mutations. Activities feed the list's totals, the dashboard, the joint report and its traces,
 * and the computed targets (officials trained): all of them are read again after a change.
 */
export function useActivityEditor() {
  const { t } = useTranslation("coordination");
  const client = useQueryClient();
  const [editing, setEditing] = useState<ActivityDetail | "new" | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const [removing, setRemoving] = useState<Activity | null>(null);
  const form = useForm({
    initialValues: emptyValues(),
    validate: {
      title: (v) => (v.trim() ? null : t("validation.activityTitle")),
      heldOn: (v) => (v ? null : t("validation.heldOn")),
      endedOn: (v, values) => (v && values.heldOn && v < values.heldOn ? t("validation.endedOn") : null),
      sessions: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
      participants: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
    },
  });
  const before = editing && editing !== "new" ? editing : null;
  const refresh = () => {
    for (const key of ["activities", "activity", "dashboard", "report-preview", "trace", "targets"]) void client.invalidateQueries({ queryKey: [key] });
  };
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: Values) => {
      const body = activityBody(v, before);
      return before ? api.put(`/api/coordination/activities/${before.id}`, body) : api.post("/api/coordination/activities", body);
    },
    onSuccess: () => {
      setEditing(null);
      notifySuccess(t("plans.saved"));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (a: Activity) => api.delete(`/api/coordination/activities/${a.id}`),
    onSuccess: (_r, a) => {
      setRemoving(null);
      notifySuccess(t("activities.deleted", { title: a.title }));
      refresh();
    },
  });
  const openNew = () => {
    save.reset();
    form.setValues(emptyValues());
    form.clearErrors();
    setEditing("new");
  };
  // The form needs what the list leaves out (end date, questions, place): read the activity first,
  // through the query cache, always fresh (another officer may have corrected it since).
  const openEdit = (row: Activity) => {
    setOpening(row.id);
    client
      .fetchQuery({ queryKey: ["activity", row.id], queryFn: () => api.get<ActivityDetail>(`/api/coordination/activities/${row.id}`), staleTime: 0 })
      .then((a) => {
        save.reset();
        form.setValues(valuesOf(a));
        form.clearErrors();
        setEditing(a);
      })
      .catch(notifyError)
      .finally(() => setOpening(null));
  };
  const openRemove = (row: Activity) => {
    remove.reset();
    setRemoving(row);
  };
  const close = () => setEditing(null);
  return { form, editing, before, opening, removing, setRemoving, save, remove, openNew, openEdit, openRemove, close };
}
export type ActivityEditor = ReturnType<typeof useActivityEditor>;
