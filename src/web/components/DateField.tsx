import { TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DateProblem, type DateRules, dateProblem } from "#shared/dates.ts";
import { formatDate, parseDate } from "#shared/text.ts";

/** The problem of a typed date in the user's language ("Ngày 31/02 không tồn tại"). */
export function useDateProblemText(): (problem: DateProblem) => string {
  const { t } = useTranslation();
  return (problem) =>
    problem.code === "impossible"
      ? t("date.impossible", { day: problem.day, month: problem.month })
      : problem.code === "future"
        ? t("date.future", { today: formatDate(problem.today) })
        : problem.code === "tooOld"
          ? t("date.badYear")
          : t("date.format");
}

/**
 * The one date field of the forms: typed as dd/mm/yyyy whatever the browser's language (a native date input
 * shows mm/dd/yyyy in an English browser), held as ISO "yyyy-mm-dd" (null while empty or wrong). What is wrong
 * with the text is said under the field once the person leaves it, before anything is sent: an impossible day,
 * or a day after today where only the past makes sense (`notFuture`). The server checks the same again.
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  notFuture,
  minYear,
  description,
}: {
  label: string;
  value: string | null | undefined;
  onChange: (iso: string | null) => void;
  error?: string | undefined | null;
  required?: boolean | undefined;
  notFuture?: boolean | undefined;
  minYear?: number | undefined;
  description?: string | undefined;
}) {
  const [text, setText] = useState(value ? formatDate(value) : "");
  const [touched, setTouched] = useState(false);
  const problemText = useDateProblemText();
  // A value set from outside (a reset, a record loaded) replaces the text; what the person typed is kept.
  const emitted = useRef<string | null>(value || null);
  useEffect(() => {
    if ((value || null) === emitted.current) return;
    emitted.current = value || null;
    setText(value ? formatDate(value) : "");
    setTouched(false);
  }, [value]);
  const rules: DateRules = { notFuture: notFuture ?? false, ...(minYear ? { minYear } : {}) };
  const problem = text.trim() ? dateProblem(text, rules) : null;
  const own = problem && touched ? problemText(problem) : undefined;
  return (
    <TextInput
      label={label}
      description={description}
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      autoComplete="off"
      required={required ?? false}
      value={text}
      error={own ?? error ?? undefined}
      onBlur={() => setTouched(true)}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const p = next.trim() ? dateProblem(next, rules) : null;
        emitted.current = p ? null : parseDate(next);
        onChange(emitted.current);
      }}
    />
  );
}

/** True when a typed date would be refused (for forms that hold the text themselves). */
export function dateIsValid(text: string, rules: DateRules = {}): boolean {
  return dateProblem(text, rules) === null;
}
