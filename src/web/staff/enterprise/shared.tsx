import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import type { z } from "zod";
import type { evidenceSchema, exchangeSchema, inboxItemSchema } from "#shared/contract/enterprise.ts";
import type { itemKinds, itemStates } from "#shared/enums.ts";

export type ItemKind = (typeof itemKinds)[number];
export type ItemState = (typeof itemStates)[number];

export type Evidence = z.input<typeof evidenceSchema>;
export type Exchange = z.input<typeof exchangeSchema>;
export type InboxItem = z.input<typeof inboxItemSchema>;

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
