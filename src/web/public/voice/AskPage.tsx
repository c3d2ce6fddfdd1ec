import { Button, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ui.tsx";
import { splitProblem } from "../../lib/formProblems.ts";
import { ApiError, api } from "../../lib/api.ts";
import { saveRequest } from "../../pwa/device.ts";
import { subscribeIfAllowed } from "../../pwa/push.ts";
import { PrivacyNotice } from "../privacy/PrivacyNotice.tsx";
import { NoticeCard } from "./NoticeCard.tsx";
import { AboutFields, FilesField, KindChoice, PetitionCard, RequesterCard, Required, Tick } from "./AskFields.tsx";
import {
  type AskForm,
  type EnterpriseOption,
  type Sent,
  clientProblems,
  newSubmissionKey,
  requestBody,
  uploadAttachment,
  useAskForm,
  useEnterpriseOptions,
} from "./ask.form.ts";
import { fetchAndSolve } from "./pow.ts";
import { SentCard } from "./SentCard.tsx";
import { KeptOfflineCard, keepOffline, offlineFailure } from "./offline-draft.tsx";

export { ENTERPRISE_DEBOUNCE_MS } from "./ask.form.ts";

/**
 * Sending the form: the browser's checks first, then the proof-of-work (solved in the background
 * while the worker types), the request, and the files picked on the form once the request exists.
 */
function useSubmit(f: AskForm, options: EnterpriseOption[], clientErrors: Record<string, string>) {
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [keptOffline, setKeptOffline] = useState(false);
  const qc = useQueryClient();
  const solution = useRef<Promise<{ token: string; counter: string; expiresAt: string }> | null>(null);
  // One key per filled-in form, kept across tries: a try whose answer was lost is not filed twice.
  const submissionKey = useRef(newSubmissionKey());
  useEffect(() => {
    solution.current = fetchAndSolve();
    solution.current.catch(() => undefined);
  }, []);
  const submit = async () => {
    setChecked(true);
    if (Object.keys(clientErrors).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      let sol = await (solution.current ?? fetchAndSolve());
      if (Date.parse(sol.expiresAt) < Date.now() + 30_000) sol = await fetchAndSolve();
      const res = await api.post<Sent>("/api/public/requests", requestBody(f, options, { token: sol.token, counter: sol.counter }, submissionKey.current));
      submissionKey.current = newSubmissionKey();
      // Kept on the phone at once: the worker never has to copy the code and secret to find it again.
      await saveRequest({ code: res.code, secret: res.secret, kind: f.kind, topic: f.topic }).catch(() => undefined);
      void subscribeIfAllowed(res.code, res.secret);
      void qc.invalidateQueries({ queryKey: ["device"] });
      // Files picked on the form go up once the request exists (the server takes them by code and secret).
      const attached: string[] = [];
      const failed: string[] = [];
      for (const file of f.files) {
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
      if (offlineFailure(err)) {
        // No network (the challenge or the request could not leave): the draft waits on the phone.
        // Under this form's key: had the request reached the server before the network fell, the outbox's
        // try gets the first receipt back instead of filing it twice.
        await keepOffline(f, options, submissionKey.current);
        submissionKey.current = newSubmissionKey();
        void qc.invalidateQueries({ queryKey: ["device"] });
        setKeptOffline(true);
        window.scrollTo(0, 0);
        return;
      }
      setError(err);
      // A used or refused solution is replaced for the next try.
      if (err instanceof ApiError && err.problem.code?.startsWith("voice_challenge")) solution.current = fetchAndSolve();
    } finally {
      setBusy(false);
    }
  };
  return { submit, checked, busy, error, sent, keptOffline };
}

/** The worker's form: phone-first, named or anonymous, the enterprise picked by name or tax code. */
export function AskPage() {
  const { t } = useTranslation("voice");
  const f = useAskForm();
  const options = useEnterpriseOptions(f.enterpriseText);
  const clientErrors = clientProblems(f, t);
  const { submit, checked, busy, error, sent, keptOffline } = useSubmit(f, options, clientErrors);

  if (sent) return <SentCard sent={sent} />;
  if (keptOffline) return <KeptOfflineCard />;

  // The request's fields, shaped as the body is, so each problem pointer lands under its input.
  const fields = {
    values: {
      topic: f.topic,
      title: f.title,
      description: f.description,
      enterpriseName: f.otherWorkplace ? f.otherName : f.enterpriseText,
      enterpriseId: f.enterpriseText,
      signatoryCount: f.signatoryCount,
      requester: { fullName: f.fullName, phone: f.phone, citizenId: f.citizenId },
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
      <KindChoice f={f} />
      <AboutFields f={f} options={options} fieldError={fieldError} />
      <PetitionCard f={f} fieldError={fieldError} />
      <RequesterCard f={f} fieldError={fieldError} />
      <NoticeCard f={f} fieldError={fieldError} />
      <FilesField f={f} fieldError={fieldError} />
      <PrivacyNotice form="voice_request">
        <Tick checked={f.consent} onChange={f.setConsent}>
          {t("public.consent")} <Required />
        </Tick>
      </PrivacyNotice>
      <ErrorAlert error={error} form={fields} />
      {checked && Object.keys(clientErrors).length > 0 ? (
        <Text size="sm" c="red.8" role="alert">
          {t("public.fixFields")}
        </Text>
      ) : null}
      <Button size="md" onClick={submit} loading={busy} disabled={!f.consent}>
        {t("public.submit")}
      </Button>
    </Stack>
  );
}
