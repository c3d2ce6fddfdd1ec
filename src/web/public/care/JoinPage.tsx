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

/** The workplace: an enterprise searched by name, or "Khác (không có trong danh sách)" typed and kept as text, never matched. */
function useWorkplace() {
  const [entSearch, setEntSearch] = useState("");
  const [debounced] = useDebouncedValue(entSearch, 300);
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  const [otherWorkplace, setOtherWorkplace] = useState(false);
  const [otherName, setOtherName] = useState("");
  const [otherError, setOtherError] = useState<string | null>(null);
  const { data: enterprises } = useQuery({
    queryKey: ["public-enterprises", debounced],
    queryFn: () => api.get<{ id: number; name: string; zone: string | null }[]>(`/api/public/enterprises${qs({ q: debounced })}`),
    enabled: fold(debounced).length >= 2,
  });
  const pick = (v: string) => {
    setEntSearch(v);
    const hit = (enterprises ?? []).find((e) => e.name === v);
    setEnterpriseId(hit ? hit.id : null);
  };
  /** The body's workplace fields. */
  const body = () => (otherWorkplace ? { enterpriseName: otherName.trim() } : enterpriseId ? { enterpriseId } : { enterpriseName: entSearch });
  return { entSearch, pick, enterprises, otherWorkplace, setOtherWorkplace, otherName, setOtherName, otherError, setOtherError, body };
}

type Workplace = ReturnType<typeof useWorkplace>;

/** The request's form, its checks, and the send that returns the code to follow it by. */
function useJoinForm(workplace: Workplace, onSent: (r: { code: string; targetName: string }) => void) {
  const { t } = useTranslation("care");
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
        ...workplace.body(),
      }),
    onSuccess: onSent,
  });
  return { form, submit };
}

/** The workplace field: the enterprise search, or the other workplace's name, and the choice between them. */
function WorkplaceField({ w, error }: { w: Workplace; error: string | undefined }) {
  const { t } = useTranslation("care");
  return (
    <Stack gap={6}>
      {w.otherWorkplace ? (
        <OtherWorkplaceName
          value={w.otherName}
          onChange={(v) => {
            w.setOtherName(v);
            w.setOtherError(null);
          }}
          error={w.otherError ?? error}
          size="md"
        />
      ) : (
        <Autocomplete
          label={t("join.enterprise")}
          description={t("join.enterpriseOther")}
          error={error}
          placeholder={t("join.enterpriseSearch")}
          size="md"
          value={w.entSearch}
          onChange={w.pick}
          data={[...new Set((w.enterprises ?? []).map((e) => e.name))]}
          filter={({ options }) => options}
        />
      )}
      <OtherWorkplaceChoice checked={w.otherWorkplace} onChange={w.setOtherWorkplace} size="md" />
    </Stack>
  );
}

/** The request: phone, name, birth date, citizen ID, workplace, consent. */
function JoinForm({ onSent }: { onSent: (r: { code: string; targetName: string }) => void }) {
  const { t } = useTranslation("care");
  const workplace = useWorkplace();
  const { form, submit } = useJoinForm(workplace, onSent);
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        if (workplace.otherWorkplace && !workplace.otherName.trim()) {
          workplace.setOtherError(t("common:workplace.needOtherName"));
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
        <WorkplaceField w={workplace} error={form.errors.enterpriseName as string | undefined} />
        <PrivacyNotice form="join">
          <Checkbox label={t("join.consent")} {...form.getInputProps("consent", { type: "checkbox" })} />
        </PrivacyNotice>
        <Button type="submit" size="md" loading={submit.isPending} disabled={!form.values.consent}>
          {t("join.submit")}
        </Button>
      </Stack>
    </form>
  );
}

/** Phone-first: a worker asks to join the union, then follows the request by its code. */
export function JoinPage() {
  const { t } = useTranslation("care");
  const [sent, setSent] = useState<{ code: string; targetName: string } | null>(null);
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
        <JoinForm onSent={setSent} />
      )}
      <Lookup />
    </Stack>
  );
}

/** Following a request by its code: its status, the union, the date, and a refusal's reason. */
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
