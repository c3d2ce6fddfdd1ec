import { Alert, Button, Card, Checkbox, Group, NativeSelect, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { OtherWorkplaceChoice, OtherWorkplaceName } from "../../components/workplace.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { type Caller, fillCaller, type IntakeForm, intakeBody, useIntakeForm } from "./intake.form.ts";
import { KINDS, TOPICS } from "./types.ts";
import { intakeChannels } from "#shared/enums.ts";

/** The officer on the hotline: find the caller, type the request in one screen. */
export function IntakePage() {
  const { t } = useTranslation("voice");
  // Opened from a hotline call's card: the caller's number and the call the request will link to.
  const [params] = useSearchParams();
  const callId = Number(params.get("callId")) || null;
  const f = useIntakeForm(params.get("phone") ?? "");
  const submit = useMutation({
    mutationFn: () => api.post<{ id: number; code: string; deadline: string }>("/api/voice/requests", intakeBody(f, callId)),
  });
  if (submit.data) return <IntakeDone created={submit.data} />;
  return (
    <Stack maw={760}>
      <PageHeader title={t("staff.intakeTitle")} description={t("staff.intakeIntro")} />
      {callId ? <Alert color="blue">{t("staff.hotline.fromCall", { phone: params.get("phone") ?? "" })}</Alert> : null}
      <Card withBorder>
        <Stack gap="xs">
          <NativeSelect
            label={t("staff.channel")}
            value={f.channel}
            onChange={(e) => f.setChannel(e.currentTarget.value)}
            data={intakeChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
          <NativeSelect
            label={t("staff.requesterKind")}
            value={f.requesterKind}
            onChange={(e) => f.setRequesterKind(e.currentTarget.value)}
            data={[
              { value: "worker", label: t("staff.worker") },
              { value: "enterprise", label: t("staff.enterpriseRequester") },
            ]}
          />
        </Stack>
      </Card>
      {f.requesterKind === "worker" ? <CallerCard f={f} /> : null}
      {f.requesterKind === "worker" ? <NoticeContactCard f={f} /> : null}
      <Card withBorder>
        <Stack gap="xs">
          <RequestFields f={f} />
          <Checkbox label={t("staff.consentRead")} checked={f.consent} onChange={(e) => f.setConsent(e.currentTarget.checked)} />
          <ErrorAlert error={submit.error} />
          <Button
            onClick={() => submit.mutate()}
            loading={submit.isPending}
            disabled={!f.consent || !f.title.trim() || !f.description.trim() || (f.otherWorkplace && !f.otherName.trim())}
          >
            {t("common:action.save")}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}

/** The caller: found in the registry (roles that read people), or typed; or anonymous. */
function CallerCard({ f }: { f: IntakeForm }) {
  const { t } = useTranslation("voice");
  const readsPeople = useCan()("people:read");
  const find = useMutation({
    mutationFn: () => {
      const v = f.lookup.replace(/\s/g, "");
      return api.get<Caller[]>(`/api/voice/callers${qs(/^\d{12}$/.test(v) ? { citizenId: v } : { phone: v })}`);
    },
    onSuccess: (rows) => fillCaller(f, rows[0] ?? null),
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        {/* Finding the caller in the registry is reading people: only for roles that may. */}
        {readsPeople ? (
          <>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t("staff.findCaller")}
                value={f.lookup}
                onChange={(e) => f.setLookup(e.currentTarget.value)}
                inputMode="numeric"
              />
              <Button variant="light" onClick={() => find.mutate()} disabled={f.lookup.trim().length < 9} loading={find.isPending}>
                {t("common:action.search")}
              </Button>
            </Group>
            {find.isSuccess ? <Text size="sm">{f.caller ? t("staff.callerFound", { name: f.caller.fullName }) : t("staff.callerNone")}</Text> : null}
            <ErrorAlert error={find.error} />
          </>
        ) : null}
        <Switch label={t("public.anonymous")} checked={f.anonymous} onChange={(e) => f.setAnonymous(e.currentTarget.checked)} />
        {!f.anonymous ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t("public.fullName")} value={f.fullName} onChange={(e) => f.setFullName(e.currentTarget.value)} required />
            <TextInput label={t("public.phone")} value={f.phone} onChange={(e) => f.setPhone(e.currentTarget.value)} />
            <TextInput label={t("public.citizenId")} value={f.citizenId} onChange={(e) => f.setCitizenId(e.currentTarget.value)} />
          </SimpleGrid>
        ) : null}
      </Stack>
    </Card>
  );
}

/** A phone or e-mail the caller gives for notices only (also when anonymous): kept apart, not shown to staff afterwards. */
function NoticeContactCard({ f }: { f: IntakeForm }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder>
      <Text fw={600}>{t("staff.noticeTitle")}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t("staff.noticeNote")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        <TextInput
          label={t("public.noticePhone")}
          type="tel"
          inputMode="tel"
          value={f.noticePhone}
          onChange={(e) => f.setNoticePhone(e.currentTarget.value)}
          maxLength={13}
        />
        <TextInput
          label={t("public.noticeEmail")}
          type="email"
          value={f.noticeEmail}
          onChange={(e) => f.setNoticeEmail(e.currentTarget.value)}
          maxLength={200}
        />
      </SimpleGrid>
    </Card>
  );
}

/** What the request is about: kind, topic, workplace, title and text. */
function RequestFields({ f }: { f: IntakeForm }) {
  const { t } = useTranslation("voice");
  const [debouncedEnt] = useDebouncedValue(f.entSearch, 250);
  const enterprises = useQuery({
    queryKey: ["voice-ent", debouncedEnt],
    queryFn: () => api.get<{ id: number; name: string; zone: string | null }[]>(`/api/public/enterprises${qs({ q: debouncedEnt })}`),
    enabled: debouncedEnt.trim().length >= 2,
  });
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t("public.kind")}
          value={f.kind}
          onChange={(e) => f.setKind(e.currentTarget.value)}
          data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <NativeSelect
          label={t("public.topic")}
          value={f.topic}
          onChange={(e) => f.setTopic(e.currentTarget.value)}
          data={TOPICS.map((k) => ({ value: k, label: t(`topic.${k}`) }))}
        />
      </SimpleGrid>
      <Stack gap={6}>
        {f.otherWorkplace ? (
          <OtherWorkplaceName value={f.otherName} onChange={f.setOtherName} />
        ) : (
          <Select
            label={t("public.enterprise")}
            placeholder={t("public.enterprisePlaceholder")}
            searchable
            clearable
            searchValue={f.entSearch}
            onSearchChange={f.setEntSearch}
            value={f.enterpriseId}
            onChange={f.setEnterpriseId}
            data={(enterprises.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
            filter={({ options }) => options}
            nothingFoundMessage={f.entSearch.length >= 2 ? t("public.enterpriseFree") : undefined}
          />
        )}
        <OtherWorkplaceChoice checked={f.otherWorkplace} onChange={f.setOtherWorkplace} />
      </Stack>
      <TextInput label={t("public.title")} value={f.title} onChange={(e) => f.setTitle(e.currentTarget.value)} required />
      <Textarea label={t("public.description")} value={f.description} onChange={(e) => f.setDescription(e.currentTarget.value)} autosize minRows={4} required />
    </>
  );
}

function IntakeDone({ created }: { created: { id: number; code: string; deadline: string } }) {
  const { t } = useTranslation("voice");
  return (
    <Stack>
      <Alert color="green">{t("staff.created", { code: created.code, deadline: formatDate(created.deadline) })}</Alert>
      <Group>
        <Button component={Link} to={`/staff/requests/${created.id}`}>
          {t("common:action.view")}
        </Button>
        <Button variant="light" component={Link} to="/staff/requests/new" reloadDocument>
          {t("public.newRequest")}
        </Button>
      </Group>
    </Stack>
  );
}
