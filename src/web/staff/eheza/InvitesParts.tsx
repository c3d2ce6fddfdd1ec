/** The invitations page's parts: the enterprise's card with the invitation form, its accounts and its invitations. */
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ui.tsx";
import { formatDateTime } from "../../lib/format.ts";
import type { EnterpriseInvite } from "./invites.form.ts";
import { type Account, type Invite, InviteState, type Overview, RightsBadges } from "./shared.tsx";

/** The enterprise's name and tax code; the invitation form while it is active. */
export function EnterpriseInviteCard({ ent, inv }: { ent: Overview["enterprise"]; inv: EnterpriseInvite }) {
  const { t } = useTranslation();
  const { form, invite, error } = inv;
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        {ent.name}
      </Title>
      <Text size="sm" data-testid="invite-taxcode">
        {t("eheza:activate.taxCode")}: <b>{ent.taxCode}</b>
      </Text>
      {ent.status !== "active" ? (
        <Alert color="orange" mt="sm">
          {t("eheza:invite.inactive")}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => invite.mutate(v))}>
          <Stack mt="sm">
            <ErrorAlert error={error} form={form} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("eheza:invite.fullName")} miw={220} {...form.getInputProps("fullName")} />
              <TextInput label={t("eheza:invite.email")} type="email" miw={220} {...form.getInputProps("email")} />
            </Group>
            <Group>
              <Button type="submit" loading={invite.isPending}>
                {t("eheza:invite.send")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

/** The enterprise's accounts. */
export function AccountsCard({ rows, loading }: { rows: Account[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const columns: Column<Account>[] = [
    { key: "name", header: t("eheza:activate.fullName"), render: (a) => a.fullName },
    { key: "username", header: t("eheza:activate.username"), render: (a) => a.username },
    { key: "rights", header: t("eheza:activate.rights"), render: (a) => <RightsBadges rights={a.rights} />, hideOnMobile: true },
    {
      key: "active",
      header: t("common.status"),
      render: (a) => (a.active ? <Badge color="teal">{t("eheza:state.used")}</Badge> : <Badge color="gray">{t("eheza:colleagues.inactive")}</Badge>),
    },
  ];
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("eheza:colleagues.accounts")}
      </Title>
      <DataTable columns={columns} rows={rows} loading={loading} rowKey={(a) => a.id} />
    </Card>
  );
}

/** The invitations issued for the enterprise, a pending one with its revoke button. */
export function InvitesCard({ rows, loading, revoke }: { rows: Invite[] | undefined; loading: boolean; revoke: (id: number) => void }) {
  const { t } = useTranslation();
  const columns: Column<Invite>[] = [
    { key: "name", header: t("eheza:activate.fullName"), render: (i) => i.fullName ?? i.email ?? "—" },
    { key: "hint", header: t("eheza:invite.code"), render: (i) => t("eheza:invite.hint", { hint: i.codeHint }), hideOnMobile: true },
    { key: "state", header: t("common.status"), render: (i) => <InviteState state={i.state} /> },
    { key: "by", header: t("eheza:invite.by"), render: (i) => i.createdBy ?? "—", hideOnMobile: true },
    { key: "created", header: t("common.date"), render: (i) => formatDateTime(i.createdAt), hideOnMobile: true },
    { key: "used", header: t("eheza:invite.usedBy"), render: (i) => i.usedBy ?? "—", hideOnMobile: true },
    {
      key: "actions",
      header: t("common.actions"),
      render: (i) =>
        i.state === "pending" ? (
          <Button size="xs" variant="light" color="red" onClick={() => revoke(i.id)}>
            {t("eheza:invite.revoke")}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("eheza:colleagues.invites")}
      </Title>
      <DataTable columns={columns} rows={rows} loading={loading} rowKey={(i) => i.id} />
    </Card>
  );
}
