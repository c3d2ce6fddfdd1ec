import { Alert, Button, Card, Checkbox, Radio, SegmentedControl, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PrivacyNotice } from "../privacy/PrivacyNotice.tsx";
import { ErrorAlert, Loading } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { fetchAndSolve } from "../voice/pow.ts";
import type { z } from "zod";
import type { publicSurveySchema } from "#shared/contract/care.ts";

type PublicSurvey = z.input<typeof publicSurveySchema>;
type Value = string | number | string[];

type Question = PublicSurvey["questions"][number];

/** A question's answer field, by kind: one choice, several, a scale, or free text; named by the question for screen readers. */
function AnswerField({ q, value, set }: { q: Question; value: Value | undefined; set: (v: Value) => void }) {
  const labelled = `q-${q.id}`;
  if (q.kind === "single")
    return (
      <Radio.Group value={(value as string) ?? ""} onChange={set} aria-labelledby={labelled}>
        <Stack gap="xs">
          {q.options.map((o) => (
            <Radio key={o} value={o} label={o} size="md" />
          ))}
        </Stack>
      </Radio.Group>
    );
  if (q.kind === "multiple")
    return (
      <Checkbox.Group value={(value as string[]) ?? []} onChange={set} aria-labelledby={labelled}>
        <Stack gap="xs">
          {q.options.map((o) => (
            <Checkbox key={o} value={o} label={o} size="md" />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  if (q.kind === "scale")
    return (
      <SegmentedControl
        fullWidth
        size="md"
        aria-labelledby={labelled}
        value={value === undefined ? "" : String(value)}
        onChange={(v) => set(Number(v))}
        data={Array.from({ length: (q.scaleMax ?? 5) - (q.scaleMin ?? 1) + 1 }, (_, k) => String((q.scaleMin ?? 1) + k))}
      />
    );
  return <Textarea aria-labelledby={labelled} autosize minRows={2} value={(value as string) ?? ""} onChange={(e) => set(e.currentTarget.value)} />;
}

/** The answers, the worker's enterprise when the survey lists some, and the send with its anti-flood challenge. */
function useSurveyAnswers(token: string | undefined) {
  const [answers, setAnswers] = useState<Record<number, Value>>({});
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const send = useMutation({
    // A fresh anti-flood challenge for each try: a solution is spent once, with the answer it carried.
    mutationFn: async () => {
      const solution = await fetchAndSolve();
      return api.post(`/api/public/surveys/${token}/responses`, {
        ...(enterpriseId ? { enterpriseId: Number(enterpriseId) } : {}),
        answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v])),
        challenge: { token: solution.token, counter: solution.counter },
        // The notice is shown above the button: sending is the worker's consent to it (its version is stored).
        consent: true,
      });
    },
  });
  const set = (id: number, v: Value) => setAnswers((a) => ({ ...a, [id]: v }));
  return { answers, set, enterpriseId, setEnterpriseId, send };
}

/** The survey's form: the enterprise, one card per question, the privacy notice and the button. */
function SurveyForm({ data, state }: { data: PublicSurvey; state: ReturnType<typeof useSurveyAnswers> }) {
  const { t } = useTranslation("care");
  const { answers, set, enterpriseId, setEnterpriseId, send } = state;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Stack>
        {data.enterprises.length ? (
          <Select
            label={t("survey.enterprise")}
            searchable
            size="md"
            value={enterpriseId}
            onChange={setEnterpriseId}
            data={data.enterprises.map((e) => ({ value: String(e.id), label: e.name }))}
          />
        ) : null}
        {data.questions.map((q, i) => (
          <Card key={q.id} withBorder padding="sm">
            {/* The question names its answer field (the box, the choices, the scale) for screen readers. */}
            <Text fw={600} mb="xs" id={`q-${q.id}`}>
              {i + 1}. {q.text} {q.required ? "" : t("survey.optional")}
            </Text>
            <AnswerField q={q} value={answers[q.id]} set={(v) => set(q.id, v)} />
          </Card>
        ))}
        <PrivacyNotice form="survey" />
        <ErrorAlert error={send.error} />
        <Button type="submit" size="md" loading={send.isPending}>
          {t("survey.submit")}
        </Button>
      </Stack>
    </form>
  );
}

/** The anonymous survey behind a link: nothing identifying is sent or stored. */
export function SurveyAnswerPage() {
  const { t } = useTranslation("care");
  const { token } = useParams();
  const state = useSurveyAnswers(token);
  const { data, isLoading, error } = useQuery({ queryKey: ["public-survey", token], queryFn: () => api.get<PublicSurvey>(`/api/public/surveys/${token}`) });
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  if (state.send.isSuccess) return <Alert color="teal" title={t("survey.thanks")} />;
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {data.title}
        </Title>
        <Text size="sm" c="dimmed">
          {data.ownerBodyName}
        </Text>
        {data.description ? <Text size="sm">{data.description}</Text> : null}
      </div>
      <Alert color="blue" variant="light">
        {t("survey.anonymous")}
      </Alert>
      {data.closed ? <Alert color="gray">{t("survey.closed")}</Alert> : <SurveyForm data={data} state={state} />}
    </Stack>
  );
}
