/** A campaign's nominations: a union nominates a worker; the campaign's owner approves or declines with a note. */
import { Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatVnd } from "../../lib/format.ts";
import { PersonPicker, StatusBadge } from "./shared.tsx";
import type { Campaign, Nominated, Nomination, NominationPage } from "./types.ts";

/** Refreshes the nominations and the campaign's counts. */
function useRefresh(campaign: Campaign) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ["care-nominations", campaign.id] });
    void client.invalidateQueries({ queryKey: ["care-campaign"] });
  };
}

/** A union's nomination: the worker, the kind of support, the amount and the reason. */
function NominateCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("care");
  const refresh = useRefresh(campaign);
  const [personId, setPersonId] = useState<number | null>(null);
  const [kind, setKind] = useState<string | null>(campaign.kinds[0] ?? null);
  const [amount, setAmount] = useState<number | string>(500000);
  const [reason, setReason] = useState("");
  const nominate = useMutation({
    mutationFn: () => api.post<Nominated>(`/api/care/campaigns/${campaign.id}/nominations`, { personId, kind, amount: Number(amount), reason }),
    onSuccess: (r) => {
      notifySuccess(r.warnings.length ? r.warnings.join(" · ") : t("common:common.created"));
      setPersonId(null);
      setReason("");
      refresh();
    },
  });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("campaign.nominate")}
      </Text>
      <ErrorAlert error={nominate.error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonPicker label={t("campaign.choosePerson")} value={personId} onChange={setPersonId} />
        <Select label={t("campaigns.kinds")} value={kind} onChange={setKind} data={campaign.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <NumberInput label={t("campaigns.amount")} value={amount} onChange={setAmount} thousandSeparator="." decimalSeparator="," min={0} />
        <TextInput label={t("campaign.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button onClick={() => nominate.mutate()} loading={nominate.isPending} disabled={!personId}>
          {t("campaign.nominate")}
        </Button>
      </Group>
    </Card>
  );
}

/** The nominations; a pending one offers approve and decline to the owner. */
function NominationsTable({
  items,
  canWrite,
  approve,
  decline,
}: {
  items: Nomination[];
  canWrite: boolean;
  approve: (n: Nomination) => void;
  decline: (n: Nomination) => void;
}) {
  const { t } = useTranslation("care");
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("campaign.person")}</Table.Th>
            <Table.Th>{t("campaign.union")}</Table.Th>
            <Table.Th>{t("campaigns.kinds")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("campaigns.amount")}</Table.Th>
            <Table.Th>{t("campaign.reason")}</Table.Th>
            <Table.Th>{t("common:common.status")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>{n.fullName}</Table.Td>
              <Table.Td>{n.unionName}</Table.Td>
              <Table.Td>{t(`kind.${n.kind}`)}</Table.Td>
              <Table.Td style={{ textAlign: "right" }}>{formatVnd(n.amount)}</Table.Td>
              <Table.Td>{n.decisionNote ? `${n.reason} — ${n.decisionNote}` : n.reason}</Table.Td>
              <Table.Td>
                <StatusBadge status={n.status} />
              </Table.Td>
              <Table.Td>
                {canWrite && n.status === "pending" ? (
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" onClick={() => approve(n)}>
                      {t("campaign.approve")}
                    </Button>
                    <Button size="xs" variant="light" color="red" onClick={() => decline(n)}>
                      {t("campaign.decline")}
                    </Button>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The campaign's nominations tab. */
export function Nominations({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("care");
  const refresh = useRefresh(campaign);
  const [declining, setDeclining] = useState<Nomination | null>(null);
  const [note, setNote] = useState("");
  const { data, error } = useQuery({
    queryKey: ["care-nominations", campaign.id],
    queryFn: () => api.get<NominationPage>(`/api/care/campaigns/${campaign.id}/nominations?pageSize=200`),
  });
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: "approve" | "decline"; note?: string }) =>
      api.post(`/api/care/nominations/${v.id}/decision`, v.decision === "approve" ? { decision: "approve" } : { decision: "decline", note: v.note }),
    onSuccess: () => {
      setDeclining(null);
      setNote("");
      refresh();
    },
  });
  return (
    <Stack>
      <ErrorAlert error={error ?? decide.error} />
      {!campaign.canWrite && campaign.status === "open" ? <NominateCard campaign={campaign} /> : null}
      <NominationsTable
        items={data?.items ?? []}
        canWrite={campaign.canWrite}
        approve={(n) => decide.mutate({ id: n.id, decision: "approve" })}
        decline={setDeclining}
      />
      {data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center">
          {t("common:common.empty")}
        </Text>
      ) : null}
      <Modal opened={declining !== null} onClose={() => setDeclining(null)} title={t("campaign.decline")}>
        <Stack>
          <TextInput label={t("campaign.declineReason")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button color="red" onClick={() => declining && decide.mutate({ id: declining.id, decision: "decline", note })}>
            {t("campaign.decline")}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
