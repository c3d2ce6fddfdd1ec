import { Affix, Anchor, Badge, Button, CloseButton, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconPhoneIncoming, IconPhoneX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import type { callCardSchema } from "#shared/contract/hotline.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { ErrorAlert } from "../../../components/ui.tsx";
import { api } from "../../../lib/api.ts";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { type Call, useCallStream } from "./useCallStream.ts";

type Card = z.input<typeof callCardSchema>;

/** The hotline's calls popping on the screen of the officers on duty for the line (issue 21). */
export function CallPopups({ enabled }: { enabled: boolean }) {
  const { calls, dismiss } = useCallStream(enabled);
  if (calls.length === 0) return null;
  return (
    <Affix position={{ bottom: 16, right: 16 }} zIndex={300} w="min(420px, calc(100vw - 32px))">
      <Stack gap="sm">
        {calls.map((c) => (
          <CallCard key={c.id} call={c} onClose={() => dismiss(c.id)} />
        ))}
      </Stack>
    </Affix>
  );
}

function CallCard({ call, onClose }: { call: Call; onClose: () => void }) {
  const { t } = useTranslation("hotline");
  const navigate = useNavigate();
  // Reading the card is a look at the caller's records: audited on the server, once per call shown.
  const card = useQuery({
    queryKey: ["voice-call-card", call.id],
    queryFn: () => api.get<Card>(`/api/voice/calls/${call.id}/card`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const missed = call.status === "missed";
  const create = () => {
    onClose();
    navigate(`/staff/requests/new?callId=${call.id}&phone=${encodeURIComponent(call.callerPhone ?? "")}`);
  };
  return (
    <Paper withBorder shadow="lg" p="md" radius="md" role="alertdialog" aria-label={t("incoming")} data-testid="call-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap">
            {missed ? (
              <IconPhoneX size={22} color="var(--mantine-color-red-8)" style={{ flexShrink: 0 }} />
            ) : (
              <IconPhoneIncoming size={22} color="var(--mantine-color-green-8)" style={{ flexShrink: 0 }} />
            )}
            <div>
              <Title order={3} size="h4">
                {call.callerPhone ? formatPhone(call.callerPhone) : "—"}
              </Title>
              <Text size="sm" c="dimmed">
                {t("line", { line: formatPhone(call.line) })} · {call.bodyName} · {formatDateTime(call.calledAt)}
              </Text>
            </div>
          </Group>
          <CloseButton onClick={onClose} aria-label={t("dismiss")} />
        </Group>
        <Badge color={missed ? "red" : "green"} variant="light">
          {missed ? t("missedCall") : t("answeredCall")}
        </Badge>
        <ErrorAlert error={card.error} />
        {card.data ? <CardBody card={card.data} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button onClick={create} disabled={call.requestId !== null}>
            {t("createRequest")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function CardBody({ card }: { card: Card }) {
  const { t } = useTranslation("hotline");
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t("members")}
      </Text>
      {card.people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("noMembers")}
        </Text>
      ) : (
        card.people.map((p) => (
          <Text size="sm" key={p.id}>
            <b>{p.fullName}</b>
            {p.enterpriseName ? ` · ${p.enterpriseName}` : ""} ·{" "}
            {p.unionName ? t("memberOf", { union: p.unionName, since: formatDate(p.memberSince ?? "") }) : t("notMember")}
          </Text>
        ))
      )}
      <Text size="sm" fw={600}>
        {t("earlier")}
      </Text>
      {card.requests.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("noEarlier")}
        </Text>
      ) : (
        card.requests.map((r) => (
          <Text size="sm" key={r.id} lineClamp={1}>
            <Anchor component={Link} to={`/staff/requests/${r.id}`} ff="monospace">
              {r.code}
            </Anchor>{" "}
            {r.title} · {t(`voice:status.${r.status}`)} · {formatDateTime(r.receivedAt).slice(0, 10)}
          </Text>
        ))
      )}
    </Stack>
  );
}
