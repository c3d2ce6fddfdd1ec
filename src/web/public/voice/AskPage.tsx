import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PrivacyNotice } from "../privacy/PrivacyNotice.tsx";
import { ErrorAlert } from "../../components/ui.tsx";
import { splitProblem } from "../../lib/formProblems.ts";
import { ApiError, api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { fetchAndSolve } from "./pow.ts";

const kinds = ["consultation", "complaint", "petition", "report"] as const;
const topics = ["wages", "overtime", "social_insurance", "contract", "dismissal", "osh", "union_rights", "housing", "other"] as const;

interface Sent {
  code: string;
  secret: string;
  deadline: string;
}

/** The worker's form: phone-first, named or anonymous, the enterprise picked by name or tax code. */
export function AskPage() {
  const { t } = useTranslation("voice");
  const [kind, setKind] = useState<string>("consultation");
  const [topic, setTopic] = useState<string>("wages");
  const [enterpriseText, setEnterpriseText] = useState("");
  const [options, setOptions] = useState<{ id: number; name: string; zone: string | null }[]>([]);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  // Hidden from the employer by default for everything but a question; the worker may change it.
  const [descriptionPrivate, setDescriptionPrivate] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState("");
  const [citizenId, setCitizenId] = useState("");
  const [collective, setCollective] = useState(false);
  const [signatoryCount, setSignatoryCount] = useState<number | string>(2);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  // The proof-of-work is solved in the background while the worker types.
  const solution = useRef<Promise<{ token: string; counter: string; expiresAt: string }> | null>(null);

  useEffect(() => {
    solution.current = fetchAndSolve();
    solution.current.catch(() => undefined);
  }, []);

  useEffect(() => {
    const q = enterpriseText.trim();
    if (q.length < 2 || options.some((o) => o.name === q)) return;
    const timer = setTimeout(() => {
      api
        .get<{ id: number; name: string; zone: string | null }[]>(`/api/public/enterprises?q=${encodeURIComponent(q)}`)
        .then(setOptions)
        .catch(() => setOptions([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [enterpriseText, options]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      let sol = await (solution.current ?? fetchAndSolve());
      if (Date.parse(sol.expiresAt) < Date.now() + 30_000) sol = await fetchAndSolve();
      // The datalist gives back a name: the enterprise is the one whose name was picked (or typed exactly).
      const chosen = options.find((o) => o.name === enterpriseText.trim());
      const body = {
        kind,
        topic,
        title: title.trim(),
        description: description.trim(),
        descriptionPrivate,
        ...(chosen ? { enterpriseId: chosen.id } : enterpriseText.trim() ? { enterpriseName: enterpriseText.trim() } : {}),
        anonymous,
        ...(anonymous
          ? {}
          : {
              requester: {
                fullName: fullName.trim(),
                ...(phone.trim() ? { phone: phone.trim() } : {}),
                ...(citizenId.trim() ? { citizenId: citizenId.trim() } : {}),
              },
            }),
        collective: kind === "petition" && collective,
        ...(kind === "petition" && collective ? { signatoryCount: Number(signatoryCount) || 1 } : {}),
        consent,
        challenge: { token: sol.token, counter: sol.counter },
      };
      const res = await api.post<Sent>("/api/public/requests", body);
      setSent(res);
      window.scrollTo(0, 0);
    } catch (err) {
      setError(err);
      // A used or refused solution is replaced for the next try.
      if (err instanceof ApiError && err.problem.code?.startsWith("voice_challenge")) solution.current = fetchAndSolve();
    } finally {
      setBusy(false);
    }
  };

  if (sent) return <SentCard sent={sent} />;

  // The request's fields, shaped as the body is, so each problem pointer lands under its input.
  const fields = {
    values: {
      title,
      description,
      enterpriseName: enterpriseText,
      enterpriseId: enterpriseText,
      signatoryCount,
      requester: { fullName, phone, citizenId },
    },
  };
  const fieldErrors = splitProblem(error, fields.values).fields;
  const fieldError = (path: string) => fieldErrors[path];

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h3">
          {t("public.askTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("public.askIntro")}
        </Text>
      </div>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" size="sm" fw={500}>
          {t("public.kind")}
        </Text>
        <Stack gap={6} mt={4}>
          {kinds.map((k) => (
            <Tick
              key={k}
              type="radio"
              name="kind"
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setDescriptionPrivate(k !== "consultation");
              }}
            >
              {t(`kind.${k}`)}
            </Tick>
          ))}
        </Stack>
      </fieldset>
      <NativeSelect
        label={t("public.topic")}
        value={topic}
        onChange={(e) => setTopic(e.currentTarget.value)}
        data={topics.map((x) => ({ value: x, label: t(`topic.${x}`) }))}
      />
      {/* A native datalist: the browser's own suggestion list costs no JavaScript on the phone. */}
      <TextInput
        label={t("public.enterprise")}
        placeholder={t("public.enterprisePlaceholder")}
        description={t("public.enterpriseFree")}
        value={enterpriseText}
        onChange={(e) => {
          setEnterpriseText(e.currentTarget.value);
        }}
        error={fieldError("enterpriseName") ?? fieldError("enterpriseId")}
        list="voice-enterprises"
        autoComplete="off"
        maxLength={300}
      />
      <datalist id="voice-enterprises">
        {options.map((o) => (
          <option key={o.id} value={o.name}>
            {o.zone ?? ""}
          </option>
        ))}
      </datalist>
      <TextInput
        label={t("public.title")}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={200}
        error={fieldError("title")}
      />
      <Textarea
        label={t("public.description")}
        description={t("public.descriptionHint")}
        required
        autosize
        minRows={4}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={8000}
        error={fieldError("description")}
      />
      <Tick checked={descriptionPrivate} onChange={setDescriptionPrivate}>
        {t("public.descriptionPrivate")}
      </Tick>
      {kind === "petition" ? (
        <Card withBorder padding="sm">
          <Tick checked={collective} onChange={setCollective}>
            {t("public.collective")}
          </Tick>
          {collective ? (
            <TextInput
              mt="xs"
              type="number"
              inputMode="numeric"
              label={t("public.signatoryCount")}
              min={1}
              max={100000}
              value={String(signatoryCount)}
              onChange={(e) => setSignatoryCount(e.currentTarget.value)}
              error={fieldError("signatoryCount")}
            />
          ) : null}
        </Card>
      ) : null}
      <Card withBorder padding="sm">
        <Tick checked={anonymous} onChange={setAnonymous}>
          <b>{t("public.anonymous")}</b>
        </Tick>
        {anonymous ? (
          <Text size="sm" c="dimmed" mt="xs">
            {t("public.anonymousNote")}
          </Text>
        ) : (
          <Stack gap="xs" mt="xs">
            <TextInput
              label={t("public.fullName")}
              required
              value={fullName}
              onChange={(e) => setFullName(e.currentTarget.value)}
              maxLength={120}
              error={fieldError("requester.fullName")}
            />
            <TextInput
              label={t("public.phone")}
              type="tel"
              inputMode="tel"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              maxLength={13}
              error={fieldError("requester.phone")}
            />
            <TextInput
              label={t("public.citizenId")}
              inputMode="numeric"
              value={citizenId}
              onChange={(e) => setCitizenId(e.currentTarget.value)}
              maxLength={12}
              error={fieldError("requester.citizenId")}
            />
          </Stack>
        )}
      </Card>
      <PrivacyNotice form="voice_request">
        <Tick checked={consent} onChange={setConsent}>
          {t("public.consent")}
        </Tick>
      </PrivacyNotice>
      <ErrorAlert error={error} form={fields} />
      <Button size="md" onClick={submit} loading={busy} disabled={!consent || !title.trim() || !description.trim() || (!anonymous && !fullName.trim())}>
        {t("public.submit")}
      </Button>
    </Stack>
  );
}

function SentCard({ sent }: { sent: Sent }) {
  const { t } = useTranslation("voice");
  const [file, setFile] = useState<File | null>(null);
  const [attached, setAttached] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const fd = new FormData();
      fd.append("file", file);
      const res = await fetch(`/api/public/requests/${sent.code}/attachments`, { method: "POST", body: fd, headers: { "x-request-secret": sent.secret } });
      if (!res.ok) throw new ApiError(await res.json());
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

/** A native checkbox or radio with its label: big enough to tap, and no component library code. */
function Tick({
  checked,
  onChange,
  children,
  type = "checkbox",
  name,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  children: ReactNode;
  type?: "checkbox" | "radio";
  name?: string;
}) {
  return (
    <label style={{ display: "flex", gap: 10, alignItems: "flex-start", cursor: "pointer", fontSize: 14, lineHeight: 1.4 }}>
      <input
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        style={{ width: 20, height: 20, margin: 0, flexShrink: 0 }}
      />
      <span>{children}</span>
    </label>
  );
}
