import { Badge, Button, Card, Group, Modal, Progress, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../lib/format.ts";
import { ImportWizard, Stat } from "./CampaignImport.tsx";
import { Nominations } from "./CampaignNominations.tsx";
import { StatusBadge } from "./shared.tsx";
import type { Campaign, Payout, PayoutPage } from "./types.ts";

const PAGE_SIZE = 25;

/** The campaign's totals: people and amount by kind, the budget spent (for its owner), who is eligible, the sources of money. */
function TotalsCard({ c }: { c: Campaign }) {
  const { t } = useTranslation("care");
  // The budget is the whole campaign's: compared only for those who run it and see every payout.
  const spentPct = c.canWrite && c.budget > 0 ? (c.totals.amount / c.budget) * 100 : null;
  return (
    <Card withBorder mb="md">
      <Text fw={600} mb="xs">
        {t("campaign.totals")}
      </Text>
      <Text size="sm" mb="sm" data-testid="totals-sentence">
        {c.totals.sentence}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t("campaigns.people")} value={formatNumber(c.totals.people)} />
        <Stat label={t("campaigns.amount")} value={formatVnd(c.totals.amount)} />
        {c.totals.byKind
          .filter((k) => k.people > 0 || c.kinds.includes(k.kind))
          .map((k) => (
            <Stat key={k.kind} label={t(`kind.${k.kind}`)} value={`${formatNumber(k.people)} · ${formatVnd(k.amount)}`} />
          ))}
      </SimpleGrid>
      {spentPct !== null ? (
        <Stack gap={4} mt="md">
          <Group justify="space-between">
            <Text size="sm">
              {t("campaigns.budget")}: {formatVnd(c.budget)}
            </Text>
            <Text size="sm" c={spentPct > 100 ? "red" : "dimmed"}>
              {spentPct > 100 ? t("campaign.overBudget") : t("campaign.ofBudget", { pct: formatPercent(spentPct) })}
            </Text>
          </Group>
          <Progress value={Math.min(100, spentPct)} color={spentPct > 100 ? "red" : "teal"} aria-label={t("campaigns.budget")} />
        </Stack>
      ) : null}
      <Group gap="xs" mt="sm">
        <Text size="sm" c="dimmed">
          {t("campaign.eligibility")}:
        </Text>
        {c.eligibility.membersOnly ? <Badge variant="light">{t("campaigns.membersOnly")}</Badge> : null}
        {c.eligibility.hardshipOnly ? <Badge variant="light">{t("campaigns.hardshipOnly")}</Badge> : null}
        {!c.eligibility.membersOnly && !c.eligibility.hardshipOnly ? <Badge variant="light">{t("campaign.everyone")}</Badge> : null}
      </Group>
      {c.sources.length ? (
        <Text size="sm" mt="xs" c="dimmed">
          {t("campaigns.sources")}: {c.sources.map((s) => `${s.source} (${formatVnd(s.amount)})`).join("; ")}
        </Text>
      ) : null}
    </Card>
  );
}

/** Payouts, nominations (pending ones counted) and allocations; the lists that name workers only for roles that read people. */
function CampaignTabs({ c }: { c: Campaign }) {
  const { t } = useTranslation("care");
  const readsPeople = useCan()("people:read");
  return (
    <Tabs defaultValue={readsPeople ? "payouts" : "allocations"} keepMounted={false}>
      <Tabs.List mb="sm">
        {readsPeople ? <Tabs.Tab value="payouts">{t("campaign.payouts")}</Tabs.Tab> : null}
        {readsPeople ? (
          <Tabs.Tab value="nominations">
            {t("campaign.nominations")}
            {c.pendingNominations ? (
              <Badge ml={6} size="sm" color="orange">
                {c.pendingNominations}
              </Badge>
            ) : null}
          </Tabs.Tab>
        ) : null}
        {c.allocations.length ? <Tabs.Tab value="allocations">{t("campaign.allocations")}</Tabs.Tab> : null}
      </Tabs.List>
      <Tabs.Panel value="payouts">
        <Payouts campaign={c} />
      </Tabs.Panel>
      <Tabs.Panel value="nominations">
        <Nominations campaign={c} />
      </Tabs.Panel>
      <Tabs.Panel value="allocations">
        <Allocations campaign={c} />
      </Tabs.Panel>
    </Tabs>
  );
}

/** One support campaign: its totals, its payouts, nominations and allocations, and the payout import. */
export function CampaignPage() {
  const { t } = useTranslation("care");
  const { id } = useParams();
  const [importing, importer] = useDisclosure();
  const phone = useMediaQuery("(max-width: 48em)");
  const { data: c, error, isLoading } = useQuery({ queryKey: ["care-campaign", id], queryFn: () => api.get<Campaign>(`/api/care/campaigns/${id}`) });
  if (isLoading) return <Loading />;
  if (!c) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            {t(`purpose.${c.purpose}`)} · {formatDate(c.startsOn)}–{formatDate(c.endsOn)} · {c.ownerBodyName}
          </>
        }
        actions={
          <>
            <StatusBadge status={c.status} startsOn={c.startsOn} />
            {c.canWrite && c.status === "open" ? (
              <Button leftSection={<IconFileUpload size={16} />} onClick={importer.open}>
                {t("campaign.import")}
              </Button>
            ) : null}
          </>
        }
      />
      <TotalsCard c={c} />
      <CampaignTabs c={c} />
      <Modal opened={importing} onClose={importer.close} title={t("import.title")} size="xl" fullScreen={phone}>
        <ImportWizard campaign={c} onDone={importer.close} />
      </Modal>
    </>
  );
}

/** A campaign's payouts, searched by name and filtered by kind. */
function Payouts({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("care");
  const [page, setPage] = useState(1);
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["care-payouts", campaign.id, page, q, kind],
    queryFn: () => api.get<PayoutPage>(`/api/care/campaigns/${campaign.id}/payouts${qs({ page, pageSize: PAGE_SIZE, q, kind })}`),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Payout>[] = [
    {
      key: "name",
      header: t("campaign.person"),
      mobile: "title",
      render: (p) => (
        <Text size="sm" fw={500}>
          {p.fullName}
        </Text>
      ),
    },
    { key: "cid", header: t("campaign.citizenId"), render: (p) => p.citizenIdMasked ?? "", hideOnMobile: true },
    { key: "union", header: t("campaign.union"), render: (p) => p.unionName ?? "", hideOnMobile: true },
    { key: "kind", header: t("campaigns.kinds"), render: (p) => t(`kind.${p.kind}`) },
    { key: "amount", header: t("campaigns.amount"), render: (p) => formatVnd(p.amount), align: "right" },
    { key: "paidOn", header: t("campaign.paidOn"), render: (p) => formatDate(p.paidOn), hideOnMobile: true, mobile: "top" },
  ];
  return (
    <>
      <Group mb="sm" gap="sm">
        <TextInput
          placeholder={t("campaign.choosePerson")}
          aria-label={t("campaign.choosePerson")}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: "1 1 220px" }}
        />
        <Select
          aria-label={t("campaigns.kinds")}
          placeholder={t("campaigns.kinds")}
          clearable
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          data={campaign.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </Group>
      <ErrorAlert error={error} />
      <DataTable
        columns={columns}
        rows={data?.items}
        total={data?.total}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        loading={isLoading}
        rowKey={(p) => p.id}
      />
    </>
  );
}

/** Each union's quota and budget against what it has used. */
function Allocations({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("care");
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("campaign.union")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("campaign.quota")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("campaigns.budget")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("campaign.used")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaign.allocations.map((a) => (
            <Table.Tr key={a.unionId}>
              <Table.Td>{a.unionName}</Table.Td>
              <Table.Td style={{ textAlign: "right" }}>
                {formatNumber(a.usedPeople)}/{formatNumber(a.quota)}
              </Table.Td>
              <Table.Td style={{ textAlign: "right" }}>{formatVnd(a.amount)}</Table.Td>
              <Table.Td style={{ textAlign: "right", color: a.usedAmount > a.amount ? "var(--mantine-color-red-7)" : undefined }}>
                {formatVnd(a.usedAmount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
