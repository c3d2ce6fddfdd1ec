/** What the worker sees once the request is filed: its code and secret to keep, the deadline, files to add. */
import { Alert, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ui.tsx";
import { formatDate } from "../../lib/format.ts";
import { type Sent, uploadAttachment } from "./ask.form.ts";

export function SentCard({ sent }: { sent: Sent }) {
  const { t } = useTranslation("voice");
  const [file, setFile] = useState<File | null>(null);
  const [attached, setAttached] = useState<string[]>(sent.attached ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await uploadAttachment(sent, file);
      setAttached((a) => [...a, file.name]);
      setFile(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Alert color="green" title={t("public.sent")}>
        {t("public.sentIntro")}
      </Alert>
      <Card withBorder>
        <Stack gap="xs">
          <Row label={t("public.code")} value={sent.code} />
          <Row label={t("public.secret")} value={sent.secret} />
          <Text size="sm">
            {t("public.deadline")}: <b>{formatDate(sent.deadline)}</b>
          </Text>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Text size="sm" fw={500} component="label" htmlFor="voice-file">
            {t("public.attach")}
          </Text>
          <input id="voice-file" type="file" accept="image/jpeg,image/png,application/pdf" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          {sent.failed?.length ? (
            <Text size="sm" c="red.8">
              {t("public.attachFailed")}: {sent.failed.join(", ")}
            </Text>
          ) : null}
          {attached.map((n) => (
            <Text key={n} size="sm" c="green.8">
              {t("public.attached")}: {n}
            </Text>
          ))}
          <ErrorAlert error={error} />
          <Button variant="light" onClick={upload} disabled={!file} loading={busy}>
            {t("common:action.submit")}
          </Button>
        </Stack>
      </Card>
      <Group>
        <Button
          component={Link}
          to={`/theo-doi/${sent.code}`}
          // Handed over in this tab's session only: a secret in the URL would stay in the phone's history.
          onClick={() => sessionStorage.setItem(`voice-secret:${sent.code}`, sent.secret)}
        >
          {t("public.openTracking")}
        </Button>
        <Button variant="subtle" onClick={() => window.location.reload()}>
          {t("public.newRequest")}
        </Button>
      </Group>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Group justify="space-between" wrap="nowrap" align="center">
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text fw={700} ff="monospace" size="lg" style={{ wordBreak: "break-all" }}>
          {value}
        </Text>
      </div>
      <Button
        size="xs"
        variant="light"
        style={{ flexShrink: 0 }}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? "✓" : t("action.copy")}
      </Button>
    </Group>
  );
}
