import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconArrowForward, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import type { Plan } from "./PlansPage.tsx";

const STATUSES = ["not_started", "in_progress", "done", "not_done", "carried_over"] as const;
const AREAS = ["leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "supervision", "general"] as const;
const statusColor: Record<string, string> = { not_started: "gray", in_progress: "blue", done: "teal", not_done: "red", carried_over: "orange" };

interface Item {
  id: number;
  no: number;
  area: string;
  content: string;
  leadBodyId: number;
  leadBodyName: string;
  deadline: string | null;
  status: string;
  evidence: { label: string; url?: string }[];
  reasonNotDone: string | null;
  carriedFromItemId: number | null;
}

/** One plan: its numbered items, their status (changed in place by a party), carry-over into next year. */
export function PlanPage() {
  const { t } = useTranslation("coordination");
  const { id } = useParams();
  const can = useCan();
  const { data: me } = useMe();
  const client = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["plan", id], queryFn: () => api.get<Plan & { items: Item[] }>(`/api/coordination/plans/${id}`) });
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<Plan[]>("/api/coordination/plans") });
  const [editing, setEditing] = useState<Item | null>(null);
  const [adding, setAdding] = useState(false);
  const isParty = Boolean(data && me && (data.parties.some((p) => p.id === me.body.id) || me.user.role === "system_admin"));
  const writable = can("coordination:write") && isParty;
  const refresh = () => client.invalidateQueries({ queryKey: ["plan", id] }).then(() => client.invalidateQueries({ queryKey: ["plans"] }));
  const update = useMutation({
    mutationFn: (v: { id: number; status: string; reasonNotDone: string | null }) =>
      api.patch(`/api/coordination/items/${v.id}`, { status: v.status, reasonNotDone: v.reasonNotDone }),
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void refresh();
    },
  });
  const next = plans.data?.find((p) => data && p.year === data.year + 1);
  const carry = useMutation({
    mutationFn: () => api.post<{ carried: number }>(`/api/coordination/plans/${id}/carry-over`, { toPlanId: next?.id }),
    onSuccess: (r) => {
      notifySuccess(t("plans.carried", { n: r.carried }));
      void refresh();
    },
    onError: notifyError,
  });
  const add = useMutation({
    mutationFn: (v: { content: string; area: string; deadline: string }) =>
      api.post(`/api/coordination/plans/${id}/items`, { content: v.content, area: v.area, deadline: v.deadline || null, leadBodyId: me?.body.id }),
    onSuccess: () => {
      setAdding(false);
      void refresh();
    },
  });
  const form = useForm({ initialValues: { status: "in_progress", reasonNotDone: "" } });
  const addForm = useForm({ initialValues: { content: "", area: "general", deadline: "" } });
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={data.title}
        description={`${data.code}${data.issuedOn ? ` · ${formatDate(data.issuedOn)}` : ""} · ${data.summary.line}`}
        actions={
          writable ? (
            <>
              <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                {t("plans.addItem")}
              </Button>
              <Button
                size="sm"
                variant="default"
                leftSection={<IconArrowForward size={16} />}
                disabled={!next}
                title={next ? undefined : t("plans.noNext")}
                loading={carry.isPending}
                onClick={() => carry.mutate()}
              >
                {t("plans.carryOver")}
              </Button>
            </>
          ) : null
        }
      />
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={680}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>{t("plans.no")}</Table.Th>
                <Table.Th>{t("plans.content")}</Table.Th>
                <Table.Th>{t("plans.lead")}</Table.Th>
                <Table.Th>{t("plans.deadline")}</Table.Th>
                <Table.Th>{t("plans.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.no}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.content}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`area.${i.area}`)}
                    </Text>
                    {i.reasonNotDone ? (
                      <Text size="xs" c="orange.8">
                        {t("plans.reason")}: {i.reasonNotDone}
                      </Text>
                    ) : null}
                    {i.evidence.map((e) =>
                      e.url ? (
                        <Anchor key={e.label} component={Link} to={e.url} size="xs" mr="xs">
                          {e.label}
                        </Anchor>
                      ) : (
                        <Text key={e.label} size="xs" span mr="xs">
                          {e.label}
                        </Text>
                      ),
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.leadBodyName}</Text>
                  </Table.Td>
                  <Table.Td>{formatDate(i.deadline)}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={statusColor[i.status]}
                      variant="light"
                      style={{ cursor: writable ? "pointer" : undefined }}
                      onClick={() => {
                        if (!writable) return;
                        form.setValues({ status: i.status, reasonNotDone: i.reasonNotDone ?? "" });
                        setEditing(i);
                      }}
                    >
                      {t(`status.${i.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Modal opened={Boolean(editing)} onClose={() => setEditing(null)} title={editing ? `${t("plans.no")} ${editing.no}` : ""}>
        <form
          onSubmit={form.onSubmit((v) => {
            if (editing) update.mutate({ id: editing.id, status: v.status, reasonNotDone: v.reasonNotDone || null });
          })}
        >
          <Stack>
            <ErrorAlert error={update.error} />
            <Text size="sm">{editing?.content}</Text>
            <Select
              label={t("plans.status")}
              data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
            <Textarea label={t("plans.reason")} description={t("plans.reasonRequired")} autosize minRows={2} {...form.getInputProps("reasonNotDone")} />
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                {t("common:action.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("plans.addItem")}>
        <form onSubmit={addForm.onSubmit((v) => add.mutate(v))}>
          <Stack>
            <ErrorAlert error={add.error} />
            <Textarea label={t("plans.content")} required autosize minRows={3} {...addForm.getInputProps("content")} />
            <Select
              label={t("plans.area")}
              data={AREAS.map((a) => ({ value: a, label: t(`area.${a}`) }))}
              allowDeselect={false}
              {...addForm.getInputProps("area")}
            />
            <TextInput label={t("plans.deadline")} type="date" {...addForm.getInputProps("deadline")} />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending}>
                {t("common:action.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
