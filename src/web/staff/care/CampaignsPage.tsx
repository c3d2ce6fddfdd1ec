import { Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { DateField } from "../../components/DateField.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatVnd } from "../../lib/format.ts";
import { StatusBadge } from "./shared.tsx";
import { type Campaign, type CampaignItem, type CampaignPage, KINDS, PURPOSES } from "./types.ts";
import { vnYear } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";

/** The body's fields the form names otherwise (see lib/formProblems.ts). */
const PROBLEM_FIELDS = { eligibility: "" };

const PAGE_SIZE = 25;

/** The campaigns' columns; on a phone the period and status come under the name. */
function campaignColumns(t: TFunction<"care">): Column<CampaignItem>[] {
  return [
    {
      key: "name",
      header: t("campaigns.name"),
      mobile: "title",
      render: (c) => (
        <Text size="sm" fw={500}>
          {c.name}
        </Text>
      ),
    },
    { key: "purpose", header: t("campaigns.purpose"), render: (c) => <Badge variant="light">{t(`purpose.${c.purpose}`)}</Badge>, hideOnMobile: true },
    { key: "period", header: t("campaigns.period"), render: (c) => `${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`, hideOnMobile: true, mobile: "top" },
    { key: "owner", header: t("campaigns.owner"), render: (c) => c.ownerBodyName, hideOnMobile: true },
    { key: "people", header: t("campaigns.people"), render: (c) => formatNumber(c.people), align: "right" },
    { key: "amount", header: t("campaigns.amount"), render: (c) => formatVnd(c.amount), align: "right" },
    {
      key: "status",
      header: t("common:common.status"),
      render: (c) => <StatusBadge status={c.status} startsOn={c.startsOn} />,
      hideOnMobile: true,
      mobile: "top",
    },
  ];
}

interface Filters {
  purpose: string | null;
  setPurpose: (v: string | null) => void;
  year: string | null;
  setYear: (v: string | null) => void;
}

/** The purpose and year filters. */
function CampaignFilters({ purpose, setPurpose, year, setYear }: Filters) {
  const { t } = useTranslation("care");
  const thisYear = vnYear();
  return (
    <Group mb="sm" gap="sm">
      <Select
        placeholder={t("campaigns.purpose")}
        aria-label={t("campaigns.purpose")}
        clearable
        value={purpose}
        onChange={setPurpose}
        data={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
      />
      <Select
        placeholder={t("campaigns.year")}
        aria-label={t("campaigns.year")}
        clearable
        w={120}
        value={year}
        onChange={setYear}
        data={[0, 1, 2, 3].map((d) => String(thisYear - d))}
      />
    </Group>
  );
}

/** Support campaigns (Tết, hardship…) by purpose and year, with their people and amounts; a row opens the campaign. */
export function CampaignsPage() {
  const { t } = useTranslation("care");
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [purpose, setPurpose] = useState<string | null>(params.get("purpose"));
  const [year, setYear] = useState<string | null>(params.get("from")?.slice(0, 4) ?? null);
  const [page, setPage] = useState(1);
  const [opened, { open, close }] = useDisclosure();
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-campaigns", purpose, year, page],
    queryFn: () => api.get<CampaignPage>(`/api/care/campaigns${qs({ purpose, year, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const filters: Filters = {
    purpose,
    setPurpose: (v) => {
      setPurpose(v);
      setPage(1);
    },
    year,
    setYear: (v) => {
      setYear(v);
      setPage(1);
    },
  };
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={open}>
      {t("campaigns.new")}
    </Button>
  );
  return (
    <>
      <PageHeader title={t("campaigns.title")} description={t("campaigns.description")} actions={can("care:write") ? add : null} />
      <CampaignFilters {...filters} />
      <ErrorAlert error={error} />
      <DataTable
        columns={campaignColumns(t)}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(c) => c.id}
        onRowClick={(c) => navigate(`/staff/care/campaigns/${c.id}`)}
      />
      <Modal opened={opened} onClose={close} title={t("campaigns.new")} size="lg">
        <CampaignForm
          onDone={(id) => {
            close();
            navigate(`/staff/care/campaigns/${id}`);
          }}
          onCancel={close}
        />
      </Modal>
    </>
  );
}

/** A new campaign's form: its fields, checks and the save that opens it. */
function useCampaignForm(onDone: (id: number) => void) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      name: "",
      purpose: "tet",
      startsOn: "",
      endsOn: "",
      kinds: ["cash", "gift"] as string[],
      budget: 0 as number | string,
      membersOnly: true,
      hardshipOnly: false,
      sources: [{ source: "Tài chính công đoàn", amount: 0 as number | string }],
      description: "",
    },
    validate: {
      name: (v) => (v.trim().length >= 3 ? null : t("common:common.required")),
      startsOn: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t("common:common.required")),
      endsOn: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t("common:common.required")),
      kinds: (v) => (v.length ? null : t("common:common.required")),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e, PROBLEM_FIELDS),
    mutationFn: (v: typeof form.values) =>
      api.post<Campaign>("/api/care/campaigns", {
        name: v.name,
        purpose: v.purpose,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        kinds: v.kinds,
        budget: Number(v.budget) || 0,
        sources: v.sources.filter((s) => s.source.trim()).map((s) => ({ source: s.source, amount: Number(s.amount) || 0 })),
        eligibility: { membersOnly: v.membersOnly, hardshipOnly: v.hardshipOnly },
        description: v.description || null,
      }),
    onSuccess: (c) => {
      notifySuccess(t("common:common.created"));
      void client.invalidateQueries({ queryKey: ["care-campaigns"] });
      onDone(c.id);
    },
  });
  return { form, save };
}

type CampaignFormState = ReturnType<typeof useCampaignForm>["form"];

/** The sources of money, one row each, and the button that adds one. */
function SourceRows({ form }: { form: CampaignFormState }) {
  const { t } = useTranslation("care");
  return (
    <>
      {form.values.sources.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a form list have no other identity
        <Group key={i} grow align="flex-start">
          <TextInput label={t("campaigns.sourceName")} {...form.getInputProps(`sources.${i}.source`)} />
          <NumberInput label={t("campaigns.amount")} thousandSeparator="." decimalSeparator="," min={0} {...form.getInputProps(`sources.${i}.amount`)} />
        </Group>
      ))}
      <Button variant="subtle" size="xs" onClick={() => form.insertListItem("sources", { source: "", amount: 0 })}>
        {t("campaigns.addSource")}
      </Button>
    </>
  );
}

/** A new campaign: name, purpose, period, kinds of support, budget and its sources, who is eligible. */
function CampaignForm({ onDone, onCancel }: { onDone: (id: number) => void; onCancel: () => void }) {
  const { t } = useTranslation("care");
  const { form, save } = useCampaignForm(onDone);
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        // Blank source rows leave the form too, so the server's `sources/N` names the row the form shows as N.
        const sources = v.sources.filter((s) => s.source.trim());
        if (sources.length && sources.length !== v.sources.length) form.setFieldValue("sources", sources);
        save.mutate({ ...v, sources });
      })}
    >
      <Stack>
        <ErrorAlert error={save.error} form={form} aliases={PROBLEM_FIELDS} />
        <TextInput label={t("campaigns.name")} required {...form.getInputProps("name")} />
        <Select
          label={t("campaigns.purpose")}
          data={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          allowDeselect={false}
          {...form.getInputProps("purpose")}
        />
        <Group grow align="flex-start">
          <DateField
            label={t("campaigns.startsOn")}
            required
            value={form.values.startsOn}
            onChange={(v) => form.setFieldValue("startsOn", v ?? "")}
            error={form.errors.startsOn as string | undefined}
          />
          <DateField
            label={t("campaigns.endsOn")}
            required
            value={form.values.endsOn}
            onChange={(v) => form.setFieldValue("endsOn", v ?? "")}
            error={form.errors.endsOn as string | undefined}
          />
        </Group>
        <MultiSelect label={t("campaigns.kinds")} required data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} {...form.getInputProps("kinds")} />
        <NumberInput label={t("campaigns.budget")} thousandSeparator="." decimalSeparator="," suffix=" ₫" min={0} {...form.getInputProps("budget")} />
        <SourceRows form={form} />
        <Checkbox label={t("campaigns.membersOnly")} {...form.getInputProps("membersOnly", { type: "checkbox" })} />
        <Checkbox label={t("campaigns.hardshipOnly")} {...form.getInputProps("hardshipOnly", { type: "checkbox" })} />
        <Textarea label={t("campaigns.descriptionField")} autosize minRows={2} {...form.getInputProps("description")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common:action.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common:action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
