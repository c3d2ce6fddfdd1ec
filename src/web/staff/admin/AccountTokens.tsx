/** The account's API tokens: create one (an enterprise's with its rights and life), see it once, list and revoke. */
import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { createdTokenSchema, tokenSchema } from "#shared/contract/access.ts";
import { enterpriseRights as ENTERPRISE_RIGHTS } from "#shared/enums.ts";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, notifyError } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { formatDateTime } from "../../lib/format.ts";

type Token = z.input<typeof tokenSchema>;

/** The tokens' columns; an enterprise's tokens also show when they expire and the rights they carry. */
function tokenColumns(t: TFunction, isEnterprise: boolean, revoke: (id: number) => void): Column<Token>[] {
  return [
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
          <Button size="xs" variant="light" color="red" onClick={() => revoke(x.id)}>
            {t("action.revoke")}
          </Button>
        ),
    },
  ];
}

/** The token just created, shown once with a copy button. */
function CreatedToken({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" mb="sm" title={t("admin.tokenCreated")}>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ wordBreak: "break-all", flex: 1, minWidth: 0 }}>{token}</Code>
        <CopyButton value={token}>
          {({ copy }) => (
            <Button size="xs" onClick={copy}>
              {t("action.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}

interface EnterpriseOptions {
  ownRights: string[];
  rights: string[] | null;
  setRights: (r: string[]) => void;
  days: number | string;
  setDays: (d: number | string) => void;
}

/** An enterprise's token: the rights it carries (at most the user's) and its life in days. */
function EnterpriseTokenFields({ ownRights, rights, setRights, days, setDays }: EnterpriseOptions) {
  const { t } = useTranslation();
  return (
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
      <NumberInput label={t("eheza:tokens.expires")} description={t("eheza:tokens.expiresHint")} min={1} max={365} value={days} onChange={setDays} maw={220} />
    </Stack>
  );
}

/** The tokens' state: the new token's name (and an enterprise's rights and days), creation, revocation. */
function useTokens() {
  const { data: me } = useMe();
  const client = useQueryClient();
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
  const options: EnterpriseOptions = { ownRights, rights, setRights, days, setDays };
  return { name, setName, created, isEnterprise, options, tokens, create, revoke };
}

/** The API tokens card. */
export function TokensCard() {
  const { t } = useTranslation();
  const { name, setName, created, isEnterprise, options, tokens, create, revoke } = useTokens();
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("admin.tokensTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("admin.tokensHint")}
      </Text>
      <ErrorAlert error={create.error} />
      {created ? <CreatedToken token={created} /> : null}
      {isEnterprise ? <EnterpriseTokenFields {...options} /> : null}
      <Group mb="sm" align="flex-end">
        <TextInput label={t("admin.tokenName")} value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button onClick={() => create.mutate()} disabled={!name.trim()} loading={create.isPending}>
          {t("admin.newToken")}
        </Button>
      </Group>
      <DataTable columns={tokenColumns(t, isEnterprise, revoke.mutate)} rows={tokens.data} loading={tokens.isLoading} rowKey={(x) => x.id} />
    </Card>
  );
}
