import type { z } from "zod";
import type { alertSchema } from "#shared/contract/relations.ts";
import { signalLabel } from "#shared/risk-signals.ts";
import { Anchor, Button, Card, Chip, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { DateField, EvidenceLink, ScoreBadge, StatusBadge, addDays, today, useBodies } from "./shared.tsx";

type Alert = z.input<typeof alertSchema>;

interface AlertActions {
  writable: boolean;
  ack: (a: Alert) => void;
  acking: boolean;
  convert: (a: Alert) => void;
}

/** An alert: the enterprise, its score against the threshold, its first signals, the action taken, and what may be done next. */
function AlertCard({ a, actions }: { a: Alert; actions: AlertActions }) {
  const { t, i18n } = useTranslation("relations");
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {a.enterpriseName}
          </Text>
          <Text size="xs" c="dimmed">
            {t("alerts.raised", { date: formatDate(a.raisedOn), threshold: a.threshold })}
            {a.zoneName ? ` · ${a.zoneName}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusBadge status={a.status} />
          <ScoreBadge score={a.score} threshold={a.threshold} />
        </Group>
      </Group>
      <Stack gap={2} mt="xs">
        {a.signals.slice(0, 4).map((s, k) => (
          <Text key={s.kind ?? k} size="sm">
            • <b>{signalLabel(s.kind ?? "", i18n.language, s.label)}</b>: <EvidenceLink link={s.link ?? null}>{s.evidence}</EvidenceLink>
          </Text>
        ))}
      </Stack>
      {a.action ? (
        <Text size="sm" mt="xs">
          {t("alerts.action")}: {a.action.title} — {a.action.leadBodyName}, {t("inspections.deadline").toLowerCase()} {formatDate(a.action.deadline)}
        </Text>
      ) : null}
      <Group gap="xs" mt="xs">
        <Anchor component={Link} to={`/staff/relations/watchlist`} size="sm">
          {t("nav.watchlist")}
        </Anchor>
        {actions.writable && a.status === "open" ? (
          <Button size="xs" variant="default" onClick={() => actions.ack(a)} loading={actions.acking}>
            {t("alerts.acknowledge")}
          </Button>
        ) : null}
        {actions.writable && a.status !== "actioned" ? (
          <Button size="xs" onClick={() => actions.convert(a)}>
            {t("alerts.convert")}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

/** Alerts raised when an enterprise crossed the threshold: acknowledge, or turn into a coordinated action. */
export function AlertsPage() {
  const { t } = useTranslation("relations");
  const can = useCan();
  const client = useQueryClient();
  const [status, setStatus] = useState("open");
  const [converting, setConverting] = useState<Alert | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["alerts", status],
    queryFn: () => api.get<Alert[]>(`/api/relations/alerts${qs({ status: status === "all" ? undefined : status })}`),
  });
  const ack = useMutation({
    mutationFn: (a: Alert) => api.post(`/api/relations/alerts/${a.id}/acknowledge`),
    onSuccess: () => {
      notifySuccess(t("form.saved"));
      void client.invalidateQueries({ queryKey: ["alerts"] });
    },
  });
  const actions: AlertActions = { writable: can("relations:write"), ack: ack.mutate, acking: ack.isPending, convert: setConverting };
  return (
    <>
      <PageHeader title={t("alerts.title")} description={t("alerts.description")} />
      {/* Chips wrap on a phone where a segmented control of four labels ran off the screen. */}
      <Chip.Group multiple={false} value={status} onChange={setStatus}>
        <Group gap="xs" mb="md" role="radiogroup" aria-label={t("status.label")}>
          {["open", "acknowledged", "actioned", "all"].map((s) => (
            <Chip key={s} value={s} type="radio">
              {s === "all" ? t("common:common.all") : t(`status.${s}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <ErrorAlert error={error ?? ack.error} />
      {isLoading ? <Loading /> : null}
      {data && data.length === 0 ? <Text c="dimmed">{t("alerts.empty")}</Text> : null}
      <Stack gap="sm">
        {data?.map((a) => (
          <AlertCard key={a.id} a={a} actions={actions} />
        ))}
      </Stack>
      <Modal opened={Boolean(converting)} onClose={() => setConverting(null)} title={t("alerts.convert")} size="lg">
        {converting ? <ActionForm alert={converting} onDone={() => setConverting(null)} /> : null}
      </Modal>
    </>
  );
}

/** The coordinated action an alert becomes: its title, lead and co-operating bodies, and deadline. */
function ActionForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const bodies = useBodies();
  const [title, setTitle] = useState(`Phối hợp xử lý nguy cơ tại ${alert.enterpriseName}`);
  const [lead, setLead] = useState<string | null>(null);
  const [co, setCo] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<string | null>(addDays(today(), 14));
  const save = useMutation({
    mutationFn: () => api.post(`/api/relations/alerts/${alert.id}/action`, { title, leadBodyId: Number(lead), coBodyIds: co.map(Number), deadline }),
    onSuccess: () => {
      notifySuccess(t("form.created"));
      void client.invalidateQueries({ queryKey: ["alerts"] });
      onDone();
    },
  });
  const options = (bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }));
  return (
    <Stack>
      <ErrorAlert error={save.error} />
      <TextInput label={t("alerts.actionTitle")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Select label={t("inspections.lead")} data={options} value={lead} onChange={setLead} />
      <MultiSelect label={t("inspections.coBodies")} data={options} value={co} onChange={setCo} />
      <DateField label={t("inspections.deadline")} value={deadline} onChange={setDeadline} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("common:action.cancel")}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!lead || !deadline || !title.trim()}>
          {t("common:action.save")}
        </Button>
      </Group>
    </Stack>
  );
}
