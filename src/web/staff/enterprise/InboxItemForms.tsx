/** The inbox item's two forms: the answer with its evidence files, and the request for more time. */
import { Button, Card, FileInput, Stack, Textarea, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { IconPaperclip } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { exchangeCreatedSchema } from "#shared/contract/enterprise.ts";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { DateField } from "../coordination/DateField.tsx";

const fieldMessage = (e: unknown, pointer: string) => (e instanceof ApiError ? (e.problem.errors?.find((x) => x.pointer === pointer)?.message ?? null) : null);

/** The answer's text and files; a file that fails stops the upload, and the next try sends the files left only. */
function useAnswer(url: string, refresh: () => void) {
  const { t } = useTranslation("enterprise");
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  // An answer already sent whose files did not all go through: the next try sends the files only.
  const [answered, setAnswered] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: async () => {
      setFileError(null);
      const exchangeId = answered ?? (await api.post<z.input<typeof exchangeCreatedSchema>>(`${url}/answers`, { body })).exchangeId;
      setAnswered(exchangeId);
      for (const f of files) {
        const form = new FormData();
        form.append("file", f);
        try {
          await api.post(`/api/enterprise/exchanges/${exchangeId}/evidence`, form);
        } catch (e) {
          setFileError(`${f.name}: ${fieldMessage(e, "/body/file") ?? (e instanceof Error ? e.message : String(e))}`);
          setFiles((fs) => fs.slice(fs.indexOf(f)));
          refresh();
          throw e;
        }
      }
    },
    onSuccess: () => {
      notifySuccess(t("item.sent"));
      setBody("");
      setFiles([]);
      setAnswered(null);
      refresh();
    },
  });
  return { body, setBody, files, setFiles, answered, fileError, setFileError, send };
}

/** The enterprise's answer, with evidence (images or PDF). */
export function AnswerForm({ url, refresh }: { url: string; refresh: () => void }) {
  const { t } = useTranslation("enterprise");
  const { body, setBody, files, setFiles, answered, fileError, setFileError, send } = useAnswer(url, refresh);
  const bodyError = fieldMessage(send.error, "/body/body");
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            {t("item.answerTitle")}
          </Title>
          {send.error && !bodyError && !fileError ? <ErrorAlert error={send.error} /> : null}
          <Textarea
            label={t("item.answer")}
            autosize
            minRows={3}
            size="md"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={bodyError}
            disabled={answered !== null}
            required
          />
          <FileInput
            label={t("item.files")}
            description={t("item.filesHint")}
            multiple
            clearable
            size="md"
            accept="image/jpeg,image/png,application/pdf"
            leftSection={<IconPaperclip size={16} />}
            value={files}
            onChange={(v) => {
              setFiles(v);
              setFileError(null);
            }}
            error={fileError}
            data-testid="evidence-input"
          />
          <Button type="submit" size="md" loading={send.isPending}>
            {t("item.send")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** A request to move the deadline, with its reason. */
export function ExtensionForm({ url, refresh }: { url: string; refresh: () => void }) {
  const { t } = useTranslation("enterprise");
  const [until, setUntil] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const extend = useMutation({
    mutationFn: () => api.post(`${url}/extensions`, { until: until ?? "", reason }),
    onSuccess: () => {
      notifySuccess(t("item.extensionSent"));
      setUntil(null);
      setReason("");
      refresh();
    },
  });
  const untilError = fieldMessage(extend.error, "/body/until");
  const reasonError = fieldMessage(extend.error, "/body/reason");
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          extend.mutate();
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            {t("item.extensionTitle")}
          </Title>
          {extend.error && !untilError && !reasonError ? <ErrorAlert error={extend.error} /> : null}
          <DateField label={t("item.until")} value={until} onChange={setUntil} required error={untilError ?? undefined} />
          <Textarea
            label={t("item.reason")}
            autosize
            minRows={2}
            size="md"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
            required
          />
          <Button type="submit" variant="light" size="md" loading={extend.isPending}>
            {t("item.askExtension")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
