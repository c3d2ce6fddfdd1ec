import { Button, Card, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { type InboxItem, ItemBadges } from "./shared.tsx";

/** The enterprise's inbox, as cards that read on a phone: what awaits an answer first. */
export function InboxPage() {
  const { t } = useTranslation("enterprise");
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-inbox"], queryFn: () => api.get<InboxItem[]>("/api/enterprise/inbox") });
  return (
    <>
      <PageHeader title={t("inbox.title")} description={t("inbox.hint")} />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && !data.length ? <Text c="dimmed">{t("inbox.empty")}</Text> : null}
      <Stack gap="sm">
        {data?.map((i) => (
          <Card key={`${i.kind}-${i.key}`} withBorder padding="md" data-testid={`inbox-${i.kind}-${i.key}`}>
            <Stack gap={6}>
              <ItemBadges item={i} />
              <Text fw={600}>{i.title}</Text>
              <Text size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                {i.summary}
              </Text>
              <Text size="xs" c="dimmed">
                {t("inbox.from", { from: i.from })} · {t("inbox.received", { day: formatDate(i.receivedOn) })}
              </Text>
              <Button component={Link} to={`/staff/enterprise/inbox/${i.kind}/${encodeURIComponent(i.key)}`} variant="light" size="md">
                {t("inbox.open")}
              </Button>
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
