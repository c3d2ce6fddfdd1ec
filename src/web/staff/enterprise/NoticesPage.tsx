import { Button, Card, MultiSelect, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { DateField } from "../coordination/DateField.tsx";
import type { z } from "zod";
import type { noticeSchema, noticeSentSchema } from "#shared/contract/enterprise.ts";
import type { enterpriseLookupSchema } from "#shared/contract/relations.ts";

type Notice = z.input<typeof noticeSchema>;

/** A new notice: title, body, answer-by date, and the enterprises it goes to (searched as typed, the picked ones kept by name). */
function NoticeForm() {
  const { t } = useTranslation("enterprise");
  const client = useQueryClient();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const { data: found } = useQuery({
    queryKey: ["notice-enterprises", debounced],
    queryFn: () => api.get<z.input<typeof enterpriseLookupSchema>>(`/api/relations/lookup/enterprises${qs({ q: debounced })}`),
  });
  const form = useForm({ initialValues: { title: "", body: "", answerBy: null as string | null, enterpriseIds: [] as string[] } });
  const send = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<z.input<typeof noticeSentSchema>>("/api/enterprise/notices", { ...v, enterpriseIds: v.enterpriseIds.map(Number) }),
    onError: (e) => applyProblem(form, e),
    onSuccess: (r) => {
      notifySuccess(t("notices.sent", { n: r.recipients }));
      form.reset();
      client.invalidateQueries({ queryKey: ["enterprise-notices"] });
    },
  });
  const options = { ...known, ...Object.fromEntries((found ?? []).map((e) => [String(e.id), e.name])) };
  return (
    <form onSubmit={form.onSubmit((v) => send.mutate(v))}>
      <Stack>
        <ErrorAlert error={send.error} form={form} />
        <TextInput label={t("notices.newTitle")} required {...form.getInputProps("title")} />
        <Textarea label={t("notices.body")} autosize minRows={3} required {...form.getInputProps("body")} />
        <DateField
          label={t("notices.answerBy")}
          value={form.values.answerBy}
          onChange={(v) => form.setFieldValue("answerBy", v)}
          error={form.errors.answerBy as string | undefined}
        />
        <MultiSelect
          label={t("notices.enterprises")}
          searchable
          required
          searchValue={search}
          onSearchChange={setSearch}
          data={Object.entries(options).map(([value, label]) => ({ value, label }))}
          filter={({ options: o }) => o}
          value={form.values.enterpriseIds}
          onChange={(v) => {
            setKnown((k) => ({ ...k, ...Object.fromEntries(v.map((id) => [id, options[id] ?? id])) }));
            form.setFieldValue("enterpriseIds", v);
          }}
          error={form.errors.enterpriseIds}
        />
        <Button type="submit" loading={send.isPending}>
          {t("notices.send")}
        </Button>
      </Stack>
    </form>
  );
}

/** The zone authority's notices to enterprises: write one to one or many enterprises, and see who answered. */
export function NoticesPage() {
  const { t } = useTranslation("enterprise");
  const { data: sent, error } = useQuery({ queryKey: ["enterprise-notices"], queryFn: () => api.get<Notice[]>("/api/enterprise/notices") });
  return (
    <>
      <PageHeader title={t("notices.title")} description={t("notices.hint")} />
      <Card withBorder mb="md">
        <NoticeForm />
      </Card>
      <Title order={3} size="h5" mb="xs">
        {t("notices.list")}
      </Title>
      <ErrorAlert error={error} />
      {sent && !sent.length ? <Text c="dimmed">{t("notices.none")}</Text> : null}
      <Stack gap="xs">
        {sent?.map((n) => (
          <Card key={n.id} withBorder padding="sm">
            <Text fw={600}>{n.title}</Text>
            <Text size="sm" lineClamp={2}>
              {n.body}
            </Text>
            <Text size="xs" c="dimmed">
              {n.fromBody} · {formatDateTime(n.createdAt)}
              {n.answerBy ? ` · ${t("inbox.deadline", { day: formatDate(n.answerBy) })}` : ""} ·{" "}
              {t("notices.recipients", { n: n.recipients, answered: n.answered })}
            </Text>
          </Card>
        ))}
      </Stack>
    </>
  );
}
