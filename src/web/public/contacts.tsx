import type { z } from "zod";
import type { publicContactSchema, publicContactsSchema } from "#shared/contract/access.ts";
import { Anchor, Card, Group, Stack, Text } from "@mantine/core";
import { IconPhone } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatPhone } from "#shared/identifiers.ts";
import { api } from "../lib/api.ts";

export type PublicContact = z.input<typeof publicContactSchema>;

/** The numbers each body set for workers to call (hotline, housing line); the server lets browsers keep them five minutes. */
export function usePublicContacts() {
  return useQuery({
    queryKey: ["public-contacts"],
    queryFn: () => api.get<z.input<typeof publicContactsSchema>>("/api/public/contacts"),
    staleTime: 5 * 60_000,
  });
}

/** A card of numbers as tap-to-call links: on a phone one tap dials. */
export function ContactCard({ title, intro, contacts, testId }: { title: string; intro: string; contacts: PublicContact[] | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={testId}>
      <Text fw={600}>{title}</Text>
      <Text size="sm">{intro}</Text>
      {contacts === undefined ? null : contacts.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("public.noNumbers")}
        </Text>
      ) : (
        <Stack gap={6} mt="xs">
          {contacts.map((c) => (
            <Group key={`${c.bodyId}-${c.phone}`} gap="xs" wrap="nowrap" align="center">
              <IconPhone size={18} aria-hidden style={{ flexShrink: 0 }} />
              <div style={{ minWidth: 0 }}>
                <Anchor href={`tel:${c.phone}`} fw={700} size="lg" aria-label={`${t("public.call")} ${formatPhone(c.phone)} – ${c.bodyName}`}>
                  {formatPhone(c.phone)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {c.bodyName}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
