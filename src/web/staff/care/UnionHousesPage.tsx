import { Button, Group, Modal, NumberInput, Progress, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatVnd } from "../../lib/format.ts";
import { PersonPicker } from "./shared.tsx";
import { vnToday } from "#shared/clock.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import { type HousePage, STAGES } from "./types.ts";

type House = HousePage["items"][number];
const PAGE_SIZE = 25;

/** The houses' columns: beneficiary, union, build or repair, money, progress through the stages, handover. */
function houseColumns(t: TFunction<"care">): Column<House>[] {
  return [
    { key: "name", header: t("houses.beneficiary"), render: (h) => h.fullName },
    { key: "union", header: t("campaign.union"), render: (h) => h.unionName ?? "", hideOnMobile: true },
    { key: "work", header: t("houses.work"), render: (h) => t(`houses.${h.work}`), hideOnMobile: true },
    { key: "amount", header: t("houses.amount"), render: (h) => formatVnd(h.amount), align: "right" },
    { key: "co", header: t("houses.coFunding"), render: (h) => formatVnd(h.coFunding), align: "right", hideOnMobile: true },
    {
      key: "progress",
      header: t("houses.progress"),
      render: (h) => (
        <Stack gap={2} miw={110}>
          <Text size="xs">
            {t(`houses.stages.${h.stage}`)} · {h.progress}%
          </Text>
          <Progress value={h.progress} size="sm" color={h.stage === "handed_over" ? "teal" : "blue"} aria-label={t("houses.progress")} />
        </Stack>
      ),
    },
    { key: "handover", header: t("houses.handoverOn"), render: (h) => formatDate(h.handoverOn), hideOnMobile: true },
  ];
}

/** Union houses ("Mái ấm Công đoàn") built or repaired, by stage, with the money and co-funding; a writer opens one to update it. */
export function UnionHousesPage() {
  const { t } = useTranslation("care");
  const can = useCan();
  const [stage, setStage] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<House | "new" | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-houses", stage, page],
    queryFn: () => api.get<HousePage>(`/api/care/union-houses${qs({ stage, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
      {t("houses.new")}
    </Button>
  );
  return (
    <>
      <PageHeader title={t("houses.title")} description={t("houses.description")} actions={can("care:write") ? add : null} />
      <Select
        mb="sm"
        w={220}
        clearable
        placeholder={t("houses.stage")}
        aria-label={t("houses.stage")}
        value={stage}
        onChange={(v) => {
          setStage(v);
          setPage(1);
        }}
        data={STAGES.map((s) => ({ value: s, label: t(`houses.stages.${s}`) }))}
      />
      {data ? (
        <Text size="sm" mb="sm">
          {t("houses.summary", {
            count: data.total,
            amount: formatVnd(data.summary.amount),
            co: formatVnd(data.summary.coFunding),
            done: formatNumber(data.summary.handedOver),
          })}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
      <DataTable
        columns={houseColumns(t)}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(h) => h.id}
        onRowClick={can("care:write") ? (h) => setEditing(h) : undefined}
      />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? t("houses.new") : t("houses.update")} size="lg">
        {editing ? <HouseForm key={editing === "new" ? "new" : editing.id} house={editing === "new" ? null : editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}

/** A house's form filled from the house (or a new one's defaults) and its save: a new house names its beneficiary and work. */
function useHouseForm(house: House | null, onDone: () => void) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      personId: null as number | null,
      work: house?.work ?? "build",
      address: house?.address ?? "",
      amount: (house?.amount ?? 50_000_000) as number | string,
      coFunding: (house?.coFunding ?? 0) as number | string,
      coFunders: house?.coFunders ?? "",
      stage: house?.stage ?? "approved",
      progress: (house?.progress ?? 0) as number | string,
      approvedOn: house?.approvedOn ?? vnToday(),
      startedOn: house?.startedOn ?? "",
      handoverOn: house?.handoverOn ?? "",
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) => {
      const common = {
        address: v.address,
        amount: Number(v.amount),
        coFunding: Number(v.coFunding),
        coFunders: v.coFunders || null,
        stage: v.stage,
        progress: Number(v.progress),
        startedOn: v.startedOn || null,
        handoverOn: v.handoverOn || null,
      };
      return house
        ? api.patch(`/api/care/union-houses/${house.id}`, common)
        : api.post("/api/care/union-houses", { ...common, personId: v.personId, work: v.work, approvedOn: v.approvedOn });
    },
    onSuccess: () => {
      notifySuccess(t("common:common.saved"));
      void client.invalidateQueries({ queryKey: ["care-houses"] });
      onDone();
    },
  });
  return { form, save };
}

type HouseFormState = ReturnType<typeof useHouseForm>["form"];

/** A new house's beneficiary, kind of work and approval date. */
function NewHouseFields({ form }: { form: HouseFormState }) {
  const { t } = useTranslation("care");
  return (
    <>
      <PersonPicker
        label={t("houses.beneficiary")}
        value={form.values.personId}
        onChange={(v) => form.setFieldValue("personId", v)}
        error={form.errors.personId as string | undefined}
      />
      <Select
        label={t("houses.work")}
        data={["build", "repair"].map((w) => ({ value: w, label: t(`houses.${w}`) }))}
        allowDeselect={false}
        {...form.getInputProps("work")}
      />
      <TextInput type="date" label={t("houses.approvedOn")} {...form.getInputProps("approvedOn")} />
    </>
  );
}

/** A new house, or a house's progress, money and dates. */
function HouseForm({ house, onDone }: { house: House | null; onDone: () => void }) {
  const { t } = useTranslation("care");
  const { form, save } = useHouseForm(house, onDone);
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        {house ? <Text fw={600}>{house.fullName}</Text> : <NewHouseFields form={form} />}
        <TextInput label={t("houses.address")} {...form.getInputProps("address")} />
        <Group grow align="flex-start">
          <NumberInput label={t("houses.amount")} thousandSeparator="." decimalSeparator="," min={0} {...form.getInputProps("amount")} />
          <NumberInput label={t("houses.coFunding")} thousandSeparator="." decimalSeparator="," min={0} {...form.getInputProps("coFunding")} />
        </Group>
        <TextInput label={t("houses.coFunders")} {...form.getInputProps("coFunders")} />
        <Group grow align="flex-start">
          <Select
            label={t("houses.stage")}
            data={STAGES.map((s) => ({ value: s, label: t(`houses.stages.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps("stage")}
          />
          <NumberInput label={`${t("houses.progress")} (%)`} min={0} max={100} {...form.getInputProps("progress")} />
        </Group>
        <Group grow align="flex-start">
          <TextInput type="date" label={t("houses.startedOn")} {...form.getInputProps("startedOn")} />
          <TextInput type="date" label={t("houses.handoverOn")} {...form.getInputProps("handoverOn")} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
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
