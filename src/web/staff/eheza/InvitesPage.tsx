import { Card, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { EnterpriseSelect } from "../relations/shared.tsx";
import { useEnterpriseInvite } from "./invites.form.ts";
import { AccountsCard, EnterpriseInviteCard, InvitesCard } from "./InvitesParts.tsx";
import { CreatedCode, type Overview } from "./shared.tsx";

/** The zone authority's page: an enterprise's accounts, and inviting its representative with a one-time code. */
export function InvitesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const enterpriseId = Number(params.get("enterprise")) || null;
  const q = useQuery({
    queryKey: ["enterprise-accounts", enterpriseId],
    queryFn: () => api.get<Overview>(`/api/accounts/enterprises/${enterpriseId}`),
    enabled: enterpriseId !== null,
  });
  const inv = useEnterpriseInvite(enterpriseId);
  const ent = q.data?.enterprise;
  return (
    <Stack>
      <PageHeader title={t("eheza:invite.title")} description={t("eheza:invite.intro")} />
      <Card withBorder>
        <EnterpriseSelect
          label={t("eheza:invite.enterprise")}
          value={enterpriseId}
          onChange={(id) => {
            inv.setCreated(null);
            setParams(id ? { enterprise: String(id) } : {});
          }}
        />
      </Card>
      {enterpriseId === null ? <Text c="dimmed">{t("eheza:invite.pick")}</Text> : null}
      <ErrorAlert error={q.error} />
      {ent ? (
        <>
          <EnterpriseInviteCard ent={ent} inv={inv} />
          {inv.created ? <CreatedCode created={inv.created} /> : null}
          <AccountsCard rows={q.data?.accounts} loading={q.isLoading} />
          <InvitesCard rows={q.data?.invites} loading={q.isLoading} revoke={inv.revoke.mutate} />
        </>
      ) : null}
    </Stack>
  );
}
