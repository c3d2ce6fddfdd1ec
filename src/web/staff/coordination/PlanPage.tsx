import type { z } from "zod";
import type { planItemRowSchema } from "#shared/contract/coordination.ts";
import { ActionIcon, Anchor, Badge, Button, Card, Modal, Select, SimpleGrid, Stack, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconArrowForward, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { type Plan, type PlanHeader, PlanHeaderFields, planHeaderForm } from "./PlansPage.tsx";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { applyProblem } from "../../lib/formProblems.ts";

const STATUSES = ["not_started", "in_progress", "done", "not_done", "carried_over"] as const;
const AREAS = ["leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "supervision", "general"] as const;
const statusColor: Record<string, string> = { not_started: "gray", in_progress: "blue", done: "teal", not_done: "red", carried_over: "orange" };

interface ItemValues {
  content: string;
  area: string;
  /** A party of the plan, as the Select's string value. */
  leadBodyId: string;
  deadline: string;
  status: string;
  reasonNotDone: string;
}

type Item = z.input<typeof planItemRowSchema>;

/** One plan: its numbered items, their status (changed in place by a party), carry-over into next year. */
export function PlanPage() {
  const { t } = useTranslation("coordination");
  const { id } = useParams();
  const can = useCan();
  const { data: me } = useMe();
  const client = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["plan", id], queryFn: () => api.get<Plan & { items: Item[] }>(`/api/coordination/plans/${id}`) });
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<Plan[]>("/api/coordination/plans") });
  // The item being edited, or "new" for a new item.
  const [editing, setEditing] = useState<Item | "new" | null>(null);
  const [editingPlan, setEditingPlan] = useState(false);
  const isParty = Boolean(data && me && (data.parties.some((p) => p.id === me.body.id) || me.user.role === "system_admin"));
  const writable = can("coordination:write") && isParty;
  const refresh = () => client.invalidateQueries({ queryKey: ["plan", id] }).then(() => client.invalidateQueries({ queryKey: ["plans"] }));
  const form = useForm<ItemValues>({
    initialValues: { content: "", area: "general", leadBodyId: "", deadline: "", status: "not_started", reasonNotDone: "" },
    validate: {
      content: (v) => (v.trim() ? null : t("validation.content")),
      leadBodyId: (v) => (v ? null : t("validation.lead")),
      reasonNotDone: (v, values) => ((values.status === "not_done" || values.status === "carried_over") && !v.trim() ? t("plans.reasonRequired") : null),
    },
  });
  const saveItem = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: ItemValues) => {
      const body = {
        content: v.content.trim(),
        area: v.area,
        leadBodyId: Number(v.leadBodyId),
        deadline: v.deadline || null,
        status: v.status,
        reasonNotDone: v.reasonNotDone.trim() || null,
      };
      return editing === "new" || editing === null
        ? api.post(`/api/coordination/plans/${id}/items`, body)
        : api.patch(`/api/coordination/items/${editing.id}`, body);
    },
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditing(null);
      void refresh();
    },
  });
  const planForm = useForm<PlanHeader>(planHeaderForm(t, { year: 2000, code: "", title: "", issuedOn: "" }));
  const savePlan = useMutation({
    onError: (e) => applyProblem(planForm, e),
    mutationFn: (v: PlanHeader) =>
      api.patch(`/api/coordination/plans/${id}`, { year: v.year, code: v.code.trim(), title: v.title.trim(), issuedOn: v.issuedOn || null }),
    onSuccess: () => {
      notifySuccess(t("plans.saved"));
      setEditingPlan(false);
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
  const openItem = (i: Item | "new") => {
    saveItem.reset();
    form.setValues(
      i === "new"
        ? {
            content: "",
            area: "general",
            leadBodyId: String(data?.parties.find((p) => p.id === me?.body.id)?.id ?? data?.parties[0]?.id ?? ""),
            deadline: "",
            status: "not_started",
            reasonNotDone: "",
          }
        : {
            content: i.content,
            area: i.area,
            leadBodyId: String(i.leadBodyId),
            deadline: i.deadline ?? "",
            status: i.status,
            reasonNotDone: i.reasonNotDone ?? "",
          },
    );
    form.clearErrors();
    setEditing(i);
  };
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
              <Button
                size="sm"
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => {
                  savePlan.reset();
                  planForm.setValues({ year: data.year, code: data.code, title: data.title, issuedOn: data.issuedOn ?? "" });
                  setEditingPlan(true);
                }}
              >
                {t("plans.edit")}
              </Button>
              <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => openItem("new")}>
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
        <DataTable
          rowKey={(i) => i.id}
          rows={data.items}
          columns={[
            { key: "no", header: t("plans.no"), width: 40, mobile: "hide", render: (i) => i.no },
            {
              key: "content",
              header: t("plans.content"),
              mobile: "title",
              render: (i) => (
                <>
                  <Text size="sm">
                    <Text span hiddenFrom="sm" fw={600}>
                      {i.no}.{" "}
                    </Text>
                    {i.content}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`area.${i.area}`)}
                  </Text>
                  {i.reasonNotDone ? (
                    <Text size="xs" c="orange.8">
                      {t("plans.reason")}: {i.reasonNotDone}
                    </Text>
                  ) : null}
                  {i.evidence.map((e) =>
                    // Only an absolute http(s) address becomes a link, opened outside the app and shown as the address it is.
                    e.url && /^https?:\/\//i.test(e.url) ? (
                      <Anchor key={e.label} href={e.url} target="_blank" rel="noopener noreferrer nofollow" title={e.url} size="xs" mr="xs">
                        {e.label} ({hostOf(e.url)})
                      </Anchor>
                    ) : (
                      <Text key={e.label} size="xs" span mr="xs">
                        {e.label}
                      </Text>
                    ),
                  )}
                </>
              ),
            },
            { key: "lead", header: t("plans.lead"), render: (i) => <Text size="sm">{i.leadBodyName}</Text> },
            { key: "deadline", header: t("plans.deadline"), mobile: "top", render: (i) => formatDate(i.deadline) },
            {
              key: "status",
              header: t("plans.status"),
              mobile: "top",
              render: (i) => (
                <Badge
                  color={statusColor[i.status]}
                  variant="light"
                  style={{ cursor: writable ? "pointer" : undefined }}
                  onClick={() => {
                    if (writable) openItem(i);
                  }}
                >
                  {t(`status.${i.status}`)}
                </Badge>
              ),
            },
            ...(writable
              ? [
                  {
                    key: "edit",
                    header: <VisuallyHidden>{t("plans.editItem")}</VisuallyHidden>,
                    width: 40,
                    render: (i: (typeof data.items)[number]) => (
                      <ActionIcon variant="subtle" aria-label={t("plans.editItem")} onClick={() => openItem(i)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("plans.addItem") : editing ? `${t("plans.no")} ${editing.no}` : ""}
        size="lg"
      >
        <form onSubmit={form.onSubmit((v) => saveItem.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={saveItem.error} form={form} />
            <Textarea label={t("plans.content")} required autosize minRows={3} {...form.getInputProps("content")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t("plans.area")}
                data={AREAS.map((a) => ({ value: a, label: t(`area.${a}`) }))}
                allowDeselect={false}
                {...form.getInputProps("area")}
              />
              <Select
                label={t("plans.lead")}
                required
                data={data.parties.map((p) => ({ value: String(p.id), label: p.shortName ?? p.name }))}
                allowDeselect={false}
                {...form.getInputProps("leadBodyId")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={t("plans.deadline")}
                value={form.values.deadline}
                onChange={(v) => form.setFieldValue("deadline", v ?? "")}
                error={form.errors.deadline as string | undefined}
              />
              <Select
                label={t("plans.status")}
                data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                allowDeselect={false}
                {...form.getInputProps("status")}
              />
            </SimpleGrid>
            <Textarea
              label={t("plans.reason")}
              description={t("plans.reasonRequired")}
              required={form.values.status === "not_done" || form.values.status === "carried_over"}
              autosize
              minRows={2}
              {...form.getInputProps("reasonNotDone")}
            />
            <FormModalFooter onCancel={() => setEditing(null)} saving={saveItem.isPending} />
          </Stack>
        </form>
      </Modal>
      <Modal opened={editingPlan} onClose={() => setEditingPlan(false)} title={t("plans.edit")}>
        <form onSubmit={planForm.onSubmit((v) => savePlan.mutate(v))} noValidate>
          <Stack>
            <ErrorAlert error={savePlan.error} form={planForm} />
            <PlanHeaderFields form={planForm} />
            <FormModalFooter onCancel={() => setEditingPlan(false)} saving={savePlan.isPending} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** "https://vanban.example.vn/a/b" → "vanban.example.vn": the reader sees where a link leads before following it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
