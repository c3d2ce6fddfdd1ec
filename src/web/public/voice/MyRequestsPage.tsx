/** "Yêu cầu của tôi": the requests kept on this phone, opened without retyping their code and secret. */
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { type PendingRequest, type SavedRequest, deviceKeys, forgetRequest, listPending, listSaved } from "../../pwa/device.ts";
import { pushSupported, subscribeToRequest } from "../../pwa/push.ts";
import { isInstalledApp, pendingInstallPrompt } from "../../pwa/register.ts";

export function MyRequestsPage() {
  const { t } = useTranslation("app");
  // IndexedDB, not the network: these read offline too.
  const saved = useQuery({ queryKey: deviceKeys.saved, queryFn: listSaved, networkMode: "always" });
  const pending = useQuery({ queryKey: deviceKeys.pending, queryFn: listPending, networkMode: "always" });
  const none = (saved.data?.length ?? 0) + (pending.data?.length ?? 0) === 0;
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {t("mine.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("mine.intro")}
        </Text>
      </div>
      {none && saved.isSuccess && pending.isSuccess ? <Alert color="gray">{t("mine.empty")}</Alert> : null}
      {(pending.data ?? []).map((p) => (
        <PendingCard key={p.id} p={p} />
      ))}
      {(saved.data ?? []).map((r) => (
        <SavedCard key={r.code} r={r} />
      ))}
      <InstallCard />
    </Stack>
  );
}

function PendingCard({ p }: { p: PendingRequest }) {
  const { t } = useTranslation("app");
  return (
    <Card withBorder data-testid="pending-request">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>{t(`voice:kind.${p.kind}`)}</Text>
          <Text size="sm" c="dimmed">
            {t("mine.pendingSince", { at: formatDateTime(p.createdAt) })}
          </Text>
          {p.problem ? (
            <Text size="sm" c="red.8">
              {t("mine.refused", { problem: p.problem })}
            </Text>
          ) : null}
        </div>
        <Badge color="yellow" style={{ flexShrink: 0 }}>
          {t("mine.pending")}
        </Badge>
      </Group>
    </Card>
  );
}

function SavedCard({ r }: { r: SavedRequest }) {
  const { t } = useTranslation("app");
  const navigate = useNavigate();
  const qc = useQueryClient();
  const open = () => {
    // Handed to the status page in this tab's session only, as the receipt does: never in the URL.
    sessionStorage.setItem(`voice-secret:${r.code}`, r.secret);
    navigate(`/theo-doi/${r.code}`);
  };
  const forget = async () => {
    await forgetRequest(r.code);
    await qc.invalidateQueries({ queryKey: ["device"] });
  };
  return (
    <Card withBorder data-testid="saved-request">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} ff="monospace" size="lg">
              {r.code}
            </Text>
            <Text size="sm">
              {t(`voice:kind.${r.kind}`)} · {t(`voice:topic.${r.topic}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("mine.savedAt", { at: formatDateTime(r.savedAt) })}
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          <Button size="sm" onClick={open}>
            {t("mine.open")}
          </Button>
          <NotifyButton r={r} />
          <Button size="sm" variant="subtle" color="red" onClick={forget}>
            {t("mine.forget")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function NotifyButton({ r }: { r: SavedRequest }) {
  const { t } = useTranslation("app");
  const [state, setState] = useState<"idle" | "busy" | "on" | "denied" | "failed">(() =>
    typeof Notification !== "undefined" && Notification.permission === "denied" ? "denied" : "idle",
  );
  if (!pushSupported()) return null;
  const turnOn = async () => {
    setState("busy");
    setState(await subscribeToRequest(r.code, r.secret).catch(() => "failed" as const));
  };
  if (state === "on") return <Badge color="green">{t("mine.notifyOn")}</Badge>;
  if (state === "denied" || state === "failed")
    return (
      <Text size="xs" c="dimmed">
        {t(state === "denied" ? "mine.notifyDenied" : "mine.notifyFailed")}
      </Text>
    );
  return (
    <Button size="sm" variant="light" onClick={turnOn} loading={state === "busy"}>
      {t("mine.notify")}
    </Button>
  );
}

/** Installing the app: the browser's own prompt where it offers one, the steps on an iPhone. */
function InstallCard() {
  const { t } = useTranslation("app");
  const [prompt, setPrompt] = useState(pendingInstallPrompt);
  const ios = /iPhone|iPad|iPod/.test(navigator.userAgent);
  if (isInstalledApp() || (!prompt && !ios)) return null;
  return (
    <Card withBorder bg="blue.0">
      <Text fw={600}>{t("install.title")}</Text>
      <Text size="sm">{t("install.body")}</Text>
      {prompt ? (
        <Button
          mt="xs"
          onClick={() => {
            void prompt.prompt();
            setPrompt(null);
          }}
        >
          {t("install.button")}
        </Button>
      ) : (
        <Text size="sm" mt="xs">
          {t("install.ios")}
        </Text>
      )}
    </Card>
  );
}
