import type { z } from "zod";
import type { planRowSchema, planSummarySchema } from "#shared/contract/coordination.ts";
import { Badge, Button, Card, Group, Modal, NumberInput, Progress, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { type UseFormReturnType, useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert, Loading, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { DateField } from "./DateField.tsx";
import { FormModalFooter } from "./FormModalFooter.tsx";
import { vnYear } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";

export type PlanSummary = z.input<typeof planSummarySchema>;
export type Plan = z.input<typeof planRowSchema>;

export interface PlanHeader {
  year: number;
  code: string;
  title: string;
  issuedOn: string;
}

/** The fields of a plan's header, shared by "new plan" and "edit plan"; messages from the `coordination` strings. */
export function planHeaderForm(t: (k: string) => string, initial: PlanHeader) {
  return {
    initialValues: initial,
    validate: {
      year: (v: number) => (Number.isInteger(v) && v >= 2000 && v <= 2200 ? null : t("validation.year")),
      code: (v: string) => (v.trim() ? null : t("validation.code")),
      title: (v: string) => (v.trim() ? null : t("validation.title")),
    },
  };
}

/** Year, number, title and date of issue of a plan. */
export function PlanHeaderFields({ form }: { form: UseFormReturnType<PlanHeader> }) {
  const { t } = useTranslation("coordination");
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput label={t("plans.year")} required min={2000} max={2200} thousandSeparator="" {...form.getInputProps("year")} />
        <DateField
          label={t("plans.issuedOn")}
          value={form.values.issuedOn}
          onChange={(v) => form.setFieldValue("issuedOn", v ?? "")}
          error={form.errors.issuedOn as string | undefined}
        />
      </SimpleGrid>
      <TextInput label={t("plans.code")} placeholder="02-KH/BDVTU-BQLKKT-LĐLĐTP" required {...form.getInputProps("code")} />
      <TextInput label={t("plans.name")} required {...form.getInputProps("title")} />
    </>
  );
}

/** A plan's card: year, number, title, parties, and how far its items have got. */
function PlanCard({ p }: { p: Plan }) {
  const { t } = useTranslation("coordination");
  const share = (n: number) => (p.summary.total ? (100 * n) / p.summary.total : 0);
  return (
    <Card withBorder component={Link} to={`/staff/coordination/plans/${p.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Badge variant="light" style={{ flexShrink: 0 }}>
            {p.year}
          </Badge>
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
          <Progress.Section value={share(p.summary.done)} color="teal" aria-label={t("status.done")} />
          <Progress.Section value={share(p.summary.inProgress)} color="blue" aria-label={t("status.in_progress")} />
          <Progress.Section
            value={share(p.summary.notDone + p.summary.carriedOver)}
            color="orange"
            aria-label={`${t("status.not_done")}, ${t("status.carried_over")}`}
          />
        </Progress.Root>
        <Text size="sm" fw={600}>
          {p.summary.line}
        </Text>
      </Stack>
    </Card>
  );
}

/** A new year's plan; saved, it opens. The parties default on the server to the three bodies of the joint program. */
function NewPlanModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation("coordination");
  const navigate = useNavigate();
  const client = useQueryClient();
  const year = vnYear();
  const form = useForm<PlanHeader>(planHeaderForm(t, { year, code: "", title: t("plans.defaultTitle", { year }), issuedOn: "" }));
  const create = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: PlanHeader) =>
      api.post<Plan>("/api/coordination/plans", { year: v.year, code: v.code.trim(), title: v.title.trim(), issuedOn: v.issuedOn || null }),
    onSuccess: (plan) => {
      notifySuccess(t("plans.saved"));
      onClose();
      void client.invalidateQueries({ queryKey: ["plans"] });
      void navigate(`/staff/coordination/plans/${plan.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("plans.add")}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <ErrorAlert error={create.error} form={form} />
          <PlanHeaderFields form={form} />
          <Text size="xs" c="dimmed">
            {t("plans.partiesHint")}
          </Text>
          <FormModalFooter onCancel={onClose} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The joint plans, newest first, each with "Hoàn thành 19/20 nội dung phối hợp"; a party creates a year's plan here. */
export function PlansPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const { data, error, isLoading } = useQuery({ queryKey: ["plans"], queryFn: () => api.get<Plan[]>("/api/coordination/plans") });
  return (
    <>
      <PageHeader
        title={t("plans.title")}
        description={t("plans.hint")}
        actions={
          can("coordination:write") ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t("plans.add")}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      {data && data.length === 0 ? <Text c="dimmed">{t("plans.empty")}</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((p) => (
          <PlanCard key={p.id} p={p} />
        ))}
      </SimpleGrid>
      <NewPlanModal opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
