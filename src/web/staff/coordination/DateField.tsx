import "@mantine/dates/styles.css";
import "dayjs/locale/vi";
import { DateInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";

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
      placeholder="dd/mm/yyyy"
      locale={i18n.language === "en" ? "en" : "vi"}
      clearable={!required}
      required={required ?? false}
      error={error}
    />
  );
}
