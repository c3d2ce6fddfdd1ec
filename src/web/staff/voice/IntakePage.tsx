import { Alert, Button, Card, Checkbox, Group, NativeSelect, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { OtherWorkplaceChoice, OtherWorkplaceName } from "../../components/workplace.tsx";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate } from "../../lib/format.ts";
import { KINDS, TOPICS } from "./types.ts";
import { intakeChannels } from "#shared/enums.ts";

interface Caller {
  id: number;
  fullName: string;
  phone: string | null;
  citizenId: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
}

/** The officer on the hotline: find the caller, type the request in one screen. */
export function IntakePage() {
  const { t } = useTranslation("voice");
  // Opened from a hotline call's card: the caller's number and the call the request will link to.
  const [params] = useSearchParams();
  const callId = Number(params.get("callId")) || null;
  const [channel, setChannel] = useState("hotline");
  const [requesterKind, setRequesterKind] = useState("worker");
  const [kind, setKind] = useState("consultation");
  const [topic, setTopic] = useState("wages");
  const readsPeople = useCan()("people:read");
  const [lookup, setLookup] = useState(params.get("phone") ?? "");
  const [caller, setCaller] = useState<Caller | null>(null);
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState(params.get("phone") ?? "");
  const [citizenId, setCitizenId] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [entSearch, setEntSearch] = useState("");
  const [debouncedEnt] = useDebouncedValue(entSearch, 250);
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [otherWorkplace, setOtherWorkplace] = useState(false);
  const [otherName, setOtherName] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [consent, setConsent] = useState(false);
  const enterprises = useQuery({
    queryKey: ["voice-ent", debouncedEnt],
    queryFn: () => api.get<{ id: number; name: string; zone: string | null }[]>(`/api/public/enterprises${qs({ q: debouncedEnt })}`),
    enabled: debouncedEnt.trim().length >= 2,
  });
  const find = useMutation({
    mutationFn: () => {
      const v = lookup.replace(/\s/g, "");
      return api.get<Caller[]>(`/api/voice/callers${qs(/^\d{12}$/.test(v) ? { citizenId: v } : { phone: v })}`);
    },
    onSuccess: (rows) => {
      const c = rows[0] ?? null;
      setCaller(c);
      if (c) {
        setFullName(c.fullName);
        setPhone(c.phone ?? "");
        setCitizenId(c.citizenId ?? "");
        if (c.enterpriseId) {
          setEnterpriseId(String(c.enterpriseId));
          setEntSearch(c.enterpriseName ?? "");
        }
      } else if (/^\d{12}$/.test(lookup.trim())) setCitizenId(lookup.trim());
      else setPhone(lookup.trim());
    },
  });
  const submit = useMutation({
    mutationFn: () =>
      api.post<{ id: number; code: string; deadline: string }>("/api/voice/requests", {
        channel,
        requesterKind,
        kind,
        topic,
        title,
        description,
        ...(otherWorkplace
          ? { enterpriseName: otherName.trim() }
          : enterpriseId
            ? { enterpriseId: Number(enterpriseId) }
            : entSearch.trim()
              ? { enterpriseName: entSearch.trim() }
              : {}),
        anonymous: requesterKind === "worker" ? anonymous : false,
        ...(requesterKind === "worker" && !anonymous
          ? {
              requester: { fullName, ...(phone.trim() ? { phone: phone.trim() } : {}), ...(citizenId.trim() ? { citizenId: citizenId.trim() } : {}) },
              ...(caller ? { personId: caller.id } : {}),
            }
          : {}),
        consent,
        ...(callId ? { callId } : {}),
      }),
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
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            data={intakeChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
          <NativeSelect
            label={t("staff.requesterKind")}
            value={requesterKind}
            onChange={(e) => setRequesterKind(e.currentTarget.value)}
            data={[
              { value: "worker", label: t("staff.worker") },
              { value: "enterprise", label: t("staff.enterpriseRequester") },
            ]}
          />
        </Stack>
      </Card>
      {requesterKind === "worker" ? (
        <Card withBorder>
          <Stack gap="xs">
            {/* Finding the caller in the registry is reading people: only for roles that may. */}
            {readsPeople ? (
              <>
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t("staff.findCaller")}
                    value={lookup}
                    onChange={(e) => setLookup(e.currentTarget.value)}
                    inputMode="numeric"
                  />
                  <Button variant="light" onClick={() => find.mutate()} disabled={lookup.trim().length < 9} loading={find.isPending}>
                    {t("common:action.search")}
                  </Button>
                </Group>
                {find.isSuccess ? <Text size="sm">{caller ? t("staff.callerFound", { name: caller.fullName }) : t("staff.callerNone")}</Text> : null}
                <ErrorAlert error={find.error} />
              </>
            ) : null}
            <Switch label={t("public.anonymous")} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
            {!anonymous ? (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t("public.fullName")} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} required />
                <TextInput label={t("public.phone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
                <TextInput label={t("public.citizenId")} value={citizenId} onChange={(e) => setCitizenId(e.currentTarget.value)} />
              </SimpleGrid>
            ) : null}
          </Stack>
        </Card>
      ) : null}
      <Card withBorder>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t("public.kind")}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
            <NativeSelect
              label={t("public.topic")}
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
              data={TOPICS.map((k) => ({ value: k, label: t(`topic.${k}`) }))}
            />
          </SimpleGrid>
          <Stack gap={6}>
            {otherWorkplace ? (
              <OtherWorkplaceName value={otherName} onChange={setOtherName} />
            ) : (
              <Select
                label={t("public.enterprise")}
                placeholder={t("public.enterprisePlaceholder")}
                searchable
                clearable
                searchValue={entSearch}
                onSearchChange={setEntSearch}
                value={enterpriseId}
                onChange={setEnterpriseId}
                data={(enterprises.data ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
                filter={({ options }) => options}
                nothingFoundMessage={entSearch.length >= 2 ? t("public.enterpriseFree") : undefined}
              />
            )}
            <OtherWorkplaceChoice checked={otherWorkplace} onChange={setOtherWorkplace} />
          </Stack>
          <TextInput label={t("public.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
          <Textarea label={t("public.description")} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={4} required />
          <Checkbox label={t("staff.consentRead")} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          <ErrorAlert error={submit.error} />
          <Button
            onClick={() => submit.mutate()}
            loading={submit.isPending}
            disabled={!consent || !title.trim() || !description.trim() || (otherWorkplace && !otherName.trim())}
          >
            {t("common:action.save")}
          </Button>
        </Stack>
      </Card>
    </Stack>
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
