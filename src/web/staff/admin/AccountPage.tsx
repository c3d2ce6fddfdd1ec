import { Button, Card, Group, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorAlert, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { splitProblem } from "../../lib/formProblems.ts";
import { api } from "../../lib/api.ts";
import { useAuthActions, useMe } from "../../lib/auth.tsx";
import { TokensCard } from "./AccountTokens.tsx";

/** The signed-in user's own account: who they are, their password, API tokens, and "log out everywhere". */
export function AccountPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { logout } = useAuthActions();
  if (!me) return null;
  return (
    <Stack>
      <PageHeader title={t("nav.account")} description={`${me.user.fullName} · ${t(`roles.${me.user.role}`)} · ${me.body.name}`} />
      <ChangePassword />
      <TokensCard />
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
