import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { Evaluation, type Preview, ReportHeading, ReportSection, Tasks } from "./JointReportParts.tsx";
import { PeriodSelect } from "./PeriodSelect.tsx";
import { ReportFiles } from "./ReportFiles.tsx";
import { vnYear } from "#shared/clock.ts";

/** Pick a period, read the report with every figure linked to its records, create the .docx and .xlsx on the job queue. */
export function JointReportPage() {
  const { t } = useTranslation("reports");
  const [params, setParams] = useSearchParams();
  const period = params.get("period") ?? String(vnYear());
  const { data, error, isLoading } = useQuery({
    queryKey: ["report-preview", period],
    queryFn: () => api.get<Preview>(`/api/reports/preview${qs({ period })}`),
  });
  return (
    <>
      <PageHeader title={t("joint.title")} description={t("joint.hint")} actions={<PeriodSelect value={period} onChange={(v) => setParams({ period: v })} />} />
      <ReportFiles period={period} />
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Loading />
      ) : (
        <Stack gap="md">
          <ReportHeading data={data} />
          {data.sections.map((s, i) => (
            <ReportSection key={s.key} s={s} no={i + 1} />
          ))}
          <Evaluation evaluation={data.evaluation} />
          <Tasks title={data.tasksTitle} tasks={data.tasks} />
        </Stack>
      )}
    </>
  );
}
