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
import { requestKinds as kinds, topics } from "#shared/enums.ts";

interface Sent {
  code: string;
  secret: string;
  deadline: string;
  attached?: string[];
  failed?: string[];
}

interface EnterpriseOption {
  id: number;
  name: string;
  zone: string | null;
}

/** How long typing must pause before the enterprise search asks the server. */
export const ENTERPRISE_DEBOUNCE_MS = 400;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 5;
const FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"];

/** The key of what is wrong with a file the worker picked, or null (the server checks the content again). */
function attachmentProblem(file: File): string | null {
  if (!FILE_TYPES.includes(file.type)) return "public.fileType";
  if (file.size > MAX_FILE_BYTES) return "public.fileSize";
  return null;
}

async function uploadAttachment(sent: { code: string; secret: string }, file: File): Promise<void> {
  const fd = new FormData();
  fd.append("file", file);
  const res = await fetch(`/api/public/requests/${sent.code}/attachments`, { method: "POST", body: fd, headers: { "x-request-secret": sent.secret } });
  if (!res.ok) throw new ApiError(await res.json());
}

/** The worker's form: phone-first, named or anonymous, the enterprise picked by name or tax code. */
export function AskPage() {
  const { t } = useTranslation("voice");
  const [kind, setKind] = useState<string>("consultation");
  // No default: a harassment complaint must not be filed under wages because nobody changed the select.
  const [topic, setTopic] = useState<string>("");
  const [enterpriseText, setEnterpriseText] = useState("");
  const [options, setOptions] = useState<EnterpriseOption[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [checked, setChecked] = useState(false);
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

  // Asks the server once per pause in typing, never again for a text already asked (the answer is kept), and
  // never because an answer arrived: a worker on a phone pays for every request.
  const lookups = useRef(new Map<string, EnterpriseOption[]>());
  const latest = useRef("");
  useEffect(() => {
    const q = enterpriseText.trim();
    latest.current = q;
    if (q.length < 2) return;
    const known = lookups.current.get(q.toLocaleLowerCase("vi"));
    if (known) {
      setOptions(known);
      return;
    }
    const timer = setTimeout(() => {
      lookups.current.set(q.toLocaleLowerCase("vi"), []);
      api
        .get<EnterpriseOption[]>(`/api/public/enterprises?q=${encodeURIComponent(q)}`)
        .then((found) => {
          lookups.current.set(q.toLocaleLowerCase("vi"), found);
          if (latest.current === q) setOptions((prev) => (prev.length === 0 && found.length === 0 ? prev : found));
        })
        .catch(() => lookups.current.delete(q.toLocaleLowerCase("vi")));
    }, ENTERPRISE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enterpriseText]);

  // What the browser can tell before sending: the same rules as the server, said under each field.
  const clientErrors: Record<string, string> = {};
  if (!topic) clientErrors.topic = t("public.chooseTopic");
  if (!title.trim()) clientErrors.title = t("public.needTitle");
  if (!description.trim()) clientErrors.description = t("public.needDescription");
  if (!anonymous && !fullName.trim()) clientErrors["requester.fullName"] = t("public.needFullName");
  if (!anonymous && phone.trim() && !/^(\+84|0)[0-9]{9,10}$/.test(phone.trim())) clientErrors["requester.phone"] = t("public.badPhone");
  if (!anonymous && citizenId.trim() && !/^\d{12}$/.test(citizenId.trim())) clientErrors["requester.citizenId"] = t("public.badCitizenId");
  const fileProblem = files.map(attachmentProblem).find(Boolean);
  if (fileProblem) clientErrors.files = t(fileProblem);

  const submit = async () => {
    setChecked(true);
    if (Object.keys(clientErrors).length > 0) return;
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
      // Files picked on the form go up once the request exists (the server takes them by code and secret).
      const attached: string[] = [];
      const failed: string[] = [];
      for (const file of files) {
        try {
          await uploadAttachment(res, file);
          attached.push(file.name);
        } catch {
          failed.push(file.name);
        }
      }
      setSent({ ...res, attached, failed });
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
      topic,
      title,
      description,
      enterpriseName: enterpriseText,
      enterpriseId: enterpriseText,
      signatoryCount,
      requester: { fullName, phone, citizenId },
    },
  };
  const fieldErrors = splitProblem(error, fields.values).fields;
  const fieldError = (path: string) => (checked ? clientErrors[path] : undefined) ?? fieldErrors[path];

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
          {t("public.kind")} <Required />
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
        required
        value={topic}
        onChange={(e) => setTopic(e.currentTarget.value)}
        data={[{ value: "", label: t("public.topicPlaceholder"), disabled: true }, ...topics.map((x) => ({ value: x, label: t(`topic.${x}`) }))]}
        error={fieldError("topic")}
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
      {/* The consent notice names attachments among the data collected, so the form offers them here. */}
      <div>
        <Text size="sm" fw={500} component="label" htmlFor="voice-files">
          {t("public.attachOnForm")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("public.attachHint")}
        </Text>
        <input
          id="voice-files"
          type="file"
          multiple
          accept={FILE_TYPES.join(",")}
          aria-invalid={fieldError("files") ? true : undefined}
          aria-describedby={fieldError("files") ? "voice-files-error" : undefined}
          onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []).slice(0, MAX_FILES))}
          style={{ display: "block", marginTop: 6, maxWidth: "100%" }}
        />
        {files.map((f) => (
          <Text key={f.name} size="xs">
            {f.name} ({Math.ceil(f.size / 1024).toLocaleString("vi-VN")} KB)
          </Text>
        ))}
        {fieldError("files") ? (
          <Text id="voice-files-error" size="xs" c="red.8">
            {fieldError("files")}
          </Text>
        ) : null}
      </div>
      <PrivacyNotice form="voice_request">
        <Tick checked={consent} onChange={setConsent}>
          {t("public.consent")} <Required />
        </Tick>
      </PrivacyNotice>
      <ErrorAlert error={error} form={fields} />
      {checked && Object.keys(clientErrors).length > 0 ? (
        <Text size="sm" c="red.8" role="alert">
          {t("public.fixFields")}
        </Text>
      ) : null}
      <Button size="md" onClick={submit} loading={busy} disabled={!consent}>
        {t("public.submit")}
      </Button>
    </Stack>
  );
}

function SentCard({ sent }: { sent: Sent }) {
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

/** The asterisk Mantine puts after a required label, for labels Mantine does not draw. */
function Required() {
  return (
    <span aria-hidden="true" style={{ color: "var(--mantine-color-error)" }}>
      *
    </span>
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
