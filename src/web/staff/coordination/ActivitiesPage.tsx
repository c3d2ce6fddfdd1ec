import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, VisuallyHidden } from "@mantine/core";
import { useForm } from "@mantine/form";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { activityKinds } from "#shared/activities.ts";
import { vnToday } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";

const PAGE_SIZE = 50;

interface Activity {
  id: number;
  kind: string;
  title: string;
  heldOn: string;
  bodyName: string;
  zoneName: string | null;
  enterpriseName: string | null;
  sessions: number;
  participants: number;
  visitors: number | null;
  stalls: number | null;
  questionCount: number;
  /** Questions turned into requests: the server then refuses to delete the conference. */
  requestCount: number;
}

/** One activity as GET /api/coordination/activities/:id returns it, to fill the form. */
interface ActivityDetail extends Activity {
  endedOn: string | null;
  zoneId: number | null;
  unionId: number | null;
  enterpriseId: number | null;
  units: number | null;
  copies: number | null;
  notes: string | null;
  questions: { text: string; asker: string | null; enterpriseId: number | null; topic: string | null; answer: string | null; requestRef: string | null }[];
}

type Values = ReturnType<typeof emptyValues>;
const emptyValues = () => ({
  kind: "training",
  title: "",
  heldOn: vnToday(),
  endedOn: "",
  sessions: 1 as number | string,
  participants: 0 as number | string,
  units: "" as number | string,
  stalls: "" as number | string,
  visitors: "" as number | string,
  copies: "" as number | string,
  questions: "",
});

/** The questions an officer may still edit: those already turned into requests stay as they are. */
const openQuestions = (a: ActivityDetail) => a.questions.filter((q) => !q.requestRef);

/** The form filled with a recorded activity. */
function valuesOf(a: ActivityDetail): Values {
  return {
    kind: a.kind,
    title: a.title,
    heldOn: a.heldOn,
    endedOn: a.endedOn ?? "",
    sessions: a.sessions,
    participants: a.participants,
    units: a.units ?? "",
    stalls: a.stalls ?? "",
    visitors: a.visitors ?? "",
    copies: a.copies ?? "",
    questions: openQuestions(a)
      .map((q) => q.text)
      .join("\n"),
  };
}

/**
 * The questions to send. A correction that leaves the questions as they were sends none, so the
 * server keeps them with their asker, topic and answer; a changed line list keeps those details for
 * the lines still there. An activity that is no longer a conference drops its open questions.
 */
function questionsBody(v: Values, before: ActivityDetail | null) {
  const lines = v.questions
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (v.kind !== "dialogue") return before?.kind === "dialogue" && openQuestions(before).length ? { questions: [] } : {};
  if (!before) return lines.length ? { questions: lines.map((text) => ({ text })) } : {};
  if (v.questions === valuesOf(before).questions) return {};
  const kept = new Map(openQuestions(before).map((q) => [q.text, q]));
  return {
    questions: lines.map((text) => {
      const q = kept.get(text);
      return q ? { text, asker: q.asker, enterpriseId: q.enterpriseId, topic: q.topic, answer: q.answer } : { text };
    }),
  };
}

/** Activities filtered by kind and period (the figures of the report link here), with their totals. */
export function ActivitiesPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ActivityDetail | "new" | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const [removing, setRemoving] = useState<Activity | null>(null);
  const filters = { kind: params.get("kind"), from: params.get("from"), to: params.get("to"), enterpriseOwnership: params.get("enterpriseOwnership") };
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const { data, error, isLoading } = useQuery({
    queryKey: ["activities", filters, page],
    queryFn: () =>
      api.get<{ total: number; totals: { sessions: number; participants: number; enterprises: number } | null; items: Activity[] }>(
        `/api/coordination/activities${qs({ ...filters, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const form = useForm({
    initialValues: emptyValues(),
    validate: {
      title: (v) => (v.trim() ? null : t("validation.activityTitle")),
      heldOn: (v) => (v ? null : t("validation.heldOn")),
      endedOn: (v, values) => (v && values.heldOn && v < values.heldOn ? t("validation.endedOn") : null),
      sessions: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
      participants: (v) => (v === "" || (typeof v === "number" && v >= 0) ? null : t("validation.nonNegative")),
    },
  });
  const count = (v: number | string) => (typeof v === "number" ? v : null);
  // Activities feed the list's totals, the dashboard, the joint report and its traces, and the
  // computed targets (officials trained): all of them are read again after a change.
  const refresh = () => {
    for (const key of ["activities", "dashboard", "report-preview", "trace", "targets"]) void client.invalidateQueries({ queryKey: [key] });
  };
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: Values) => {
      const before = editing && editing !== "new" ? editing : null;
      const body = {
        kind: v.kind,
        title: v.title.trim(),
        heldOn: v.heldOn,
        endedOn: v.endedOn || null,
        sessions: count(v.sessions) ?? 0,
        participants: count(v.participants) ?? 0,
        ...(v.kind === "tet_market" || v.kind === "job_fair" ? { units: count(v.units), stalls: count(v.stalls), visitors: count(v.visitors) } : {}),
        ...(v.kind === "propaganda" ? { copies: count(v.copies) } : {}),
        ...(v.kind === "party_admission" ? { units: count(v.units) } : {}),
        // The form does not show where it happened nor the notes: a correction keeps them.
        ...(before ? { zoneId: before.zoneId, unionId: before.unionId, enterpriseId: before.enterpriseId, notes: before.notes } : {}),
        ...questionsBody(v, before),
      };
      return before ? api.put(`/api/coordination/activities/${before.id}`, body) : api.post("/api/coordination/activities", body);
    },
    onSuccess: () => {
      setEditing(null);
      notifySuccess(t("plans.saved"));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (a: Activity) => api.delete(`/api/coordination/activities/${a.id}`),
    onSuccess: (_r, a) => {
      setRemoving(null);
      notifySuccess(t("activities.deleted", { title: a.title }));
      refresh();
    },
  });
  const openNew = () => {
    save.reset();
    form.setValues(emptyValues());
    form.clearErrors();
    setEditing("new");
  };
  // The form needs what the list leaves out (end date, questions, place): read the activity first.
  const openEdit = (row: Activity) => {
    setOpening(row.id);
    api
      .get<ActivityDetail>(`/api/coordination/activities/${row.id}`)
      .then((a) => {
        save.reset();
        form.setValues(valuesOf(a));
        form.clearErrors();
        setEditing(a);
      })
      .catch(notifyError)
      .finally(() => setOpening(null));
  };
  const openRemove = (row: Activity) => {
    remove.reset();
    setRemoving(row);
  };
  const before = editing && editing !== "new" ? editing : null;
  const linked = before ? before.questions.length - openQuestions(before).length : 0;
  // The list holds only activities in the caller's scope, and the server lets whoever holds
  // coordination:write correct or delete any of them: the permission alone decides. A conference
  // whose questions became requests cannot be deleted, so it offers no delete.
  const writable = can("coordination:write");
  const actions = (r: Activity) => (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <ActionIcon variant="subtle" aria-label={`${t("activities.edit")}: ${r.title}`} loading={opening === r.id} onClick={() => openEdit(r)}>
        <IconPencil size={16} />
      </ActionIcon>
      {r.requestCount ? null : (
        <ActionIcon variant="subtle" color="red" aria-label={`${t("activities.delete")}: ${r.title}`} onClick={() => openRemove(r)}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
  const columns: Column<Activity>[] = [
    { key: "heldOn", header: t("activities.heldOn"), mobile: "top", render: (r) => formatDate(r.heldOn) },
    {
      key: "title",
      header: t("activities.name"),
      mobile: "title",
      render: (r) => (
        <div>
          <Text size="sm">{r.title}</Text>
          <Group gap={4}>
            <Badge size="xs" variant="light">
              {t(`kind.${r.kind}`)}
            </Badge>
            {r.questionCount ? (
              <Badge size="xs" variant="light" color="grape">
                {t("activities.questions", { n: r.questionCount })}
              </Badge>
            ) : null}
          </Group>
          {/* On phones the actions column is off to the side: the actions sit under the name. */}
          {writable ? (
            <Group hiddenFrom="sm" mt={4}>
              {actions(r)}
            </Group>
          ) : null}
        </div>
      ),
    },
    { key: "where", header: t("activities.where"), render: (r) => r.enterpriseName ?? r.zoneName ?? r.bodyName, hideOnMobile: true },
    { key: "sessions", header: t("activities.sessions"), render: (r) => formatNumber(r.sessions), align: "right", hideOnMobile: true },
    { key: "participants", header: t("activities.participants"), render: (r) => formatNumber(r.participants || r.visitors || 0), align: "right" },
  ];
  if (writable) columns.push({ key: "actions", header: <VisuallyHidden>{t("activities.actions")}</VisuallyHidden>, render: actions, hideOnMobile: true });
  const kinds = activityKinds.filter((k) => k !== "supervision" || before?.kind === "supervision");
  return (
    <>
      <PageHeader
        title={t("activities.title")}
        description={t("activities.hint")}
        actions={
          writable ? (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              {t("activities.add")}
            </Button>
          ) : null
        }
      />
      <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
        <Select
          label={t("activities.kind")}
          clearable
          placeholder={t("activities.all")}
          data={activityKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={filters.kind}
          onChange={(v) => set("kind", v)}
        />
        <DateField label={t("activities.from")} value={filters.from} onChange={(v) => set("from", v)} />
        <DateField label={t("activities.to")} value={filters.to} onChange={(v) => set("to", v)} />
      </Group>
      {data?.totals ? (
        <Text size="sm" fw={600} mb="sm">
          {t("activities.totals", {
            n: formatNumber(data.total),
            sessions: formatNumber(data.totals.sessions),
            participants: formatNumber(data.totals.participants),
          })}
          {filters.kind === "supervision" ? ` · ${t("activities.enterprises", { n: formatNumber(data.totals.enterprises) })}` : ""}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(r) => r.id}
      />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={before ? t("activities.edit") : t("activities.add")}>
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={save.error} form={form} />
            <Select
              label={t("activities.kind")}
              data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              allowDeselect={false}
              {...form.getInputProps("kind")}
            />
            <TextInput label={t("activities.name")} required {...form.getInputProps("title")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={t("activities.heldOn")}
                required
                value={form.values.heldOn}
                onChange={(v) => form.setFieldValue("heldOn", v ?? "")}
                error={form.errors.heldOn as string | undefined}
              />
              <DateField
                label={t("activities.endedOn")}
                value={form.values.endedOn}
                onChange={(v) => form.setFieldValue("endedOn", v ?? "")}
                error={form.errors.endedOn as string | undefined}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t("activities.sessions")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("sessions")} />
              <NumberInput label={t("activities.participants")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("participants")} />
            </SimpleGrid>
            {form.values.kind === "tet_market" || form.values.kind === "job_fair" ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label={t("activities.units")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("units")} />
                <NumberInput label={t("activities.stalls")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("stalls")} />
                <NumberInput label={t("activities.visitors")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("visitors")} />
              </SimpleGrid>
            ) : null}
            {form.values.kind === "party_admission" ? (
              <NumberInput
                label={t("activities.admittedWorkers")}
                description={t("activities.admittedHint")}
                min={0}
                thousandSeparator="."
                decimalSeparator=","
                {...form.getInputProps("units")}
              />
            ) : null}
            {form.values.kind === "propaganda" ? (
              <NumberInput label={t("activities.copies")} min={0} thousandSeparator="." decimalSeparator="," {...form.getInputProps("copies")} />
            ) : null}
            {form.values.kind === "dialogue" ? (
              <Textarea
                label={t("activities.questions", { n: form.values.questions.split("\n").filter((l) => l.trim()).length })}
                description={t("activities.questionsHint")}
                autosize
                minRows={3}
                {...form.getInputProps("questions")}
              />
            ) : null}
            {linked ? (
              <Text size="xs" c="dimmed">
                {t("activities.linkedQuestions", { n: linked })}
              </Text>
            ) : null}
            <FormModalFooter onCancel={() => setEditing(null)} saving={save.isPending} />
          </Stack>
        </form>
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t("activities.delete")}>
        <Stack>
          <ErrorAlert error={remove.error} />
          <Text size="sm">
            {t("activities.deleteConfirm", {
              title: removing?.title ?? "",
              date: removing ? formatDate(removing.heldOn) : "",
              participants: formatNumber(removing ? removing.participants || removing.visitors || 0 : 0),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t("activities.deleteHint")}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)} disabled={remove.isPending}>
              {t("common:action.cancel")}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate(removing)}>
              {t("common:action.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
