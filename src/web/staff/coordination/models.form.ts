/** The "Dân vận khéo" model form: its fields and awards, checks, and the save of a new model or a correction. */
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { vnYear } from "#shared/clock.ts";
import type { modelsListSchema } from "#shared/contract/coordination.ts";
import { notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";

export type Model = z.input<typeof modelsListSchema>[number];

export interface ModelValues {
  name: string;
  year: number | string;
  field: string;
  description: string;
  awards: { year: number | string; level: string; title: string }[];
}

const validYear = (v: number | string) => typeof v === "number" && v >= 2000 && v <= 2200;

/** The model being edited ("new" for a new one; `year`: the year a new one starts on), its form and its save. */
export function useModelEditor(year: string | null) {
  const { t } = useTranslation("coordination");
  const thisYear = vnYear();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Model | "new" | null>(null);
  const form = useForm<ModelValues>({
    initialValues: { name: "", year: thisYear, field: "", description: "", awards: [] },
    validate: {
      name: (v) => (v.trim() ? null : t("validation.modelName")),
      year: (v) => (validYear(v) ? null : t("validation.year")),
      awards: { title: (v) => (v.trim() ? null : t("validation.awardTitle")), year: (v) => (validYear(v) ? null : t("validation.year")) },
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: ModelValues) => {
      const body = {
        name: v.name.trim(),
        year: Number(v.year),
        field: v.field.trim() || null,
        description: v.description.trim() || null,
        awards: v.awards.map((a) => ({ year: Number(a.year), level: a.level, title: a.title.trim() })),
        ...(editing && editing !== "new" ? { zoneId: editing.zoneId } : {}),
      };
      return editing && editing !== "new" ? api.put(`/api/coordination/models/${editing.id}`, body) : api.post("/api/coordination/models", body);
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["models"] });
    },
  });
  const open = (m: Model | "new") => {
    save.reset();
    form.setValues(
      m === "new"
        ? { name: "", year: year ? Number(year) : thisYear, field: "", description: "", awards: [] }
        : { name: m.name, year: m.year, field: m.field ?? "", description: m.description ?? "", awards: m.awards.map((a) => ({ ...a })) },
    );
    form.clearErrors();
    setEditing(m);
  };
  return { editing, form, save, open, close: () => setEditing(null) };
}

export type ModelEditor = ReturnType<typeof useModelEditor>;
