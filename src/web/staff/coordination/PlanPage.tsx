import { ActionIcon, Anchor, Badge, Button, Card, Text, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconArrowForward, IconPencil, IconPlus } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { type Item, type PlanHeaderEditor, type PlanItemEditor, type PlanWithItems, usePlanHeaderEditor, usePlanItemEditor } from "./plan.form.ts";
import { PlanHeaderModal, PlanItemModal } from "./PlanModals.tsx";
import type { Plan } from "./PlansPage.tsx";

const statusColor: Record<string, string> = { not_started: "gray", in_progress: "blue", done: "teal", not_done: "red", carried_over: "orange" };

/** An item's content with its area, the reason it was not done and its evidence. */
function ItemContent({ i }: { i: Item }) {
  const { t } = useTranslation("coordination");
  return (
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
  );
}

/** The items' columns; a party may open an item from its status or its pencil. */
function itemColumns(t: TFunction<"coordination">, editor: PlanItemEditor | null): Column<Item>[] {
  return [
    { key: "no", header: t("plans.no"), width: 40, mobile: "hide", render: (i) => i.no },
    { key: "content", header: t("plans.content"), mobile: "title", render: (i) => <ItemContent i={i} /> },
    { key: "lead", header: t("plans.lead"), render: (i) => <Text size="sm">{i.leadBodyName}</Text> },
    { key: "deadline", header: t("plans.deadline"), mobile: "top", render: (i) => formatDate(i.deadline) },
    {
      key: "status",
      header: t("plans.status"),
      mobile: "top",
      render: (i) => (
        // The whole word, never "Hoàn th…": the badge keeps its width and the row's other cells wrap instead.
        <Badge
          color={statusColor[i.status]}
          variant="light"
          style={{ cursor: editor ? "pointer" : undefined, minWidth: "max-content" }}
          styles={{ label: { overflow: "visible" } }}
          onClick={() => editor?.open(i)}
        >
          {t(`status.${i.status}`)}
        </Badge>
      ),
    },
    ...(editor
      ? [
          {
            key: "edit",
            header: <VisuallyHidden>{t("plans.editItem")}</VisuallyHidden>,
            width: 40,
            render: (i: Item) => (
              <ActionIcon variant="subtle" aria-label={t("plans.editItem")} onClick={() => editor.open(i)}>
                <IconPencil size={16} />
              </ActionIcon>
            ),
          },
        ]
      : []),
  ];
}

/** A party's actions: correct the header, add an item, carry unfinished items into next year's plan. */
function PlanActions({
  plan,
  items,
  header,
  next,
  refresh,
}: {
  plan: Plan;
  items: PlanItemEditor;
  header: PlanHeaderEditor;
  next: Plan | undefined;
  refresh: () => unknown;
}) {
  const { t } = useTranslation("coordination");
  const carry = useMutation({
    mutationFn: () => api.post<{ carried: number }>(`/api/coordination/plans/${plan.id}/carry-over`, { toPlanId: next?.id }),
    onSuccess: (r) => {
      notifySuccess(t("plans.carried", { n: r.carried }));
      void refresh();
    },
    onError: notifyError,
  });
  return (
    <>
      <Button size="sm" variant="default" leftSection={<IconPencil size={16} />} onClick={() => header.open(plan)}>
        {t("plans.edit")}
      </Button>
      <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => items.open("new")}>
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
  );
}

/** One plan: its numbered items, their status (changed in place by a party), carry-over into next year. */
export function PlanPage() {
  const { t } = useTranslation("coordination");
  const { id } = useParams();
  const can = useCan();
  const { data: me } = useMe();
  const client = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["plan", id], queryFn: () => api.get<PlanWithItems>(`/api/coordination/plans/${id}`) });
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api.get<Plan[]>("/api/coordination/plans") });
  const isParty = Boolean(data && me && (data.parties.some((p) => p.id === me.body.id) || me.user.role === "system_admin"));
  const writable = can("coordination:write") && isParty;
  const refresh = () => client.invalidateQueries({ queryKey: ["plan", id] }).then(() => client.invalidateQueries({ queryKey: ["plans"] }));
  const items = usePlanItemEditor(id, data, me?.body.id, refresh);
  const header = usePlanHeaderEditor(id, refresh);
  const next = plans.data?.find((p) => data && p.year === data.year + 1);
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={data.title}
        description={`${data.code}${data.issuedOn ? ` · ${formatDate(data.issuedOn)}` : ""} · ${data.summary.line}`}
        actions={writable ? <PlanActions plan={data} items={items} header={header} next={next} refresh={refresh} /> : null}
      />
      <Card withBorder padding={0}>
        <DataTable rowKey={(i) => i.id} rows={data.items} columns={itemColumns(t, writable ? items : null)} />
      </Card>
      <PlanItemModal editor={items} plan={data} />
      <PlanHeaderModal editor={header} />
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
