import "@mantine/dates/styles.css";
import "dayjs/locale/vi";
import { DateInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { parseDate } from "#shared/text.ts";

/**
 * A date typed or picked as dd/mm/yyyy whatever the browser's locale (a native date input shows
 * mm/dd/yyyy in an English browser); the value stays ISO "yyyy-mm-dd".
 */
export function DateField({
  label,
  value,
  onChange,
  required,
  error,
}: {
  label: string;
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  required?: boolean;
  error?: string | undefined;
}) {
  const { i18n } = useTranslation();
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={onChange}
      valueFormat="DD/MM/YYYY"
      // Without it DateInput reads typed text with dayjs, which ignores "DD/MM/YYYY" unless a plugin
      // is loaded: "15/03/2019" was dropped on blur and the field kept its old date.
      dateParser={parseDate}
      placeholder="dd/mm/yyyy"
      locale={i18n.language === "en" ? "en" : "vi"}
      clearable={!required}
      required={required ?? false}
      error={error}
    />
  );
}
