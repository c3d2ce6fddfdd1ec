import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import type { z } from "zod";
import type { accountSchema, createdInviteSchema, inviteSchema, overviewSchema } from "#shared/contract/access.ts";

export type Invite = z.input<typeof inviteSchema>;

export type Account = z.input<typeof accountSchema>;

export type Overview = z.input<typeof overviewSchema>;

export type CreatedInvite = z.input<typeof createdInviteSchema>;

export { enterpriseRights as RIGHTS } from "#shared/enums.ts";

/** The rights of an account or an invitation as badges. */
export function RightsBadges({ rights }: { rights: string[] }) {
  const { t } = useTranslation();
  if (!rights.length) return <Badge color="gray">{t("eheza:colleagues.noRights")}</Badge>;
  return (
    <Group gap={4}>
      {rights.map((r) => (
        <Badge key={r} variant="light" size="sm">
          {t(`eheza:rightsShort.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}

const stateColor = { pending: "blue", used: "teal", expired: "gray", revoked: "gray" } as const;

export function InviteState({ state }: { state: Invite["state"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColor[state]} variant="light">
      {t(`eheza:state.${state}`)}
    </Badge>
  );
}

/** The code and link of a new invitation, shown once, to be passed on by hand (no e-mail is sent). */
export function CreatedCode({ created }: { created: CreatedInvite }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={t("eheza:invite.created")} data-testid="created-invite">
      <Stack gap="xs">
        {!created.emailSent ? <Text size="sm">{t("eheza:invite.noEmail")}</Text> : null}
        <Text size="sm" fw={600}>
          {t("eheza:invite.code")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" data-testid="invite-code" style={{ wordBreak: "break-all", minWidth: 0 }}>
            {created.code}
          </Code>
          <CopyButton value={created.code}>
            {({ copy, copied }) => (
              <Button size="xs" variant={copied ? "filled" : "light"} onClick={copy}>
                {t("action.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" fw={600}>
          {t("eheza:invite.link")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="invite-link" style={{ wordBreak: "break-all", minWidth: 0 }}>
            {created.link}
          </Code>
          <CopyButton value={created.link}>
            {({ copy, copied }) => (
              <Button size="xs" variant={copied ? "filled" : "light"} onClick={copy}>
                {t("action.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed">
          {t("eheza:invite.expires", { date: formatDateTime(created.invite.expiresAt) })}
        </Text>
      </Stack>
    </Alert>
  );
}
