import { Anchor, Button, Card, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { ExchangeCard, ItemBadges } from "./shared.tsx";
import type { z } from "zod";
import type { decisionItemSchema } from "#shared/contract/enterprise.ts";

type Pending = z.input<typeof decisionItemSchema>;
type Decision = "accept" | "reopen" | "grant" | "refuse";

/** What enterprises sent that awaits this officer's decision (scoped by the server), oldest first. */
export function DecisionsPage() {
  const { t } = useTranslation("enterprise");
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-decisions"], queryFn: () => api.get<Pending[]>("/api/enterprise/decisions") });
  return (
    <>
      <PageHeader title={t("decisions.title")} description={t("decisions.hint")} />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && !data.length ? <Text c="dimmed">{t("decisions.empty")}</Text> : null}
      <Stack gap="md">
        {data?.map((d) => (
          <PendingCard key={`${d.kind}-${d.id}-${d.enterpriseId}`} d={d} />
        ))}
      </Stack>
    </>
  );
}

function PendingCard({ d }: { d: Pending }) {
  const { t } = useTranslation("enterprise");
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (v: { exchangeId: number; decision: Decision }) =>
      api.post(`/api/enterprise/exchanges/${v.exchangeId}/decision`, { decision: v.decision, reason }),
    onSuccess: () => {
      notifySuccess(t("decisions.done"));
      setReason("");
      client.invalidateQueries({ queryKey: ["enterprise-decisions"] });
    },
  });
  const reasonError = decide.error instanceof ApiError ? (decide.error.problem.errors?.find((e) => e.pointer === "/body/reason")?.message ?? null) : null;
  const button = (exchangeId: number, decision: Decision, color: string, variant = "filled") => (
    <Button
      color={color}
      variant={variant}
      size="md"
      loading={decide.isPending}
      onClick={() => decide.mutate({ exchangeId, decision })}
      data-testid={`decide-${decision}`}
    >
      {t(`decisions.${decision}`)}
    </Button>
  );
  return (
    <Card withBorder data-testid={`pending-${d.kind}-${d.id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{d.enterpriseName}</Text>
          <Anchor component={Link} to={`/staff/enterprise/enterprises/${d.enterpriseId}/timeline`} size="sm">
            {t("decisions.timeline")}
          </Anchor>
        </Group>
        <ItemBadges item={d} />
        <Text fw={600}>{d.title}</Text>
        <Text size="sm" c="dimmed" lineClamp={3}>
          {d.summary}
        </Text>
        {decide.error && !reasonError ? <ErrorAlert error={decide.error} /> : null}
        {d.answer ? <ExchangeCard x={d.answer} /> : null}
        {d.extension ? (
          <>
            <Text size="sm" fw={600}>
              {t("decisions.extension", { day: formatDate(d.extension.until ?? "") })}
            </Text>
            <ExchangeCard x={d.extension} />
          </>
        ) : null}
        <Textarea label={t("decisions.reason")} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
        <Group gap="xs">
          {d.answer ? (
            <>
              {button(d.answer.id, "accept", "teal")}
              {button(d.answer.id, "reopen", "orange", "light")}
            </>
          ) : null}
          {d.extension ? (
            <>
              {button(d.extension.id, "grant", "blue")}
              {button(d.extension.id, "refuse", "red", "light")}
            </>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
