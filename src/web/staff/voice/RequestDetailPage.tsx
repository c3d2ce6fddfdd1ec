import { Badge, Grid, Group, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { useCan, useMe } from "../../lib/auth.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { formatPhone } from "#shared/identifiers.ts";
import { AnswerCard, FactsCard, ForwardCard, HistoryCard, NotesCard, TransfersCard, WorkflowCard, useRequestAct } from "./RequestDetailCards.tsx";
import { IdentityModal, PublishDialog, TransferModal } from "./RequestDetailDialogs.tsx";
import type { EnterpriseView, RequestDetail } from "./types.ts";

/** One request: facts, history, internal notes, answer → review → publish, transfer, identity (audited). */
export function RequestDetailPage() {
  const { t } = useTranslation("voice");
  const { id } = useParams();
  const { data: me } = useMe();
  const { data, isLoading, error } = useQuery({
    queryKey: ["voice-request", id],
    queryFn: () => api.get<RequestDetail | EnterpriseView>(`/api/voice/requests/${id}`),
  });
  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorAlert error={error} />;
  // An enterprise has no request pages: its list carries the officer's summaries, all it may see.
  if (me?.scope.kind === "enterprise" || !("history" in data)) return <ErrorAlert error={new Error(t("staff.enterpriseNoDetail"))} />;
  return <StaffRequest r={data} />;
}

function StaffRequest({ r }: { r: RequestDetail }) {
  const { t } = useTranslation("voice");
  const can = useCan();
  const { act, refresh } = useRequestAct(r);
  const [transferOpen, setTransferOpen] = useState(false);
  const [identityOpen, setIdentityOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const writable = can("voice:write");
  const open = ["received", "assigned", "in_progress"].includes(r.status);
  return (
    <Stack>
      <PageHeader
        title={r.title}
        description={`${r.code} · ${t(`kind.${r.kind}`)} · ${t(`topic.${r.topic}`)} · ${t(`channel.${r.channel}`)}${takenFrom(r, t)}`}
        actions={
          <Group gap="xs">
            <Badge size="lg" variant="outline">
              {t(`status.${r.status}`)}
            </Badge>
            {r.overdue ? (
              <Badge size="lg" color="red">
                {t("staff.overdueBadge")}
              </Badge>
            ) : null}
          </Group>
        }
      />
      <ErrorAlert error={act.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <FactsCard r={r} />

            <AnswerCard r={r} act={act} open={open} onPublish={() => setPublishOpen(true)} />

            {can("voice:identity") ? <NotesCard r={r} act={act} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {writable ? <WorkflowCard r={r} act={act} open={open} onTransfer={() => setTransferOpen(true)} onIdentity={() => setIdentityOpen(true)} /> : null}
            {/* A workplace typed by the sender is no enterprise of the registry: there is nobody to forward to. */}
            {r.enterpriseId ? <ForwardCard r={r} onDone={refresh} /> : null}
            {r.transfers.length ? <TransfersCard r={r} /> : null}
            <HistoryCard r={r} />
          </Stack>
        </Grid.Col>
      </Grid>
      <TransferModal opened={transferOpen} onClose={() => setTransferOpen(false)} r={r} onDone={refresh} />
      <PublishDialog opened={publishOpen} onClose={() => setPublishOpen(false)} act={act} />
      <IdentityModal opened={identityOpen} onClose={() => setIdentityOpen(false)} r={r} />
    </Stack>
  );
}

/** " · cuộc gọi lúc 11/12/2026 20:15, đường dây 0225 3842 609": the hotline call the request was taken from. */
function takenFrom(r: RequestDetail, t: TFunction<"voice">): string {
  return r.fromCall ? ` · ${t("staff.hotline.takenFrom", { at: formatDateTime(r.fromCall.calledAt), line: formatPhone(r.fromCall.line) })}` : "";
}
