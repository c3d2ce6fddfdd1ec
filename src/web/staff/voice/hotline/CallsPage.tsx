import { Anchor, Badge, Button, Modal, Stack, Tabs, Text, Textarea } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import type { callPageSchema } from "#shared/contract/hotline.ts";
import { nowMs } from "#shared/clock.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { type Column, DataTable } from "../../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../../components/ui.tsx";
import { api, qs } from "../../../lib/api.ts";
import { useCan } from "../../../lib/auth.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { DutyPanel } from "./DutyPanel.tsx";
import { LinesTab } from "./LinesTab.tsx";
import type { Call } from "./useCallStream.ts";

const PAGE_SIZE = 50;

/** The call log of the body's hotline lines, and the call-backs still to make (issue 21). */
export function CallsPage() {
  const { t } = useTranslation("hotline");
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const asked = params.get("tab");
  const tab = asked === "callbacks" ? "callbacks" : asked === "lines" && can("admin:bodies") ? "lines" : "log";
  const page = Number(params.get("page") ?? 1);
  const [closing, setClosing] = useState<Call | null>(null);
  const list = useQuery({
    queryKey: ["voice-calls", tab, page],
    enabled: tab !== "lines",
    queryFn: () =>
      api.get<z.input<typeof callPageSchema>>(
        `/api/voice/calls${qs({ callbacks: tab === "callbacks" ? "true" : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const open = useQuery({
    queryKey: ["voice-calls", "callbacks-count"],
    queryFn: () => api.get<z.input<typeof callPageSchema>>("/api/voice/calls?callbacks=true&limit=1"),
  });
  const columns = useCallColumns(tab === "callbacks" ? "callbacks" : "log", setClosing);
  return (
    <Stack>
      <PageHeader title={t("logTitle")} description={t("logIntro")} />
      {tab === "log" ? <DutyPanel /> : null}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== "log" ? { tab: v } : {}, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="log">{t("tabLog")}</Tabs.Tab>
          <Tabs.Tab value="callbacks">{t("tabCallbacks", { count: open.data?.total ?? 0 })}</Tabs.Tab>
          {can("admin:bodies") ? <Tabs.Tab value="lines">{t("tabLines")}</Tabs.Tab> : null}
        </Tabs.List>
      </Tabs>
      <ErrorAlert error={list.error} />
      {tab === "lines" ? (
        <LinesTab />
      ) : list.data && list.data.total === 0 ? (
        <Text c="dimmed">{tab === "callbacks" ? t("emptyCallbacks") : t("empty")}</Text>
      ) : (
        <DataTable
          columns={columns}
          rows={list.data?.items}
          total={list.data?.total}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => setParams({ ...(tab === "callbacks" ? { tab } : {}), page: String(p) })}
          loading={list.isLoading}
          rowKey={(c) => c.id}
        />
      )}
      <CloseCallback call={closing} onDone={() => setClosing(null)} />
    </Stack>
  );
}

function useCallColumns(tab: "log" | "callbacks", onClose: (c: Call) => void): Column<Call>[] {
  const { t } = useTranslation("hotline");
  const canWrite = useCan()("voice:write");
  const status: Column<Call> = {
    key: "status",
    header: t("col.status"),
    mobile: "top",
    render: (c) => (
      <Badge color={c.status === "missed" ? "red" : "green"} variant="light">
        {t(`status.${c.status}`)}
      </Badge>
    ),
  };
  const caller: Column<Call> = {
    key: "caller",
    header: t("col.caller"),
    mobile: "title",
    render: (c) => (c.callerPhone ? <Text ff="monospace">{formatPhone(c.callerPhone)}</Text> : <Text c="dimmed">{t("hidden")}</Text>),
  };
  const common: Column<Call>[] = [
    { key: "at", header: t("col.at"), mobile: "top", render: (c) => formatDateTime(c.calledAt) },
    caller,
    { key: "line", header: t("col.line"), render: (c) => formatPhone(c.line) },
    { key: "body", header: t("col.body"), render: (c) => c.bodyName, hideOnMobile: true },
  ];
  if (tab === "callbacks")
    return [
      ...common,
      {
        key: "due",
        header: t("col.due"),
        mobile: "top",
        render: (c) => (
          <Text c={Date.parse(c.callbackDue ?? "") < nowMs() ? "red.8" : undefined} fw={500}>
            {formatDateTime(c.callbackDue)}
          </Text>
        ),
      },
      {
        key: "close",
        header: "",
        render: (c) =>
          canWrite ? (
            <Button size="xs" variant="light" onClick={() => onClose(c)}>
              {t("closeCallback")}
            </Button>
          ) : null,
      },
    ];
  return [
    ...common,
    status,
    dutyColumn(t),
    {
      key: "request",
      header: t("col.request"),
      render: (c) =>
        c.requestId ? (
          <Anchor component={Link} to={`/staff/requests/${c.requestId}`} ff="monospace">
            {c.requestCode}
          </Anchor>
        ) : c.callbackClosedAt ? (
          t("callbackDone")
        ) : c.callbackDue ? (
          <Text size="sm" c={Date.parse(c.callbackDue) < nowMs() ? "red.8" : undefined}>
            {t("callBackBy", { due: formatDateTime(c.callbackDue) })}
          </Text>
        ) : (
          t("noRequest")
        ),
    },
  ];
}

/** Who was on duty for the line when the call came, or that nobody was (the call went to the whole body). */
function dutyColumn(t: (key: string) => string): Column<Call> {
  return {
    key: "duty",
    header: t("col.duty"),
    render: (c) =>
      c.nobodyOnDuty ? (
        <Text size="sm" c="orange.9">
          {t("nobodyOnDuty")}
        </Text>
      ) : (
        c.onDuty.join(", ") || t("noRequest")
      ),
  };
}

function CloseCallback({ call, onDone }: { call: Call | null; onDone: () => void }) {
  const { t } = useTranslation("hotline");
  const qc = useQueryClient();
  const [note, setNote] = useState("");
  const close = useMutation({
    mutationFn: () => api.post(`/api/voice/calls/${call?.id}/callback`, { note }),
    onSuccess: async () => {
      notifySuccess(t("closed"));
      setNote("");
      onDone();
      await qc.invalidateQueries({ queryKey: ["voice-calls"] });
    },
  });
  return (
    <Modal opened={call !== null} onClose={onDone} title={`${t("closeCallback")} · ${formatPhone(call?.callerPhone ?? "")}`}>
      <Stack>
        <Textarea label={t("note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} required />
        <ErrorAlert error={close.error} />
        <Button onClick={() => close.mutate()} loading={close.isPending} disabled={note.trim().length < 3}>
          {t("closeCallback")}
        </Button>
      </Stack>
    </Modal>
  );
}
