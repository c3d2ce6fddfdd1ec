import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { Act } from "./RequestDetailCards.tsx";
import type { RequestDetail } from "./types.ts";

/** Publishing shows the answer to the worker and cannot be taken back: asked once more. */
export function PublishDialog({ opened, onClose, act }: { opened: boolean; onClose: () => void; act: Act }) {
  const { t } = useTranslation("voice");
  return (
    <Modal opened={opened} onClose={onClose} title={t("staff.publishConfirmTitle")}>
      <Stack>
        <Text size="sm">{t("staff.publishConfirm")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:action.cancel")}
          </Button>
          <Button color="green" loading={act.isPending} onClick={() => act.mutate({ path: "answer/publish" }, { onSettled: onClose })}>
            {t("staff.publish")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Moving the request to another body, with a reason; the deadline starts again there. */
export function TransferModal({ opened, onClose, r, onDone }: { opened: boolean; onClose: () => void; r: RequestDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation("voice");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const bodies = useQuery({
    queryKey: ["voice-bodies", debounced],
    queryFn: () => api.get<{ id: number; name: string }[]>(`/api/voice/bodies${qs({ q: debounced })}`),
    enabled: opened,
  });
  const transfer = useMutation({
    mutationFn: () => api.post<{ deadline: string }>(`/api/voice/requests/${r.id}/transfer`, { toBodyId: Number(bodyId), reason }),
    onSuccess: async (res) => {
      notifySuccess(`${t("staff.done")} · ${t("staff.col.deadline")}: ${formatDate(res.deadline)}`);
      onClose();
      await onDone();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("staff.transfer")}>
      <Stack>
        <Alert color="orange">{t("staff.transferNote")}</Alert>
        <Select
          label={t("staff.toBody")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(bodies.data ?? []).filter((b) => b.id !== r.responsibleBodyId).map((b) => ({ value: String(b.id), label: b.name }))}
          value={bodyId}
          onChange={setBodyId}
          filter={({ options }) => options}
        />
        <Textarea label={t("staff.transferReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        <ErrorAlert error={transfer.error} />
        <Button onClick={() => transfer.mutate()} disabled={!bodyId || reason.trim().length < 3} loading={transfer.isPending}>
          {t("staff.transfer")}
        </Button>
      </Stack>
    </Modal>
  );
}

interface Identity {
  anonymous: boolean;
  requester: { fullName: string; phone: string | null; citizenId: string | null; email: string | null; address: string | null } | null;
  signatories: { fullName: string; citizenId: string | null; phone: string | null }[];
}

/** Revealing who sent the request: asked for a purpose, and audited. */
export function IdentityModal({ opened, onClose, r }: { opened: boolean; onClose: () => void; r: RequestDetail }) {
  const { t } = useTranslation("voice");
  const [purpose, setPurpose] = useState("");
  const reveal = useMutation({ mutationFn: () => api.post<Identity>(`/api/voice/requests/${r.id}/identity`, { purpose }) });
  const close = () => {
    reveal.reset();
    setPurpose("");
    onClose();
  };
  const id = reveal.data;
  return (
    <Modal opened={opened} onClose={close} title={t("staff.identity")}>
      {id ? (
        <Stack gap="xs">
          {id.requester ? (
            <Text size="sm">
              <b>{id.requester.fullName}</b>
              {id.requester.phone ? ` · ${id.requester.phone}` : ""}
              {id.requester.citizenId ? ` · CCCD ${id.requester.citizenId}` : ""}
              {id.requester.email ? ` · ${id.requester.email}` : ""}
            </Text>
          ) : (
            <Text size="sm">{t("staff.identityNone")}</Text>
          )}
          {id.signatories.length ? (
            <>
              <Text fw={600} size="sm">
                {t("staff.signatories")}
              </Text>
              {id.signatories.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once; two signatories may share a name
                <Text key={i} size="sm">
                  {i + 1}. {s.fullName}
                  {s.citizenId ? ` · ${s.citizenId}` : ""}
                </Text>
              ))}
            </>
          ) : null}
        </Stack>
      ) : (
        <Stack>
          <TextInput label={t("staff.identityPurpose")} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
          <ErrorAlert error={reveal.error} />
          <Button color="red" onClick={() => reveal.mutate()} disabled={purpose.trim().length < 3} loading={reveal.isPending}>
            {t("staff.identity")}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
