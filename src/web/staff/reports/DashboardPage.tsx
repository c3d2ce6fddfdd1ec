import "@mantine/charts/styles.css";
import { SimpleGrid, Stack } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PHONE_QUERY } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { HomePage } from "../HomePage.tsx";
import { formatDate } from "../../lib/format.ts";
import { MembersCard, TargetsCard, TopicsCard } from "./DashboardCharts.tsx";
import { Breakdown, type Dashboard, Headline, Sections, type SetParams, Trail } from "./DashboardParts.tsx";
import { PeriodSelect } from "./PeriodSelect.tsx";
import { vnYear } from "#shared/clock.ts";

/** The dashboard's filters (period, zone, union), kept in the address so a view can be shared. */
function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const set: SetParams = (next) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === null) p.delete(k);
      else p.set(k, v);
    setParams(p);
  };
  return { period: params.get("period") ?? String(vnYear()), zoneId: params.get("zoneId"), unionId: params.get("unionId"), set };
}

/** The leaders' home: headline figures, members over time, progress of targets, drill-down by zone and union. */
export function DashboardPage() {
  const { t } = useTranslation("reports");
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const { period, zoneId, unionId, set } = useDashboardParams();
  const { data: me } = useMe();
  const allowed = Boolean(me?.permissions.includes("reports:read"));
  const { data, error, isLoading } = useQuery({
    queryKey: ["dashboard", period, zoneId, unionId],
    queryFn: () => api.get<Dashboard>(`/api/reports/dashboard${qs({ period, zoneId, unionId })}`),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  // The staff home redirects here; those who read no reports get the plain home page.
  if (me && !allowed) return <HomePage />;
  const drilled = Boolean(zoneId || unionId);
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        description={data ? t("dashboard.hint", { period: data.period.label, asOf: formatDate(data.asOf) }) : undefined}
        actions={<PeriodSelect value={period} onChange={(v) => set({ period: v })} />}
      />
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Loading />
      ) : (
        <Stack gap="lg">
          <Trail trail={data.trail} zoneId={zoneId} set={set} />
          <Headline figures={data.headline} drilled={drilled} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <MembersCard series={data.membersSeries} phone={phone} />
            {data.targets.length ? <TargetsCard targets={data.targets} /> : null}
          </SimpleGrid>
          {data.topics.length ? <TopicsCard topics={data.topics} phone={phone} /> : null}
          <Breakdown rows={data.breakdown} scope={{ zoneId, unionId }} set={set} />
          <Sections sections={data.sections} drilled={drilled} />
        </Stack>
      )}
    </>
  );
}
