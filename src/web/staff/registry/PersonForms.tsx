import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { vnToday } from "#shared/clock.ts";
import { DateField } from "../../components/DateField.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { fold } from "../../lib/format.ts";
import { applyProblem } from "../../lib/formProblems.ts";

/*
 * The registry edited by hand, one person at a time. The server cleans and checks what is typed with the
 * import's own functions (names, citizen IDs, phones, dates) and audits every change; these forms say what
 * they can before sending and put each refusal under its field.
 */

export interface EditablePerson {
  id: number;
  fullName: string;
  birthDate: string | null;
  gender: "male" | "female" | null;
  ethnicity: string | null;
  phone: string | null;
  hometown: string | null;
}

export interface MembershipEntry {
  id: number;
  unionName: string;
  cardNo: string | null;
  validFrom: string;
  validTo: string | null;
}

const PHONE = /^(\+?84|0)[0-9 .-]{9,13}$/;

/** Corrects a person's name, birth date, gender, phone and the like (not the citizen ID, shown masked here). */
export function PersonEditForm({ person, onDone }: { person: EditablePerson; onDone: () => void }) {
  const { t } = useTranslation("registry");
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      fullName: person.fullName,
      birthDate: person.birthDate ?? "",
      gender: person.gender ?? "",
      phone: person.phone ?? "",
      ethnicity: person.ethnicity ?? "",
      hometown: person.hometown ?? "",
    },
    validate: {
      fullName: (v) => (!v.trim() ? t("common:common.required") : /\d/.test(v) ? t("edit.nameDigits") : null),
      phone: (v) => (v.trim() && !PHONE.test(v.trim()) ? t("edit.badPhone") : null),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      api.patch(`/api/registry/people/${person.id}`, {
        fullName: v.fullName,
        birthDate: v.birthDate || null,
        gender: v.gender || null,
        phone: v.phone.trim() || null,
        ethnicity: v.ethnicity.trim() || null,
        hometown: v.hometown.trim() || null,
      }),
    onSuccess: () => {
      notifySuccess(t("common:common.saved"));
      void client.invalidateQueries({ queryKey: ["registry"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        <TextInput label={t("f.fullName")} required description={t("edit.nameHint")} {...form.getInputProps("fullName")} />
        <DateField
          label={t("f.birthDate")}
          notFuture
          minYear={1900}
          value={form.values.birthDate}
          onChange={(v) => form.setFieldValue("birthDate", v ?? "")}
          error={form.errors.birthDate as string | undefined}
        />
        <Select
          label={t("f.gender")}
          clearable
          data={(["male", "female"] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          {...form.getInputProps("gender")}
        />
        <TextInput label={t("f.phone")} type="tel" inputMode="tel" {...form.getInputProps("phone")} />
        <TextInput label={t("f.ethnicity")} {...form.getInputProps("ethnicity")} />
        <TextInput label={t("f.hometown")} {...form.getInputProps("hometown")} />
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

/** Corrects one membership interval typed wrong: its first day, its last day (once ended) and its card number. */
export function MembershipCorrectionForm({ personId, entry, onDone }: { personId: number; entry: MembershipEntry; onDone: () => void }) {
  const { t } = useTranslation("registry");
  const client = useQueryClient();
  const form = useForm({
    initialValues: { validFrom: entry.validFrom, validTo: entry.validTo ?? "", cardNo: entry.cardNo ?? "" },
    validate: {
      validFrom: (v) => (v ? null : t("common:common.required")),
      validTo: (v, values) => (entry.validTo && !v ? t("common:common.required") : v && v < values.validFrom ? t("edit.endBeforeStart") : null),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      api.patch(`/api/registry/people/${personId}/memberships/${entry.id}`, {
        ...(v.validFrom !== entry.validFrom ? { validFrom: v.validFrom } : {}),
        ...(entry.validTo && v.validTo !== entry.validTo ? { validTo: v.validTo } : {}),
        ...(v.cardNo.trim() !== (entry.cardNo ?? "") ? { cardNo: v.cardNo.trim() || null } : {}),
      }),
    onSuccess: () => {
      notifySuccess(t("common:common.saved"));
      void client.invalidateQueries({ queryKey: ["registry"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        <TextInput label={t("f.union")} value={entry.unionName} readOnly variant="filled" />
        <DateField
          label={t("edit.validFrom")}
          required
          notFuture
          value={form.values.validFrom}
          onChange={(v) => form.setFieldValue("validFrom", v ?? "")}
          error={form.errors.validFrom as string | undefined}
        />
        {entry.validTo ? (
          <DateField
            label={t("edit.validTo")}
            required
            value={form.values.validTo}
            onChange={(v) => form.setFieldValue("validTo", v ?? "")}
            error={form.errors.validTo as string | undefined}
          />
        ) : null}
        <TextInput label={t("f.cardNo")} {...form.getInputProps("cardNo")} />
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

function useLookup(kind: "enterprises" | "unions", search: string) {
  const [debounced] = useDebouncedValue(search, 300);
  return useQuery({
    queryKey: ["registry", `${kind}-pick`, debounced],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; code?: string; taxCode?: string }[] }>(`/api/registry/${kind}${qs({ q: fold(debounced), pageSize: 20 })}`),
  });
}

/** The new person's form: who they are, where they work, and the union they join if any; saving opens their page. */
function useNewPerson() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      fullName: "",
      citizenId: "",
      birthDate: "",
      gender: "" as string,
      phone: "",
      enterpriseId: null as string | null,
      unionId: null as string | null,
      joinedOn: vnToday(),
      cardNo: "",
    },
    validate: {
      fullName: (v) => (!v.trim() ? t("common:common.required") : /\d/.test(v) ? t("edit.nameDigits") : null),
      citizenId: (v) => (v.trim() && !/^\d{12}$/.test(v.trim()) ? t("edit.badCitizenId") : null),
      phone: (v) => (v.trim() && !PHONE.test(v.trim()) ? t("edit.badPhone") : null),
      enterpriseId: (v, values) => (v || values.unionId ? null : t("edit.needWorkplace")),
      joinedOn: (v, values) => (values.unionId && !v ? t("common:common.required") : null),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e, { membership: "" }),
    mutationFn: (v: typeof form.values) =>
      api.post<{ person: { id: number } }>("/api/registry/people", {
        fullName: v.fullName,
        ...(v.citizenId.trim() ? { citizenId: v.citizenId.trim() } : {}),
        birthDate: v.birthDate || null,
        gender: v.gender || null,
        phone: v.phone.trim() || null,
        enterpriseId: v.enterpriseId ? Number(v.enterpriseId) : null,
        ...(v.unionId ? { membership: { unionId: Number(v.unionId), joinedOn: v.joinedOn, cardNo: v.cardNo.trim() || null } } : {}),
      }),
    onSuccess: (r) => {
      notifySuccess(t("common:common.created"));
      void client.invalidateQueries({ queryKey: ["registry"] });
      navigate(`/staff/registry/people/${r.person.id}`);
    },
  });
  return { form, save };
}

type NewPersonForm = ReturnType<typeof useNewPerson>["form"];

/** Name, citizen ID, birth date, gender, phone. */
function IdentityFields({ form }: { form: NewPersonForm }) {
  const { t } = useTranslation("registry");
  return (
    <>
      <TextInput label={t("f.fullName")} required description={t("edit.nameHint")} {...form.getInputProps("fullName")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t("f.citizenId")} inputMode="numeric" maxLength={12} {...form.getInputProps("citizenId")} />
        <DateField
          label={t("f.birthDate")}
          notFuture
          minYear={1900}
          value={form.values.birthDate}
          onChange={(v) => form.setFieldValue("birthDate", v ?? "")}
          error={form.errors.birthDate as string | undefined}
        />
        <Select
          label={t("f.gender")}
          clearable
          data={(["male", "female"] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          {...form.getInputProps("gender")}
        />
        <TextInput label={t("f.phone")} type="tel" inputMode="tel" {...form.getInputProps("phone")} />
      </SimpleGrid>
    </>
  );
}

/** The enterprise and union, each searched as typed; a union asks for the joining date and card number. */
function WorkplaceFields({ form }: { form: NewPersonForm }) {
  const { t } = useTranslation("registry");
  const [enterpriseSearch, setEnterpriseSearch] = useState("");
  const [unionSearch, setUnionSearch] = useState("");
  const enterprises = useLookup("enterprises", enterpriseSearch);
  const unions = useLookup("unions", unionSearch);
  return (
    <>
      <Select
        label={t("f.enterprise")}
        searchable
        clearable
        onSearchChange={setEnterpriseSearch}
        nothingFoundMessage={t("edit.nothingFound")}
        data={(enterprises.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
        {...form.getInputProps("enterpriseId")}
      />
      <Select
        label={t("f.union")}
        description={t("edit.unionHint")}
        searchable
        clearable
        onSearchChange={setUnionSearch}
        nothingFoundMessage={t("edit.nothingFound")}
        data={(unions.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.code ? `${u.name} (${u.code})` : u.name }))}
        {...form.getInputProps("unionId")}
      />
      {form.values.unionId ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t("f.joinedOn")}
            required
            notFuture
            value={form.values.joinedOn}
            onChange={(v) => form.setFieldValue("joinedOn", v ?? "")}
            error={form.errors.joinedOn as string | undefined}
          />
          <TextInput label={t("f.cardNo")} {...form.getInputProps("cardNo")} />
        </SimpleGrid>
      ) : null}
    </>
  );
}

/** Adds one person (and, if given, their joining a union) without a spreadsheet. */
export function PersonNewPage() {
  const { t } = useTranslation("registry");
  const navigate = useNavigate();
  const { form, save } = useNewPerson();
  return (
    <>
      <PageHeader title={t("edit.newTitle")} description={t("edit.newDescription")} />
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} style={{ maxWidth: 760 }}>
        <Stack>
          <ErrorAlert error={save.error} form={form} aliases={{ membership: "" }} />
          <IdentityFields form={form} />
          <WorkplaceFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(-1)}>
              {t("common:action.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common:action.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
