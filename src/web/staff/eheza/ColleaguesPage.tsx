import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useMe } from "../../lib/auth.tsx";
import { AccountsCard, InviteCard, InvitesCard } from "./ColleaguesParts.tsx";
import { type Overview, RIGHTS } from "./shared.tsx";

/** The representative's page: the enterprise's accounts, colleagues invited with narrower rights, deactivation. */
export function ColleaguesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const q = useQuery({ queryKey: ["colleagues"], queryFn: () => api.get<Overview>("/api/enterprise/colleagues") });
  const mine = RIGHTS.filter((r) => me?.permissions.includes(`enterprise:${r}`));
  if (q.error) return <ErrorAlert error={q.error} />;
  return (
    <Stack>
      <PageHeader title={t("eheza:colleagues.title")} description={t("eheza:colleagues.intro")} />
      <InviteCard mine={mine} />
      <AccountsCard rows={q.data?.accounts} loading={q.isLoading} meId={me?.user.id} mine={mine} />
      <InvitesCard rows={q.data?.invites} loading={q.isLoading} />
    </Stack>
  );
}
