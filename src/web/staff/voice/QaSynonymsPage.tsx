import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { fold, formatDate } from "../../lib/format.ts";

interface SynonymGroup {
  id: number;
  terms: string[];
  updatedAt: string;
  updatedBy: string | null;
}

/** Words typed one per line or separated by commas. */
const splitTerms = (s: string) =>
  s
    .split(/[\n,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The everyday words of the Q&A search ("tăng ca" = "làm thêm giờ"): every officer reads them, the
 * administrators who keep the settings change them. The public search uses them at once.
 */
export function QaSynonymsPage() {
  const { t } = useTranslation("voice");
  const can = useCan();
  const mayEdit = can("admin:settings");
  const [filter, setFilter] = useState("");
  const [editing, setEditing] = useState<{ id?: number; text: string } | null>(null);
  const [removing, setRemoving] = useState<SynonymGroup | null>(null);
  const list = useQuery({ queryKey: ["voice-qa-synonyms"], queryFn: () => api.get<SynonymGroup[]>("/api/voice/qa-synonyms") });
  const { save, remove, termErrors } = useSynonymMutations(setEditing, setRemoving);
  const f = fold(filter);
  const shown = (list.data ?? []).filter((g) => !f || g.terms.some((x) => fold(x).includes(f)));
  return (
    <Stack>
      <PageHeader
        title={t("staff.synonyms.title")}
        description={t("staff.synonyms.intro")}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/staff/requests/qa" variant="default">
              {t("staff.synonyms.back")}
            </Button>
            {mayEdit ? <Button onClick={() => setEditing({ text: "" })}>{t("staff.synonyms.add")}</Button> : null}
          </Group>
        }
      />
      {mayEdit ? null : <Alert color="gray">{t("staff.synonyms.readOnly")}</Alert>}
      <TextInput
        label={t("staff.synonyms.filter")}
        placeholder={t("staff.synonyms.filterPlaceholder")}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        w={{ base: "100%", sm: 360 }}
      />
      <ErrorAlert error={list.error ?? remove.error} />
      {list.isLoading ? <Loading /> : null}
      {shown.map((g) => (
        <SynonymCard key={g.id} g={g} mayEdit={mayEdit} onEdit={() => setEditing({ id: g.id, text: g.terms.join("\n") })} onRemove={() => setRemoving(g)} />
      ))}
      {list.data && shown.length === 0 ? <Text c="dimmed">{t("staff.synonyms.none")}</Text> : null}
      <SynonymDialog
        editing={editing}
        setEditing={setEditing}
        onClose={() => {
          setEditing(null);
          save.reset();
        }}
        onSave={(d) => save.mutate(d)}
        saving={save.isPending}
        error={save.error}
        termErrors={termErrors}
      />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t("staff.synonyms.removeTitle")}>
        <Stack gap="sm">
          <Text size="sm">{t("staff.synonyms.removeConfirm", { words: removing?.terms.join(", ") ?? "" })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t("common:action.cancel")}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate(removing.id)}>
              {t("common:action.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** One group of words, with its edit and delete buttons for those who may change it. */
function SynonymCard({ g, mayEdit, onEdit, onRemove }: { g: SynonymGroup; mayEdit: boolean; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder padding="sm" data-testid="synonym-group">
      <Group justify="space-between" align="flex-start">
        <Group gap={6} style={{ flex: 1, minWidth: 0 }}>
          {g.terms.map((x) => (
            <Badge key={x} variant="light" size="lg" tt="none">
              {x}
            </Badge>
          ))}
        </Group>
        {mayEdit ? (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="light" onClick={onEdit} aria-label={`${t("common:action.edit")}: ${g.terms[0]}`}>
              {t("common:action.edit")}
            </Button>
            <Button size="xs" variant="light" color="red" onClick={onRemove} aria-label={`${t("common:action.delete")}: ${g.terms[0]}`}>
              {t("common:action.delete")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {g.updatedBy ? t("staff.synonyms.changedBy", { who: g.updatedBy, on: formatDate(g.updatedAt) }) : t("staff.synonyms.starter")}
      </Text>
    </Card>
  );
}

type Editing = { id?: number; text: string };

/** The dialog that adds or edits a group: the words one per line, each problem under the field. */
function SynonymDialog(props: {
  editing: Editing | null;
  setEditing: (e: Editing) => void;
  onClose: () => void;
  onSave: (e: Editing) => void;
  saving: boolean;
  error: unknown;
  termErrors: string[];
}) {
  const { t } = useTranslation("voice");
  const { editing, setEditing, termErrors } = props;
  return (
    <Modal opened={editing !== null} onClose={props.onClose} title={editing?.id ? t("staff.synonyms.edit") : t("staff.synonyms.add")}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave(editing);
          }}
        >
          <Stack gap="sm">
            <Textarea
              label={t("staff.synonyms.terms")}
              description={t("staff.synonyms.termsHint")}
              required
              autosize
              minRows={4}
              value={editing.text}
              onChange={(e) => setEditing({ ...editing, text: e.currentTarget.value })}
              error={termErrors.length ? termErrors.join(" · ") : null}
            />
            {termErrors.length ? null : <ErrorAlert error={props.error} />}
            <Group justify="flex-end">
              <Button type="submit" loading={props.saving}>
                {t("common:action.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

/** Saving and deleting a group; the server's problems with a word, for the words field. */
function useSynonymMutations(setEditing: (e: null) => void, setRemoving: (g: null) => void) {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (d: { id?: number; text: string }) => {
      const body = { terms: splitTerms(d.text) };
      return d.id ? api.put<SynonymGroup>(`/api/voice/qa-synonyms/${d.id}`, body) : api.post<SynonymGroup>("/api/voice/qa-synonyms", body);
    },
    onSuccess: async () => {
      notifySuccess(t("common:common.saved"));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ["voice-qa-synonyms"] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/voice/qa-synonyms/${id}`),
    onSuccess: async () => {
      notifySuccess(t("common:common.deleted"));
      setRemoving(null);
      await qc.invalidateQueries({ queryKey: ["voice-qa-synonyms"] });
    },
  });
  // The server names the word at fault (/body/terms/2): its messages go under the one field that holds the words.
  const problem = save.error instanceof ApiError ? save.error.problem : null;
  const termErrors = problem?.errors?.filter((e) => e.pointer.startsWith("/body/terms")).map((e) => e.message) ?? [];
  return { save, remove, termErrors };
}
