import { Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatVnd } from "../../lib/format.ts";
import { IncidentForm } from "./IncidentsPage.tsx";
import { DateField, StatusBadge, today, useBodies } from "./shared.tsx";
import type { z } from "zod";
import type { incidentSchema } from "#shared/contract/relations.ts";

type IncidentDetail = z.input<typeof incidentSchema>;

export function IncidentPage() {
  const { t } = useTranslation("relations");
  const { id } = useParams();
  const can = useCan();
  const [editing, { open, close }] = useDisclosure();
  const { data, isLoading, error } = useQuery({ queryKey: ["incident", Number(id)], queryFn: () => api.get<IncidentDetail>(`/api/relations/incidents/${id}`) });
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || "—"}</Text>
    </div>
  );
  return (
    <>
      <PageHeader
        title={data.title}
        description={`${data.enterpriseName}${data.zoneName ? ` · ${data.zoneName}` : ""}`}
        actions={
          <>
            <StatusBadge status={data.status} />
            {can("relations:write") ? (
              <Button variant="default" onClick={open}>
                {t("common:action.edit")}
              </Button>
            ) : null}
          </>
        }
      />
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {row(t("incident.kind"), t(`kind.${data.kind}`))}
          {row(t("incident.startedOn"), formatDate(data.startedOn))}
          {row(t("incident.endedOn"), formatDate(data.endedOn))}
          {row(t("incident.workersAffected"), formatNumber(data.workersAffected))}
          {row(t("incident.amountOwed"), data.amountOwed ? formatVnd(data.amountOwed) : "")}
          {row(t("incident.arrearsMonths"), data.arrearsMonths ? formatNumber(data.arrearsMonths) : "")}
          {row(t("incident.bodies"), data.bodies.map((b) => b.name).join(", "))}
        </SimpleGrid>
        <Stack gap="xs" mt="md">
          {row(t("incident.demands"), data.demands)}
          {row(t("incident.resolution"), data.resolution)}
        </Stack>
      </Card>
      <Title order={3} size="h4" mb="sm">
        {t("incident.actions")}
      </Title>
      {data.actions.length === 0 ? <Text c="dimmed">{t("incident.noActions")}</Text> : null}
      <Timeline bulletSize={14} lineWidth={2} mb="md">
        {data.actions.map((a) => (
          <Timeline.Item key={a.id} title={`${formatDate(a.actedOn)}${a.bodyName ? ` · ${a.bodyName}` : ""}`}>
            <Text size="sm">{a.note}</Text>
            {a.createdBy ? (
              <Text size="xs" c="dimmed">
                {a.createdBy}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
      {can("relations:write") ? <ActionForm incident={data} /> : null}
      <Modal opened={editing} onClose={close} title={t("common:action.edit")} size="lg">
        <IncidentForm incident={data} onDone={close} />
      </Modal>
    </>
  );
}

function ActionForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation("relations");
  const client = useQueryClient();
  const bodies = useBodies();
  const [actedOn, setActedOn] = useState<string | null>(today());
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api.post<z.input<typeof incidentSchema>>(`/api/relations/incidents/${incident.id}/actions`, {
        actedOn,
        note,
        ...(bodyId ? { bodyId: Number(bodyId) } : {}),
      }),
    onSuccess: () => {
      setNote("");
      notifySuccess(t("form.created"));
      void client.invalidateQueries({ queryKey: ["incident", incident.id] });
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <ErrorAlert error={add.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t("incident.actedOn")} value={actedOn} onChange={setActedOn} />
          <Select
            label={t("incident.body")}
            clearable
            data={(bodies.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
            value={bodyId}
            onChange={setBodyId}
          />
        </SimpleGrid>
        <Textarea label={t("incident.note")} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!note.trim() || !actedOn}>
            {t("incident.addAction")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
