import { Alert, Anchor, Button, Card, FileInput, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPaperclip } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { DateField } from "../coordination/DateField.tsx";
import { ExchangeCard, ItemBadges } from "./shared.tsx";
import type { z } from "zod";
import type { exchangeCreatedSchema, inboxItemDetailSchema } from "#shared/contract/enterprise.ts";

type Detail = z.input<typeof inboxItemDetailSchema>;
const fieldMessage = (e: unknown, pointer: string) => (e instanceof ApiError ? (e.problem.errors?.find((x) => x.pointer === pointer)?.message ?? null) : null);

/** One item of the enterprise's inbox: what it asks, every exchange, the answer (with evidence) and the extension forms. */
export function InboxItemPage() {
  const { t } = useTranslation("enterprise");
  const { kind = "", key = "" } = useParams();
  const url = `/api/enterprise/inbox/${kind}/${encodeURIComponent(key)}`;
  const client = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-item", kind, key], queryFn: () => api.get<Detail>(url) });
  const refresh = () => {
    client.invalidateQueries({ queryKey: ["enterprise-item", kind, key] });
    client.invalidateQueries({ queryKey: ["enterprise-inbox"] });
  };

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

  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  const bodyError = fieldMessage(send.error, "/body/body");
  return (
    <Stack>
      <Anchor component={Link} to="/staff/enterprise/inbox" size="sm">
        ← {t("item.back")}
      </Anchor>
      <PageHeader title={data.title} description={`${t("inbox.from", { from: data.from })} · ${t("inbox.received", { day: formatDate(data.receivedOn) })}`} />
      <ItemBadges item={data} />
      <Card withBorder>
        <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{data.summary}</Text>
      </Card>

      <Title order={3} size="h5">
        {t("item.exchanges")}
      </Title>
      {data.exchanges.length ? data.exchanges.map((x) => <ExchangeCard key={x.id} x={x} />) : <Text c="dimmed">{t("item.noExchanges")}</Text>}

      {data.state === "accepted" ? (
        <Alert color="teal">{t("item.accepted")}</Alert>
      ) : (
        <>
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
          {data.deadline && !data.pendingExtension ? (
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
                  {extend.error && !fieldMessage(extend.error, "/body/until") && !fieldMessage(extend.error, "/body/reason") ? (
                    <ErrorAlert error={extend.error} />
                  ) : null}
                  <DateField
                    label={t("item.until")}
                    value={until}
                    onChange={setUntil}
                    required
                    error={fieldMessage(extend.error, "/body/until") ?? undefined}
                  />
                  <Textarea
                    label={t("item.reason")}
                    autosize
                    minRows={2}
                    size="md"
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    error={fieldMessage(extend.error, "/body/reason")}
                    required
                  />
                  <Button type="submit" variant="light" size="md" loading={extend.isPending}>
                    {t("item.askExtension")}
                  </Button>
                </Stack>
              </form>
            </Card>
          ) : null}
        </>
      )}
    </Stack>
  );
}
