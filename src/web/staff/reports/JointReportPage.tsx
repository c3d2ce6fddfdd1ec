import { Anchor, Button, Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconFileSpreadsheet, IconFileTypeDocx } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifyError } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { staffLink } from "./figures.tsx";
import { PeriodSelect } from "./PeriodSelect.tsx";
import { vnYear } from "#shared/clock.ts";
import type { z } from "zod";
import type { withReportSlotSchema } from "#shared/contract/reporting.ts";

type Preview = z.input<typeof withReportSlotSchema>;

/** Pick a period, read the report with every figure linked to its records, download .docx and .xlsx. */
export function JointReportPage() {
  const { t } = useTranslation("reports");
  const [params, setParams] = useSearchParams();
  const period = params.get("period") ?? String(vnYear());
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ["report-preview", period],
    queryFn: () => api.get<Preview>(`/api/reports/preview${qs({ period })}`),
  });
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
    <>
      <PageHeader title={t("joint.title")} description={t("joint.hint")} actions={<PeriodSelect value={period} onChange={(v) => setParams({ period: v })} />} />
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
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Loading />
      ) : (
        <Stack gap="md">
          <Card withBorder>
            {data.title.map((l, i) => (
              <Text key={l} ta="center" fw={700} size={i === 0 ? "lg" : "md"}>
                {l}
              </Text>
            ))}
            <Text mt="sm" size="sm">
              {data.intro}
            </Text>
          </Card>
          {data.sections.map((s, i) => (
            <Card key={s.key} withBorder>
              <Title order={3} size="h5" mb="xs">
                {i + 1}. {s.title}
              </Title>
              <List size="sm" spacing={4} mb={s.figures.length ? "sm" : 0}>
                {s.paragraphs.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
              {s.figures.length ? (
                <Table.ScrollContainer minWidth={280}>
                  <Table withTableBorder striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("joint.label")}</Table.Th>
                        <Table.Th ta="right">{t("joint.value")}</Table.Th>
                        <Table.Th>{t("joint.source")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.figures.map((f) => (
                        <Table.Tr key={f.key}>
                          <Table.Td>{f.label}</Table.Td>
                          <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>
                            {f.text}
                          </Table.Td>
                          <Table.Td>
                            {f.link ? (
                              <Anchor component={Link} to={staffLink(f.link)} size="sm">
                                {t("joint.open")}
                              </Anchor>
                            ) : null}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              ) : null}
            </Card>
          ))}
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t("joint.evaluation")}
            </Title>
            <Text fw={600} size="sm">
              {t("joint.strengths")}
            </Text>
            <List size="sm" mb="sm">
              {data.evaluation.strengths.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
            <Text fw={600} size="sm">
              {t("joint.limitations")}
            </Text>
            <List size="sm">
              {[...data.evaluation.limitations, ...data.evaluation.causes].map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {data.tasksTitle}
            </Title>
            {data.tasks.map((g, i) => (
              <div key={g.title}>
                <Text fw={600} size="sm">
                  {i + 1}. {g.title}
                </Text>
                <List size="sm" mb="xs">
                  {g.items.map((it) => (
                    <List.Item key={it}>{it}</List.Item>
                  ))}
                </List>
              </div>
            ))}
          </Card>
        </Stack>
      )}
    </>
  );
}
