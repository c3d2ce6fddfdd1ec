/** One submission opened from the review queue: its figures, warnings and versions, and the accept / return decision. */
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "../../lib/format.ts";
import { StatusBadge, type SubmissionDetail, numberGroups, periodText } from "./shared.tsx";

const money = new Set(["lowestWage", "averageWage"]);

/** A label and its value on one ruled line. */
function Line({ label, value, ruled }: { label: string; value: string; ruled?: boolean }) {
  return (
    <Group justify="space-between" wrap={ruled ? "nowrap" : undefined} style={ruled ? { borderBottom: "1px solid var(--mantine-color-gray-2)" } : undefined}>
      <Text size="sm">{label}</Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}

/** Every figure of the report, then the two relations questions. */
function Figures({ data }: { data: SubmissionDetail }) {
  const { t } = useTranslation("labour");
  const value = (f: string, v: number) => (money.has(f) ? formatVnd(v) : formatNumber(v));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {numberGroups
        .flatMap((g) => g.fields)
        .map((f) => (
          <Line key={f} ruled label={t(`field.${f}`)} value={value(f, data[f])} />
        ))}
      <Line label={t("field.hasAgreement")} value={data.hasAgreement ? t("report.yes") : t("report.no")} />
      <Line label={t("field.hasUnion")} value={data.hasUnion ? t("report.yes") : t("report.no")} />
    </SimpleGrid>
  );
}

/** The enterprise's earlier versions for the period, with their decisions. */
function Versions({ versions }: { versions: SubmissionDetail["versions"] }) {
  const { t } = useTranslation("labour");
  return (
    <>
      <Text fw={500} size="sm">
        {t("review.versions")}
      </Text>
      <Table>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                {t("report.version")} {v.version}
              </Table.Td>
              <Table.Td>{formatDateTime(v.submittedAt)}</Table.Td>
              <Table.Td>
                <StatusBadge status={v.status} />
              </Table.Td>
              <Table.Td>{v.decisionReason ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** Accept, or return with a reason; both close the dialog and refresh the queue. */
function Decision({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation("labour");
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [returning, setReturning] = useState(false);
  const done = (message: string) => {
    notifySuccess(message);
    client.invalidateQueries({ queryKey: ["labour-submissions"] });
    client.invalidateQueries({ queryKey: ["labour-submission", id] });
    onClose();
  };
  const accept = useMutation({ mutationFn: () => api.post(`/api/labour/submissions/${id}/accept`, {}), onSuccess: () => done(t("review.accepted")) });
  const giveBack = useMutation({ mutationFn: () => api.post(`/api/labour/submissions/${id}/return`, { reason }), onSuccess: () => done(t("review.returned")) });
  return (
    <>
      <ErrorAlert error={accept.error ?? giveBack.error} />
      {returning ? (
        <Stack gap="xs">
          <Textarea label={t("review.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
          <Group>
            <Button color="orange" onClick={() => giveBack.mutate()} loading={giveBack.isPending}>
              {t("review.return")}
            </Button>
            <Button variant="subtle" onClick={() => setReturning(false)}>
              {t("common:action.cancel")}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group>
          <Button color="teal" onClick={() => accept.mutate()} loading={accept.isPending}>
            {t("review.accept")}
          </Button>
          <Button color="orange" variant="light" onClick={() => setReturning(true)}>
            {t("review.return")}
          </Button>
        </Group>
      )}
    </>
  );
}

/** The submission's dialog; the decision is offered to a reviewer while it is still submitted. */
export function ReviewModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const can = useCan();
  const { data, error } = useQuery({ queryKey: ["labour-submission", id], queryFn: () => api.get<SubmissionDetail>(`/api/labour/submissions/${id}`) });
  return (
    <Modal opened onClose={onClose} title={data ? `${data.enterpriseName} · ${periodText(data.period, en)}` : ""} size="xl">
      <ErrorAlert error={error} />
      {data ? (
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={data.status} />
            <Text size="sm" c="dimmed">
              {t("report.version")} {data.version} · {t(`source.${data.source}`)} · {formatDateTime(data.submittedAt)} · {data.submittedBy ?? ""}
            </Text>
          </Group>
          {data.warnings.length ? (
            <Alert color="yellow" title={t("report.warnings")}>
              {data.warnings.map((w) => (
                <Text size="sm" key={`${w.pointer}-${w.code}`}>
                  {w.message}
                </Text>
              ))}
            </Alert>
          ) : null}
          <Figures data={data} />
          {data.note ? <Text size="sm">{data.note}</Text> : null}
          {data.versions.length > 1 ? <Versions versions={data.versions} /> : null}
          {data.status !== "submitted" && data.decidedAt ? (
            <Text size="sm" c="dimmed">
              {t("review.decidedBy")}: {data.decidedBy ?? ""} · {formatDate(data.decidedAt.slice(0, 10))}
              {data.decisionReason ? ` · ${data.decisionReason}` : ""}
            </Text>
          ) : null}
          {data.status === "submitted" && can("registry:write") ? <Decision id={id} onClose={onClose} /> : null}
        </Stack>
      ) : null}
    </Modal>
  );
}
