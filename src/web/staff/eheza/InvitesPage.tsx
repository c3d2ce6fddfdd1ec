import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { EnterpriseSelect } from "../relations/shared.tsx";
import { type Account, type CreatedInvite, CreatedCode, type Invite, InviteState, type Overview, RightsBadges } from "./shared.tsx";

/** The zone authority's page: an enterprise's accounts, and inviting its representative with a one-time code. */
export function InvitesPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const enterpriseId = Number(params.get("enterprise")) || null;
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = useQuery({
    queryKey: ["enterprise-accounts", enterpriseId],
    queryFn: () => api.get<Overview>(`/api/accounts/enterprises/${enterpriseId}`),
    enabled: enterpriseId !== null,
  });
  const form = useForm({ initialValues: { fullName: "", email: "" } });
  const refresh = () => void client.invalidateQueries({ queryKey: ["enterprise-accounts", enterpriseId] });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<CreatedInvite>("/api/accounts/invites", {
        enterpriseId,
        ...(v.fullName.trim() ? { fullName: v.fullName } : {}),
        ...(v.email.trim() ? { email: v.email } : {}),
      }),
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
  const revoke = useMutation({ mutationFn: (id: number) => api.delete(`/api/accounts/invites/${id}`), onSuccess: refresh, onError: notifyError });

  const accountColumns: Column<Account>[] = [
    { key: "name", header: t("eheza:activate.fullName"), render: (a) => a.fullName },
    { key: "username", header: t("eheza:activate.username"), render: (a) => a.username },
    { key: "rights", header: t("eheza:activate.rights"), render: (a) => <RightsBadges rights={a.rights} />, hideOnMobile: true },
    {
      key: "active",
      header: t("common.status"),
      render: (a) => (a.active ? <Badge color="teal">{t("eheza:state.used")}</Badge> : <Badge color="gray">{t("eheza:colleagues.inactive")}</Badge>),
    },
  ];
  const inviteColumns: Column<Invite>[] = [
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
          <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(i.id)}>
            {t("eheza:invite.revoke")}
          </Button>
        ) : null,
    },
  ];
  const ent = q.data?.enterprise;
  return (
    <Stack>
      <PageHeader title={t("eheza:invite.title")} description={t("eheza:invite.intro")} />
      <Card withBorder>
        <EnterpriseSelect
          label={t("eheza:invite.enterprise")}
          value={enterpriseId}
          onChange={(id) => {
            setCreated(null);
            setParams(id ? { enterprise: String(id) } : {});
          }}
        />
      </Card>
      {enterpriseId === null ? <Text c="dimmed">{t("eheza:invite.pick")}</Text> : null}
      <ErrorAlert error={q.error} />
      {ent ? (
        <>
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
          {created ? <CreatedCode created={created} /> : null}
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t("eheza:colleagues.accounts")}
            </Title>
            <DataTable columns={accountColumns} rows={q.data?.accounts} loading={q.isLoading} rowKey={(a) => a.id} />
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t("eheza:colleagues.invites")}
            </Title>
            <DataTable columns={inviteColumns} rows={q.data?.invites} loading={q.isLoading} rowKey={(i) => i.id} />
          </Card>
        </>
      ) : null}
    </Stack>
  );
}
