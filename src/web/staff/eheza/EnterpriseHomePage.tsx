import { Alert, Anchor, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconBuildingFactory2 } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { AgreementCard, type EnterpriseHome, FindingsCard, ReportCard, UnionCard } from "./EnterpriseHomeCards.tsx";

export type { EnterpriseHome } from "./EnterpriseHomeCards.tsx";

/** The enterprise account's landing page: compliance status and whom to call at the union. */
export function EnterpriseHomePage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["enterprise-home"], queryFn: () => api.get<EnterpriseHome>("/api/enterprise/home") });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Loading />;
  const h = q.data;
  return (
    <Stack>
      <PageHeader
        title={h.enterprise.name}
        description={[t("eheza:home.taxCode", { taxCode: h.enterprise.taxCode }), h.enterprise.zoneName, t("eheza:home.asOf", { date: formatDate(h.asOf) })]
          .filter(Boolean)
          .join(" · ")}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <FindingsCard findings={h.findings} />
        <Stack>
          <ReportCard report={h.labourReport} />
          <AgreementCard a={h.agreement} />
          <UnionCard union={h.union} />
        </Stack>
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconBuildingFactory2 size={18} />}>
        <Text size="sm">{t("eheza:home.privacy")}</Text>
        <Anchor component={Link} to="/staff/account" size="sm">
          {t("eheza:home.tokens")}
        </Anchor>
      </Alert>
    </Stack>
  );
}
