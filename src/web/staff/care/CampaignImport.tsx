/** A campaign's payout import: choose a file, check it (dry run with a row-level report), record it (all or nothing, or skipping bad rows). */
import { Alert, Button, Card, Checkbox, FileInput, Group, SimpleGrid, Stack, Stepper, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { IconAlertTriangle, IconCircleX, IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, download } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import type { Campaign, ImportReport as Report } from "./types.ts";

type Issue = Report["errors"][number];

/** A figure with its label above. */
export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** The file, the "skip invalid rows" choice, the last report, and the send (dry run or for real). */
function useImport(campaign: Campaign) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  // As the member import offers: write the good rows and leave the bad ones, listed, to send again once corrected.
  const [skipInvalid, setSkipInvalid] = useState(false);
  const send = useMutation({
    mutationFn: (dryRun: boolean) => {
      const body = new FormData();
      if (file) body.append("file", file);
      return api.post<Report>(`/api/care/campaigns/${campaign.id}/payouts/import?dryRun=${dryRun}&skipInvalid=${skipInvalid}`, body);
    },
    onSuccess: (r) => {
      setReport(r);
      if (r.committed) {
        notifySuccess(t("import.done"));
        void client.invalidateQueries({ queryKey: ["care-campaign"] });
        void client.invalidateQueries({ queryKey: ["care-payouts"] });
      }
    },
  });
  return { file, setFile, report, setReport, skipInvalid, setSkipInvalid, send };
}

type Import = ReturnType<typeof useImport>;

/** Close, and "check" or, once checked clean (or skipping), "record". */
function ImportButtons({ imp, onDone }: { imp: Import; onDone: () => void }) {
  const { t } = useTranslation("care");
  const { file, report, skipInvalid, send } = imp;
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onDone}>
        {t("common:action.close")}
      </Button>
      {!report || report.committed ? (
        <Button onClick={() => send.mutate(true)} disabled={!file} loading={send.isPending}>
          {t("import.check")}
        </Button>
      ) : (report.errors.length === 0 || skipInvalid) && report.created > 0 ? (
        <Button color="teal" onClick={() => send.mutate(false)} loading={send.isPending}>
          {report.errors.length
            ? t("import.commitSkipping", { count: report.created, rejected: report.rejected })
            : t("import.commit", { count: report.created })}
        </Button>
      ) : (
        <Button onClick={() => send.mutate(true)} disabled={!file} loading={send.isPending}>
          {t("import.check")}
        </Button>
      )}
    </Group>
  );
}

/** Choose a file → check it (dry run, row-level report) → record it (all or nothing). */
export function ImportWizard({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { t } = useTranslation("care");
  const imp = useImport(campaign);
  const { file, setFile, report, setReport, skipInvalid, setSkipInvalid, send } = imp;
  const step = !report ? 0 : report.committed ? 2 : 1;
  return (
    <Stack>
      <Stepper active={step} size="sm">
        <Stepper.Step label={t("import.step1")} />
        <Stepper.Step label={t("import.step2")} />
        <Stepper.Step label={t("import.step3")} />
      </Stepper>
      <Text size="sm" c="dimmed">
        {t("import.hint")}
      </Text>
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => void download("/api/care/payouts/import-template", "mau-danh-sach-nhan-ho-tro.xlsx").catch(notifyError)}
        >
          {t("import.template")}
        </Button>
      </Group>
      <FileInput
        label={t("import.file")}
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          setReport(null);
        }}
        clearable
      />
      <Checkbox
        label={t("import.skipInvalid")}
        description={t("import.skipInvalidHint")}
        checked={skipInvalid}
        onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
      />
      <ErrorAlert error={send.error} />
      {report ? <ImportReport report={report} /> : null}
      <ImportButtons imp={imp} onDone={onDone} />
    </Stack>
  );
}

/** The import's counts, and its refused rows and warnings. */
function ImportReport({ report }: { report: Report }) {
  const { t } = useTranslation("care");
  return (
    <Stack gap="sm" data-testid="import-report">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Stat label={t("import.total")} value={formatNumber(report.total)} />
        <Stat label={report.committed ? t("import.createdDone") : t("import.created")} value={formatNumber(report.created)} />
        <Stat label={t("import.unchanged")} value={formatNumber(report.unchanged)} />
        <Stat label={t("import.rejected")} value={formatNumber(report.rejected)} />
        <Stat label={t("import.peopleCreated")} value={formatNumber(report.peopleCreated)} />
      </SimpleGrid>
      {!report.dryRun && !report.committed && report.errors.length ? (
        <Alert color="red" icon={<IconCircleX size={18} />}>
          {t("import.blocked")}
        </Alert>
      ) : null}
      <IssueTable title={t("import.errors")} issues={report.errors} color="red" />
      <IssueTable title={t("import.warnings")} issues={report.warnings} color="orange" />
    </Stack>
  );
}

/** Refused rows or warnings: a table, or on a phone one card per row. */
function IssueTable({ title, issues, color }: { title: string; issues: Issue[]; color: string }) {
  const { t } = useTranslation("care");
  const phone = useMediaQuery("(max-width: 48em)");
  if (!issues.length) return null;
  if (phone) {
    // On a phone each refused row is a card: row, column, then the reason in full.
    return (
      <Stack gap={6}>
        <Title order={4} size="sm" c={`${color}.8`}>
          {title} ({formatNumber(issues.length)})
        </Title>
        {issues.slice(0, 200).map((i) => (
          <Card key={`${i.row}-${i.code}-${i.message}`} withBorder padding="xs" style={{ borderLeft: `3px solid var(--mantine-color-${color}-6)` }}>
            <Text size="xs" fw={600}>
              {t("import.row")} {i.row}
              {i.column ? ` · ${i.column}` : ""}
            </Text>
            <Text size="sm">{i.message}</Text>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <div>
      <Group gap={6} mb={4}>
        <IconAlertTriangle size={16} color={`var(--mantine-color-${color}-7)`} />
        <Title order={4} size="sm" c={`${color}.8`}>
          {title} ({formatNumber(issues.length)})
        </Title>
      </Group>
      <Table.ScrollContainer minWidth={520} mah={280}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t("import.row")}</Table.Th>
              <Table.Th w={130}>{t("import.column")}</Table.Th>
              <Table.Th>{t("import.message")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, 500).map((i) => (
              <Table.Tr key={`${i.row}-${i.code}-${i.message}`}>
                <Table.Td>{i.row}</Table.Td>
                <Table.Td>{i.column ?? ""}</Table.Td>
                <Table.Td>{i.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
