import { Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Stack, Switch, Table, Tabs, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import type { z } from "zod";
import type { incidentsListSchema, rightsRequestsListSchema, rowsSchema } from "#shared/contract/privacy.ts";

type RightsRequest = z.input<typeof rightsRequestsListSchema>[number];
type Incident = z.input<typeof incidentsListSchema>[number];

/** Personal-data protection for officers: data subjects' requests to answer, the incident register, retention. */
export function PrivacyPage() {
  const { t } = useTranslation("privacy");
  const can = useCan();
  return (
    <Stack>
      <PageHeader title={t("staff.title")} />
      <Tabs defaultValue={can("voice:identity") ? "requests" : "incidents"}>
        <Tabs.List>
          {can("voice:identity") ? <Tabs.Tab value="requests">{t("staff.tabs.requests")}</Tabs.Tab> : null}
          {can("audit:read") ? <Tabs.Tab value="incidents">{t("staff.tabs.incidents")}</Tabs.Tab> : null}
          {can("admin:settings") ? <Tabs.Tab value="retention">{t("staff.tabs.retention")}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="requests" pt="md">
          {can("voice:identity") ? <RequestsTab /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="incidents" pt="md">
          {can("audit:read") ? <IncidentsTab /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          {can("admin:settings") ? <RetentionTab /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function RequestsTab() {
  const { t } = useTranslation("privacy");
  const can = useCan();
  const [open, setOpen] = useState(true);
  const [answering, setAnswering] = useState<RightsRequest | null>(null);
  const [member, setMember] = useState(false);
  const { data, error, isLoading } = useQuery({
    queryKey: ["privacy-requests", open],
    queryFn: () => api.get<RightsRequest[]>(`/api/privacy/requests${open ? "?open=true" : ""}`),
  });
  const columns: Column<RightsRequest>[] = [
    { key: "code", header: t("staff.col.code"), render: (r) => r.code },
    { key: "kind", header: t("staff.col.kind"), render: (r) => t(`kind.${r.kind}`) },
    { key: "subject", header: t("staff.col.subject"), render: (r) => r.subjectRef ?? `#${r.subjectId}`, hideOnMobile: true },
    {
      key: "due",
      header: t("staff.col.due"),
      render: (r) => (
        <Group gap={4}>
          <Text size="sm">{formatDateTime(r.dueAt)}</Text>
          {r.overdue ? (
            <Badge color="red" size="xs">
              {t("staff.overdue")}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: "status", header: t("staff.col.status"), render: (r) => t(`status.${r.status}`) },
    {
      key: "act",
      header: "",
      render: (r) =>
        r.status === "received" ? (
          <Button size="compact-sm" variant="light" onClick={() => setAnswering(r)}>
            {t("staff.answer")}
          </Button>
        ) : (
          <Text size="xs">{r.answer}</Text>
        ),
    },
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Switch checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} label={t("staff.openOnly")} />
        {can("people:identity") ? (
          <Button variant="light" onClick={() => setMember(true)}>
            {t("staff.member")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={error} />
      <DataTable columns={columns} rows={data} loading={isLoading} rowKey={(r) => r.id} />
      <AnswerModal r={answering} onClose={() => setAnswering(null)} />
      <MemberModal opened={member} onClose={() => setMember(false)} />
    </Stack>
  );
}

function AnswerModal({ r, onClose }: { r: RightsRequest | null; onClose: () => void }) {
  const { t } = useTranslation("privacy");
  const qc = useQueryClient();
  const [answer, setAnswer] = useState("");
  const [phone, setPhone] = useState("");
  const save = useMutation({
    mutationFn: (outcome: "done" | "refused") =>
      api.post(`/api/privacy/requests/${r?.id}/resolve`, {
        outcome,
        answer,
        ...(r?.kind === "correction" && phone.trim() && outcome === "done" ? { correction: { phone: phone.trim() } } : {}),
      }),
    onSuccess: async () => {
      notifySuccess(t("staff.saved"));
      setAnswer("");
      setPhone("");
      onClose();
      await qc.invalidateQueries({ queryKey: ["privacy-requests"] });
    },
  });
  return (
    <Modal opened={r !== null} onClose={onClose} title={r ? `${r.code} · ${t(`kind.${r.kind}`)}` : ""}>
      {r ? (
        <Stack>
          {r.detail ? <Text size="sm">{r.detail}</Text> : null}
          <Text size="xs" c="dimmed">
            {r.dueBasis}
          </Text>
          {r.kind === "correction" ? <TextInput label={t("staff.correctPhone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} /> : null}
          <Textarea label={t("staff.answerLabel")} autosize minRows={3} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />
          <ErrorAlert error={save.error} />
          <Group>
            <Button onClick={() => save.mutate("done")} loading={save.isPending} disabled={answer.trim().length < 10}>
              {t("staff.done")}
            </Button>
            <Button color="gray" variant="light" onClick={() => save.mutate("refused")} disabled={answer.trim().length < 10}>
              {t("staff.refuse")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function MemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation("privacy");
  const qc = useQueryClient();
  const [personId, setPersonId] = useState<number | string>("");
  const [kind, setKind] = useState("access");
  const [detail, setDetail] = useState("");
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: () => api.post("/api/privacy/requests", { personId: Number(personId), kind, detail, identityChecked: checked }),
    onSuccess: async () => {
      notifySuccess(t("staff.saved"));
      onClose();
      await qc.invalidateQueries({ queryKey: ["privacy-requests"] });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("staff.member")}>
      <Stack>
        <NumberInput label={t("staff.personId")} value={personId} onChange={setPersonId} min={1} />
        <Group gap="xs">
          {["access", "correction", "withdraw", "deletion"].map((k) => (
            <Button key={k} size="compact-sm" variant={kind === k ? "filled" : "light"} onClick={() => setKind(k)}>
              {t(`kind.${k}`)}
            </Button>
          ))}
        </Group>
        <Textarea label={t("portal.detail")} autosize minRows={2} value={detail} onChange={(e) => setDetail(e.currentTarget.value)} />
        <Checkbox label={t("staff.identityChecked")} checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />
        <ErrorAlert error={save.error} />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!checked || !personId || detail.trim().length < 3}>
          {t("portal.send")}
        </Button>
      </Stack>
    </Modal>
  );
}

/** A data breach: its deadline to notify (72 hours) or when it was notified, and, until then, "mark notified" with the reason when late. */
function IncidentCard({ i, reason, setReason, onNotified }: { i: Incident; reason: string; setReason: (v: string) => void; onNotified: () => void }) {
  const { t } = useTranslation("privacy");
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text fw={600}>{i.title}</Text>
        {i.notifiedAt ? (
          <Badge color={i.late ? "orange" : "teal"}>{t("staff.incident.notified", { at: formatDateTime(i.notifiedAt) })}</Badge>
        ) : (
          <Badge color={i.late ? "red" : "yellow"}>{i.late ? t("staff.incident.late") : t("staff.incident.left", { hours: i.hoursLeft })}</Badge>
        )}
      </Group>
      <Text size="sm">{i.description}</Text>
      <Text size="xs" c="dimmed">
        {t("staff.incident.detectedAt")}: {formatDateTime(i.detectedAt)} · {t("staff.incident.notifyBy")}: {formatDateTime(i.notifyBy)} · {i.dataKinds}
        {i.peopleAffected !== null ? ` · ${formatNumber(i.peopleAffected)}` : ""}
      </Text>
      {i.notifiedAt ? null : (
        <Group mt="xs" align="flex-end">
          {i.late ? <TextInput label={t("staff.incident.lateReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
          <Button variant="light" onClick={onNotified}>
            {t("staff.incident.markNotified")}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function IncidentsTab() {
  const { t } = useTranslation("privacy");
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ["privacy-incidents"], queryFn: () => api.get<Incident[]>("/api/privacy/incidents") });
  const [form, setForm] = useState({ title: "", description: "", detectedAt: "", dataKinds: "" });
  const [reason, setReason] = useState<Record<number, string>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: ["privacy-incidents"] });
  const create = useMutation({
    mutationFn: () => api.post("/api/privacy/incidents", { ...form, detectedAt: new Date(form.detectedAt).toISOString() }),
    onSuccess: async () => {
      notifySuccess(t("staff.saved"));
      setForm({ title: "", description: "", detectedAt: "", dataKinds: "" });
      await refresh();
    },
  });
  const notified = useMutation({
    mutationFn: (i: Incident) =>
      api.post(`/api/privacy/incidents/${i.id}/notified`, { notifiedAt: new Date().toISOString(), ...(reason[i.id] ? { lateReason: reason[i.id] } : {}) }),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{t("staff.incident.new")}</Text>
          <TextInput label={t("staff.incident.title")} value={form.title} onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} />
          <Textarea
            label={t("staff.incident.description")}
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t("staff.incident.detectedAt")}
              value={form.detectedAt}
              onChange={(e) => setForm({ ...form, detectedAt: e.currentTarget.value })}
            />
            <TextInput label={t("staff.incident.dataKinds")} value={form.dataKinds} onChange={(e) => setForm({ ...form, dataKinds: e.currentTarget.value })} />
          </Group>
          <ErrorAlert error={create.error ?? notified.error} />
          <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!form.title || !form.detectedAt} w="fit-content">
            {t("staff.incident.new")}
          </Button>
        </Stack>
      </Card>
      <ErrorAlert error={error} />
      {(data ?? []).map((i) => (
        <IncidentCard
          key={i.id}
          i={i}
          reason={reason[i.id] ?? ""}
          setReason={(v) => setReason({ ...reason, [i.id]: v })}
          onNotified={() => notified.mutate(i)}
        />
      ))}
    </Stack>
  );
}

function RetentionTab() {
  const { t } = useTranslation("privacy");
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: ["privacy-retention"],
    queryFn: () => api.get<z.input<typeof rowsSchema>>("/api/privacy/retention"),
  });
  const [edits, setEdits] = useState<Record<string, number>>({});
  const save = useMutation({
    mutationFn: () => api.put("/api/privacy/retention", edits),
    onSuccess: async () => {
      notifySuccess(t("staff.saved"));
      setEdits({});
      await qc.invalidateQueries({ queryKey: ["privacy-retention"] });
    },
  });
  const run = useMutation({
    mutationFn: () => api.post("/api/privacy/retention/run"),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy-retention"] }),
  });
  return (
    <Stack>
      <ErrorAlert error={error ?? save.error ?? run.error} />
      <Table>
        <Table.Tbody>
          {Object.entries(data?.months ?? {}).map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td>{t(`staff.retention.kinds.${k}`)}</Table.Td>
              <Table.Td w={160}>
                <NumberInput
                  min={1}
                  max={600}
                  value={edits[k] ?? v}
                  onChange={(n) => setEdits({ ...edits, [k]: Number(n) })}
                  rightSection={<Text size="xs">{t("staff.retention.months")}</Text>}
                  rightSectionWidth={50}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={() => save.mutate()} disabled={!Object.keys(edits).length} loading={save.isPending}>
          {t("staff.retention.save")}
        </Button>
        <Button variant="light" color="orange" onClick={() => run.mutate()} loading={run.isPending}>
          {t("staff.retention.run")}
        </Button>
      </Group>
      <Text fw={600}>{t("staff.retention.runs")}</Text>
      {(data?.runs ?? []).map((r) => (
        <Text key={`${r.ranAt}-${r.kind}`} size="sm">
          {formatDateTime(r.ranAt)} · {t(`staff.retention.kinds.${r.kind}`)} · {t("staff.retention.ran", { rows: formatNumber(r.rows), action: r.action })}
        </Text>
      ))}
    </Stack>
  );
}
