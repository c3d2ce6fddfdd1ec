import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconDownload, IconFileSpreadsheet, IconFileTypeDocx } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError } from "../../components/ui.tsx";
import { api, download } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import type { ReportFile } from "#shared/contract/reporting.ts";

type Kind = "docx" | "final" | "xlsx";
const STATUS_COLOR: Record<ReportFile["status"], string> = { queued: "gray", running: "blue", done: "green", failed: "red" };

/** "1,2 MB" / "84 KB" in the user's number format. */
function size(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes >= 1_000_000) return `${formatNumber(Math.round(bytes / 100_000) / 10, 1)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} KB`;
}

/**
 * "Tạo tệp": the report is generated on the server's job queue; the recent files poll their status
 * while one is still queued or running, and each done file downloads from the list.
 */
export function ReportFiles({ period }: { period: string }) {
  const { t } = useTranslation("reports");
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>("docx");
  const files = useQuery({
    queryKey: ["report-files"],
    queryFn: () => api.get<{ items: ReportFile[] }>("/api/reports/files"),
    refetchInterval: (q) => (q.state.data?.items.some((f) => f.status === "queued" || f.status === "running") ? 1000 : false),
  });
  const create = useMutation({
    mutationFn: () =>
      api.post<ReportFile>("/api/reports/files", { period, format: kind === "xlsx" ? "xlsx" : "docx", version: kind === "final" ? "final" : "draft" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["report-files"] }),
    onError: notifyError,
  });
  const get = (f: ReportFile) => download(`/api/reports/files/${f.id}/content`, f.fileName ?? `bao-cao-${f.period}.${f.format}`).catch(notifyError);
  const items = files.data?.items ?? [];
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group gap="sm" align="end" wrap="wrap">
          <NativeSelect
            label={t("files.kind")}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Kind)}
            w={{ base: "100%", xs: 260 }}
            data={[
              { value: "docx", label: t("files.docx") },
              { value: "final", label: t("files.final") },
              { value: "xlsx", label: t("files.xlsx") },
            ]}
          />
          <Button
            leftSection={kind === "xlsx" ? <IconFileSpreadsheet size={18} /> : <IconFileTypeDocx size={18} />}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {t("files.create")}
          </Button>
        </Group>
        <Title order={3} size="h5">
          {t("files.recent")}
        </Title>
        {items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("files.none")}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((f) => (
              <Group key={f.id} component="li" justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} style={{ minWidth: 0, flex: "1 1 16rem" }}>
                  <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                    {f.fileName ?? t(`files.name_${f.format === "xlsx" ? "xlsx" : f.version === "final" ? "final" : "docx"}`, { period: f.period })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(f.createdAt)}
                    {f.sizeBytes !== null ? ` · ${size(f.sizeBytes)}` : ""}
                    {f.status === "failed" && f.error ? ` · ${f.error}` : ""}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Badge color={STATUS_COLOR[f.status]} variant="light">
                    {t(`files.status.${f.status}`)}
                  </Badge>
                  {f.status === "done" ? (
                    <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => get(f)}>
                      {t("files.download")}
                    </Button>
                  ) : null}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
