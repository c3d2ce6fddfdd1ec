import { Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { StatusBadge, today } from "./shared.tsx";
import type { z } from "zod";
import type { inspectionSchema } from "#shared/contract/relations.ts";

type Recommendation = Inspection["recommendations"][number];
type Inspection = z.input<typeof inspectionSchema>;

const resultColor: Record<string, string> = { compliant: "teal", non_compliant: "red", not_applicable: "gray" };

type Follow = (x: { rec: Recommendation; outcome: string }) => void;

/** A finding: its deadline (overdue in red), its status, and for a writer "fixed" or "to re-inspect". */
function FindingCard({ r, follow, pending }: { r: Recommendation; follow: Follow | null; pending: boolean }) {
  const { t } = useTranslation("relations");
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2} style={{ flex: "1 1 320px" }}>
          <Text size="sm" fw={500}>
            {r.text}
          </Text>
          <Text size="xs" c={r.overdue ? "red" : "dimmed"}>
            {t("inspections.deadline")}: {formatDate(r.deadline)}
            {r.overdue ? ` · ${t("inspections.overdue")}` : ""}
            {r.closedOn ? ` · ${t("inspections.closedOn")} ${formatDate(r.closedOn)}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusBadge status={r.status} />
          {follow && r.status !== "closed" ? (
            <>
              <Button size="xs" onClick={() => follow({ rec: r, outcome: "closed" })} loading={pending}>
                {t("inspections.markFixed")}
              </Button>
              {r.status !== "reinspect" ? (
                <Button size="xs" variant="default" onClick={() => follow({ rec: r, outcome: "reinspect" })}>
                  {t("inspections.toReinspect")}
                </Button>
              ) : null}
            </>
          ) : null}
        </Group>
      </Group>
    </Card>
  );
}

/** Every question's answer, its legal basis, evidence and observed value. */
function AnswersTable({ answers }: { answers: Inspection["answers"] }) {
  const { t } = useTranslation("relations");
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="xs" striped>
          <Table.Tbody>
            {answers.map((a) => (
              <Table.Tr key={a.itemId}>
                <Table.Td>
                  <Text size="sm">{a.question}</Text>
                  <Text size="xs" c="dimmed">
                    {a.legalBasis}
                  </Text>
                  {a.evidence ? <Text size="xs">{a.evidence}</Text> : null}
                  {a.observedValue ? (
                    <Text size="xs">
                      {formatNumber(a.observedValue)} / {formatNumber(a.referenceValue ?? 0)} ₫
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td w={130}>
                  <Badge color={resultColor[a.result]}>{t(`result.${a.result}`)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** An inspection record: answers per question, and the findings with deadlines, followed up here. */
export function InspectionPage() {
  const { t } = useTranslation("relations");
  const { id } = useParams();
  const can = useCan();
  const client = useQueryClient();
  const { data, isLoading, error } = useQuery({ queryKey: ["inspection", Number(id)], queryFn: () => api.get<Inspection>(`/api/relations/inspections/${id}`) });
  const follow = useMutation({
    mutationFn: ({ rec, outcome }: { rec: Recommendation; outcome: string }) =>
      api.post(`/api/relations/recommendations/${rec.id}/followups`, { outcome, onDate: today() }),
    onSuccess: () => {
      notifySuccess(t("form.saved"));
      void client.invalidateQueries({ queryKey: ["inspection", Number(id)] });
      void client.invalidateQueries({ queryKey: ["watchlist"] });
    },
  });
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={`${t(`inspectionKind.${data.kind}`)} — ${data.enterpriseName}`}
        description={`${formatDate(data.inspectedOn)} · ${data.leadBodyName}${data.planTitle ? ` · ${data.planTitle}` : ""}`}
        actions={<StatusBadge status={data.status} />}
      />
      <Title order={3} size="h4" mb="xs">
        {t("inspections.findings")}
      </Title>
      <ErrorAlert error={follow.error} />
      {data.recommendations.length === 0 ? <Text c="dimmed">{t("inspections.noFindings")}</Text> : null}
      <Stack gap="xs" mb="md">
        {data.recommendations.map((r) => (
          <FindingCard key={r.id} r={r} follow={can("relations:write") ? follow.mutate : null} pending={follow.isPending} />
        ))}
      </Stack>
      <Title order={3} size="h4" mb="xs">
        {t("inspections.answers")}
      </Title>
      <AnswersTable answers={data.answers} />
      {data.summary ? (
        <Text size="sm" mt="md">
          {data.summary}
        </Text>
      ) : null}
    </>
  );
}
