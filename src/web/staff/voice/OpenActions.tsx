import { Button, Stack, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";

/**
 * What an officer may do while a request is open, beside answering: transfer it, or ask the sender
 * for more information (shown on the tracking page; the sender is told if they left a contact for notices).
 */
export function OpenActions({ id, onTransfer }: { id: number; onTransfer: () => void }) {
  const { t } = useTranslation("voice");
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");
  const ask = useMutation({
    mutationFn: () => api.post(`/api/voice/requests/${id}/ask-info`, { message }),
    onSuccess: async () => {
      notifySuccess(t("public.askInfoSent"));
      setMessage("");
      setAsking(false);
      await qc.invalidateQueries({ queryKey: ["voice-request", String(id)] });
    },
  });
  return (
    <>
      <Button variant="light" color="orange" onClick={onTransfer}>
        {t("staff.transfer")}
      </Button>
      {asking ? (
        <Stack gap="xs">
          <Textarea label={t("public.askInfoHint")} autosize minRows={2} maxLength={2000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          <ErrorAlert error={ask.error} />
          <Button variant="light" disabled={message.trim().length < 3} loading={ask.isPending} onClick={() => ask.mutate()}>
            {t("public.askInfo")}
          </Button>
        </Stack>
      ) : (
        <Button variant="light" color="grape" onClick={() => setAsking(true)}>
          {t("public.askInfo")}
        </Button>
      )}
    </>
  );
}
