import type { z } from "zod";
import type { importJobSchema, importResultSchema } from "#shared/contract/registry.ts";
import { Alert, Button, Card, Checkbox, FileInput, Group, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { IconChecklist, IconDownload, IconFileSpreadsheet, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, PageHeader, notifyError } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatNumber } from "../../lib/format.ts";
import { Stat } from "./shared.tsx";

type ImportResult = z.input<typeof importResultSchema>;

type Job = z.input<typeof importJobSchema>;

type Kind = "members" | "enterprises" | "unions";

/** What can be imported, who may, the template's file name and about how many bytes a row of it takes (for the progress bar). */
const kinds: { kind: Kind; permission: string; file: string; rowBytes: number }[] = [
  { kind: "members", permission: "people:write", file: "mau-nhap-doan-vien", rowBytes: 100 },
  { kind: "enterprises", permission: "registry:write", file: "mau-nhap-doanh-nghiep", rowBytes: 130 },
  { kind: "unions", permission: "registry:write", file: "mau-nhap-cong-doan-co-so", rowBytes: 90 },
];

/** The import wizard: what to import → template → file → dry run with a row-by-row report → import, with a progress bar. */
export function ImportPage() {
  const { t } = useTranslation("registry");
  const can = useCan();
  // Three choices do not fit side by side on a phone: they stack.
  const phone = useMediaQuery("(max-width: 36em)");
  const allowed = kinds.filter((k) => can(k.permission));
  const [picked, setPicked] = useState<Kind | null>(null);
  const current = allowed.find((k) => k.kind === picked) ?? allowed[0] ?? kinds[0];
  const kind = current?.kind ?? "members";
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { start, job, jobId, setJobId, running, result, pct } = useImportJob(kind, file, skipInvalid, current?.rowBytes ?? 100);
  return (
    <>
      <PageHeader title={t(`import.title.${kind}`)} description={t("import.description")} actions={<TemplateButtons kind={kind} file={current?.file} />} />
      <Card withBorder mb="md">
        <Stack>
          {allowed.length > 1 ? (
            <div>
              <Text size="sm" fw={500} mb={4} id="import-kind">
                {t("import.kind")}
              </Text>
              <SegmentedControl
                aria-labelledby="import-kind"
                fullWidth
                orientation={phone ? "vertical" : "horizontal"}
                data={allowed.map((k) => ({ value: k.kind, label: t(`import.kinds.${k.kind}`) }))}
                value={kind}
                disabled={running}
                onChange={(v) => {
                  setPicked(v as Kind);
                  setJobId(null);
                }}
              />
            </div>
          ) : null}
          <Text size="sm" c="dimmed">
            {t(`import.hint.${kind}`)}
          </Text>
          <FileInput
            label={t("import.file")}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              setJobId(null);
            }}
            clearable
          />
          <Checkbox label={t("import.skipInvalid")} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.currentTarget.checked)} />
          <Group>
            <Button variant="default" leftSection={<IconChecklist size={16} />} disabled={!file || running} onClick={() => start.mutate(true)}>
              {t("import.check")}
            </Button>
            <Button leftSection={<IconUpload size={16} />} disabled={!file || running} onClick={() => start.mutate(false)}>
              {t("import.commit")}
            </Button>
          </Group>
          <ErrorAlert error={start.error ?? job.error} />
          {jobId !== null && job.data ? <ImportProgress job={job.data} pct={pct} running={running} /> : null}
        </Stack>
      </Card>
      {result ? <ImportReport result={result} kind={kind} /> : null}
    </>
  );
}

function ImportReport({ result, kind }: { result: ImportResult; kind: Kind }) {
  const { t } = useTranslation("registry");
  return (
    <>
      <Alert color={result.committed ? "teal" : result.rejected ? "orange" : "blue"} mb="md">
        {result.committed ? t("import.committed") : result.dryRun ? t("import.dryRunDone") : t("import.refused")}
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 3, md: kind === "members" ? 6 : 5 }} mb="md">
        <Stat label={t("import.total")} value={formatNumber(result.total)} />
        <Stat label={t("import.created")} value={formatNumber(result.created)} />
        <Stat label={t("import.updated")} value={formatNumber(result.updated)} />
        {kind === "members" ? <Stat label={t("import.transferred")} value={formatNumber(result.transferred)} /> : null}
        <Stat label={t("import.unchanged")} value={formatNumber(result.unchanged)} />
        <Stat
          label={t("import.rejected")}
          value={
            <Text c={result.rejected ? "red" : undefined} fw={700} size="xl">
              {formatNumber(result.rejected)}
            </Text>
          }
        />
      </SimpleGrid>
      {result.errors.length ? (
        <>
          <Title order={3} size="h5" mb="xs">
            {t("import.rejected")}
          </Title>
          <Table.ScrollContainer minWidth={320}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("import.row")}</Table.Th>
                  <Table.Th>{t("import.column")}</Table.Th>
                  <Table.Th>{t("import.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.slice(0, 500).map((e) => (
                  <Table.Tr key={`${e.row}-${e.column}-${e.code}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>
                      <Text size="xs" fw={600} c="dimmed">
                        {e.column}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {result.errorCount > 500 ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t("import.moreErrors", { count: result.errorCount - 500 })}
            </Text>
          ) : null}
        </>
      ) : null}
      {result.warnings?.length ? (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">
            {t("import.warnings")}
          </Title>
          {result.warnings.slice(0, 100).map((w) => (
            <Text key={`${w.row}-${w.code}`} size="sm">
              {t("import.row")} {w.row}: {w.message}
            </Text>
          ))}
        </>
      ) : null}
    </>
  );
}

/** An import's start (a dry run or the real one, in the background) and the job it polls until done. */
function useImportJob(kind: Kind, file: File | null, skipInvalid: boolean, rowBytes: number) {
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useMutation({
    mutationFn: (dryRun: boolean) => {
      const body = new FormData();
      if (file) body.append("file", file);
      return api.post<{ jobId: number }>(`/api/registry/imports/${kind}${qs({ dryRun, skipInvalid, background: true })}`, body);
    },
    onSuccess: (r) => setJobId(r.jobId),
  });
  const job = useQuery({
    queryKey: ["registry", "import-job", jobId],
    queryFn: () => api.get<Job>(`/api/registry/imports/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === "running" || !q.state.data ? 700 : false),
  });
  const running = start.isPending || job.data?.status === "running";
  const result = job.data?.status === "done" ? job.data.result : null;
  // Rows read so far against the file's rough row count (from the bytes a row of the template takes).
  const estimate = file ? Math.max(1, Math.round(file.size / rowBytes)) : 1;
  const pct = job.data?.status === "done" ? 100 : Math.min(95, ((job.data?.processed ?? 0) / estimate) * 100);
  return { start, job, jobId, setJobId, running, result, pct };
}

/** The template to fill in, as a workbook or as CSV. */
function TemplateButtons({ kind, file }: { kind: Kind; file: string | undefined }) {
  const { t } = useTranslation("registry");
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        onClick={() => download(`/api/registry/imports/${kind}/template`, `${file}.xlsx`).catch(notifyError)}
      >
        {t("import.template")}
      </Button>
      <Button variant="subtle" onClick={() => download(`/api/registry/imports/${kind}/template?format=csv`, `${file}.csv`).catch(notifyError)}>
        {t("import.templateCsv")}
      </Button>
    </>
  );
}

/** The running job's phase, rows read and progress bar, or why it failed. */
function ImportProgress({ job, pct, running }: { job: Job; pct: number; running: boolean }) {
  const { t } = useTranslation("registry");
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm">{t(`import.phase.${job.phase}`, { defaultValue: job.phase })}</Text>
        <Text size="sm" c="dimmed">
          {t("import.progress", { count: job.processed, formatParams: {} }).replace(String(job.processed), formatNumber(job.processed))}
        </Text>
      </Group>
      <Progress value={pct} animated={running} aria-label={t("import.progress", { count: job.processed })} />
      {job.status === "failed" ? (
        <Alert color="red" mt="sm">
          {job.error}
        </Alert>
      ) : null}
    </div>
  );
}
