import { Alert, Button, Center, Group, Loader, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../lib/api.ts";
import { splitProblem } from "../lib/formProblems.ts";
import { setLanguage } from "../lib/i18n.ts";

/** A page title with optional actions on the right; wraps on phones. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <Stack gap={4} style={{ minWidth: 0, flex: "1 1 260px" }}>
        <Title order={2} size="h3">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/**
 * The problem the server sent, in the user's language, with field errors listed. Given the form it came from,
 * the messages the form shows under their fields (see lib/formProblems.ts) are left out here.
 */
export function ErrorAlert({ error, form, aliases }: { error: unknown; form?: { values: object }; aliases?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const listed = problem?.errors && form ? splitProblem(error, form.values, aliases).rest : problem?.errors;
  // The server's detail repeats the first error ("… (và 2 lỗi khác)"): once those are under their fields, it is dropped.
  const first = problem?.errors?.[0]?.message;
  const underFields = Boolean(form && problem?.errors && listed && listed.length < problem.errors.length);
  const detail = underFields && first && problem?.detail?.startsWith(first) ? null : problem?.detail;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={problem?.title ?? t("common.error")} mb="md">
      {detail ? <Text size="sm">{detail}</Text> : null}
      {underFields ? <Text size="sm">{t("common.seeFields")}</Text> : null}
      {listed?.length ? (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {listed.map((e) => (
            <li key={`${e.pointer}-${e.message}`}>
              <Text size="sm">{e.message}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {problem?.requestId && problem.status >= 500 ? (
        <Text size="xs" c="dimmed">
          Mã yêu cầu: {problem.requestId}
        </Text>
      ) : null}
      {!problem && error instanceof Error ? <Text size="sm">{error.message}</Text> : null}
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed">{t("common.loading")}</Text>
      </Group>
    </Center>
  );
}

/** Shows a green toast for a finished action. */
export function notifySuccess(message: string) {
  notifications.show({ color: "teal", message, autoClose: 3000 });
}

/** Shows a red toast with the server's problem. */
export function notifyError(error: unknown) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  notifications.show({ color: "red", message, autoClose: 6000 });
}

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label="Ngôn ngữ / Language"
      value={i18n.language.startsWith("en") ? "en" : "vi"}
      onChange={(v) => setLanguage(v as "vi" | "en")}
      data={[
        { value: "vi", label: "VI" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}

/** A page that is not there: staff go back to their workspace, a worker on the portal back to the portal. */
export function NotFound({ side = "staff" }: { side?: "staff" | "public" }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl">
      <Title order={2}>{t("common.notFound")}</Title>
      <Text c="dimmed">{side === "public" ? t("common.notFoundPublicHint") : t("common.notFoundHint")}</Text>
      <Button component="a" href={side === "public" ? "/" : "/staff"} variant="light">
        {side === "public" ? t("common.toPortal") : t("nav.home")}
      </Button>
    </Stack>
  );
}

/** Where the skip link lands: the page's main region (focusable by script, not by Tab). */
export const MAIN_ID = "noi-dung";

/**
 * "Bỏ qua, tới nội dung": the first stop of Tab on every page, hidden until focused, so a keyboard
 * user does not walk the header and the menu before each page's content (WCAG 2.4.1).
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href={`#${MAIN_ID}`}
      className="skip-link"
      onClick={(e) => {
        // Focus moves to the content itself (a plain #hash would also change the router's location).
        e.preventDefault();
        const main = document.getElementById(MAIN_ID);
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t("common.skipToContent")}
    </a>
  );
}
