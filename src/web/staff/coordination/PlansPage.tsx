import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";

export interface PlanSummary {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  notDone: number;
  carriedOver: number;
  line: string;
}
export interface Plan {
  id: number;
  year: number;
  code: string;
  title: string;
  issuedOn: string | null;
  parties: { id: number; name: string; shortName: string | null }[];
  summary: PlanSummary;
}

/** The joint plans, newest first, each with "Hoàn thành 19/20 nội dung phối hợp". */
export function PlansPage() {
  const { t } = useTranslation("coordination");
  const { data, error, isLoading } = useQuery({ queryKey: ["plans"], queryFn: () => api.get<Plan[]>("/api/coordination/plans") });
  return (
    <>
      <PageHeader title={t("plans.title")} description={t("plans.hint")} />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && data.length === 0 ? <Text c="dimmed">{t("plans.empty")}</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((p) => (
          <Card key={p.id} withBorder component={Link} to={`/staff/coordination/plans/${p.id}`}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Badge variant="light">{p.year}</Badge>
                <Text size="xs" c="dimmed">
                  {p.code}
                  {p.issuedOn ? ` · ${formatDate(p.issuedOn)}` : ""}
                </Text>
              </Group>
              <Text fw={600}>{p.title}</Text>
              <Text size="sm" c="dimmed">
                {p.parties.map((x) => x.shortName ?? x.name).join(" – ")}
              </Text>
              <Progress.Root size="lg">
                <Progress.Section value={p.summary.total ? (100 * p.summary.done) / p.summary.total : 0} color="teal" />
                <Progress.Section value={p.summary.total ? (100 * p.summary.inProgress) / p.summary.total : 0} color="blue" />
                <Progress.Section value={p.summary.total ? (100 * (p.summary.notDone + p.summary.carriedOver)) / p.summary.total : 0} color="orange" />
              </Progress.Root>
              <Text size="sm" fw={600}>
                {p.summary.line}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
