import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorAlert, LanguageSwitch } from "./components/ui.tsx";
import { useAuthActions } from "./lib/auth.tsx";
import { applyProblem } from "./lib/formProblems.ts";

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: "", password: "" },
    validate: {
      username: (v) => (v.trim() ? null : t("common.required")),
      password: (v) => (v ? null : t("common.required")),
    },
  });
  const next = params.get("next");
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={420}>
        <form
          onSubmit={form.onSubmit(async (values) => {
            setBusy(true);
            setError(null);
            try {
              await login(values.username, values.password);
              navigate(next?.startsWith("/staff") ? next : "/staff", { replace: true });
            } catch (err) {
              applyProblem(form, err);
              setError(err);
            } finally {
              setBusy(false);
            }
          })}
        >
          <Stack>
            <Stack gap={2}>
              <Title order={1} size="h2" c="blue.8">
                {t("appName")}
              </Title>
              <Text size="sm" c="dimmed">
                {t("tagline")}
              </Text>
            </Stack>
            <Title order={2} size="h4">
              {t("login.title")}
            </Title>
            <ErrorAlert error={error} form={form} />
            <TextInput label={t("login.username")} autoComplete="username" autoFocus {...form.getInputProps("username")} />
            <PasswordInput label={t("login.password")} autoComplete="current-password" {...form.getInputProps("password")} />
            <Button type="submit" loading={busy} fullWidth>
              {t("action.login")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("login.hint")}
            </Text>
            <Anchor component={Link} to="/" size="sm">
              {t("login.workerLink")}
            </Anchor>
            <Center>
              <LanguageSwitch />
            </Center>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
