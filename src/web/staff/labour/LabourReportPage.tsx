import { Alert, Button, Card, Checkbox, FileInput, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileSpreadsheet } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { vnToday } from "#shared/clock.ts";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { ApiError, api, download } from "../../lib/api.ts";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "../../lib/format.ts";
import { type NumberField, StatusBadge, type SubmissionDetail, type SubmissionPage, numberGroups, periodText, recentPeriods } from "./shared.tsx";
import type { z } from "zod";
import type { checkResultSchema, standingSchema, uploadResultSchema } from "#shared/contract/labour.ts";

type Standing = z.input<typeof standingSchema>;
type CheckResult = z.input<typeof checkResultSchema>;
type Values = Record<NumberField, number | string> & { period: string; hasAgreement: boolean; hasUnion: boolean; wageReason: string; note: string };

const ROMAN = ["", "I", "II", "III", "IV"];
const numberFields = numberGroups.flatMap((g) => g.fields);

/** The enterprise's own half-yearly labour report: template, upload, "Kiểm tra" step, submission and its versions. */
export function LabourReportPage() {
  const { t, i18n } = useTranslation("labour");
  const en = i18n.language.startsWith("en");
  const client = useQueryClient();
  const periods = recentPeriods(vnToday());
  const standing = useQuery({ queryKey: ["labour-standing"], queryFn: () => api.get<Standing>("/api/labour/standing") });
  const mine = useQuery({ queryKey: ["labour-mine"], queryFn: () => api.get<SubmissionPage>("/api/labour/submissions?pageSize=20") });
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [source, setSource] = useState<"form" | "excel">("form");
  const [uploadError, setUploadError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      period: periods[0] as string,
      ...(Object.fromEntries(numberFields.map((f) => [f, ""])) as Record<NumberField, string>),
      hasAgreement: false,
      hasUnion: false,
      wageReason: "",
      note: "",
    },
  });

  const body = () => {
    const v = form.getValues();
    return {
      ...Object.fromEntries(numberFields.map((f) => [f, v[f] === "" ? null : Number(v[f])])),
      period: v.period,
      hasAgreement: v.hasAgreement,
      hasUnion: v.hasUnion,
      wageReason: v.wageReason.trim() || null,
      note: v.note.trim() || null,
    };
  };
  const showIssues = (r: CheckResult) => {
    form.clearErrors();
    for (const e of r.errors) if (e.field) form.setFieldError(e.field, e.message);
    setCheck(r);
  };
  const showProblem = (e: unknown) => {
    form.clearErrors();
    if (e instanceof ApiError && e.problem.errors) {
      for (const x of e.problem.errors) {
        const field = x.pointer.replace(/^\/body\//, "").split("/")[0] ?? "";
        if (field) form.setFieldError(field, x.message);
      }
    }
  };

  const runCheck = useMutation({
    mutationFn: () => api.post<CheckResult>("/api/labour/check", body()),
    onSuccess: showIssues,
    onError: showProblem,
  });
  const submit = useMutation({
    mutationFn: () => api.post<SubmissionDetail>("/api/labour/submissions", { ...body(), source }),
    onSuccess: () => {
      notifySuccess(t("report.submitted"));
      setCheck(null);
      client.invalidateQueries({ queryKey: ["labour-standing"] });
      client.invalidateQueries({ queryKey: ["labour-mine"] });
    },
    onError: showProblem,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append("file", file);
      return api.post<z.input<typeof uploadResultSchema>>("/api/labour/upload", fd);
    },
    onSuccess: (r) => {
      setUploadError(null);
      const v = r.values;
      form.setValues({
        ...(Object.fromEntries(numberFields.map((f) => [f, v[f] ?? ""])) as Record<NumberField, number | string>),
        ...(v.period ? { period: v.period } : {}),
        hasAgreement: Boolean(v.hasAgreement),
        hasUnion: Boolean(v.hasUnion),
        wageReason: (v.wageReason as string | undefined) ?? "",
        note: (v.note as string | undefined) ?? "",
      });
      setSource("excel");
      notifySuccess(t("report.uploaded"));
      showIssues(r);
    },
    onError: (e) => setUploadError(e),
  });

  const s = standing.data;
  const belowFloor =
    check?.errors.some((e) => e.code === "below_minimum_wage") ||
    check?.warnings.some((e) => e.code === "below_minimum_wage") ||
    Boolean(form.getValues().wageReason);
  const periodOptions = periods.map((p) => ({ value: p, label: periodText(p, en) }));

  return (
    <>
      <PageHeader
        title={t("report.title")}
        description={t("report.description")}
        actions={
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => download("/api/labour/template", "mau-bao-cao-lao-dong.xlsx")}>
            {t("report.template")}
          </Button>
        }
      />
      {s ? (
        <Alert color={s.status === "late" || s.status === "missing" ? "red" : s.status === "due_soon" || s.status === "returned" ? "yellow" : "blue"} mb="md">
          <Group gap="xs">
            <Text size="sm">{t("report.standing", { period: periodText(s.period, en), deadline: formatDate(s.deadline) })}</Text>
            <StatusBadge status={s.status} />
          </Group>
        </Alert>
      ) : null}
      <ErrorAlert error={standing.error} />

      <Card withBorder mb="md">
        <FileInput
          label={t("report.upload")}
          description={t("report.uploadHint")}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} />}
          clearable
          onChange={(f) => f && upload.mutate(f)}
          disabled={upload.isPending}
        />
        {uploadError ? (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={uploadError} />
          </div>
        ) : null}
      </Card>

      <form
        onSubmit={form.onSubmit(() => submit.mutate())}
        onChange={() => {
          if (check) setCheck(null);
        }}
      >
        <Stack gap="md">
          <Select label={t("field.period")} data={periodOptions} allowDeselect={false} maw={320} {...form.getInputProps("period")} />
          {numberGroups.map((g) => (
            <Card withBorder key={g.key}>
              <Title order={3} size="h5" mb="xs">
                {t(`group.${g.key}`)}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                {g.fields.map((f) => (
                  <NumberInput
                    key={f}
                    label={t(`field.${f}`)}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator={en ? "," : "."}
                    decimalSeparator={en ? "." : ","}
                    inputMode="numeric"
                    {...form.getInputProps(f)}
                    data-field={f}
                  />
                ))}
              </SimpleGrid>
              {g.key === "wages" && check?.minimum ? (
                <Text size="sm" c="dimmed" mt="xs">
                  {t("report.minimum", {
                    region: ROMAN[check.minimum.region],
                    date: formatDate(check.minimum.date),
                    amount: formatVnd(check.minimum.monthly),
                    decree: check.minimum.decree,
                  })}
                </Text>
              ) : null}
              {g.key === "wages" && belowFloor ? (
                <Textarea
                  mt="sm"
                  label={t("field.wageReason")}
                  description={t("field.wageReasonHint")}
                  autosize
                  minRows={2}
                  {...form.getInputProps("wageReason")}
                />
              ) : null}
            </Card>
          ))}
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t("group.relations")}
            </Title>
            <Stack gap="xs">
              <Checkbox label={t("field.hasAgreement")} {...form.getInputProps("hasAgreement", { type: "checkbox" })} />
              <Checkbox label={t("field.hasUnion")} {...form.getInputProps("hasUnion", { type: "checkbox" })} />
              <Textarea label={t("field.note")} autosize minRows={2} {...form.getInputProps("note")} />
            </Stack>
          </Card>

          {check ? (
            check.ok ? (
              <Alert color="teal" icon={<IconCircleCheck size={18} />}>
                {t("report.checkedOk")}
              </Alert>
            ) : (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t("report.checkedErrors", { n: check.errors.length })}>
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {check.errors.map((e) => (
                    <li key={`${e.pointer}-${e.code}`}>
                      <Text size="sm">
                        {t(`field.${e.field}`)}: {e.message}
                      </Text>
                    </li>
                  ))}
                </ul>
              </Alert>
            )
          ) : null}
          {check?.warnings.length ? (
            <Alert color="yellow" title={t("report.warnings")}>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {check.warnings.map((w) => (
                  <li key={`${w.pointer}-${w.code}`}>
                    <Text size="sm">{w.message}</Text>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <ErrorAlert error={runCheck.error ?? submit.error} form={form} />
          <Group>
            <Button variant="light" onClick={() => runCheck.mutate()} loading={runCheck.isPending}>
              {t("report.check")}
            </Button>
            <Button type="submit" loading={submit.isPending}>
              {t("report.submit")}
            </Button>
          </Group>
        </Stack>
      </form>

      <Title order={3} size="h4" mt="xl" mb="sm">
        {t("report.mine")}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("field.period")}</Table.Th>
              <Table.Th>{t("report.version")}</Table.Th>
              <Table.Th>{t("review.submittedAt")}</Table.Th>
              <Table.Th>{t("field.workforce")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(mine.data?.items ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{periodText(r.period, en)}</Table.Td>
                <Table.Td>{r.version}</Table.Td>
                <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
                <Table.Td>{formatNumber(r.workforce)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                  {r.status === "returned" && r.decisionReason ? (
                    <Text size="xs" c="dimmed">
                      {t("report.returnedReason")}: {r.decisionReason}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
