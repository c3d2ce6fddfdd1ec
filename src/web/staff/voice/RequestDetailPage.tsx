import { Alert, Badge, Button, Card, Checkbox, Grid, Group, Modal, Select, Stack, Text, TextInput, Textarea, Timeline, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { WorkplaceText } from "../../components/workplace.tsx";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { OpenActions } from "./OpenActions.tsx";
import type { EnterpriseView, RequestDetail } from "./types.ts";

/** One request: facts, history, internal notes, answer → review → publish, transfer, identity (audited). */
export function RequestDetailPage() {
  const { t } = useTranslation("voice");
  const { id } = useParams();
  const { data: me } = useMe();
  const { data, isLoading, error } = useQuery({
    queryKey: ["voice-request", id],
    queryFn: () => api.get<RequestDetail | EnterpriseView>(`/api/voice/requests/${id}`),
  });
  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorAlert error={error} />;
  // An enterprise has no request pages: its list carries the officer's summaries, all it may see.
  if (me?.scope.kind === "enterprise" || !("history" in data)) return <ErrorAlert error={new Error(t("staff.enterpriseNoDetail"))} />;
  return <StaffRequest r={data} />;
}

function StaffRequest({ r }: { r: RequestDetail }) {
  const { t } = useTranslation("voice");
  const can = useCan();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [note, setNote] = useState("");
  const [answer, setAnswer] = useState(r.publicAnswer ?? "");
  const [transferOpen, setTransferOpen] = useState(false);
  const [identityOpen, setIdentityOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [reopenReason, setReopenReason] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: ["voice-request", String(r.id)] });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post(`/api/voice/requests/${r.id}/${path}`, body),
    onSuccess: async () => {
      notifySuccess(t("staff.done"));
      await refresh();
    },
  });
  const writable = can("voice:write");
  const open = ["received", "assigned", "in_progress"].includes(r.status);
  return (
    <Stack>
      <PageHeader
        title={r.title}
        description={`${r.code} · ${t(`kind.${r.kind}`)} · ${t(`topic.${r.topic}`)} · ${t(`channel.${r.channel}`)}${takenFrom(r, t)}`}
        actions={
          <Group gap="xs">
            <Badge size="lg" variant="outline">
              {t(`status.${r.status}`)}
            </Badge>
            {r.overdue ? (
              <Badge size="lg" color="red">
                {t("staff.overdueBadge")}
              </Badge>
            ) : null}
          </Group>
        }
      />
      <ErrorAlert error={act.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
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
                    <Button
                      key={a.id}
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => void download(`/api/voice/requests/${r.id}/attachments/${a.id}`, a.fileName)}
                    >
                      {a.fileName} ({formatNumber(Math.round(a.sizeBytes / 1024))} KB)
                    </Button>
                  ))}
                </>
              ) : null}
            </Card>

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
                <Textarea
                  mt="xs"
                  autosize
                  minRows={4}
                  aria-labelledby="request-answer-title"
                  value={answer}
                  onChange={(e) => setAnswer(e.currentTarget.value)}
                />
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
                    <Button color="green" onClick={() => setPublishOpen(true)}>
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

            {can("voice:identity") ? (
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
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {writable ? (
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
                  {open ? <OpenActions id={r.id} onTransfer={() => setTransferOpen(true)} /> : null}
                  {r.status === "answered" ? (
                    <Button variant="light" color="gray" onClick={() => act.mutate({ path: "close", body: {} })}>
                      {t("staff.close")}
                    </Button>
                  ) : null}
                  {(r.status === "answered" || r.status === "closed") && r.canReopenUntil ? (
                    <Group gap="xs" wrap="nowrap" align="flex-end">
                      <TextInput
                        style={{ flex: 1 }}
                        label={t("staff.reopenReason")}
                        value={reopenReason}
                        onChange={(e) => setReopenReason(e.currentTarget.value)}
                      />
                      <Button
                        variant="light"
                        disabled={reopenReason.trim().length < 3}
                        onClick={() => act.mutate({ path: "reopen", body: { reason: reopenReason } })}
                      >
                        {t("staff.reopen")}
                      </Button>
                    </Group>
                  ) : null}
                  {/* An anonymous request has no one to reveal: no button that can only say "nothing here". */}
                  {can("voice:identity") && r.hasIdentity ? (
                    <Button variant="outline" color="red" onClick={() => setIdentityOpen(true)}>
                      {t("staff.identity")}
                    </Button>
                  ) : null}
                </Stack>
              </Card>
            ) : null}
            {/* A workplace typed by the sender is no enterprise of the registry: there is nobody to forward to. */}
            {r.enterpriseId ? <ForwardCard r={r} onDone={refresh} /> : null}
            {r.transfers.length ? (
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
            ) : null}
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
          </Stack>
        </Grid.Col>
      </Grid>
      <TransferModal opened={transferOpen} onClose={() => setTransferOpen(false)} r={r} onDone={refresh} />
      {/* Publishing shows the answer to the worker and cannot be taken back: asked once more. */}
      <Modal opened={publishOpen} onClose={() => setPublishOpen(false)} title={t("staff.publishConfirmTitle")}>
        <Stack>
          <Text size="sm">{t("staff.publishConfirm")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPublishOpen(false)}>
              {t("common:action.cancel")}
            </Button>
            <Button color="green" loading={act.isPending} onClick={() => act.mutate({ path: "answer/publish" }, { onSettled: () => setPublishOpen(false) })}>
              {t("staff.publish")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <IdentityModal opened={identityOpen} onClose={() => setIdentityOpen(false)} r={r} />
    </Stack>
  );
}

/**
 * "Chuyển doanh nghiệp": what the enterprise will see is only the summary written here and the day.
 * Nothing the worker wrote goes with it; a request the worker asked to keep private needs a confirmation.
 */
function ForwardCard({ r, onDone }: { r: RequestDetail; onDone: () => Promise<unknown> }) {
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

/** " · cuộc gọi lúc 11/12/2026 20:15, đường dây 0225 3842 609": the hotline call the request was taken from. */
function takenFrom(r: RequestDetail, t: TFunction<"voice">): string {
  return r.fromCall ? ` · ${t("staff.hotline.takenFrom", { at: formatDateTime(r.fromCall.calledAt), line: formatPhone(r.fromCall.line) })}` : "";
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

function TransferModal({ opened, onClose, r, onDone }: { opened: boolean; onClose: () => void; r: RequestDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation("voice");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const bodies = useQuery({
    queryKey: ["voice-bodies", debounced],
    queryFn: () => api.get<{ id: number; name: string }[]>(`/api/voice/bodies${qs({ q: debounced })}`),
    enabled: opened,
  });
  const transfer = useMutation({
    mutationFn: () => api.post<{ deadline: string }>(`/api/voice/requests/${r.id}/transfer`, { toBodyId: Number(bodyId), reason }),
    onSuccess: async (res) => {
      notifySuccess(`${t("staff.done")} · ${t("staff.col.deadline")}: ${formatDate(res.deadline)}`);
      onClose();
      await onDone();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("staff.transfer")}>
      <Stack>
        <Alert color="orange">{t("staff.transferNote")}</Alert>
        <Select
          label={t("staff.toBody")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(bodies.data ?? []).filter((b) => b.id !== r.responsibleBodyId).map((b) => ({ value: String(b.id), label: b.name }))}
          value={bodyId}
          onChange={setBodyId}
          filter={({ options }) => options}
        />
        <Textarea label={t("staff.transferReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        <ErrorAlert error={transfer.error} />
        <Button onClick={() => transfer.mutate()} disabled={!bodyId || reason.trim().length < 3} loading={transfer.isPending}>
          {t("staff.transfer")}
        </Button>
      </Stack>
    </Modal>
  );
}

interface Identity {
  anonymous: boolean;
  requester: { fullName: string; phone: string | null; citizenId: string | null; email: string | null; address: string | null } | null;
  signatories: { fullName: string; citizenId: string | null; phone: string | null }[];
}

function IdentityModal({ opened, onClose, r }: { opened: boolean; onClose: () => void; r: RequestDetail }) {
  const { t } = useTranslation("voice");
  const [purpose, setPurpose] = useState("");
  const reveal = useMutation({ mutationFn: () => api.post<Identity>(`/api/voice/requests/${r.id}/identity`, { purpose }) });
  const close = () => {
    reveal.reset();
    setPurpose("");
    onClose();
  };
  const id = reveal.data;
  return (
    <Modal opened={opened} onClose={close} title={t("staff.identity")}>
      {id ? (
        <Stack gap="xs">
          {id.requester ? (
            <Text size="sm">
              <b>{id.requester.fullName}</b>
              {id.requester.phone ? ` · ${id.requester.phone}` : ""}
              {id.requester.citizenId ? ` · CCCD ${id.requester.citizenId}` : ""}
              {id.requester.email ? ` · ${id.requester.email}` : ""}
            </Text>
          ) : (
            <Text size="sm">{t("staff.identityNone")}</Text>
          )}
          {id.signatories.length ? (
            <>
              <Text fw={600} size="sm">
                {t("staff.signatories")}
              </Text>
              {id.signatories.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once; two signatories may share a name
                <Text key={i} size="sm">
                  {i + 1}. {s.fullName}
                  {s.citizenId ? ` · ${s.citizenId}` : ""}
                </Text>
              ))}
            </>
          ) : null}
        </Stack>
      ) : (
        <Stack>
          <TextInput label={t("staff.identityPurpose")} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
          <ErrorAlert error={reveal.error} />
          <Button color="red" onClick={() => reveal.mutate()} disabled={purpose.trim().length < 3} loading={reveal.isPending}>
            {t("staff.identity")}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
