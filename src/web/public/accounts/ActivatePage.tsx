import { Anchor, Badge, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "../../components/ui.tsx";
import { api, setCsrfToken } from "../../lib/api.ts";
import type { Me } from "../../lib/auth.tsx";
import { applyProblem } from "../../lib/formProblems.ts";
import type { z } from "zod";
import type { activationCheckSchema } from "#shared/contract/access.ts";

type Checked = z.input<typeof activationCheckSchema>;

/**
 * The code from the link's fragment (#ma=…): the browser never sends a fragment to the server, so
 * the code stays out of every access log; it is removed from the address bar at once.
 */
function codeFromFragment(): string {
  const m = /(?:^#|&)ma=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return "";
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return decodeURIComponent(m[1]);
}

/** /kich-hoat: an invited person opens their enterprise account with the one-time code, then lands on its home. */
export function ActivatePage() {
  const { t } = useTranslation();
  const a = useActivation();
  return (
    <Stack maw={480} mx="auto" py="md">
      <Title order={1} size="h3">
        {t("eheza:activate.title")}
      </Title>
      {!a.checked ? (
        <CodeStep form={a.codeForm} error={a.error} busy={a.busy} onCheck={a.check} />
      ) : (
        <AccountStep checked={a.checked} form={a.accountForm} error={a.error} busy={a.busy} onActivate={a.activate} onOther={() => a.setChecked(null)} />
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t("eheza:activate.haveAccount")}
      </Anchor>
    </Stack>
  );
}

/** The two forms, the code's check and the account's creation; a code read from the link is checked on arrival. */
function useActivation() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const codeForm = useForm({ initialValues: { code: "" }, validate: { code: (v) => (v.trim() ? null : t("common.required")) } });
  const accountForm = useForm({
    initialValues: { username: "", fullName: "", password: "", confirm: "" },
    validate: {
      username: (v) => (v.trim() ? null : t("common.required")),
      fullName: (v) => (v.trim() ? null : t("common.required")),
      password: (v) => (v ? null : t("common.required")),
      confirm: (v, values) => (v === values.password ? null : t("eheza:activate.mismatch")),
    },
  });

  const check = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<Checked>("/api/public/activation/check", { code });
      setChecked(res);
      accountForm.setFieldValue("fullName", res.fullName ?? "");
    } catch (err) {
      applyProblem(codeForm, err);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: read the fragment once, on arrival
  useEffect(() => {
    const code = codeFromFragment();
    if (code) {
      codeForm.setFieldValue("code", code);
      void check(code);
    }
  }, []);

  const activate = async (values: typeof accountForm.values) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>("/api/public/activation", {
        code: codeForm.values.code,
        username: values.username,
        fullName: values.fullName,
        password: values.password,
      });
      setCsrfToken(me.csrfToken);
      client.setQueryData(["me"], me);
      navigate("/staff/eheza", { replace: true });
    } catch (err) {
      const rest = applyProblem(accountForm, err);
      // A code spent or expired meanwhile: back to the first step, with the reason.
      if (rest.length && err && typeof err === "object" && "problem" in err) setChecked(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return { checked, setChecked, error, busy, codeForm, accountForm, check, activate };
}

type Activation = ReturnType<typeof useActivation>;

/** Step one: the one-time code. */
function CodeStep({
  form: codeForm,
  error,
  busy,
  onCheck: check,
}: {
  form: Activation["codeForm"];
  error: unknown;
  busy: boolean;
  onCheck: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <form onSubmit={codeForm.onSubmit((v) => check(v.code))}>
        <Stack>
          <Text size="sm">{t("eheza:activate.intro")}</Text>
          <ErrorAlert error={error} form={codeForm} />
          <TextInput
            label={t("eheza:activate.code")}
            placeholder={t("eheza:activate.codePlaceholder")}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            styles={{ input: { fontFamily: "monospace", letterSpacing: 1 } }}
            {...codeForm.getInputProps("code")}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t("eheza:activate.check")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Step two: the enterprise the code opens and the account's name and password. */
function AccountStep({
  checked,
  form: accountForm,
  error,
  busy,
  onActivate: activate,
  onOther,
}: {
  checked: Checked;
  form: Activation["accountForm"];
  error: unknown;
  busy: boolean;
  onActivate: Activation["activate"];
  onOther: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <form onSubmit={accountForm.onSubmit(activate)}>
        <Stack>
          <EnterpriseSummary checked={checked} />
          <ErrorAlert error={error} form={accountForm} />
          <TextInput label={t("eheza:activate.fullName")} autoComplete="name" {...accountForm.getInputProps("fullName")} />
          <TextInput
            label={t("eheza:activate.username")}
            description={t("eheza:activate.usernameHint")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            {...accountForm.getInputProps("username")}
          />
          <PasswordInput
            label={t("eheza:activate.password")}
            description={t("eheza:activate.passwordHint")}
            autoComplete="new-password"
            {...accountForm.getInputProps("password")}
          />
          <PasswordInput label={t("eheza:activate.confirm")} autoComplete="new-password" {...accountForm.getInputProps("confirm")} />
          <Button type="submit" loading={busy} fullWidth>
            {t("eheza:activate.submit")}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onOther}>
            {t("eheza:activate.other")}
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}

/** The enterprise, its tax code and the rights the account will have. */
function EnterpriseSummary({ checked }: { checked: Checked }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {t("eheza:activate.forEnterprise")}
      </Text>
      <Text fw={600} data-testid="activation-enterprise">
        {checked.enterprise.name}
      </Text>
      <Text size="sm">
        {t("eheza:activate.taxCode")}: <b>{checked.enterprise.taxCode}</b>
      </Text>
      <Group gap={4} mt={6}>
        {checked.rights.map((r) => (
          <Badge key={r} variant="light">
            {t(`eheza:rights.${r}`)}
          </Badge>
        ))}
      </Group>
    </div>
  );
}
