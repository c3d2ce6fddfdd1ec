import { Card, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import type { z } from "zod";
import type { noticeSchema } from "#shared/contract/privacy.ts";
import type { noticeForms } from "#shared/enums.ts";

type Notice = z.input<typeof noticeSchema>;

/**
 * The privacy notice of a public form (purpose, data, recipients, retention, rights), versioned by the
 * server; shown above the consent box so the worker reads what they agree to.
 */
export function PrivacyNotice({ form, children }: { form: (typeof noticeForms)[number]; children?: React.ReactNode }) {
  const { t } = useTranslation("privacy");
  // The notice changes only with a new version on the server: read once per form and page visit.
  const { data: notice } = useQuery({
    queryKey: ["privacy-notice", form],
    queryFn: () => api.get<Notice>(`/api/public/privacy/notices/${form}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm">
        {notice?.title ?? t("notice.loading")}
      </Text>
      {notice ? (
        // A scrolling box takes focus so a keyboard user can scroll the notice they consent to.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by the keyboard (WCAG 2.1.1)
        <section aria-label={notice.title} tabIndex={0} style={{ maxHeight: 180, overflowY: "auto", marginTop: 4 }}>
          {notice.sections.map((s) => (
            <Text key={s.key} size="xs" mt={4}>
              <b>{s.heading}:</b> {s.text}
            </Text>
          ))}
          <Text size="xs" c="dimmed" mt={4}>
            {t("notice.basis", { basis: notice.basis })} · {t("notice.version", { version: notice.version })}
          </Text>
        </section>
      ) : null}
      {children ? <div style={{ marginTop: 8 }}>{children}</div> : null}
    </Card>
  );
}
