import { Card, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AskForm } from "./ask.form.ts";

type FieldError = (path: string) => string | undefined;

/** A phone or e-mail for notices only: kept apart from the request, never shown to officers or the employer. */
export function NoticeCard({ f, fieldError }: { f: AskForm; fieldError: FieldError }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder padding="sm">
      <Text fw={600}>{t("public.noticeTitle")}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t("public.noticeNote")}
      </Text>
      <Stack gap="xs" mt="xs">
        <TextInput
          label={t("public.noticePhone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={f.noticePhone}
          onChange={(e) => f.setNoticePhone(e.currentTarget.value)}
          maxLength={13}
          error={fieldError("notice.phone")}
        />
        <TextInput
          label={t("public.noticeEmail")}
          type="email"
          autoComplete="email"
          value={f.noticeEmail}
          onChange={(e) => f.setNoticeEmail(e.currentTarget.value)}
          maxLength={200}
          error={fieldError("notice.email")}
        />
      </Stack>
    </Card>
  );
}
