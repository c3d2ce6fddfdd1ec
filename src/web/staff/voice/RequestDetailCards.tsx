import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Textarea, Timeline, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { WorkplaceText } from "../../components/workplace.tsx";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api, download } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { OpenActions } from "./OpenActions.tsx";
import type { RequestDetail } from "./types.ts";

/** A step on the request (`path` under /api/voice/requests/:id/), then the request read again; one error line for all of them. */
export function useRequestAct(r: RequestDetail) {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ["voice-request", String(r.id)] });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post(`/api/voice/requests/${r.id}/${path}`, body),
    onSuccess: async () => {
      notifySuccess(t("staff.done"));
      await refresh();
    },
  });
  return { act, refresh };
}

export type Act = ReturnType<typeof useRequestAct>["act"];

/** The facts (received, deadline, body, officer, workplace, signatories), the description, additions and attachments. */
export function FactsCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Group gap="lg">
        <Fact label={t("staff.col.received")} value={formatDateTime(r.receivedAt)} />
        <Fact label={t("staff.col.deadline")} value={formatDate(r.deadline)} />
        <Fact label={t("staff.col.body")} value={r.responsibleBodyName} />
        <Fact label={t("staff.col.officer")} value={r.assignedUserName ?? "—"} />
        <Fact label={t("staff.col.enterprise")} value={<WorkplaceText enterpriseId={r.enterpriseId} name={r.enterpriseName} />} />
        {r.collective ? <Fact label={t("public.signatoryCount")} value={formatNumber(r.signatoryCount ?? 0)} /> : null}
      </Group>
      <Title order={3} size="h5" mt="md">
        {t("staff.description")}
      </Title>
      {r.descriptionPrivate ? (
        <Text size="xs" c="orange.8">
          {t("staff.privateText")}
        </Text>
      ) : null}
      <Text style={{ whiteSpace: "pre-wrap" }}>{r.description}</Text>
      {r.additions.length ? (
        <>
          <Title order={3} size="h5" mt="md">
            {t("staff.additions")}
          </Title>
          {r.additions.map((a) => (
            <Text key={a.id} size="sm">
              {formatDateTime(a.createdAt)}: {a.body}
            </Text>
          ))}
        </>
      ) : null}
      {r.attachments.length ? (
        <>
          <Title order={3} size="h5" mt="md">
            {t("staff.attachments")}
          </Title>
          {r.attachments.map((a) => (
            <Button key={a.id} variant="subtle" size="compact-sm" onClick={() => void download(`/api/voice/requests/${r.id}/attachments/${a.id}`, a.fileName)}>
              {a.fileName} ({formatNumber(Math.round(a.sizeBytes / 1024))} KB)
            </Button>
          ))}
        </>
      ) : null}
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {value}
      </Text>
    </div>
  );
}

/** The answer: drafted here, reviewed by another officer, published after a confirmation, then offered to the Q&A. */
export function AnswerCard({ r, act, open, onPublish }: { r: RequestDetail; act: Act; open: boolean; onPublish: () => void }) {
  const { t } = useTranslation("voice");
  const can = useCan();
  const writable = can("voice:write");
  const [answer, setAnswer] = useState(r.publicAnswer ?? "");
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={3} size="h5" id="request-answer-title">
          {t("staff.answer")}
        </Title>
        <Badge variant="light">{t(`answerStatus.${r.answerStatus}`)}</Badge>
      </Group>
      {r.answerDraftedBy ? (
        <Text size="xs" c="dimmed">
          {r.answerDraftedBy}
          {r.answerReviewedBy ? ` → ${r.answerReviewedBy}` : ""}
        </Text>
      ) : null}
      {writable && open ? (
        <Textarea mt="xs" autosize minRows={4} aria-labelledby="request-answer-title" value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />
      ) : (
        <Text mt="xs" style={{ whiteSpace: "pre-wrap" }}>
          {r.publicAnswer ?? "—"}
        </Text>
      )}
      {writable ? (
        <Group mt="xs" gap="xs">
          {open ? (
            <Button onClick={() => act.mutate({ path: "answer", body: { answer } })} disabled={answer.trim().length < 10} loading={act.isPending}>
              {t("staff.draft")}
            </Button>
          ) : null}
          {r.answerStatus === "in_review" && !r.canReview ? (
            <Text size="sm" c="dimmed">
              {t("staff.awaitingReview")}
            </Text>
          ) : null}
          {r.answerStatus === "in_review" && r.canReview ? (
            <>
              <Button color="teal" variant="light" onClick={() => act.mutate({ path: "answer/review", body: { approve: true } })}>
                {t("staff.approve")}
              </Button>
              <Button color="gray" variant="light" onClick={() => act.mutate({ path: "answer/review", body: { approve: false } })}>
                {t("staff.returnDraft")}
              </Button>
            </>
          ) : null}
          {r.answerStatus === "approved" ? (
            <Button color="green" onClick={onPublish}>
              {t("staff.publish")}
            </Button>
          ) : null}
          {r.answerStatus === "published" && can("voice:identity") ? (
            <Button component={Link} to={`/staff/requests/qa?fromRequest=${r.id}`} variant="light">
              {t("staff.toQa")}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Card>
  );
}

/** The officers' internal notes, and a line to add one. */
export function NotesCard({ r, act }: { r: RequestDetail; act: Act }) {
  const { t } = useTranslation("voice");
  const can = useCan();
  const writable = can("voice:write");
  const [note, setNote] = useState("");
  return (
    <Card withBorder>
      <Title order={3} size="h5" id="request-notes-title">
        {t("staff.notes")}
      </Title>
      {r.notes.map((n) => (
        <Text key={n.id} size="sm" mt={4}>
          <b>{n.userName}</b> ({formatDateTime(n.createdAt)}): {n.body}
        </Text>
      ))}
      {writable ? (
        <Group mt="xs" align="flex-end" wrap="nowrap">
          <Textarea
            style={{ flex: 1 }}
            autosize
            minRows={1}
            aria-labelledby="request-notes-title"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button
            variant="light"
            disabled={note.trim().length < 3}
            onClick={() => act.mutate({ path: "notes", body: { body: note } }, { onSuccess: () => setNote("") })}
          >
            {t("staff.addNote")}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

/** The workflow's buttons: take on, start, the open request's actions, close, reopen with a reason, reveal the identity. */
export function WorkflowCard({
  r,
  act,
  open,
  onTransfer,
  onIdentity,
}: {
  r: RequestDetail;
  act: Act;
  open: boolean;
  onTransfer: () => void;
  onIdentity: () => void;
}) {
  const { t } = useTranslation("voice");
  const can = useCan();
  const { data: me } = useMe();
  const [reopenReason, setReopenReason] = useState("");
  return (
    <Card withBorder>
      <Stack gap="xs">
        {r.canTakeOn ? (
          <Button variant="light" onClick={() => act.mutate({ path: "assign", body: { userId: me?.user.id } })}>
            {t("staff.assign")}
          </Button>
        ) : null}
        {r.status === "received" || r.status === "assigned" ? (
          <Button variant="light" onClick={() => act.mutate({ path: "start" })}>
            {t("staff.start")}
          </Button>
        ) : null}
        {open ? <OpenActions id={r.id} onTransfer={onTransfer} /> : null}
        {r.status === "answered" ? (
          <Button variant="light" color="gray" onClick={() => act.mutate({ path: "close", body: {} })}>
            {t("staff.close")}
          </Button>
        ) : null}
        {(r.status === "answered" || r.status === "closed") && r.canReopenUntil ? (
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput style={{ flex: 1 }} label={t("staff.reopenReason")} value={reopenReason} onChange={(e) => setReopenReason(e.currentTarget.value)} />
            <Button variant="light" disabled={reopenReason.trim().length < 3} onClick={() => act.mutate({ path: "reopen", body: { reason: reopenReason } })}>
              {t("staff.reopen")}
            </Button>
          </Group>
        ) : null}
        {/* An anonymous request has no one to reveal: no button that can only say "nothing here". */}
        {can("voice:identity") && r.hasIdentity ? (
          <Button variant="outline" color="red" onClick={onIdentity}>
            {t("staff.identity")}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The transfers between bodies, each with its reason and the deadline it moved. */
export function TransfersCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {t("staff.transfers")}
      </Title>
      {r.transfers.map((x) => (
        <Text key={x.at} size="sm" mt={4}>
          {formatDateTime(x.at)}: {x.fromBody} → {x.toBody}. {x.reason} ({formatDate(x.oldDeadline)} → {formatDate(x.newDeadline)})
        </Text>
      ))}
    </Card>
  );
}

/** Every step of the request, oldest first. */
export function HistoryCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("staff.history")}
      </Title>
      <Timeline bulletSize={12} lineWidth={2} active={r.history.length - 1}>
        {r.history.map((h) => (
          <Timeline.Item key={`${h.at}-${h.action}-${h.toStatus ?? ""}-${h.detail ?? ""}`} title={t(`action.${h.action}`, { defaultValue: h.action })}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.at)}
              {h.userName ? ` · ${h.userName}` : ""}
            </Text>
            {h.detail ? <Text size="xs">{h.detail}</Text> : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/**
 * "Chuyển doanh nghiệp": what the enterprise will see is only the summary written here and the day.
 * Nothing the worker wrote goes with it; a request the worker asked to keep private needs a confirmation.
 */
export function ForwardCard({ r, onDone }: { r: RequestDetail; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation("voice");
  const [summary, setSummary] = useState(r.forward?.summary ?? "");
  const [ack, setAck] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      api.post<{ ref: string }>(`/api/voice/requests/${r.id}/forward`, { summary, ...(r.descriptionPrivate ? { acknowledgePrivate: ack } : {}) }),
    onSuccess: async (x) => {
      notifySuccess(t("staff.forwarded", { ref: x.ref }));
      await onDone();
    },
  });
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {t("staff.forwardTitle")}
      </Title>
      {r.forward ? (
        <Text size="sm" mt={4}>
          {t("staff.forwardedInfo", { ref: r.forward.ref, day: formatDate(r.forward.at), by: r.forward.by ?? "—" })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" mt={4}>
          {t("staff.notForwarded")}
        </Text>
      )}
      {r.canForward ? (
        <Stack gap="xs" mt="xs">
          {r.descriptionPrivate ? (
            <Alert color="orange" p="xs">
              {t("staff.forwardPrivate")}
            </Alert>
          ) : null}
          <Textarea
            label={t("staff.forwardSummary")}
            description={t("staff.forwardHelp")}
            autosize
            minRows={3}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          {r.descriptionPrivate ? <Checkbox label={t("staff.forwardAck")} checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} /> : null}
          <ErrorAlert error={send.error} />
          <Button
            variant="light"
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={summary.trim().length < 20 || (r.descriptionPrivate && !ack)}
          >
            {r.forward ? t("staff.forwardAgain") : t("staff.forward")}
          </Button>
        </Stack>
      ) : null}
    </Card>
  );
}
