import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { fold, formatNumber } from "../../lib/format.ts";
import { BodySelect } from "./BodySelect.tsx";
import { applyProblem } from "../../lib/formProblems.ts";
import { formatPhone, normalizeContactPhone } from "#shared/identifiers.ts";
import type { bodySchema } from "#shared/contract/access.ts";
import { bodyKinds } from "#shared/enums.ts";
import type { z } from "zod";

type Body = z.input<typeof bodySchema>;

/** The bodies whose numbers the portal shows workers (the hotline, the housing line). */
const WITH_CONTACTS = new Set(["federation", "zone_union", "zone_authority"]);
/** Every kind but the system itself, which is made once at install. */
const KINDS = bodyKinds.filter((k) => k !== "system");
const PAGE_SIZE = 25;

export function BodiesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Body | null>(null);
  const [opened, { open, close }] = useDisclosure();
  const { data, isLoading, error } = useQuery({
    queryKey: ["bodies", debounced, kind, page],
    queryFn: () => api.get<{ total: number; items: Body[] }>(`/api/admin/bodies${qs({ q: fold(debounced), kind, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns = useBodyColumns();
  return (
    <>
      <PageHeader
        title={t("admin.bodiesTitle")}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              open();
            }}
          >
            {t("admin.newBody")}
          </Button>
        }
      />
      <BodyFilters
        q={q}
        kind={kind}
        onQ={(v) => {
          setQ(v);
          setPage(1);
        }}
        onKind={(v) => {
          setKind(v);
          setPage(1);
        }}
      />
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(b) => b.id}
        onRowClick={(b) => {
          setEditing(b);
          open();
        }}
      />
      <Modal opened={opened} onClose={close} title={editing ? editing.name : t("admin.newBody")} size="lg">
        <BodyForm key={editing?.id ?? "new"} body={editing} onDone={close} />
      </Modal>
    </>
  );
}

function BodyForm({ body, onDone }: { body: Body | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, save, remove } = useBodyForm(body, onDone);
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error ?? remove.error} form={form} />
        <Select
          label={t("admin.kind")}
          disabled={Boolean(body)}
          data={KINDS.map((k) => ({ value: k, label: t(`bodyKinds.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps("kind")}
        />
        <TextInput label={t("common.name")} {...form.getInputProps("name")} />
        <Group grow align="flex-start">
          <TextInput label={t("admin.shortName")} {...form.getInputProps("shortName")} />
          <TextInput label={t("admin.code")} {...form.getInputProps("code")} />
        </Group>
        {body && WITH_CONTACTS.has(body.kind) ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("admin.hotlinePhone")} description={t("admin.phoneHint")} type="tel" inputMode="tel" {...form.getInputProps("hotlinePhone")} />
            <TextInput label={t("admin.housingPhone")} description={t("admin.phoneHint")} type="tel" inputMode="tel" {...form.getInputProps("housingPhone")} />
          </SimpleGrid>
        ) : null}
        {body ? null : (
          <BodySelect
            label={t("admin.parent")}
            value={form.values.parentId}
            onChange={(v) => form.setFieldValue("parentId", v)}
            error={form.errors.parentId as string | undefined}
          />
        )}
        <Group justify="space-between">
          {body && body.childCount === 0 && body.userCount === 0 ? (
            <Button color="red" variant="light" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t("action.delete")}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {t("action.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("action.save")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** The search box and the kind filter above the list. */
function BodyFilters({ q, kind, onQ, onKind }: { q: string; kind: string | null; onQ: (v: string) => void; onKind: (v: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <Group mb="sm" gap="sm" grow preventGrowOverflow={false}>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t("action.search")}
        aria-label={t("action.search")}
        value={q}
        onChange={(e) => onQ(e.currentTarget.value)}
      />
      <Select
        placeholder={t("admin.kind")}
        aria-label={t("admin.kind")}
        clearable
        data={KINDS.map((k) => ({ value: k, label: t(`bodyKinds.${k}`) }))}
        value={kind}
        onChange={onKind}
      />
    </Group>
  );
}

/** The list's columns: a body's name indented by its depth in the tree. */
function useBodyColumns(): Column<Body>[] {
  const { t } = useTranslation();
  const depth = (b: Body) => b.path.split("/").filter(Boolean).length - 1;
  return [
    { key: "name", header: t("common.name"), render: (b) => <span style={{ paddingLeft: Math.min(depth(b), 4) * 12 }}>{b.name}</span> },
    { key: "kind", header: t("admin.kind"), render: (b) => t(`bodyKinds.${b.kind}`) },
    { key: "code", header: t("admin.code"), render: (b) => b.code ?? "", hideOnMobile: true },
    { key: "users", header: t("admin.userCount"), render: (b) => formatNumber(b.userCount), align: "right", hideOnMobile: true },
    { key: "children", header: t("admin.childCount"), render: (b) => formatNumber(b.childCount), align: "right", hideOnMobile: true },
  ];
}

/** A body's form state and its save and delete calls; both refresh the list and close the dialog. */
function useBodyForm(body: Body | null, onDone: () => void) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      kind: body?.kind ?? "grassroots_union",
      name: body?.name ?? "",
      shortName: body?.shortName ?? "",
      code: body?.code ?? "",
      hotlinePhone: body?.hotlinePhone ? formatPhone(body.hotlinePhone) : "",
      housingPhone: body?.housingPhone ? formatPhone(body.housingPhone) : "",
      parentId: body?.parentId ?? (null as number | null),
    },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : t("common.required")),
      hotlinePhone: (v) => (v.trim() === "" || normalizeContactPhone(v) ? null : t("admin.badPhone")),
      housingPhone: (v) => (v.trim() === "" || normalizeContactPhone(v) ? null : t("admin.badPhone")),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      body
        ? api.patch(`/api/admin/bodies/${body.id}`, {
            name: v.name,
            shortName: v.shortName || null,
            code: v.code || null,
            ...(WITH_CONTACTS.has(body.kind) ? { hotlinePhone: v.hotlinePhone, housingPhone: v.housingPhone } : {}),
          })
        : api.post("/api/admin/bodies", {
            kind: v.kind,
            name: v.name,
            ...(v.shortName ? { shortName: v.shortName } : {}),
            ...(v.code ? { code: v.code } : {}),
            parentId: v.parentId,
          }),
    onSuccess: () => {
      notifySuccess(t(body ? "common.saved" : "common.created"));
      void client.invalidateQueries({ queryKey: ["bodies"] });
      onDone();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/admin/bodies/${body?.id}`),
    onSuccess: () => {
      notifySuccess(t("common.deleted"));
      void client.invalidateQueries({ queryKey: ["bodies"] });
      onDone();
    },
  });
  return { form, save, remove };
}
