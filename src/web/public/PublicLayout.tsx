import { Anchor, Box, Container, Group, Text } from "@mantine/core";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { LanguageSwitch, Loading, MAIN_ID, SkipLink } from "../components/ui.tsx";
import { OfflineBanner } from "../pwa/OfflineBanner.tsx";

/** The worker-facing portal: phone-first, light, no account needed. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="blue.8" c="white" py="sm">
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" c="white" fw={700} size="lg" underline="never">
              {t("appName")}
            </Anchor>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size="md" py="md" component="main" id={MAIN_ID} tabIndex={-1}>
        <OfflineBanner />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
      <Container size="md" py="lg" component="footer">
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {t("public.footer")}
          </Text>
          <Anchor component={Link} to="/login" size="xs">
            {t("public.staffLogin")}
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
