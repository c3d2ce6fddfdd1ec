import { Alert, Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { channelStatusSchema, outboxSchema } from "#shared/contract/notify.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { ChannelSettings } from "./ChannelSettings.tsx";
import { formatDateTime, formatNumber } from "../../lib/format.ts";

type Outbox = z.input<typeof outboxSchema>;
type Row = Outbox["items"][number];
type ChannelStatus = z.input<typeof channelStatusSchema>;

/** Which channels are configured; when none is, the page says so (the app works without them). */
function Channels() {
  const { t } = useTranslation("notify");
  const { data } = useQuery({ queryKey: ["notify-channels"], queryFn: () => api.get<ChannelStatus>("/api/admin/notify/channels") });
  if (!data) return null;
  const items = [
    { key: "email", label: t("outbox.email"), on: data.email.configured, detail: data.email.host },
    { key: "sms", label: t("outbox.sms"), on: data.sms.configured, detail: data.sms.host },
    { key: "zalo", label: t("outbox.zalo"), on: data.zalo.configured, detail: data.zalo.host },
  ];
  return (
    <Stack gap="xs">
      {data.anyConfigured ? null : (
        <Alert color="orange" title={t("outbox.channels")}>
          {t("outbox.none")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {items.map((c) => (
          <Card key={c.key} withBorder padding="sm">
            <Group justify="space-between">
              <Text fw={600}>{c.label}</Text>
              <Badge color={c.on ? "green" : "gray"}>{c.on ? t("outbox.configured") : t("outbox.notConfigured")}</Badge>
            </Group>
            {c.detail ? (
              <Text size="xs" c="dimmed">
                {c.detail}
              </Text>
            ) : null}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** `notice:receipt` → its words; `voice_secret:12` → "Mật mã mới" (the number is a request's, not shown). */
function usePurposeLabel() {
  const { t } = useTranslation("notify");
  return (purpose: string) => {
    const key = purpose.startsWith("voice_secret:") ? "voice_secret" : purpose.replace(":", "_");
    return t(`outbox.purposes.${key}`, { defaultValue: purpose });
  };
}

/** The admin's outbox: pending, sent and failed messages (no content), a failed one sent again. */
export function OutboxPage() {
  const { t } = useTranslation("notify");
  const qc = useQueryClient();
  const purposeLabel = usePurposeLabel();
  const [status, setStatus] = useState<string>("dead");
  const { data, isLoading, error } = useQuery({
    queryKey: ["outbox", status],
    queryFn: () => api.get<Outbox>(`/api/admin/outbox${qs({ status: status === "all" ? undefined : status })}`),
  });
  const resend = useMutation({
    mutationFn: (id: number) => api.post(`/api/admin/outbox/${id}/resend`),
    onSuccess: async () => {
      notifySuccess(t("outbox.resent"));
      await qc.invalidateQueries({ queryKey: ["outbox"] });
    },
    onError: notifyError,
  });
  const columns: Column<Row>[] = [
    { key: "created", header: t("outbox.created"), mobile: "top", render: (r) => formatDateTime(r.createdAt) },
    { key: "channel", header: t("outbox.channel"), render: (r) => r.via ?? r.channel },
    { key: "recipient", header: t("outbox.recipient"), render: (r) => r.recipient },
    { key: "purpose", header: t("outbox.purpose"), render: (r) => r.subject ?? purposeLabel(r.purpose) },
    {
      key: "status",
      header: "",
      render: (r) => <Badge color={r.status === "dead" ? "red" : r.status === "sent" ? "green" : "blue"}>{t(`outbox.status.${r.status}`)}</Badge>,
    },
    { key: "attempts", header: t("outbox.attempts"), render: (r) => formatNumber(r.attempts) },
    { key: "error", header: t("outbox.lastError"), render: (r) => r.lastError ?? "" },
    {
      key: "resend",
      header: "",
      render: (r) =>
        r.status === "dead" ? (
          <Button size="compact-sm" variant="light" onClick={() => resend.mutate(r.id)}>
            {t("outbox.resend")}
          </Button>
        ) : null,
    },
  ];
  const c = data?.counts;
  return (
    <Stack>
      <PageHeader title={t("outbox.title")} description={t("outbox.description")} actions={<ChannelSettings />} />
      <Channels />
      <SegmentedControl
        value={status}
        onChange={setStatus}
        data={[
          { value: "dead", label: `${t("outbox.status.dead")} (${formatNumber(c?.dead ?? 0)})` },
          { value: "pending", label: `${t("outbox.status.pending")} (${formatNumber(c?.pending ?? 0)})` },
          { value: "sent", label: `${t("outbox.status.sent")} (${formatNumber(c?.sent ?? 0)})` },
          { value: "all", label: t("outbox.all") },
        ]}
      />
      <ErrorAlert error={error} />
      <DataTable columns={columns} rows={data?.items ?? []} loading={isLoading} rowKey={(r) => r.id} />
    </Stack>
  );
}
