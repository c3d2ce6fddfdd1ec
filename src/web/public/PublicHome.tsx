import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ContactCard, usePublicContacts } from "./contacts.tsx";
import { publicModules } from "./modules.tsx";

/** The portal's front page: what a worker can do here, in a few taps. */
export function PublicHome() {
  const { t } = useTranslation();
  const contacts = usePublicContacts();
  const links = publicModules.sort((a, b) => a.order - b.order).flatMap((m) => m.links);
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {t("public.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("public.intro")}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {links.map((l) => (
          <Card key={l.path} withBorder component={Link} to={l.path} padding="md">
            <Text fw={600} c="blue.8">
              {t(l.labelKey)}
            </Text>
            {l.descriptionKey ? (
              <Text size="sm" c="dimmed">
                {t(l.descriptionKey)}
              </Text>
            ) : null}
          </Card>
        ))}
      </SimpleGrid>
      <ContactCard title={t("public.hotlineTitle")} intro={t("public.hotline")} contacts={contacts.data?.hotline} testId="hotline" />
    </Stack>
  );
}
