import { Alert, Button, Card, FileInput, Group, Table, Text, Title } from "@mantine/core";
import { IconDownload, IconFileSpreadsheet } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { vnToday } from "#shared/clock.ts";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, download } from "../../lib/api.ts";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { type LabourReport, useLabourReport } from "./labour-report.form.ts";
import { LabourReportForm } from "./LabourReportForm.tsx";
import { StatusBadge, type SubmissionPage, periodText, recentPeriods } from "./shared.tsx";
import type { z } from "zod";
import type { standingSchema } from "#shared/contract/labour.ts";

type Standing = z.input<typeof standingSchema>;

/** Where the enterprise stands for the current period: its deadline and status. */
function StandingAlert({ s }: { s: Standing | undefined }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  if (!s) return null;
  return (
    <Alert color={s.status === "late" || s.status === "missing" ? "red" : s.status === "due_soon" || s.status === "returned" ? "yellow" : "blue"} mb="md">
      <Group gap="xs">
        <Text size="sm">{t("report.standing", { period: periodText(s.period, en), deadline: formatDate(s.deadline) })}</Text>
        <StatusBadge status={s.status} />
      </Group>
    </Alert>
  );
}

/** The filled-in template's upload, which fills the form. */
function UploadCard({ report }: { report: LabourReport }) {
  const { t } = useTranslation("labour");
  const { upload, uploadError } = report;
  return (
    <Card withBorder mb="md">
      <FileInput
        label={t("report.upload")}
        description={t("report.uploadHint")}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        leftSection={<IconFileSpreadsheet size={16} />}
        clearable
        onChange={(f) => f && upload.mutate(f)}
        disabled={upload.isPending}
      />
      {uploadError ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={uploadError} />
        </div>
      ) : null}
    </Card>
  );
}

/** The enterprise's submissions, every version, with a returned one's reason. */
function MySubmissions({ items }: { items: SubmissionPage["items"] }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("field.period")}</Table.Th>
            <Table.Th>{t("report.version")}</Table.Th>
            <Table.Th>{t("review.submittedAt")}</Table.Th>
            <Table.Th>{t("field.workforce")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{periodText(r.period, en)}</Table.Td>
              <Table.Td>{r.version}</Table.Td>
              <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
              <Table.Td>{formatNumber(r.workforce)}</Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
                {r.status === "returned" && r.decisionReason ? (
                  <Text size="xs" c="dimmed">
                    {t("report.returnedReason")}: {r.decisionReason}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The enterprise's own half-yearly labour report: template, upload, "Kiểm tra" step, submission and its versions. */
export function LabourReportPage() {
  const { t } = useTranslation("labour");
  const periods = recentPeriods(vnToday());
  const standing = useQuery({ queryKey: ["labour-standing"], queryFn: () => api.get<Standing>("/api/labour/standing") });
  const mine = useQuery({ queryKey: ["labour-mine"], queryFn: () => api.get<SubmissionPage>("/api/labour/submissions?pageSize=20") });
  const report = useLabourReport(periods[0] as string);
  return (
    <>
      <PageHeader
        title={t("report.title")}
        description={t("report.description")}
        actions={
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => download("/api/labour/template", "mau-bao-cao-lao-dong.xlsx")}>
            {t("report.template")}
          </Button>
        }
      />
      <StandingAlert s={standing.data} />
      <ErrorAlert error={standing.error} />
      <UploadCard report={report} />
      <LabourReportForm report={report} periods={periods} />
      <Title order={3} size="h4" mt="xl" mb="sm">
        {t("report.mine")}
      </Title>
      <MySubmissions items={mine.data?.items ?? []} />
    </>
  );
}
