import { Button, Group, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconFileSpreadsheet, IconFileTypeDocx } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifyError } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { Evaluation, type Preview, ReportHeading, ReportSection, Tasks } from "./JointReportParts.tsx";
import { PeriodSelect } from "./PeriodSelect.tsx";
import { vnYear } from "#shared/clock.ts";

/** The three downloads (draft .docx, final .docx, .xlsx), each button busy while its file comes. */
function Downloads({ period }: { period: string }) {
  const { t } = useTranslation("reports");
  const [busy, setBusy] = useState<string | null>(null);
  const get = async (kind: "docx" | "xlsx", final = false) => {
    setBusy(final ? "final" : kind);
    try {
      await download(
        `/api/reports/joint.${kind}${qs(final ? { period, version: "final" } : { period })}`,
        `bao-cao-${period}${kind === "docx" && !final ? "-du-thao" : ""}.${kind}`,
      );
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group mb="md" gap="sm">
      <Button leftSection={<IconFileTypeDocx size={18} />} loading={busy === "docx"} onClick={() => get("docx")}>
        {t("joint.docx")}
      </Button>
      <Button variant="default" leftSection={<IconFileTypeDocx size={18} />} loading={busy === "final"} onClick={() => get("docx", true)}>
        {t("joint.final")}
      </Button>
      <Button variant="light" leftSection={<IconFileSpreadsheet size={18} />} loading={busy === "xlsx"} onClick={() => get("xlsx")}>
        {t("joint.xlsx")}
      </Button>
    </Group>
  );
}

/** Pick a period, read the report with every figure linked to its records, download .docx and .xlsx. */
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
      <Downloads period={period} />
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
