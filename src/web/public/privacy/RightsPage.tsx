import { Alert, Anchor, Button, Card, Radio, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { ApiError, api, withSecret } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import type { z } from "zod";
import type { heldAboutSchema } from "#shared/contract/privacy.ts";
import { rightKinds as KINDS } from "#shared/enums.ts";

type Held = z.input<typeof heldAboutSchema>;

/** The URL of a request's data-rights endpoints. */
const rightsUrl = (code: string, suffix = "") => `/api/public/privacy/requests/${encodeURIComponent(code.trim())}${suffix}`;

/** What is held about the worker of a request, read through the query client and always fresh (a request just sent changes it). */
const heldOf = (client: QueryClient, code: string, secret: string) =>
  client.fetchQuery({
    queryKey: ["privacy-held", code.trim(), secret.trim()],
    queryFn: () => withSecret(secret.trim()).get<Held>(rightsUrl(code)),
    staleTime: 0,
    retry: false,
  });

/** The counts of what came with the request, and the contact left for notices only (the worker alone sees it). */
function HeldExtras({ held }: { held: Held }) {
  const { t } = useTranslation("privacy");
  const c = held.noticeContact;
  return (
    <>
      <Text size="xs" mt={4}>
        {t("portal.attachments", { count: held.attachments, additions: held.additions })}
      </Text>
      {c ? (
        <Text size="xs" mt={4}>
          {t("portal.noticeContact", { contact: [c.phone, c.email].filter(Boolean).join(", ") })}
        </Text>
      ) : null}
    </>
  );
}

/**
 * "Quyền dữ liệu của tôi": with the tracking code and secret, the worker sees what is held about them
 * and asks to correct, delete, or withdraw consent — each a tracked request with its legal deadline.
 * Built for a phone: one column, big inputs.
 */
export function RightsPage() {
  const { t } = useTranslation("privacy");
  const { code, setCode, secret, setSecret, held, error, busy, kind, setKind, detail, setDetail, sent, lost, open, send, resend } = useRights();
  return (
    <Stack maw={560}>
      <div>
        <Title order={1} size="h3">
          {t("portal.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("portal.intro")}
        </Text>
      </div>
      <TextInput
        size="md"
        label={t("portal.code")}
        placeholder="YC-K7QM-4TRX"
        autoCapitalize="characters"
        autoComplete="off"
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
      />
      <TextInput
        size="md"
        label={t("portal.secret")}
        placeholder="K7QM-4TRX-9BWD-2HNP"
        autoCapitalize="characters"
        autoComplete="off"
        value={secret}
        onChange={(e) => setSecret(e.currentTarget.value)}
      />
      <Button size="md" onClick={open} loading={busy} disabled={!code.trim() || !secret.trim()}>
        {t("portal.open")}
      </Button>
      <Anchor component="button" type="button" size="sm" onClick={resend} disabled={!code.trim()} ta="left">
        {t("portal.lost")}
      </Anchor>
      {lost ? <Alert color="teal">{lost}</Alert> : null}
      <ErrorAlert error={error} />
      {held ? (
        <>
          <HeldCard held={held} />
          <RightRequestCard held={held} kind={kind} setKind={setKind} detail={detail} setDetail={setDetail} busy={busy} sent={sent} onSend={send} />
          {held.rightsRequests.length ? <RightsHistory held={held} /> : null}
        </>
      ) : null}
    </Stack>
  );
}

/** The code and secret typed, what they open, the right asked for, and the three calls (open, send, resend the secret). */
function useRights() {
  const { t } = useTranslation("privacy");
  const client = useQueryClient();
  const [code, setCode] = useState("");
  const [secret, setSecret] = useState("");
  const [held, setHeld] = useState<Held | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<string>("access");
  const [detail, setDetail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [lost, setLost] = useState<string | null>(null);
  const url = (suffix = "") => rightsUrl(code, suffix);
  const readHeld = () => heldOf(client, code, secret);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setHeld(await readHeld());
    } catch (err) {
      setHeld(null);
      setError(err instanceof ApiError && err.problem.status === 404 ? new Error(t("portal.notFound")) : err);
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await withSecret(secret.trim()).post<{ code: string; dueAt: string }>(url("/rights"), {
        kind,
        ...(detail.trim() ? { detail: detail.trim() } : {}),
      });
      setSent(t("portal.sent", { code: r.code, due: formatDateTime(r.dueAt) }));
      setDetail("");
      setHeld(await readHeld());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const resend = () => {
    setError(null);
    api.post(`/api/public/requests/${encodeURIComponent(code.trim())}/secret`).then(() => setLost(t("portal.lostSent")), setError);
  };
  return { code, setCode, secret, setSecret, held, error, busy, kind, setKind, detail, setDetail, sent, lost, open, send, resend };
}

/** What is held: the identity, the request, its extras, where it went and the consent. */
function HeldCard({ held }: { held: Held }) {
  const { t } = useTranslation("privacy");
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h5">
        {t("portal.held")}
      </Title>
      <Text size="sm" fw={600} mt={4}>
        {t("portal.identity")}
      </Text>
      <IdentityLines identity={held.identity} />
      <Text size="sm" fw={600} mt="xs">
        {t("portal.request")} {held.request.code} · {formatDateTime(held.request.receivedAt)} · {held.request.responsibleBody}
      </Text>
      <Text size="sm">{held.request.title}</Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
        {held.request.description}
      </Text>
      <HeldExtras held={held} />
      <Text size="xs" mt={4}>
        {held.request.forwardedToEnterprise ? t("portal.forwarded") : t("portal.notForwarded")}
      </Text>
      {held.consent.version && held.consent.at ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t("portal.consent", { version: held.consent.version, at: formatDateTime(held.consent.at) })}
        </Text>
      ) : null}
      {held.consent.withdrawnAt ? (
        <Text size="xs" c="orange.8">
          {t("portal.withdrawn", { at: formatDateTime(held.consent.withdrawnAt) })}
        </Text>
      ) : null}
    </Card>
  );
}

/** The worker's identity as given, one line a field, or that none was given. */
function IdentityLines({ identity }: { identity: Held["identity"] }) {
  const { t } = useTranslation("privacy");
  if (!identity) return <Text size="sm">{t("portal.noIdentity")}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {t("portal.fullName")}: {identity.fullName}
      </Text>
      {identity.phone ? (
        <Text size="sm">
          {t("portal.phone")}: {identity.phone}
        </Text>
      ) : null}
      {identity.citizenId ? (
        <Text size="sm">
          {t("portal.citizenId")}: {identity.citizenId}
        </Text>
      ) : null}
      {identity.email ? (
        <Text size="sm">
          {t("portal.email")}: {identity.email}
        </Text>
      ) : null}
      {identity.address ? (
        <Text size="sm">
          {t("portal.address")}: {identity.address}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The right asked for (withdrawal only while consent stands), its detail, and the answer to sending it. */
function RightRequestCard({
  held,
  kind,
  setKind,
  detail,
  setDetail,
  busy,
  sent,
  onSend,
}: {
  held: Held;
  kind: string;
  setKind: (k: string) => void;
  detail: string;
  setDetail: (d: string) => void;
  busy: boolean;
  sent: string | null;
  onSend: () => void;
}) {
  const { t } = useTranslation("privacy");
  return (
    <Card withBorder padding="sm">
      <Radio.Group label={t("portal.actions")} value={kind} onChange={setKind}>
        <Stack gap={8} mt={6}>
          {KINDS.filter((k) => k !== "withdraw" || !held.consent.withdrawnAt).map((k) => (
            <Radio key={k} value={k} label={t(`kind.${k}`)} size="md" />
          ))}
        </Stack>
      </Radio.Group>
      {kind === "withdraw" ? (
        <Alert color="orange" mt="xs" p="xs">
          {t("portal.confirmWithdraw")}
        </Alert>
      ) : (
        <Textarea
          mt="xs"
          label={t("portal.detail")}
          placeholder={kind === "correction" ? t("portal.correctionHint") : undefined}
          autosize
          minRows={2}
          maxLength={2000}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
        />
      )}
      <Button mt="sm" size="md" onClick={onSend} loading={busy} color={kind === "withdraw" || kind === "deletion" ? "orange" : undefined}>
        {t("portal.send")}
      </Button>
      {sent ? (
        <Alert color="teal" mt="xs">
          {sent}
        </Alert>
      ) : null}
    </Card>
  );
}

/** The data-rights requests already made, with their status, deadline and answer. */
function RightsHistory({ held }: { held: Held }) {
  const { t } = useTranslation("privacy");
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h5">
        {t("portal.history")}
      </Title>
      {held.rightsRequests.map((r) => (
        <Text key={r.code} size="sm" mt={4}>
          <b>{r.code}</b> · {t(`kind.${r.kind}`)} · {t(`status.${r.status}`)} · {t("portal.due", { due: formatDateTime(r.dueAt) })}
          {r.answer ? <Text size="sm">{r.answer}</Text> : null}
        </Text>
      ))}
    </Card>
  );
}
