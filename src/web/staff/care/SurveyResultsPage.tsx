import { Alert, Button, Card, Group, Progress, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { StatusBadge } from "./shared.tsx";
import { AnswerCount, LinkBox } from "./SurveysPage.tsx";
import type { SurveyDetail as Survey, SurveyResults as Results } from "./types.ts";

type QuestionResult = NonNullable<ResultGroup["results"]>[number];
type ResultGroup = Results["byZone"][number];

export function SurveyResultsPage() {
  const { t } = useTranslation("care");
  const { id } = useParams();
  const client = useQueryClient();
  const survey = useQuery({ queryKey: ["care-survey", id], queryFn: () => api.get<Survey>(`/api/care/surveys/${id}`) });
  const results = useQuery({ queryKey: ["care-survey-results", id], queryFn: () => api.get<Results>(`/api/care/surveys/${id}/results`) });
  const setStatus = useMutation({
    mutationFn: (status: string) => api.patch(`/api/care/surveys/${id}`, { status }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["care-survey", id] }),
  });
  if (survey.isLoading || results.isLoading) return <Loading />;
  const s = survey.data;
  const r = results.data;
  if (!s || !r) return <ErrorAlert error={survey.error ?? results.error} />;
  return (
    <>
      <PageHeader
        title={s.title}
        actions={
          <>
            <StatusBadge status={s.status} />
            <AnswerCount n={r.total} />
            {s.canWrite && s.status !== "open" ? <Button onClick={() => setStatus.mutate("open")}>{t("surveys.open")}</Button> : null}
            {s.canWrite && s.status === "open" ? (
              <Button variant="default" onClick={() => setStatus.mutate("closed")}>
                {t("surveys.close")}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={setStatus.error} />
      {s.status !== "draft" ? <LinkBox link={s.link} /> : null}
      <Tabs defaultValue="overall" mt="md" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="overall">{t("surveys.overall")}</Tabs.Tab>
          <Tabs.Tab value="enterprise">{t("surveys.byEnterprise")}</Tabs.Tab>
          <Tabs.Tab value="zone">{t("surveys.byZone")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overall">
          {r.overall.suppressed ? <Suppressed note={r.overall.note ?? ""} /> : <QuestionResults results={r.overall.results ?? []} />}
        </Tabs.Panel>
        <Tabs.Panel value="enterprise">
          <Groups groups={r.byEnterprise} />
        </Tabs.Panel>
        <Tabs.Panel value="zone">
          <Groups groups={r.byZone} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Suppressed({ note }: { note: string }) {
  return (
    <Alert color="gray" icon={<IconLock size={18} />} data-testid="suppressed">
      {note}
    </Alert>
  );
}

function Groups({ groups }: { groups: ResultGroup[] }) {
  const { t } = useTranslation("care");
  return (
    <Stack>
      {groups.map((g) => (
        <Card key={String(g.key)} withBorder>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{g.name}</Text>
            {g.suppressed ? <Text c="dimmed">{t("surveys.suppressed")}</Text> : <AnswerCount n={g.answers ?? 0} />}
          </Group>
          {g.suppressed ? <Suppressed note={g.note ?? ""} /> : <QuestionResults results={g.results ?? []} />}
        </Card>
      ))}
    </Stack>
  );
}

function QuestionResults({ results }: { results: QuestionResult[] }) {
  const { t } = useTranslation("care");
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {results.map((q) => {
        const max = Math.max(1, ...(q.counts ?? []).map((c) => c.count));
        return (
          <Card key={q.questionId} withBorder padding="sm">
            <Text fw={600} size="sm" mb="xs">
              {q.text}
            </Text>
            {q.counts?.map((c) => (
              <Stack key={c.label} gap={2} mb={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm">{c.label}</Text>
                  <Text size="sm" c="dimmed">
                    {formatNumber(c.count)}
                  </Text>
                </Group>
                <Progress value={(c.count / max) * 100} aria-label={c.label} />
              </Stack>
            ))}
            {q.average !== undefined && q.average !== null ? (
              <Text size="sm" mt="xs">
                {t("surveys.average")}: <b>{formatNumber(q.average, 2)}</b>
              </Text>
            ) : null}
            {q.texts ? (
              <Stack gap={4}>
                {q.texts.slice(0, 30).map((x, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: anonymous comments have no identity
                  <Text key={i} size="sm">
                    “{x}”
                  </Text>
                ))}
              </Stack>
            ) : null}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
