/** A request written without network: kept on the phone (the app's outbox) and what the worker is told. */
import { Alert, Anchor, Button, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { addPending } from "../../pwa/device.ts";
import { type AskForm, type EnterpriseOption, requestBody } from "./ask.form.ts";

/** Whether sending failed for want of a network (rather than a refusal by the server). */
export function offlineFailure(err: unknown): boolean {
  return !navigator.onLine || err instanceof TypeError;
}

/** Puts the form's request, its files with it, in the outbox; the proof-of-work is solved when it is sent. */
export async function keepOffline(f: AskForm, options: EnterpriseOption[], submissionKey: string): Promise<void> {
  const { challenge: _unsolved, ...body } = requestBody(f, options, { token: "", counter: "" }, submissionKey);
  await addPending({ body, files: f.files, kind: f.kind, topic: f.topic });
}

export function KeptOfflineCard() {
  const { t } = useTranslation("app");
  return (
    <Stack>
      <Alert color="yellow" title={t("draft.savedTitle")} role="status" data-testid="kept-offline">
        {t("draft.saved")}
      </Alert>
      <Anchor component={Link} to="/yeu-cau-cua-toi">
        {t("mine.link")}
      </Anchor>
      <Button variant="subtle" onClick={() => window.location.reload()}>
        {t("draft.another")}
      </Button>
    </Stack>
  );
}
