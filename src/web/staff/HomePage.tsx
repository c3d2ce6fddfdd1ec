import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../lib/auth.tsx";
import { linkVisible, staffModules } from "./modules.tsx";

/** The staff home: who you are and the capabilities you can open. Reporting replaces it with the dashboard. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const groups = staffModules
    .map((m) => ({
      ...m,
      links: m.links.filter((l) => linkVisible(l, me)),
    }))
    .filter((m) => m.links.length > 0);
  return (
    <Stack>
      <div>
        <Title order={2} size="h3">
          {t("home.welcome", { name: me.user.fullName })}
        </Title>
        <Text c="dimmed">
          {t("home.body", { body: me.body.name })} · {t(`roles.${me.user.role}`)}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {groups.map((g) => (
          <Card key={g.key} withBorder padding="md">
            <Stack gap={6}>
              <Text fw={600}>
                <g.icon size={18} style={{ verticalAlign: "-3px", marginRight: 6 }} />
                {t(g.labelKey)}
              </Text>
              {g.links.map((l) => (
                <Text key={l.path} component={Link} to={l.path} c="blue.8" size="sm">
                  {t(l.labelKey)}
                </Text>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
