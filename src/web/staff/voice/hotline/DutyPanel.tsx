import { Badge, Button, CloseButton, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { hotlineDutySchema } from "#shared/contract/hotline.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { ErrorAlert, notifySuccess } from "../../../components/ui.tsx";
import { api } from "../../../lib/api.ts";
import { useCan, useMe } from "../../../lib/auth.tsx";
import { formatDateTime } from "../../../lib/format.ts";

type Duty = z.input<typeof hotlineDutySchema>;

/**
 * Who is on duty for each line of the body, and the officer's own shift ("Nhận ca trực" / "Kết thúc ca
 * trực"): calls pop up only for the officers on duty, or for the whole body when nobody is.
 */
export function DutyPanel() {
  const { t } = useTranslation("hotline");
  const qc = useQueryClient();
  const can = useCan();
  const me = useMe().data;
  const duty = useQuery({ queryKey: ["voice-hotline-duty"], queryFn: () => api.get<Duty>("/api/voice/hotline-duty"), refetchInterval: 60_000 });
  const [line, setLine] = useState<string | null>(null);
  const done = async (data: Duty, message: string) => {
    qc.setQueryData(["voice-hotline-duty"], data);
    notifySuccess(message);
  };
  const start = useMutation({
    mutationFn: (l: string) => api.post<Duty>("/api/voice/hotline-duty/start", { line: l }),
    onSuccess: (data) => done(data, t("duty.started")),
  });
  const end = useMutation({
    mutationFn: (userId?: number) => api.post<Duty>("/api/voice/hotline-duty/end", userId ? { userId } : {}),
    onSuccess: (data) => done(data, t("duty.ended")),
  });
  const lines = duty.data?.lines ?? [];
  const mine = duty.data?.mine ?? null;
  const chosen = line ?? lines[0]?.line ?? null;
  return (
    <Paper withBorder p="md" data-testid="duty-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("duty.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("duty.intro")}
        </Text>
        <ErrorAlert error={duty.error ?? start.error ?? end.error} />
        {duty.data && lines.length === 0 ? <Text c="dimmed">{t("duty.noLines")}</Text> : null}
        {can("voice:write") && lines.length > 0 ? (
          mine ? (
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={500}>{t("duty.mine", { line: formatPhone(mine.line), since: formatDateTime(mine.startedAt) })}</Text>
              <Button color="red" variant="light" onClick={() => end.mutate(undefined)} loading={end.isPending}>
                {t("duty.end")}
              </Button>
            </Group>
          ) : (
            <Group align="end" wrap="wrap" gap="xs">
              <Select
                label={t("duty.line")}
                data={lines.map((l) => ({ value: l.line, label: `${formatPhone(l.line)} · ${l.bodyName}` }))}
                value={chosen}
                onChange={setLine}
                allowDeselect={false}
                w={{ base: "100%", sm: 360 }}
              />
              <Button onClick={() => chosen && start.mutate(chosen)} loading={start.isPending} disabled={!chosen}>
                {t("duty.start")}
              </Button>
            </Group>
          )
        ) : null}
        {lines.map((l) => (
          <LineDuty key={l.line} line={l} canEnd={can("admin:users")} myId={me?.user.id} onEnd={(userId) => end.mutate(userId)} />
        ))}
      </Stack>
    </Paper>
  );
}

/** One line and the officers on duty for it; a body administrator may end another officer's shift. */
function LineDuty({ line, canEnd, myId, onEnd }: { line: Duty["lines"][number]; canEnd: boolean; myId: number | undefined; onEnd: (userId: number) => void }) {
  const { t } = useTranslation("hotline");
  return (
    <Group gap="xs" wrap="wrap" data-testid={`duty-line-${line.line}`}>
      <Text ff="monospace" fw={500}>
        {formatPhone(line.line)}
      </Text>
      {line.officers.length === 0 ? (
        <Badge color="gray" variant="light">
          {t("duty.nobody")}
        </Badge>
      ) : (
        line.officers.map((o) => (
          <Badge
            key={o.userId}
            color="green"
            variant="light"
            tt="none"
            title={t("duty.since", { since: formatDateTime(o.startedAt) })}
            rightSection={
              canEnd && o.userId !== myId ? (
                <CloseButton size="xs" aria-label={t("duty.endFor", { name: o.fullName })} onClick={() => onEnd(o.userId)} />
              ) : undefined
            }
          >
            {o.fullName}
          </Badge>
        ))
      )}
    </Group>
  );
}
