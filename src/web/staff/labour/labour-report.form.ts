/** The labour report form's state: the figures, the "Kiểm tra" result, the Excel upload and the submission. */
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { checkResultSchema, uploadResultSchema } from "#shared/contract/labour.ts";
import { notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { type NumberField, type SubmissionDetail, numberGroups } from "./shared.tsx";

export type CheckResult = z.input<typeof checkResultSchema>;
type Values = Record<NumberField, number | string> & { period: string; hasAgreement: boolean; hasUnion: boolean; wageReason: string; note: string };
type Form = ReturnType<typeof useForm<Values>>;

export const numberFields = numberGroups.flatMap((g) => g.fields);

/** The body the server checks and stores: empty figures as null, blank texts as null. */
function bodyOf(form: Form) {
  const v = form.getValues();
  return {
    ...Object.fromEntries(numberFields.map((f) => [f, v[f] === "" ? null : Number(v[f])])),
    period: v.period,
    hasAgreement: v.hasAgreement,
    hasUnion: v.hasUnion,
    wageReason: v.wageReason.trim() || null,
    note: v.note.trim() || null,
  };
}

/** A refused body's field errors, each under its field. */
function showProblem(form: Form, e: unknown) {
  form.clearErrors();
  if (e instanceof ApiError && e.problem.errors) {
    for (const x of e.problem.errors) {
      const field = x.pointer.replace(/^\/body\//, "").split("/")[0] ?? "";
      if (field) form.setFieldError(field, x.message);
    }
  }
}

/** The values an uploaded workbook filled in, over the form's. */
function uploadedValues(v: z.input<typeof uploadResultSchema>["values"]): Partial<Values> {
  return {
    ...(Object.fromEntries(numberFields.map((f) => [f, v[f] ?? ""])) as Record<NumberField, number | string>),
    ...(v.period ? { period: v.period as string } : {}),
    hasAgreement: Boolean(v.hasAgreement),
    hasUnion: Boolean(v.hasUnion),
    wageReason: (v.wageReason as string | undefined) ?? "",
    note: (v.note as string | undefined) ?? "",
  };
}

/** The form, its check, upload and submission; `period` is the half-year the form starts on. */
export function useLabourReport(period: string) {
  const { t } = useTranslation("labour");
  const client = useQueryClient();
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [source, setSource] = useState<"form" | "excel">("form");
  const [uploadError, setUploadError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      period,
      ...(Object.fromEntries(numberFields.map((f) => [f, ""])) as Record<NumberField, string>),
      hasAgreement: false,
      hasUnion: false,
      wageReason: "",
      note: "",
    },
  });
  const showIssues = (r: CheckResult) => {
    form.clearErrors();
    for (const e of r.errors) if (e.field) form.setFieldError(e.field, e.message);
    setCheck(r);
  };
  const runCheck = useMutation({
    mutationFn: () => api.post<CheckResult>("/api/labour/check", bodyOf(form)),
    onSuccess: showIssues,
    onError: (e) => showProblem(form, e),
  });
  const submit = useMutation({
    mutationFn: () => api.post<SubmissionDetail>("/api/labour/submissions", { ...bodyOf(form), source }),
    onSuccess: () => {
      notifySuccess(t("report.submitted"));
      setCheck(null);
      client.invalidateQueries({ queryKey: ["labour-standing"] });
      client.invalidateQueries({ queryKey: ["labour-mine"] });
    },
    onError: (e) => showProblem(form, e),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append("file", file);
      return api.post<z.input<typeof uploadResultSchema>>("/api/labour/upload", fd);
    },
    onSuccess: (r) => {
      setUploadError(null);
      form.setValues(uploadedValues(r.values));
      setSource("excel");
      notifySuccess(t("report.uploaded"));
      showIssues(r);
    },
    onError: (e) => setUploadError(e),
  });
  const belowFloor =
    check?.errors.some((e) => e.code === "below_minimum_wage") ||
    check?.warnings.some((e) => e.code === "below_minimum_wage") ||
    Boolean(form.getValues().wageReason);
  return { form, check, setCheck, runCheck, submit, upload, uploadError, belowFloor };
}

export type LabourReport = ReturnType<typeof useLabourReport>;
