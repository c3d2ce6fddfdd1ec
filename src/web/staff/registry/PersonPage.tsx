import type { z } from "zod";
import type { personDetailSchema, timelineEntrySchema } from "#shared/contract/registry.ts";
import { Alert, Anchor, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Timeline, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconArrowsExchange, IconDoorExit, IconPencil, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { vnTodayDmy } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { MembershipCorrectionForm, PersonEditForm } from "./PersonForms.tsx";

type TimelineEntry = z.input<typeof timelineEntrySchema>;

type PersonDetail = z.input<typeof personDetailSchema>;

type Action = "transfer" | "leave" | "join" | null;
type Editing = { kind: "person" } | { kind: "membership"; entry: TimelineEntry } | null;

/** A writer's actions: correct the person, and move them (transfer, leave) or make them join. */
function PersonActions({ p, setAction, setEditing }: { p: PersonDetail; setAction: (a: Action) => void; setEditing: (e: Editing) => void }) {
  const { t } = useTranslation("registry");
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing({ kind: "person" })}>
        {t("edit.person")}
      </Button>
      {p.unionId ? (
        <>
          <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={() => setAction("transfer")}>
            {t("person.transfer")}
          </Button>
          <Button variant="default" color="orange" leftSection={<IconDoorExit size={16} />} onClick={() => setAction("leave")}>
            {t("person.leave")}
          </Button>
        </>
      ) : (
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAction("join")}>
          {t("person.join")}
        </Button>
      )}
    </>
  );
}

/** A labelled value, "—" when empty. */
function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value || "—"}</Text>
    </div>
  );
}

/** The person's identity, contact, origin, enterprise and union. */
function PersonFacts({ p }: { p: PersonDetail }) {
  const { t } = useTranslation("registry");
  return (
    <Card withBorder mb="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Field label={t("f.citizenId")} value={p.citizenId} />
        <Field label={t("f.birthDate")} value={formatDate(p.birthDate)} />
        <Field label={t("f.gender")} value={p.gender ? t(`gender.${p.gender}`) : null} />
        <Field label={t("f.phone")} value={p.phone} />
        <Field label={t("f.ethnicity")} value={p.ethnicity} />
        <Field label={t("f.hometown")} value={p.hometown} />
        <div>
          <Text size="xs" c="dimmed">
            {t("f.enterprise")}
          </Text>
          {p.enterpriseId ? (
            <Anchor component={Link} to={`/staff/registry/enterprises/${p.enterpriseId}`}>
              {p.enterpriseName}
            </Anchor>
          ) : (
            <Text>—</Text>
          )}
        </div>
        <Field label={t("f.union")} value={p.unionName} />
      </SimpleGrid>
    </Card>
  );
}

/** The memberships one after another, each correctable by a writer. */
function MembershipTimeline({ timeline, onEdit }: { timeline: TimelineEntry[]; onEdit: ((m: TimelineEntry) => void) | null }) {
  const { t } = useTranslation("registry");
  return (
    <Timeline active={timeline.length - 1} bulletSize={18} lineWidth={2}>
      {timeline.map((m) => (
        <Timeline.Item key={m.id} title={m.unionName}>
          <Text size="sm">
            {formatDate(m.validFrom)} – {m.validTo ? formatDate(m.validTo) : t("person.current")}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`reason.${m.startReason}`)}
            {m.endReason ? ` → ${t(`reason.${m.endReason}`)}` : ""}
            {m.endNote ? ` (${m.endNote})` : ""}
            {m.cardNo ? ` · ${t("f.cardNo")} ${m.cardNo}` : ""}
          </Text>
          {onEdit ? (
            <Button
              variant="subtle"
              size="compact-xs"
              mt={2}
              leftSection={<IconPencil size={12} />}
              aria-label={`${t("edit.membership")}: ${m.unionName}, ${formatDate(m.validFrom)}`}
              onClick={() => onEdit(m)}
            >
              {t("edit.membership")}
            </Button>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** One person: their record, warnings, membership timeline, and the forms that correct or move them. */
export function PersonPage() {
  const { t } = useTranslation("registry");
  const { id } = useParams();
  const writable = useCan()("people:write");
  const [action, setAction] = useState<Action>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const { data: p, error, isLoading } = useQuery({ queryKey: ["registry", "person", id], queryFn: () => api.get<PersonDetail>(`/api/registry/people/${id}`) });
  if (isLoading) return <Loading />;
  if (error || !p) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={p.fullName}
        description={t("person.audited")}
        actions={writable ? <PersonActions p={p} setAction={setAction} setEditing={setEditing} /> : null}
      />
      {p.warnings.length ? (
        <Alert color="yellow" title={t("person.warnings")} mb="md">
          {p.warnings.map((w) => (
            <Text key={w.message} size="sm">
              {w.message}
            </Text>
          ))}
        </Alert>
      ) : null}
      <PersonFacts p={p} />
      <Title order={3} size="h5" mb="sm">
        {t("person.timeline")}
      </Title>
      <MembershipTimeline timeline={p.timeline} onEdit={writable ? (m) => setEditing({ kind: "membership", entry: m }) : null} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.kind === "membership" ? t("edit.membership") : t("edit.person")}>
        {editing?.kind === "person" ? <PersonEditForm person={p} onDone={() => setEditing(null)} /> : null}
        {editing?.kind === "membership" ? <MembershipCorrectionForm personId={p.id} entry={editing.entry} onDone={() => setEditing(null)} /> : null}
      </Modal>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? t(`person.${action}`) : ""}>
        {action ? <MovementForm personId={p.id} action={action} onDone={() => setAction(null)} /> : null}
      </Modal>
    </>
  );
}

/** A transfer, a departure (with its reason and note) or a joining, on a date. */
function MovementForm({ personId, action, onDone }: { personId: number; action: Exclude<Action, null>; onDone: () => void }) {
  const { t } = useTranslation("registry");
  const client = useQueryClient();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const unions = useQuery({
    queryKey: ["registry", "union-pick", debounced],
    queryFn: () => api.get<{ items: { id: number; name: string; code: string }[] }>(`/api/registry/unions${qs({ q: debounced, pageSize: 20 })}`),
    enabled: action !== "leave",
  });
  const form = useForm({
    initialValues: { unionId: null as string | null, date: vnTodayDmy(), reason: "left", note: "" },
    validate: {
      unionId: (v) => (action === "leave" || v ? null : t("common:common.required")),
      date: (v) => (/^\d{1,2}\/\d{1,2}\/\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? null : "dd/mm/yyyy"),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      api.post(
        `/api/registry/people/${personId}/${action}`,
        action === "leave" ? { date: v.date, reason: v.reason, note: v.note || null } : { unionId: Number(v.unionId), date: v.date },
      ),
    onSuccess: () => {
      notifySuccess(t("common:common.saved"));
      void client.invalidateQueries({ queryKey: ["registry"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        {action !== "leave" ? (
          <Select
            label={t("f.union")}
            searchable
            onSearchChange={setSearch}
            data={(unions.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.name} (${u.code})` }))}
            {...form.getInputProps("unionId")}
          />
        ) : (
          <Select
            label={t("person.reason")}
            data={["left", "dismissed", "deceased", "retired", "other"].map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps("reason")}
          />
        )}
        <TextInput label={t("person.date")} placeholder="dd/mm/yyyy" {...form.getInputProps("date")} />
        {action === "leave" ? <TextInput label={t("person.note")} {...form.getInputProps("note")} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common:action.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common:action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
