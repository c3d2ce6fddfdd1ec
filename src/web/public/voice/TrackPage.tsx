import { Alert, Anchor, Badge, Button, Card, Group, Rating, Stack, Text, TextInput, Textarea, Timeline, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorAlert, Loading } from "../../components/ui.tsx";
import { ApiError, withSecret } from "../../lib/api.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { deviceKeys, listSaved, saveRequest } from "../../pwa/device.ts";
import type { publicStatusSchema } from "#shared/contract/voice.ts";
import type { z } from "zod";

/** What the status page reads: the public answer of the worker-voice contract. */
type Status = z.input<typeof publicStatusSchema>;

/** The requester's status page: code + secret, progress, the published answer, add info, rate. */
export function TrackPage() {
  const { t } = useTranslation("voice");
  const params = useParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(params.code ?? "");
  const [secret, setSecret] = useState(() => (params.code ? (sessionStorage.getItem(`voice-secret:${params.code}`) ?? "") : ""));
  const [asked, setAsked] = useState<{ code: string; secret: string } | null>(params.code && secret ? { code: params.code, secret } : null);
  const query = useQuery({
    queryKey: ["voice-track", asked?.code, asked?.secret],
    queryFn: () => withSecret(asked?.secret ?? "").get<Status>(`/api/public/requests/${encodeURIComponent(asked?.code ?? "")}`),
    enabled: asked !== null,
    retry: false,
  });
  const show = () => {
    const c = code.trim().toUpperCase();
    sessionStorage.setItem(`voice-secret:${c}`, secret.trim());
    setAsked({ code: c, secret: secret.trim() });
    if (params.code !== c) navigate(`/theo-doi/${c}`, { replace: true });
  };
  return (
    <Stack>
      <Title order={1} size="h3">
        {t("public.trackTitle")}
      </Title>
      <Card withBorder>
        <Stack gap="xs">
          <TextInput
            label={t("public.code")}
            placeholder="YC-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoCapitalize="characters"
          />
          <TextInput label={t("public.secret")} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} autoComplete="off" />
          <Button onClick={show} disabled={!code.trim() || !secret.trim()}>
            {t("public.show")}
          </Button>
          {/* Lost secret, and the data rights (see, correct, delete, withdraw), on one page. */}
          <Anchor component={Link} to="/quyen-du-lieu" size="sm">
            {t("public.rightsLink")}
          </Anchor>
        </Stack>
      </Card>
      {query.isLoading ? <Loading /> : null}
      {query.error ? (
        query.error instanceof ApiError && query.error.status === 404 ? (
          <Alert color="yellow">{t("public.notFound")}</Alert>
        ) : (
          <ErrorAlert error={query.error} />
        )
      ) : null}
      {query.data && asked ? <KeepOnPhone code={query.data.code} secret={asked.secret} kind={query.data.kind} topic={query.data.topic} /> : null}
      {query.data && asked ? <StatusView s={query.data} secret={asked.secret} /> : null}
    </Stack>
  );
}

/** A line the worker added, or an officer's request for more information (which the worker answers below). */
function Addition({ a }: { a: Status["additions"][number] }) {
  const { t } = useTranslation("voice");
  const staff = a.source === "staff";
  return (
    <Text size="sm" c={staff ? "orange.9" : "dimmed"} fw={staff ? 600 : undefined}>
      {formatDateTime(a.at)}
      {staff ? ` — ${t("public.officerAsks")}` : ""}: {a.body}
    </Text>
  );
}

/** Keeps the request opened here in "my requests" (not by itself: the phone may be a friend's). */
function KeepOnPhone(r: { code: string; secret: string; kind: string; topic: string }) {
  const { t } = useTranslation("app");
  const qc = useQueryClient();
  const saved = useQuery({ queryKey: deviceKeys.saved, queryFn: listSaved, networkMode: "always" });
  const kept = saved.data?.some((x) => x.code === r.code && x.secret === r.secret);
  if (!saved.isSuccess) return null;
  if (kept)
    return (
      <Text size="sm" c="green.8">
        {t("mine.kept")}
      </Text>
    );
  return (
    <Button
      variant="light"
      onClick={async () => {
        await saveRequest(r);
        await qc.invalidateQueries({ queryKey: ["device"] });
      }}
    >
      {t("mine.keep")}
    </Button>
  );
}

/** The request's status, its answer, the rating, its progress and the worker's additions; one error line for both sends. */
function StatusView({ s, secret }: { s: Status; secret: string }) {
  const [error, setError] = useState<unknown>(null);
  const done = s.status === "answered" || s.status === "closed";
  return (
    <Stack>
      <SummaryCard s={s} done={done} />
      <AnswerCard s={s} />
      {s.canRate ? <RateCard s={s} secret={secret} onError={setError} /> : null}
      <ProgressCard s={s} />
      {s.status !== "closed" ? <AddInfoCard s={s} secret={secret} onError={setError} /> : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/** The code, kind, topic and title, the status badge, who answers and by when. */
function SummaryCard({ s, done }: { s: Status; done: boolean }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed">
            {s.code} · {t(`kind.${s.kind}`)} · {t(`topic.${s.topic}`)}
          </Text>
          <Text fw={600}>{s.title}</Text>
        </div>
        <Badge color={done ? "green" : "blue"} style={{ flexShrink: 0 }}>
          {t(`status.${s.status}`)}
        </Badge>
      </Group>
      <Text size="sm" mt="xs">
        {t("public.responsibleBody")}: {s.responsibleBody}
      </Text>
      {!done ? (
        <Text size="sm">
          {t("public.deadline")}: <b>{formatDate(s.deadline)}</b>
        </Text>
      ) : null}
    </Card>
  );
}

/** The published answer, or that there is none yet. */
function AnswerCard({ s }: { s: Status }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("public.answer")}
      </Text>
      {s.answer ? (
        <>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {s.answer}
          </Text>
          {s.answeredAt ? (
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(s.answeredAt)}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t("public.noAnswer")}
        </Text>
      )}
    </Card>
  );
}

/** Stars and a comment once the request is answered; thanks once sent. */
function RateCard({ s, secret, onError }: { s: Status; secret: string; onError: (e: unknown) => void }) {
  const { t } = useTranslation("voice");
  const [score, setScore] = useState(s.rating ?? 0);
  const [comment, setComment] = useState("");
  const [rated, setRated] = useState(false);
  const rate = async () => {
    onError(null);
    try {
      await withSecret(secret).post(`/api/public/requests/${s.code}/rating`, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setRated(true);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card withBorder>
      <Text fw={600}>{t("public.rate")}</Text>
      {rated ? (
        <Text c="green.8">{t("public.rated")}</Text>
      ) : (
        <Stack gap="xs" mt="xs">
          <Rating value={score} onChange={setScore} size="lg" />
          <Textarea placeholder={t("public.comment")} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={1000} />
          <Button variant="light" onClick={rate} disabled={score < 1}>
            {t("common:action.submit")}
          </Button>
        </Stack>
      )}
    </Card>
  );
}

/** The request's steps so far. */
function ProgressCard({ s }: { s: Status }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("public.progress")}
      </Text>
      <Timeline bulletSize={14} lineWidth={2} active={s.history.length - 1}>
        {s.history.map((h) => (
          <Timeline.Item key={`${h.at}-${h.action}`} title={t(`action.${h.action}`)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/** What the worker and the officer added, and a box to add more (the answer to an officer's question). */
function AddInfoCard({ s, secret, onError }: { s: Status; secret: string; onError: (e: unknown) => void }) {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const [info, setInfo] = useState("");
  const [infoSent, setInfoSent] = useState(false);
  const addInfo = async () => {
    onError(null);
    try {
      await withSecret(secret).post(`/api/public/requests/${s.code}/additions`, { body: info.trim() });
      setInfo("");
      setInfoSent(true);
      await qc.invalidateQueries({ queryKey: ["voice-track"] });
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("public.addInfo")}
      </Text>
      {s.additions.map((a) => (
        <Addition key={a.at} a={a} />
      ))}
      <Textarea mt="xs" value={info} onChange={(e) => setInfo(e.currentTarget.value)} maxLength={4000} autosize minRows={2} />
      {infoSent ? (
        <Text size="sm" c="green.8">
          {t("public.addInfoSent")}
        </Text>
      ) : null}
      <Button mt="xs" variant="light" onClick={addInfo} disabled={!info.trim()}>
        {t("common:action.submit")}
      </Button>
    </Card>
  );
}
