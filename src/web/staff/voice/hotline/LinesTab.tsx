import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { hotlineLineSchema } from "#shared/contract/hotline.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { type Column, DataTable } from "../../../components/DataTable.tsx";
import { ErrorAlert, notifySuccess } from "../../../components/ui.tsx";
import { api, qs } from "../../../lib/api.ts";
import { fold } from "../../../lib/format.ts";

type Line = z.input<typeof hotlineLineSchema>;

/** The body administrator's hotline lines: which body takes each number's calls, and its hours on duty. */
export function LinesTab() {
  const { t } = useTranslation("hotline");
  const lines = useQuery({ queryKey: ["voice-hotline-lines"], queryFn: () => api.get<Line[]>("/api/voice/hotline-lines") });
  const [editing, setEditing] = useState<Line | null>(null);
  const columns: Column<Line>[] = [
    { key: "line", header: t("col.line"), mobile: "title", render: (l) => <Text ff="monospace">{formatPhone(l.line)}</Text> },
    { key: "body", header: t("col.body"), render: (l) => l.bodyName },
    { key: "hours", header: t("hours"), mobile: "top", render: (l) => (l.opensAt ? `${l.opensAt}–${l.closesAt}` : t("allDay")) },
    {
      key: "edit",
      header: "",
      render: (l) => (
        <Button size="xs" variant="light" onClick={() => setEditing(l)}>
          {t("common:action.edit")}
        </Button>
      ),
    },
  ];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("linesIntro")}
      </Text>
      <ErrorAlert error={lines.error} />
      <DataTable columns={columns} rows={lines.data} loading={lines.isLoading} rowKey={(l) => l.line} />
      <LineForm key={editing?.line ?? "new"} line={editing} onDone={() => setEditing(null)} />
    </Stack>
  );
}

function LineForm({ line, onDone }: { line: Line | null; onDone: () => void }) {
  const { t } = useTranslation("hotline");
  const qc = useQueryClient();
  const [number, setNumber] = useState(line?.line ?? "");
  const [bodyId, setBodyId] = useState<string | null>(line ? String(line.bodyId) : null);
  const [search, setSearch] = useState(line?.bodyName ?? "");
  const [debounced] = useDebouncedValue(search, 250);
  const [opensAt, setOpensAt] = useState(line?.opensAt ?? "07:00");
  const [closesAt, setClosesAt] = useState(line?.closesAt ?? "17:00");
  const bodies = useQuery({
    queryKey: ["voice-line-bodies", debounced],
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>(`/api/admin/bodies${qs({ q: fold(debounced), pageSize: 20 })}`),
  });
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/voice/hotline-lines/${encodeURIComponent(number.replace(/[\s.]/g, ""))}`, {
        bodyId: Number(bodyId),
        opensAt: opensAt.trim() || null,
        closesAt: closesAt.trim() || null,
      }),
    onSuccess: async () => {
      notifySuccess(t("lineSaved"));
      onDone();
      await qc.invalidateQueries({ queryKey: ["voice-hotline-lines"] });
    },
  });
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t("col.line")} value={number} onChange={(e) => setNumber(e.currentTarget.value)} inputMode="tel" disabled={!!line} />
        <Select
          label={t("col.body")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          value={bodyId}
          onChange={setBodyId}
          data={(bodies.data?.items ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
          filter={({ options }) => options}
        />
        <TextInput label={t("opensAt")} placeholder="07:00" value={opensAt} onChange={(e) => setOpensAt(e.currentTarget.value)} />
        <TextInput label={t("closesAt")} placeholder="17:00" value={closesAt} onChange={(e) => setClosesAt(e.currentTarget.value)} />
      </SimpleGrid>
      <ErrorAlert error={save.error} />
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!number.trim() || !bodyId}>
          {line ? t("common:action.save") : t("addLine")}
        </Button>
        {line ? (
          <Button variant="default" onClick={onDone}>
            {t("common:action.cancel")}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
