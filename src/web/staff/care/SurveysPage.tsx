import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { fold, formatDate, formatNumber } from "../../lib/format.ts";
import { StatusBadge } from "./shared.tsx";
import { applyProblem } from "../../lib/formProblems.ts";
import type { SurveyDetail, SurveyPage } from "./types.ts";

/** The body's fields the form names otherwise (see lib/formProblems.ts). */
const PROBLEM_FIELDS = { targetEnterpriseIds: "targets" };

type Survey = SurveyPage["items"][number];

export function SurveysPage() {
  const { t } = useTranslation("care");
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { data, isLoading, error } = useQuery({ queryKey: ["care-surveys"], queryFn: () => api.get<SurveyPage>("/api/care/surveys") });
  const columns: Column<Survey>[] = [
    { key: "title", header: t("surveys.titleField"), render: (s) => s.title },
    { key: "owner", header: t("campaigns.owner"), render: (s) => s.ownerBodyName, hideOnMobile: true },
    { key: "closes", header: t("surveys.closesOn"), render: (s) => formatDate(s.closesOn), hideOnMobile: true },
    { key: "status", header: t("common:common.status"), render: (s) => <StatusBadge status={s.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("surveys.title")}
        description={t("surveys.description")}
        actions={
          can("care:write") ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("surveys.new")}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        loading={isLoading}
        rowKey={(s) => s.id}
        onRowClick={(s) => navigate(`/staff/care/surveys/${s.id}`)}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("surveys.new")} size="xl">
        <SurveyBuilder
          onDone={(id) => {
            setCreating(false);
            navigate(`/staff/care/surveys/${id}`);
          }}
        />
      </Modal>
    </>
  );
}

interface QuestionDraft {
  key: number;
  kind: "single" | "multiple" | "scale" | "text";
  text: string;
  options: string;
  required: boolean;
}

function EnterprisePicker({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string | undefined }) {
  const { t } = useTranslation("care");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const [known, setKnown] = useState<Record<string, string>>({});
  const { data } = useQuery({
    queryKey: ["care-enterprise-search", debounced],
    queryFn: () => api.get<{ id: number; name: string }[]>(`/api/public/enterprises${qs({ q: fold(debounced) })}`),
    enabled: debounced.trim().length >= 2,
  });
  const options = [
    ...value.map((v) => ({ value: v, label: known[v] ?? v })),
    ...(data ?? []).filter((e) => !value.includes(String(e.id))).map((e) => ({ value: String(e.id), label: e.name })),
  ];
  return (
    <MultiSelect
      label={t("surveys.targets")}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      data={options}
      value={value}
      error={error}
      onChange={(v) => {
        const names = { ...known };
        for (const e of data ?? []) names[String(e.id)] = e.name;
        setKnown(names);
        onChange(v);
      }}
    />
  );
}

/** The survey's body as the server takes it: options one per line, scales from 1 to 5, opened at once. */
function surveyBody(v: { title: string; description: string; closesOn: string; targets: string[]; questions: QuestionDraft[] }) {
  return {
    title: v.title,
    description: v.description || null,
    closesOn: v.closesOn || null,
    targetEnterpriseIds: v.targets.map(Number),
    status: "open",
    questions: v.questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      required: q.required,
      options:
        q.kind === "single" || q.kind === "multiple"
          ? q.options
              .split("\n")
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
      scaleMin: 1,
      scaleMax: 5,
    })),
  };
}

/** The builder's form, starting with a choice and a scale question, and its save. */
function useSurveyBuilder(onDone: (id: number) => void) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      title: "",
      description: "",
      closesOn: "",
      targets: [] as string[],
      questions: [
        { key: 0, kind: "single", text: "", options: "", required: true },
        { key: 1, kind: "scale", text: "", options: "", required: true },
      ] as QuestionDraft[],
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e, PROBLEM_FIELDS),
    mutationFn: (v: typeof form.values) => api.post<SurveyDetail>("/api/care/surveys", surveyBody(v)),
    onSuccess: (s) => {
      notifySuccess(t("common:common.created"));
      void client.invalidateQueries({ queryKey: ["care-surveys"] });
      onDone(s.id);
    },
  });
  return { form, save };
}

type BuilderForm = ReturnType<typeof useSurveyBuilder>["form"];

/** One question: its kind, its text, its options (for a choice) and whether it must be answered. */
function QuestionCard({ form, q, i }: { form: BuilderForm; q: QuestionDraft; i: number }) {
  const { t } = useTranslation("care");
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <Select
            label={t("surveys.kind")}
            w={170}
            data={(["single", "multiple", "scale", "text"] as const).map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps(`questions.${i}.kind`)}
          />
          <TextInput style={{ flex: 1 }} label={`${t("surveys.question")} ${i + 1}`} {...form.getInputProps(`questions.${i}.text`)} />
          <ActionIcon variant="subtle" color="red" aria-label={t("surveys.remove")} onClick={() => form.removeListItem("questions", i)} mb={4}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        {q.kind === "single" || q.kind === "multiple" ? (
          <Textarea label={t("surveys.options")} autosize minRows={2} {...form.getInputProps(`questions.${i}.options`)} />
        ) : null}
        <Checkbox label={t("surveys.required")} {...form.getInputProps(`questions.${i}.required`, { type: "checkbox" })} />
      </Stack>
    </Card>
  );
}

/** Officers build a short survey in Vietnamese: choices, a scale, free text. */
function SurveyBuilder({ onDone }: { onDone: (id: number) => void }) {
  const { t } = useTranslation("care");
  const [seq, setSeq] = useState(2);
  const { form, save } = useSurveyBuilder(onDone);
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} aliases={PROBLEM_FIELDS} />
        <TextInput label={t("surveys.titleField")} {...form.getInputProps("title")} />
        <Textarea label={t("surveys.descriptionField")} autosize minRows={2} {...form.getInputProps("description")} />
        <Group grow align="flex-start">
          <TextInput type="date" label={t("surveys.closesOn")} {...form.getInputProps("closesOn")} />
        </Group>
        <EnterprisePicker value={form.values.targets} onChange={(v) => form.setFieldValue("targets", v)} error={form.errors.targets as string | undefined} />
        <Text fw={600}>{t("surveys.questions")}</Text>
        {form.values.questions.map((q, i) => (
          <QuestionCard key={q.key} form={form} q={q} i={i} />
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            form.insertListItem("questions", { key: seq, kind: "single", text: "", options: "", required: true });
            setSeq(seq + 1);
          }}
        >
          {t("surveys.addQuestion")}
        </Button>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common:action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LinkBox({ link }: { link: string }) {
  const { t } = useTranslation("care");
  const url = `${window.location.origin}${link}`;
  return (
    <Card withBorder padding="sm">
      <Text size="sm" fw={600}>
        {t("surveys.link")}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" style={{ wordBreak: "break-all" }}>
          {url}
        </Text>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t("surveys.copied") : t("surveys.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <SurveyQr url={url} />
    </Card>
  );
}

export function AnswerCount({ n }: { n: number }) {
  const { t } = useTranslation("care");
  return (
    <Badge variant="light">
      {formatNumber(n)} {t("surveys.answers").toLowerCase()}
    </Badge>
  );
}

/** The survey's link as a QR code (SVG drawn in the browser), to print on a notice board. */
function SurveyQr({ url }: { url: string }) {
  const { t } = useTranslation("care");
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((s) => alive && setSvg(s))
      .catch(() => alive && setSvg(null));
    return () => {
      alive = false;
    };
  }, [url]);
  if (!svg) return null;
  const href = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return (
    <Group mt="xs" gap="sm" align="center">
      <img src={href} alt={t("surveys.qrAlt")} width={140} height={140} />
      <Anchor href={href} download="khao-sat-qr.svg" size="sm">
        {t("surveys.qrDownload")}
      </Anchor>
    </Group>
  );
}
