import { Badge, Checkbox, Group, TextInput, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * "Khác (không có trong danh sách)" under a list of workplaces: a worker whose workshop, shop or
 * subcontractor is not registered types its name instead. The server keeps the name as text and
 * never makes an enterprise of it; staff see it marked as not matched.
 */
export function OtherWorkplaceChoice({ checked, onChange, size }: { checked: boolean; onChange: (v: boolean) => void; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return <Checkbox label={t("workplace.other")} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} size={size ?? "sm"} />;
}

/** The name of a workplace that is not in the list, typed by the worker or the officer. */
export function OtherWorkplaceName({
  value,
  onChange,
  error,
  size,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null | undefined;
  size?: "sm" | "md";
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t("workplace.otherName")}
      description={t("workplace.otherNameHint")}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      maxLength={300}
      size={size ?? "sm"}
    />
  );
}

/** A workplace as staff read it: the registered enterprise, or the typed name marked as not in the list. */
export function WorkplaceText({ enterpriseId, name }: { enterpriseId: number | null | undefined; name: string | null | undefined }) {
  const { t } = useTranslation();
  if (!name) return <>—</>;
  if (enterpriseId) return <>{name}</>;
  return (
    <Group gap={6} wrap="wrap" component="span">
      <span>{name}</span>
      <Tooltip label={t("workplace.unmatchedHint")} multiline w={260}>
        <Badge component="span" color="orange" variant="light" size="sm" tt="none" data-testid="unmatched-workplace">
          {t("workplace.unmatched")}
        </Badge>
      </Tooltip>
    </Group>
  );
}
