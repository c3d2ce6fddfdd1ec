import { Alert, Autocomplete, Button, Card, Checkbox, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OtherWorkplaceChoice, OtherWorkplaceName } from "../../components/workplace.tsx";
import { PrivacyNotice } from "../privacy/PrivacyNotice.tsx";
import { ErrorAlert } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { fold, formatDate } from "../../lib/format.ts";
import { parseDate } from "#shared/text.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import type { z } from "zod";
import type { joinStatusSchema } from "#shared/contract/care.ts";

type Status = z.input<typeof joinStatusSchema>;

/** dd/mm/yyyy → yyyy-mm-dd, or null. */
function isoOf(s: string): string | null {
  return /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.test(s.trim()) ? parseDate(s) : null;
}

/** Phone-first: a worker asks to join the union, then follows the request by its code. */
export function JoinPage() {
  const { t } = useTranslation("care");
  const [sent, setSent] = useState<{ code: string; targetName: string } | null>(null);
  const [entSearch, setEntSearch] = useState("");
  const [debounced] = useDebouncedValue(entSearch, 300);
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  // "Khác (không có trong danh sách)": the workplace is typed and kept as text, never matched to an enterprise.
  const [otherWorkplace, setOtherWorkplace] = useState(false);
  const [otherName, setOtherName] = useState("");
  const [otherError, setOtherError] = useState<string | null>(null);
  const { data: enterprises } = useQuery({
    queryKey: ["public-enterprises", debounced],
    queryFn: () => api.get<{ id: number; name: string; zone: string | null }[]>(`/api/public/enterprises${qs({ q: debounced })}`),
    enabled: fold(debounced).length >= 2,
  });
  const form = useForm({
    initialValues: { fullName: "", birthDate: "", citizenId: "", phone: "", consent: false },
    validate: {
      fullName: (v) => (v.trim().length >= 3 ? null : t("common:common.required")),
      birthDate: (v) => (isoOf(v) ? null : t("join.badDate")),
      citizenId: (v) => (/^(\d{12}|\d{9})$/.test(v.trim()) ? null : t("join.citizenId")),
      phone: (v) => (v.replace(/\D/g, "").length >= 9 ? null : t("common:common.required")),
    },
  });
  const submit = useMutation({
    onError: (e) => applyProblem(form, e),
    mutationFn: (v: typeof form.values) =>
      api.post<{ code: string; targetName: string }>("/api/public/join-requests", {
        fullName: v.fullName,
        birthDate: isoOf(v.birthDate),
        citizenId: v.citizenId.trim(),
        phone: v.phone,
        consent: v.consent,
        ...(otherWorkplace ? { enterpriseName: otherName.trim() } : enterpriseId ? { enterpriseId } : { enterpriseName: entSearch }),
      }),
    onSuccess: setSent,
  });
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {t("join.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("join.intro")}
        </Text>
      </div>
      {sent ? (
        <Alert color="teal" title={t("join.sent")}>
          <Text fw={700} size="xl" data-testid="join-code">
            {sent.code}
          </Text>
          <Text size="sm">{t("join.keepCode", { target: sent.targetName })}</Text>
        </Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((v) => {
            if (otherWorkplace && !otherName.trim()) {
              setOtherError(t("common:workplace.needOtherName"));
              return;
            }
            submit.mutate(v);
          })}
        >
          <Stack>
            <ErrorAlert error={submit.error} form={form} />
            <TextInput label={t("join.phone")} type="tel" inputMode="tel" autoComplete="tel" size="md" {...form.getInputProps("phone")} />
            <TextInput label={t("join.fullName")} autoComplete="name" size="md" {...form.getInputProps("fullName")} />
            <TextInput label={t("join.birthDate")} placeholder="15/08/1998" inputMode="numeric" size="md" {...form.getInputProps("birthDate")} />
            <TextInput label={t("join.citizenId")} inputMode="numeric" maxLength={12} size="md" {...form.getInputProps("citizenId")} />
            <Stack gap={6}>
              {otherWorkplace ? (
                <OtherWorkplaceName
                  value={otherName}
                  onChange={(v) => {
                    setOtherName(v);
                    setOtherError(null);
                  }}
                  error={otherError ?? (form.errors.enterpriseName as string | undefined)}
                  size="md"
                />
              ) : (
                <Autocomplete
                  label={t("join.enterprise")}
                  description={t("join.enterpriseOther")}
                  error={form.errors.enterpriseName}
                  placeholder={t("join.enterpriseSearch")}
                  size="md"
                  value={entSearch}
                  onChange={(v) => {
                    setEntSearch(v);
                    const hit = (enterprises ?? []).find((e) => e.name === v);
                    setEnterpriseId(hit ? hit.id : null);
                  }}
                  data={[...new Set((enterprises ?? []).map((e) => e.name))]}
                  filter={({ options }) => options}
                />
              )}
              <OtherWorkplaceChoice checked={otherWorkplace} onChange={setOtherWorkplace} size="md" />
            </Stack>
            <PrivacyNotice form="join">
              <Checkbox label={t("join.consent")} {...form.getInputProps("consent", { type: "checkbox" })} />
            </PrivacyNotice>
            <Button type="submit" size="md" loading={submit.isPending} disabled={!form.values.consent}>
              {t("join.submit")}
            </Button>
          </Stack>
        </form>
      )}
      <Lookup />
    </Stack>
  );
}

function Lookup() {
  const { t } = useTranslation("care");
  const [code, setCode] = useState("");
  const look = useMutation({ mutationFn: (c: string) => api.get<Status>(`/api/public/join-requests/${encodeURIComponent(c.trim().toUpperCase())}`) });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("join.lookup")}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          look.mutate(code);
        }}
      >
        <Stack gap="xs">
          <TextInput aria-label={t("join.lookupCode")} placeholder={t("join.lookupCode")} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <Button type="submit" variant="light" loading={look.isPending}>
            {t("join.lookupButton")}
          </Button>
        </Stack>
      </form>
      <ErrorAlert error={look.error} />
      {look.data ? (
        <Stack gap={2} mt="xs">
          <Text size="sm" fw={600}>
            {t("join.result", { status: t(`status.${look.data.status}`) })}
          </Text>
          <Text size="sm">
            {look.data.targetName} · {formatDate(look.data.decidedAt ?? look.data.createdAt)}
          </Text>
          {look.data.declineReason ? <Text size="sm">{t("join.reason", { reason: look.data.declineReason })}</Text> : null}
        </Stack>
      ) : null}
    </Card>
  );
}
