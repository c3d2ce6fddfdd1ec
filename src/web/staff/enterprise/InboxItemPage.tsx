import { Alert, Anchor, Card, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { AnswerForm, ExtensionForm } from "./InboxItemForms.tsx";
import { ExchangeCard, ItemBadges } from "./shared.tsx";
import type { z } from "zod";
import type { inboxItemDetailSchema } from "#shared/contract/enterprise.ts";

type Detail = z.input<typeof inboxItemDetailSchema>;

/** One item of the enterprise's inbox: what it asks, every exchange, the answer (with evidence) and the extension forms. */
export function InboxItemPage() {
  const { t } = useTranslation("enterprise");
  const { kind = "", key = "" } = useParams();
  const url = `/api/enterprise/inbox/${kind}/${encodeURIComponent(key)}`;
  const client = useQueryClient();
  const { data, error, isLoading } = useQuery({ queryKey: ["enterprise-item", kind, key], queryFn: () => api.get<Detail>(url) });
  const refresh = () => {
    client.invalidateQueries({ queryKey: ["enterprise-item", kind, key] });
    client.invalidateQueries({ queryKey: ["enterprise-inbox"] });
  };
  if (isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  return (
    <Stack>
      <Anchor component={Link} to="/staff/enterprise/inbox" size="sm">
        ← {t("item.back")}
      </Anchor>
      <PageHeader title={data.title} description={`${t("inbox.from", { from: data.from })} · ${t("inbox.received", { day: formatDate(data.receivedOn) })}`} />
      <ItemBadges item={data} />
      <Card withBorder>
        <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{data.summary}</Text>
      </Card>
      <Title order={3} size="h5">
        {t("item.exchanges")}
      </Title>
      {data.exchanges.length ? data.exchanges.map((x) => <ExchangeCard key={x.id} x={x} />) : <Text c="dimmed">{t("item.noExchanges")}</Text>}
      {data.state === "accepted" ? (
        <Alert color="teal">{t("item.accepted")}</Alert>
      ) : (
        <>
          <AnswerForm url={url} refresh={refresh} />
          {data.deadline && !data.pendingExtension ? <ExtensionForm url={url} refresh={refresh} /> : null}
        </>
      )}
    </Stack>
  );
}
