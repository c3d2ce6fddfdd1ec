import { Alert, Badge, Button, Card, Chip, Group, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { type QaEntry, TOPICS } from "./types.ts";
import { vnToday } from "#shared/clock.ts";

interface Draft {
  id?: number;
  requestId?: number;
  question: string;
  answer: string;
  citations: string;
  tags: string[];
  validFrom: string;
  validTo: string;
}

const empty = (): Draft => ({ question: "", answer: "", citations: "", tags: [], validFrom: vnToday(), validTo: "" });

/**
 * "Soạn hỏi đáp từ yêu cầu": opened with ?fromRequest=id, the editor starts from the request's
 * de-identified question and answer (read through the query client); the parameter is then dropped.
 */
function useDraftFromRequest(setDraft: (d: Draft) => void) {
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const fromRequest = params.get("fromRequest");
  useEffect(() => {
    if (!fromRequest) return;
    qc.fetchQuery({
      queryKey: ["voice-qa-draft", fromRequest],
      queryFn: () => api.get<{ question: string; answer: string; tags: string[]; validFrom: string }>(`/api/voice/requests/${fromRequest}/qa-draft`),
      staleTime: 0,
    })
      .then((d) => setDraft({ ...empty(), ...d, requestId: Number(fromRequest) }))
      .catch(() => undefined);
    setParams({}, { replace: true });
  }, [fromRequest, setParams, qc, setDraft]);
}

/** The legal Q&A editor: entries from answered requests, citations, validity, flags from replaced rules. */
export function QaEditorPage() {
  const { t } = useTranslation("voice");
  const can = useCan();
  const { needsReview, setNeedsReview, q, setQ, draft, setDraft, confirming, setConfirming, list, save, publish } = useQaEditor();
  return (
    <Stack>
      <PageHeader
        title={t("staff.qaTitle")}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/staff/requests/qa/synonyms" variant="default">
              {t("staff.qaSynonymsLink")}
            </Button>
            <Button onClick={() => setDraft(empty())} disabled={!can("voice:write")}>
              {t("staff.qaNew")}
            </Button>
          </Group>
        }
      />
      <Group>
        <TextInput placeholder={t("public.qaSearch")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: "100%", sm: 300 }} />
        <Chip checked={needsReview} onChange={setNeedsReview} color="orange">
          {t("staff.qaNeedsReview")}
        </Chip>
      </Group>
      <ErrorAlert error={list.error ?? publish.error} />
      {list.isLoading ? <Loading /> : null}
      {list.data?.items.map((e) => (
        <QaEntryCard key={e.id} e={e} onEdit={setDraft} onPublish={() => (e.publishedAt ? publish.mutate({ id: e.id, publish: false }) : setConfirming(e))} />
      ))}
      {can("admin:settings") ? <SupersededCard /> : null}
      <PublishConfirmDialog
        confirming={confirming}
        pending={publish.isPending}
        onClose={() => setConfirming(null)}
        onPublish={(id) => publish.mutate({ id, publish: true })}
      />
      <Modal opened={draft !== null} onClose={() => setDraft(null)} title={draft?.id ? t("common:action.edit") : t("staff.qaNew")} size="lg">
        {draft ? <DraftForm draft={draft} setDraft={setDraft} save={save} /> : null}
      </Modal>
    </Stack>
  );
}

/** The list's filters and query, the entry being written and the one whose publication is being confirmed, with their calls. */
function useQaEditor() {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const [needsReview, setNeedsReview] = useState(false);
  const [q, setQ] = useState("");
  const [draft, setDraft] = useState<Draft | null>(null);
  // Publishing puts the entry before every worker: asked first. Taking it down is not.
  const [confirming, setConfirming] = useState<QaEntry | null>(null);
  const list = useQuery({
    queryKey: ["voice-qa-staff", needsReview, q],
    queryFn: () => api.get<{ total: number; items: QaEntry[] }>(`/api/voice/qa${qs({ needsReview: needsReview ? "true" : undefined, q, pageSize: 100 })}`),
  });
  useDraftFromRequest(setDraft);
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        ...(d.requestId ? { requestId: d.requestId } : {}),
        question: d.question,
        answer: d.answer,
        citations: d.citations
          .split("\n")
          .map((c) => c.trim())
          .filter(Boolean),
        tags: d.tags,
        validFrom: d.validFrom,
        validTo: d.validTo || null,
      };
      return d.id ? api.put<QaEntry>(`/api/voice/qa/${d.id}`, body) : api.post<QaEntry>("/api/voice/qa", body);
    },
    onSuccess: async () => {
      notifySuccess(t("staff.done"));
      setDraft(null);
      await qc.invalidateQueries({ queryKey: ["voice-qa-staff"] });
    },
  });
  const publish = useMutation({
    mutationFn: ({ id, publish }: { id: number; publish: boolean }) => api.post(`/api/voice/qa/${id}/publish`, { publish }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["voice-qa-staff"] }),
    onSettled: () => setConfirming(null),
  });
  return { needsReview, setNeedsReview, q, setQ, draft, setDraft, confirming, setConfirming, list, save, publish };
}

/** One entry: question, answer, why it needs review, citations and validity, edit and publish. */
function QaEntryCard({ e, onEdit, onPublish }: { e: QaEntry; onEdit: (d: Draft) => void; onPublish: () => void }) {
  const { t } = useTranslation("voice");
  return (
    <Card key={e.id} withBorder>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text fw={600}>{e.question}</Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {e.needsReview ? <Badge color="orange">{t("staff.qaNeedsReview")}</Badge> : null}
          <Badge color={e.publishedAt ? "green" : "gray"}>{e.publishedAt ? t("staff.qaPublished") : t("staff.qaDraft")}</Badge>
        </Group>
      </Group>
      <Text size="sm" lineClamp={3} mt={4}>
        {e.answer}
      </Text>
      {e.reviewReason ? (
        <Alert color="orange" mt="xs" p="xs">
          {e.reviewReason}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {t("public.citations")}: {e.citations.join("; ")} · {formatDate(e.validFrom)}
        {e.validTo ? ` – ${formatDate(e.validTo)}` : ""}
      </Text>
      <Group gap="xs" mt="xs">
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            onEdit({
              id: e.id,
              question: e.question,
              answer: e.answer,
              citations: e.citations.join("\n"),
              tags: e.tags,
              validFrom: e.validFrom,
              validTo: e.validTo ?? "",
            })
          }
        >
          {t("common:action.edit")}
        </Button>
        <Button size="xs" variant="light" color={e.publishedAt ? "gray" : "green"} onClick={onPublish}>
          {e.publishedAt ? t("staff.qaUnpublish") : t("staff.qaPublish")}
        </Button>
      </Group>
    </Card>
  );
}

/** Publishing puts the entry before every worker: asked first. */
function PublishConfirmDialog({
  confirming,
  pending,
  onClose,
  onPublish,
}: {
  confirming: QaEntry | null;
  pending: boolean;
  onClose: () => void;
  onPublish: (id: number) => void;
}) {
  const { t } = useTranslation("voice");
  return (
    <Modal opened={confirming !== null} onClose={onClose} title={t("staff.qaPublishConfirmTitle")}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {confirming?.question}
        </Text>
        <Text size="sm">{t("staff.qaPublishConfirm")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:action.cancel")}
          </Button>
          <Button color="green" loading={pending} onClick={() => confirming && onPublish(confirming.id)}>
            {t("staff.qaPublish")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The entry being written: question, answer, citations one a line, topics, validity. */
function DraftForm({ draft, setDraft, save }: { draft: Draft; setDraft: (d: Draft) => void; save: ReturnType<typeof useQaEditor>["save"] }) {
  const { t } = useTranslation("voice");
  return (
    <Stack gap="xs">
      <Textarea
        label={t("staff.qaQuestion")}
        autosize
        minRows={2}
        value={draft.question}
        onChange={(e) => setDraft({ ...draft, question: e.currentTarget.value })}
      />
      <Textarea label={t("staff.qaAnswer")} autosize minRows={4} value={draft.answer} onChange={(e) => setDraft({ ...draft, answer: e.currentTarget.value })} />
      <Textarea
        label={t("staff.qaCitations")}
        autosize
        minRows={2}
        value={draft.citations}
        onChange={(e) => setDraft({ ...draft, citations: e.currentTarget.value })}
      />
      <MultiSelect
        label={t("staff.qaTags")}
        data={TOPICS.map((x) => ({ value: x, label: t(`topic.${x}`) }))}
        value={draft.tags}
        onChange={(v) => setDraft({ ...draft, tags: v })}
      />
      <Group grow>
        <TextInput
          type="date"
          label={t("staff.qaValidFrom")}
          value={draft.validFrom}
          onChange={(e) => setDraft({ ...draft, validFrom: e.currentTarget.value })}
        />
        <TextInput type="date" label={t("staff.qaValidTo")} value={draft.validTo} onChange={(e) => setDraft({ ...draft, validTo: e.currentTarget.value })} />
      </Group>
      <ErrorAlert error={save.error} />
      <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
        {t("common:action.save")}
      </Button>
    </Stack>
  );
}

function SupersededCard() {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const [oldCitation, setOld] = useState("");
  const [newCitation, setNew] = useState("");
  const list = useQuery({
    queryKey: ["voice-superseded"],
    queryFn: () => api.get<{ id: number; oldCitation: string; newCitation: string; entries: number }[]>("/api/voice/superseded"),
  });
  const mark = useMutation({
    mutationFn: () => api.post<{ flagged: number }>("/api/voice/superseded", { oldCitation, newCitation }),
    onSuccess: async (r) => {
      notifySuccess(t("staff.supersededFlagged", { count: r.flagged }));
      setOld("");
      setNew("");
      await qc.invalidateQueries({ queryKey: ["voice-superseded"] });
      await qc.invalidateQueries({ queryKey: ["voice-qa-staff"] });
    },
  });
  return (
    <Card withBorder>
      <Text fw={600}>{t("staff.superseded")}</Text>
      {list.data?.map((s) => (
        <Text key={s.id} size="sm">
          {s.oldCitation} → {s.newCitation} ({s.entries})
        </Text>
      ))}
      <Group mt="xs" align="flex-end">
        <TextInput label={t("staff.supersededOld")} placeholder="Nghị định 74/2024/NĐ-CP" value={oldCitation} onChange={(e) => setOld(e.currentTarget.value)} />
        <TextInput
          label={t("staff.supersededNew")}
          placeholder="Nghị định 293/2025/NĐ-CP"
          value={newCitation}
          onChange={(e) => setNew(e.currentTarget.value)}
        />
        <Button variant="light" color="orange" onClick={() => mark.mutate()} disabled={oldCitation.trim().length < 3 || newCitation.trim().length < 3}>
          {t("staff.supersededMark")}
        </Button>
      </Group>
      <ErrorAlert error={mark.error} />
    </Card>
  );
}
