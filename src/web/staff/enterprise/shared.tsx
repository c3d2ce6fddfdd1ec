import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format.ts";

export type ItemKind = "request" | "finding" | "notice";
export type ItemState = "awaiting_answer" | "awaiting_decision" | "accepted" | "info";

export interface Evidence {
  id: number;
  fileName: string;
  mime: string;
  sizeBytes: number;
}
export interface Exchange {
  id: number;
  itemKind: ItemKind;
  itemKey: string;
  itemTitle: string;
  kind: "answer" | "extension_request" | "accepted" | "reopened" | "extension_granted" | "extension_refused";
  side: "enterprise" | "authority";
  body: string;
  until: string | null;
  byName: string | null;
  byBody: string;
  at: string;
  evidence: Evidence[];
}
export interface InboxItem {
  kind: ItemKind;
  key: string;
  enterpriseId: number;
  enterpriseName: string;
  title: string;
  summary: string;
  from: string;
  receivedOn: string;
  deadline: string | null;
  overdue: boolean;
  state: ItemState;
  pendingExtension: { until: string; reason: string } | null;
}

const stateColor: Record<ItemState, string> = { awaiting_answer: "orange", awaiting_decision: "blue", accepted: "teal", info: "gray" };

/** The item's state and deadline as badges. */
export function ItemBadges({ item }: { item: InboxItem }) {
  const { t } = useTranslation("enterprise");
  return (
    <Group gap={6}>
      <Badge variant="light" color="gray">
        {t(`kind.${item.kind}`)}
      </Badge>
      <Badge variant="light" color={stateColor[item.state]}>
        {t(`state.${item.state}`)}
      </Badge>
      {item.deadline ? (
        <Badge variant={item.overdue ? "filled" : "outline"} color={item.overdue ? "red" : "gray"}>
          {item.overdue ? `${t("inbox.overdue")} · ` : ""}
          {t("inbox.deadline", { day: formatDate(item.deadline) })}
        </Badge>
      ) : null}
      {item.pendingExtension ? (
        <Badge variant="light" color="yellow">
          {t("inbox.pendingExtension", { day: formatDate(item.pendingExtension.until) })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** One exchange: who, when, what, and the evidence files (downloads are audited). */
export function ExchangeCard({ x }: { x: Exchange }) {
  const { t } = useTranslation("enterprise");
  return (
    <Paper withBorder p="sm" bg={x.side === "enterprise" ? "gray.0" : "blue.0"} data-testid={`exchange-${x.kind}`}>
      <Stack gap={4}>
        <Group justify="space-between" gap={4}>
          <Text fw={600} size="sm">
            {t(`exchange.${x.kind}`)}
            {x.until ? ` · ${formatDate(x.until)}` : ""}
          </Text>
          <Text size="xs" c="dimmed">
            {t("item.by", { who: x.byName ?? "—", body: x.byBody, at: formatDateTime(x.at) })}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {x.body}
        </Text>
        {x.evidence.length ? (
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t("item.evidence")}:
            </Text>
            {x.evidence.map((e) => (
              <Anchor key={e.id} size="sm" href={`/api/enterprise/evidence/${e.id}`} target="_blank" rel="noopener">
                {e.fileName}
              </Anchor>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
