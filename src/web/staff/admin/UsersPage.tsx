import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, PageHeader, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { fold, formatDateTime } from "../../lib/format.ts";
import { BodySelect } from "./BodySelect.tsx";
import { applyProblem } from "../../lib/formProblems.ts";
import type { userSchema } from "#shared/contract/access.ts";
import { roles } from "#shared/enums.ts";
import type { z } from "zod";

type User = z.input<typeof userSchema>;

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | null>(null);
  const [opened, { open, close }] = useDisclosure();
  const { data, isLoading, error } = useQuery({
    queryKey: ["users", debounced, page],
    queryFn: () => api.get<{ total: number; items: User[] }>(`/api/admin/users${qs({ q: fold(debounced), page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<User>[] = [
    { key: "username", header: t("admin.username"), render: (u) => u.username },
    { key: "fullName", header: t("admin.fullName"), render: (u) => u.fullName },
    { key: "role", header: t("admin.role"), render: (u) => t(`roles.${u.role}`) },
    { key: "body", header: t("admin.body"), render: (u) => u.bodyName, hideOnMobile: true },
    {
      key: "status",
      header: t("common.status"),
      render: (u) =>
        !u.active ? (
          <Badge color="gray">{t("admin.disabled")}</Badge>
        ) : u.locked ? (
          <Badge color="orange">{t("admin.locked")}</Badge>
        ) : (
          <Badge color="teal">{t("admin.active")}</Badge>
        ),
    },
    { key: "createdAt", header: t("common.date"), render: (u) => formatDateTime(u.createdAt), hideOnMobile: true },
  ];
  return (
    <>
      <PageHeader
        title={t("admin.usersTitle")}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              open();
            }}
          >
            {t("admin.newUser")}
          </Button>
        }
      />
      <TextInput
        mb="sm"
        leftSection={<IconSearch size={16} />}
        placeholder={t("action.search")}
        aria-label={t("action.search")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
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
        rowKey={(u) => u.id}
        onRowClick={(u) => {
          setEditing(u);
          open();
        }}
      />
      <Modal opened={opened} onClose={close} title={editing ? editing.username : t("admin.newUser")} size="lg">
        <UserForm key={editing?.id ?? "new"} user={editing} onDone={close} />
      </Modal>
    </>
  );
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      username: user?.username ?? "",
      fullName: user?.fullName ?? "",
      email: user?.email ?? "",
      role: user?.role ?? "officer",
      bodyId: user?.bodyId ?? (null as number | null),
      password: "",
      active: user?.active ?? true,
    },
    validate: {
      username: (v) => (user || /^[a-zA-Z0-9._-]{3,50}$/.test(v) ? null : "Tên đăng nhập 3–50 ký tự, chữ không dấu, số, dấu chấm, gạch"),
      fullName: (v) => (v.trim().length >= 2 ? null : t("common.required")),
      bodyId: (v) => (v ? null : t("common.required")),
      password: (v) => (user && !v ? null : v.length >= 10 && /\d/.test(v) && /\p{L}/u.test(v) ? null : t("admin.passwordHint")),
    },
  });
  const save = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      user
        ? api.patch<User>(`/api/admin/users/${user.id}`, {
            fullName: v.fullName,
            email: v.email || null,
            role: v.role,
            bodyId: v.bodyId,
            active: v.active,
            ...(v.password ? { password: v.password } : {}),
          })
        : api.post<User>("/api/admin/users", {
            username: v.username,
            fullName: v.fullName,
            ...(v.email ? { email: v.email } : {}),
            role: v.role,
            bodyId: v.bodyId,
            password: v.password,
          }),
    onSuccess: () => {
      notifySuccess(t(user ? "common.saved" : "common.created"));
      void client.invalidateQueries({ queryKey: ["users"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} form={form} />
        <TextInput label={t("admin.username")} disabled={Boolean(user)} {...form.getInputProps("username")} />
        <TextInput label={t("admin.fullName")} {...form.getInputProps("fullName")} />
        <TextInput label={t("admin.email")} type="email" {...form.getInputProps("email")} />
        <Select label={t("admin.role")} data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...form.getInputProps("role")} allowDeselect={false} />
        <BodySelect
          label={t("admin.body")}
          value={form.values.bodyId}
          onChange={(v) => form.setFieldValue("bodyId", v)}
          error={form.errors.bodyId as string | undefined}
          initialName={user?.bodyName}
        />
        <PasswordInput
          label={user ? t("admin.newPassword") : t("admin.password")}
          description={t("admin.passwordHint")}
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        {user ? <Switch label={t("admin.active")} {...form.getInputProps("active", { type: "checkbox" })} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("action.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("action.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
