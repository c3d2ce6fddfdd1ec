import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { topics } from "#shared/enums.ts";
import type { z } from "zod";
import type { difficultyFiledSchema, difficultySchema } from "#shared/contract/enterprise.ts";

type Difficulty = z.input<typeof difficultySchema>;

/** Enterprises' difficulties: filed and followed by the enterprise, answered by the responsible body's officers. */
export function DifficultiesPage() {
  const { t } = useTranslation("enterprise");
  const { data: me } = useMe();
  const isEnterprise = me?.scope.kind === "enterprise";
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-difficulties"], queryFn: () => api.get<Difficulty[]>("/api/enterprise/difficulties") });
  return (
    <>
      <PageHeader
        title={t(isEnterprise ? "difficulties.title" : "difficulties.officerTitle")}
        description={t(isEnterprise ? "difficulties.hint" : "difficulties.officerHint")}
      />
      {isEnterprise ? <FileForm /> : null}
      {isEnterprise ? (
        <Title order={3} size="h5" mb="xs">
          {t("difficulties.list")}
        </Title>
      ) : null}
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && !data.length ? <Text c="dimmed">{t("difficulties.none")}</Text> : null}
      <Stack gap="sm">
        {data?.map((d) => (
          <DifficultyCard key={d.id} d={d} canAnswer={!isEnterprise && d.status === "open"} />
        ))}
      </Stack>
    </>
  );
}

function FileForm() {
  const { t } = useTranslation(["enterprise", "voice"]);
  const client = useQueryClient();
  const form = useForm({ initialValues: { kind: "petition", topic: "other", title: "", body: "" } });
  const file = useMutation({
    mutationFn: (v: typeof form.values) => api.post<z.input<typeof difficultyFiledSchema>>("/api/enterprise/difficulties", v),
    onError: (e) => applyProblem(form, e),
    onSuccess: (r) => {
      notifySuccess(t("difficulties.sent", { code: r.code, day: formatDate(r.deadline) }));
      form.reset();
      client.invalidateQueries({ queryKey: ["enterprise-difficulties"] });
    },
  });
  return (
    <Card withBorder mb="md">
      <form onSubmit={form.onSubmit((v) => file.mutate(v))}>
        <Stack>
          <ErrorAlert error={file.error} form={form} />
          <Select
            label={t("difficulties.kind")}
            size="md"
            data={(["petition", "consultation"] as const).map((k) => ({ value: k, label: t(`difficulties.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps("kind")}
          />
          <Select
            label={t("difficulties.topic")}
            size="md"
            data={topics.map((k) => ({ value: k, label: t(`voice:topic.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps("topic")}
          />
          <TextInput label={t("difficulties.subject")} size="md" required {...form.getInputProps("title")} />
          <Textarea label={t("difficulties.body")} size="md" autosize minRows={3} required {...form.getInputProps("body")} />
          <Button type="submit" size="md" loading={file.isPending}>
            {t("difficulties.send")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function DifficultyCard({ d, canAnswer }: { d: Difficulty; canAnswer: boolean }) {
  const { t } = useTranslation("enterprise");
  const client = useQueryClient();
  const [answer, setAnswer] = useState("");
  const reply = useMutation({
    mutationFn: () => api.post(`/api/enterprise/difficulties/${d.id}/answer`, { answer }),
    onSuccess: () => {
      notifySuccess(t("difficulties.replied"));
      client.invalidateQueries({ queryKey: ["enterprise-difficulties"] });
    },
  });
  const answerError = reply.error instanceof ApiError ? (reply.error.problem.errors?.find((e) => e.pointer === "/body/answer")?.message ?? null) : null;
  return (
    <Card withBorder padding="md" data-testid={`difficulty-${d.code}`}>
      <Stack gap={6}>
        <Group gap={6}>
          <Badge variant="light" color={d.status === "open" ? "orange" : "teal"}>
            {t(`difficulties.status.${d.status}`)}
          </Badge>
          <Badge variant={d.overdue ? "filled" : "outline"} color={d.overdue ? "red" : "gray"}>
            {t("difficulties.deadline", { day: formatDate(d.deadline) })}
          </Badge>
          <Text size="xs" c="dimmed">
            {d.code}
          </Text>
        </Group>
        <Text fw={600}>{d.title}</Text>
        <Text size="xs" c="dimmed">
          {d.enterpriseName} · {formatDate(d.receivedOn)} · {t("difficulties.to", { body: d.responsibleBody })}
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {d.body}
        </Text>
        {d.answer ? (
          <Card bg="blue.0" padding="sm">
            <Text size="xs" c="dimmed">
              {t("difficulties.answerBy", { body: d.responsibleBody, who: d.answeredBy ?? "—", at: formatDateTime(d.answeredAt) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {d.answer}
            </Text>
          </Card>
        ) : null}
        {canAnswer ? (
          <>
            {reply.error && !answerError ? <ErrorAlert error={reply.error} /> : null}
            <Textarea
              label={t("difficulties.answer")}
              autosize
              minRows={2}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              error={answerError}
            />
            <Button onClick={() => reply.mutate()} loading={reply.isPending}>
              {t("difficulties.reply")}
            </Button>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
