/** The colleagues page's parts: the invitation form, the accounts (rights and deactivation) and the pending invitations. */
import { Badge, Button, Card, Checkbox, Group, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { type Account, type CreatedInvite, CreatedCode, type Invite, InviteState, RightsBadges } from "./shared.tsx";

const useRefresh = () => {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ["colleagues"] });
};

/** A colleague invited by name (and e-mail) with rights no wider than the caller's; the code shown once below. */
export function InviteCard({ mine }: { mine: readonly string[] }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { fullName: "", email: "", rights: ["report"] as string[] },
    validate: { fullName: (v) => (v.trim() ? null : t("common.required")) },
  });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<CreatedInvite>("/api/enterprise/colleagues/invites", { fullName: v.fullName, rights: v.rights, ...(v.email.trim() ? { email: v.email } : {}) }),
    onSuccess: (res) => {
      setCreated(res);
      setError(null);
      form.reset();
      refresh();
    },
    onError: (err) => {
      applyProblem(form, err);
      setError(err);
    },
  });
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h5" mb="sm">
          {t("eheza:colleagues.invite")}
        </Title>
        <form onSubmit={form.onSubmit((v) => invite.mutate(v))}>
          <Stack>
            <ErrorAlert error={error} form={form} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t("eheza:invite.fullName")} miw={220} {...form.getInputProps("fullName")} />
              <TextInput label={t("eheza:invite.email")} type="email" miw={220} {...form.getInputProps("email")} />
            </Group>
            <Checkbox.Group label={t("eheza:activate.rights")} {...form.getInputProps("rights")}>
              <Stack gap={6} mt={6}>
                {mine.map((r) => (
                  <Checkbox key={r} value={r} label={t(`eheza:rights.${r}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={invite.isPending}>
                {t("eheza:invite.send")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {created ? <CreatedCode created={created} /> : null}
    </>
  );
}

type Update = (x: { id: number; body: { rights?: string[]; active?: boolean } }) => void;

/** The accounts' columns: a colleague's rights as checkboxes (the caller's own, and an inactive one's, as badges), deactivate or reactivate. */
function accountColumns(t: TFunction, meId: number | undefined, mine: readonly string[], update: Update): Column<Account>[] {
  return [
    {
      key: "name",
      header: t("eheza:activate.fullName"),
      render: (a) => (
        <Stack gap={0}>
          <span>
            {a.fullName} {a.id === meId ? t("eheza:colleagues.you") : ""}
          </span>
          <span style={{ fontSize: 12, color: "var(--mantine-color-dimmed)" }}>{a.username}</span>
        </Stack>
      ),
    },
    {
      key: "rights",
      header: t("eheza:activate.rights"),
      render: (a) =>
        a.id === meId || !a.active ? (
          <RightsBadges rights={a.rights} />
        ) : (
          <Checkbox.Group value={a.rights} onChange={(rights) => update({ id: a.id, body: { rights } })}>
            <Group gap="xs">
              {mine.map((r) => (
                <Checkbox key={r} value={r} label={t(`eheza:rightsShort.${r}`)} size="xs" />
              ))}
            </Group>
          </Checkbox.Group>
        ),
    },
    {
      key: "actions",
      header: t("common.actions"),
      render: (a) =>
        a.id === meId ? null : a.active ? (
          <Button size="xs" variant="light" color="red" onClick={() => update({ id: a.id, body: { active: false } })}>
            {t("eheza:colleagues.deactivate")}
          </Button>
        ) : (
          <Group gap="xs">
            <Badge color="gray">{t("eheza:colleagues.inactive")}</Badge>
            <Button size="xs" variant="subtle" onClick={() => update({ id: a.id, body: { active: true } })}>
              {t("eheza:colleagues.reactivate")}
            </Button>
          </Group>
        ),
    },
  ];
}

/** The enterprise's accounts. */
export function AccountsCard({
  rows,
  loading,
  meId,
  mine,
}: {
  rows: Account[] | undefined;
  loading: boolean;
  meId: number | undefined;
  mine: readonly string[];
}) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const update = useMutation({
    mutationFn: (x: { id: number; body: { rights?: string[]; active?: boolean } }) => api.patch<Account>(`/api/enterprise/colleagues/${x.id}`, x.body),
    onSuccess: () => {
      notifySuccess(t("common.saved"));
      refresh();
    },
    onError: notifyError,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">
        {t("eheza:colleagues.accounts")}
      </Title>
      <DataTable columns={accountColumns(t, meId, mine, update.mutate)} rows={rows} loading={loading} rowKey={(a) => a.id} />
    </Card>
  );
}

/** The invitations sent, a pending one with its revoke button. */
export function InvitesCard({ rows, loading }: { rows: Invite[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const revoke = useMutation({
    mutationFn: (id: number) => api.delete(`/api/enterprise/colleagues/invites/${id}`),
    onSuccess: refresh,
    onError: notifyError,
  });
  const columns: Column<Invite>[] = [
    { key: "name", header: t("eheza:activate.fullName"), render: (i) => i.fullName ?? "—" },
    { key: "rights", header: t("eheza:activate.rights"), render: (i) => <RightsBadges rights={i.rights} />, hideOnMobile: true },
    { key: "state", header: t("common.status"), render: (i) => <InviteState state={i.state} /> },
    { key: "created", header: t("common.date"), render: (i) => formatDateTime(i.createdAt), hideOnMobile: true },
    {
      key: "actions",
      header: t("common.actions"),
      render: (i) =>
        i.state === "pending" ? (
          <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(i.id)}>
            {t("eheza:invite.revoke")}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">
        {t("eheza:colleagues.invites")}
      </Title>
      <DataTable columns={columns} rows={rows} loading={loading} rowKey={(i) => i.id} />
    </Card>
  );
}
