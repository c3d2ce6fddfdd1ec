import { Button, Checkbox, Divider, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type channelSettingsSchema, workerNoticeEvents } from "#shared/contract/notify.ts";
import { ErrorAlert, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { formatDateTime } from "../../lib/format.ts";

type Settings = z.input<typeof channelSettingsSchema>;

/** The SMS and Zalo gateways' form: tokens are typed, never shown; a blank token keeps the stored one. */
function SettingsForm({ data, onDone }: { data: Settings; onDone: () => void }) {
  const { t } = useTranslation("notify");
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      sms: { url: data.sms.url, token: "", clearToken: false, brandname: data.sms.brandname },
      zalo: {
        url: data.zalo.url,
        token: "",
        clearToken: false,
        templates: Object.fromEntries(workerNoticeEvents.map((e) => [e, data.zalo.templates[e] ?? ""])) as Record<(typeof workerNoticeEvents)[number], string>,
      },
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => api.put<Settings>("/api/admin/notify/channels/settings", v),
    onError: (e) => applyProblem(form, e),
    onSuccess: async () => {
      notifySuccess(t("channels.saved"));
      await qc.invalidateQueries({ queryKey: ["notify-channels"] });
      await qc.invalidateQueries({ queryKey: ["notify-channel-settings"] });
      onDone();
    },
  });
  const tokenHint = (has: boolean) => (has ? t("channels.tokenKept") : t("channels.tokenNone"));
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <Title order={3} size="h5">
          {t("outbox.sms")}
        </Title>
        {data.sms.fromEnv ? <Text size="sm">{t("channels.fromEnv")}</Text> : null}
        <TextInput label={t("channels.url")} placeholder="https://sms.vidu.vn/api/send" {...form.getInputProps("sms.url")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PasswordInput label={t("channels.token")} description={tokenHint(data.sms.hasToken)} autoComplete="off" {...form.getInputProps("sms.token")} />
          <TextInput label={t("channels.brandname")} description={t("channels.brandnameHint")} {...form.getInputProps("sms.brandname")} />
        </SimpleGrid>
        {data.sms.hasToken ? <Checkbox label={t("channels.clearToken")} {...form.getInputProps("sms.clearToken", { type: "checkbox" })} /> : null}
        <Divider />
        <Title order={3} size="h5">
          {t("outbox.zalo")}
        </Title>
        {data.zalo.fromEnv ? <Text size="sm">{t("channels.fromEnv")}</Text> : null}
        <TextInput label={t("channels.url")} placeholder="https://business.openapi.zalo.me/message/template" {...form.getInputProps("zalo.url")} />
        <PasswordInput label={t("channels.token")} description={tokenHint(data.zalo.hasToken)} autoComplete="off" {...form.getInputProps("zalo.token")} />
        {data.zalo.hasToken ? <Checkbox label={t("channels.clearToken")} {...form.getInputProps("zalo.clearToken", { type: "checkbox" })} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {workerNoticeEvents.map((e) => (
            <TextInput key={e} label={t(`channels.template.${e}`)} inputMode="numeric" {...form.getInputProps(`zalo.templates.${e}`)} />
          ))}
        </SimpleGrid>
        <ErrorAlert error={save.error} form={form} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("channels.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One test message now, on a channel, to an address the admin types. */
function TestMessage() {
  const { t } = useTranslation("notify");
  const [channel, setChannel] = useState<string | null>("email");
  const [recipient, setRecipient] = useState("");
  const test = useMutation({
    mutationFn: () => api.post<{ via: string }>("/api/admin/notify/test", { channel, recipient }),
    onSuccess: (r) => notifySuccess(t("channels.testSent", { via: r.via })),
    onError: notifyError,
  });
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        label={t("channels.testChannel")}
        data={[
          { value: "email", label: t("outbox.email") },
          { value: "sms", label: t("outbox.sms") },
          { value: "zalo", label: t("outbox.zalo") },
        ]}
        value={channel}
        onChange={setChannel}
        allowDeselect={false}
        w={180}
      />
      <TextInput
        label={t("channels.testRecipient")}
        placeholder="0912345678 / canbo@vidu.vn"
        value={recipient}
        onChange={(e) => setRecipient(e.currentTarget.value)}
        style={{ flex: "1 1 200px" }}
      />
      <Button variant="light" loading={test.isPending} disabled={!recipient.trim()} onClick={() => test.mutate()}>
        {t("channels.test")}
      </Button>
    </Group>
  );
}

/** The button that opens the gateways' settings, with the test message under the form. */
export function ChannelSettings() {
  const { t } = useTranslation("notify");
  const [opened, setOpened] = useState(false);
  const { data } = useQuery({
    queryKey: ["notify-channel-settings"],
    queryFn: () => api.get<Settings>("/api/admin/notify/channels/settings"),
    enabled: opened,
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t("channels.open")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("channels.title")} size="lg">
        {data ? (
          <Stack>
            {data.updatedAt ? (
              <Text size="xs" c="dimmed">
                {t("channels.updatedAt", { at: formatDateTime(data.updatedAt) })}
              </Text>
            ) : null}
            <SettingsForm data={data} onDone={() => setOpened(false)} />
            <Divider label={t("channels.testTitle")} />
            <TestMessage />
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
