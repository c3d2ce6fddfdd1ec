/** One plan's editors: an item (new or correction, with its status) and the plan's header. */
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { planItemRowSchema } from "#shared/contract/coordination.ts";
import { notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { type Plan, type PlanHeader, planHeaderForm } from "./PlansPage.tsx";

export type Item = z.input<typeof planItemRowSchema>;
export type PlanWithItems = Plan & { items: Item[] };

export interface ItemValues {
  content: string;
  area: string;
  /** A party of the plan, as the Select's string value. */
  leadBodyId: string;
  deadline: string;
  status: string;
  reasonNotDone: string;
}

function itemForm(t: TFunction<"coordination">) {
  return {
    initialValues: { content: "", area: "general", leadBodyId: "", deadline: "", status: "not_started", reasonNotDone: "" },
    validate: {
      content: (v: string) => (v.trim() ? null : t("validation.content")),
      leadBodyId: (v: string) => (v ? null : t("validation.lead")),
      reasonNotDone: (v: string, values: ItemValues) =>
        (values.status === "not_done" || values.status === "carried_over") && !v.trim() ? t("plans.reasonRequired") : null,
    },
  };
}

/** The form filled with an item, or empty for a new one led by the caller's body when it is a party. */
function itemValues(i: Item | "new", plan: PlanWithItems | undefined, myBodyId: number | undefined): ItemValues {
  if (i !== "new")
    return {
      content: i.content,
      area: i.area,
      leadBodyId: String(i.leadBodyId),
      deadline: i.deadline ?? "",
      status: i.status,
      reasonNotDone: i.reasonNotDone ?? "",
    };
  const lead = plan?.parties.find((p) => p.id === myBodyId)?.id ?? plan?.parties[0]?.id ?? "";
  return { content: "", area: "general", leadBodyId: String(lead), deadline: "", status: "not_started", reasonNotDone: "" };
}

/** The item being edited ("new" for a new one), its form and its save. */
export function usePlanItemEditor(id: string | undefined, plan: PlanWithItems | undefined, myBodyId: number | undefined, refresh: () => unknown) {
  const { t } = useTranslation("coordination");
  const [editing, setEditing] = useState<Item | "new" | null>(null);
  const form = useForm<ItemValues>(itemForm(t));
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: ItemValues) => {
      const body = {
        content: v.content.trim(),
        area: v.area,
        leadBodyId: Number(v.leadBodyId),
        deadline: v.deadline || null,
        status: v.status,
        reasonNotDone: v.reasonNotDone.trim() || null,
      };
      return editing === "new" || editing === null
        ? api.post(`/api/coordination/plans/${id}/items`, body)
        : api.patch(`/api/coordination/items/${editing.id}`, body);
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void refresh();
    },
  });
  const open = (i: Item | "new") => {
    save.reset();
    form.setValues(itemValues(i, plan, myBodyId));
    form.clearErrors();
    setEditing(i);
  };
  return { editing, form, save, open, close: () => setEditing(null) };
}

export type PlanItemEditor = ReturnType<typeof usePlanItemEditor>;

/** The plan's header (year, code, title, issue date): its dialog's state and save. */
export function usePlanHeaderEditor(id: string | undefined, refresh: () => unknown) {
  const { t } = useTranslation("coordination");
  const [opened, setOpened] = useState(false);
  const form = useForm<PlanHeader>(planHeaderForm(t, { year: 2000, code: "", title: "", issuedOn: "" }));
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: PlanHeader) =>
      api.patch(`/api/coordination/plans/${id}`, { year: v.year, code: v.code.trim(), title: v.title.trim(), issuedOn: v.issuedOn || null }),
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setOpened(false);
      void refresh();
    },
  });
  const open = (plan: Plan) => {
    save.reset();
    form.setValues({ year: plan.year, code: plan.code, title: plan.title, issuedOn: plan.issuedOn ?? "" });
    setOpened(true);
  };
  return { opened, form, save, open, close: () => setOpened(false) };
}

export type PlanHeaderEditor = ReturnType<typeof usePlanHeaderEditor>;
