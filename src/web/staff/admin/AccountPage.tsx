import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, NumberInput, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { splitProblem } from "../../lib/formProblems.ts";
import { api } from "../../lib/api.ts";
import { useAuthActions, useMe } from "../../lib/auth.tsx";
import { formatDateTime } from "../../lib/format.ts";
import type { z } from "zod";
import type { createdTokenSchema, tokenSchema } from "#shared/contract/access.ts";
import { enterpriseRights as ENTERPRISE_RIGHTS } from "#shared/enums.ts";

type Token = z.input<typeof tokenSchema>;

/** The signed-in user's own account: who they are, their password, API tokens, and "log out everywhere". */
export function AccountPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { logout } = useAuthActions();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  // An enterprise's token: the rights it carries (at most the user's) and its life in days (always set).
  const isEnterprise = me?.body.kind === "enterprise";
  const ownRights = ENTERPRISE_RIGHTS.filter((r) => me?.permissions.includes(`enterprise:${r}`));
  const [rights, setRights] = useState<string[] | null>(null);
  const [days, setDays] = useState<number | string>(90);
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api.get<Token[]>("/api/auth/tokens") });
  const create = useMutation({
    mutationFn: () =>
      api.post<z.input<typeof createdTokenSchema>>(
        "/api/auth/tokens",
        isEnterprise ? { name, rights: rights ?? ownRights, expiresInDays: Number(days) || 90 } : { name },
      ),
    onSuccess: (tk) => {
      setCreated(tk.token);
      setName("");
      void client.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api.delete(`/api/auth/tokens/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["tokens"] }),
    onError: notifyError,
  });
  if (!me) return null;
  const columns: Column<Token>[] = [
    { key: "name", header: t("admin.tokenName"), render: (x) => x.name },
    { key: "prefix", header: "Prefix", render: (x) => <Code>{x.prefix}…</Code>, hideOnMobile: true },
    { key: "created", header: t("common.date"), render: (x) => formatDateTime(x.createdAt), hideOnMobile: true },
    { key: "used", header: t("admin.lastUsed"), render: (x) => formatDateTime(x.lastUsedAt) || "—" },
    ...(isEnterprise
      ? [
          { key: "expires", header: t("eheza:tokens.expiresAt"), render: (x: Token) => formatDateTime(x.expiresAt) || "—", hideOnMobile: true },
          {
            key: "rights",
            header: t("eheza:tokens.rights"),
            render: (x: Token) => (x.rights ?? []).map((r) => t(`eheza:rightsShort.${r}`)).join(", ") || "—",
            hideOnMobile: true,
          },
        ]
      : []),
    {
      key: "actions",
      header: t("common.actions"),
      render: (x) =>
        x.revokedAt ? (
          <Badge color="gray">{t("admin.revoked")}</Badge>
        ) : (
          <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(x.id)}>
            {t("action.revoke")}
          </Button>
        ),
    },
  ];
  return (
    <Stack>
      <PageHeader title={t("nav.account")} description={`${me.user.fullName} · ${t(`roles.${me.user.role}`)} · ${me.body.name}`} />
      <ChangePassword />
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t("admin.tokensTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("admin.tokensHint")}
        </Text>
        <ErrorAlert error={create.error} />
        {created ? (
          <Alert color="teal" mb="sm" title={t("admin.tokenCreated")}>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: "break-all", flex: 1, minWidth: 0 }}>{created}</Code>
              <CopyButton value={created}>
                {({ copy }) => (
                  <Button size="xs" onClick={copy}>
                    {t("action.copy")}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : null}
        {isEnterprise ? (
          <Stack gap="xs" mb="sm">
            <Text size="sm" c="dimmed">
              {t("eheza:tokens.howto")}
            </Text>
            <Checkbox.Group label={t("eheza:tokens.rights")} value={rights ?? ownRights} onChange={setRights}>
              <Group gap="md" mt={4}>
                {ownRights.map((r) => (
                  <Checkbox key={r} value={r} label={t(`eheza:rights.${r}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <NumberInput
              label={t("eheza:tokens.expires")}
              description={t("eheza:tokens.expiresHint")}
              min={1}
              max={365}
              value={days}
              onChange={setDays}
              maw={220}
            />
          </Stack>
        ) : null}
        <Group mb="sm" align="flex-end">
          <TextInput label={t("admin.tokenName")} value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button onClick={() => create.mutate()} disabled={!name.trim()} loading={create.isPending}>
            {t("admin.newToken")}
          </Button>
        </Group>
        <DataTable columns={columns} rows={tokens.data} loading={tokens.isLoading} rowKey={(x) => x.id} />
      </Card>
      <Card withBorder>
        <Text size="sm" mb="sm">
          {t("admin.sessionsHint")}
        </Text>
        <Button
          color="red"
          variant="light"
          onClick={() =>
            logout(true)
              .then(() => navigate("/login"))
              .catch(notifyError)
          }
        >
          {t("action.logoutEverywhere")}
        </Button>
      </Card>
    </Stack>
  );
}

/** Changing one's own password: the current one first, the new one twice. */
function ChangePassword() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const differ = again !== "" && next !== again;
  // The fields as the body names them, so the server's pointers land under their inputs.
  const fields = { values: { currentPassword: current, newPassword: next } };
  const change = useMutation({
    mutationFn: () => api.post("/api/auth/me/password", { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setAgain("");
      notifySuccess(t("admin.ownPasswordChanged"));
      void client.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const fieldErrors = splitProblem(change.error, fields.values).fields;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("admin.ownPasswordTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("admin.ownPasswordHint")}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!differ) change.mutate();
        }}
      >
        <Stack gap="xs" maw={420}>
          <ErrorAlert error={change.error} form={fields} />
          <PasswordInput
            label={t("admin.ownCurrentPassword")}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldErrors.currentPassword}
            required
          />
          <PasswordInput
            label={t("admin.ownNewPassword")}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={fieldErrors.newPassword}
            required
          />
          <PasswordInput
            label={t("admin.ownRepeatPassword")}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={differ ? t("admin.ownPasswordsDiffer") : undefined}
            required
          />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!current || !next || next !== again}>
              {t("admin.ownChangePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
