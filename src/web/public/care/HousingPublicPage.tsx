import { Stack, Text, Title } from "@mantine/core";
import { PrivacyNotice } from "../privacy/PrivacyNotice.tsx";
import { ContactCard, usePublicContacts } from "../contacts.tsx";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { HousingCard, type HousingProject } from "../../staff/care/housing.shared.tsx";

/** Worker housing projects for workers: places, sizes, progress — no personal data. */
export function HousingPublicPage() {
  const { t } = useTranslation("care");
  const contacts = usePublicContacts();
  const { data, isLoading, error } = useQuery({
    queryKey: ["public-housing"],
    queryFn: () => api.get<{ total: number; units: number; capacityPeople: number; items: HousingProject[] }>("/api/public/housing"),
  });
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {t("housing.publicTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("housing.publicIntro")}
        </Text>
        {data ? (
          <Text size="sm" mt={4} fw={600}>
            {t("housing.totals", { count: data.total, units: formatNumber(data.units), people: formatNumber(data.capacityPeople) })}
          </Text>
        ) : null}
      </div>
      <ContactCard title={t("housing.contactsTitle")} intro={t("housing.contactsIntro")} contacts={contacts.data?.housing} testId="housing-contacts" />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {(data?.items ?? []).map((p) => (
        <HousingCard key={p.id} p={p} />
      ))}
      <PrivacyNotice form="housing" />
    </Stack>
  );
}
