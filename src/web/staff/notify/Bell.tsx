import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Switch, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconBell } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { bellSchema, notifyPreferencesSchema } from "#shared/contract/notify.ts";
import { notifyError } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";

type BellData = z.input<typeof bellSchema>;
type Preferences = z.input<typeof notifyPreferencesSchema>;

/** The unread count, asked again every minute while the page is open (and on focus). */
function useBell() {
  return useQuery({ queryKey: ["notify-bell"], queryFn: () => api.get<BellData>("/api/notify/notices"), refetchInterval: 60_000 });
}

/** The officer's two settings: the bell and the 07:00 digest. */
function BellSettings() {
  const { t } = useTranslation("notify");
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ["notify-preferences"], queryFn: () => api.get<Preferences>("/api/notify/preferences") });
  const save = useMutation({
    mutationFn: (v: { bell: boolean; digest: boolean }) => api.put<Preferences>("/api/notify/preferences", v),
    onSuccess: (v) => qc.setQueryData(["notify-preferences"], v),
    onError: notifyError,
  });
  if (!data) return null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t("bell.settings")}
      </Text>
      <Switch size="sm" label={t("bell.bellOn")} checked={data.bell} onChange={(e) => save.mutate({ bell: e.currentTarget.checked, digest: data.digest })} />
      <Switch size="sm" label={t("bell.digestOn")} checked={data.digest} onChange={(e) => save.mutate({ bell: data.bell, digest: e.currentTarget.checked })} />
      {data.digest && !data.email ? (
        <Text size="xs" c="orange.9">
          {t("bell.noEmail")}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The bell in the staff header: unread count, the latest notices (each opens its request), mark read, settings. */
export function Bell() {
  const { t } = useTranslation("notify");
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const { data } = useBell();
  const mark = useMutation({
    mutationFn: (ids?: number[]) => api.post("/api/notify/notices/read", ids ? { ids } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["notify-bell"] }),
    onError: notifyError,
  });
  const unread = data?.unread ?? 0;
  return (
    // The popover's target is the button itself: it carries aria-expanded, which a plain div may not.
    <Indicator label={unread > 99 ? "99+" : unread} size={16} disabled={unread === 0} color="red" offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} withinPortal shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={unread ? t("bell.unread", { count: unread }) : t("bell.label")}
            onClick={() => setOpened((o) => !o)}
            data-testid="bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t("bell.label")}</Text>
            <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => mark.mutate(undefined)}>
              {t("bell.markAll")}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={320}>
            <Stack gap={4}>
              {data?.items.length ? null : (
                <Text size="sm" c="dimmed">
                  {t("bell.empty")}
                </Text>
              )}
              {data?.items.map((n) => (
                <Anchor
                  key={n.id}
                  component={Link}
                  to={n.requestId ? `/staff/requests/${n.requestId}` : "/staff"}
                  onClick={() => {
                    if (!n.read) mark.mutate([n.id]);
                    setOpened(false);
                  }}
                  underline="never"
                  c={n.read ? "dimmed" : undefined}
                  fw={n.read ? 400 : 600}
                  size="sm"
                >
                  {t(`bell.kind.${n.kind}`)}: {n.code}
                  <Text span size="xs" c="dimmed" ml={6}>
                    {formatDateTime(n.createdAt)}
                  </Text>
                </Anchor>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Divider my="xs" />
          <BellSettings />
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
