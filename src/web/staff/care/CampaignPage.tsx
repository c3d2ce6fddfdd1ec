import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconAlertTriangle, IconCircleX, IconDownload, IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, download, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { formatDate, formatNumber, formatPercent, formatVnd } from "../../lib/format.ts";
import { PersonPicker, StatusBadge } from "./shared.tsx";
import type { Campaign, ImportReport as Report, Nominated, Nomination, NominationPage, Payout, PayoutPage } from "./types.ts";

type Issue = Report["errors"][number];
const PAGE_SIZE = 25;

export function CampaignPage() {
  const { t } = useTranslation("care");
  const { id } = useParams();
  const [importing, importer] = useDisclosure();
  const phone = useMediaQuery("(max-width: 48em)");
  // The payout and nomination lists name workers: only roles that read people get them.
  const readsPeople = useCan()("people:read");
  const { data: c, error, isLoading } = useQuery({ queryKey: ["care-campaign", id], queryFn: () => api.get<Campaign>(`/api/care/campaigns/${id}`) });
  if (isLoading) return <Loading />;
  if (!c) return <ErrorAlert error={error} />;
  // The budget is the whole campaign's: compared only for those who run it and see every payout.
  const spentPct = c.canWrite && c.budget > 0 ? (c.totals.amount / c.budget) * 100 : null;
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
      <Modal opened={importing} onClose={importer.close} title={t("import.title")} size="xl" fullScreen={phone}>
        <ImportWizard campaign={c} onDone={importer.close} />
      </Modal>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

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

function Nominations({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const [personId, setPersonId] = useState<number | null>(null);
  const [kind, setKind] = useState<string | null>(campaign.kinds[0] ?? null);
  const [amount, setAmount] = useState<number | string>(500000);
  const [reason, setReason] = useState("");
  const [declining, setDeclining] = useState<Nomination | null>(null);
  const [note, setNote] = useState("");
  const { data, error } = useQuery({
    queryKey: ["care-nominations", campaign.id],
    queryFn: () => api.get<NominationPage>(`/api/care/campaigns/${campaign.id}/nominations?pageSize=200`),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["care-nominations", campaign.id] });
    void client.invalidateQueries({ queryKey: ["care-campaign"] });
  };
  const nominate = useMutation({
    mutationFn: () => api.post<Nominated>(`/api/care/campaigns/${campaign.id}/nominations`, { personId, kind, amount: Number(amount), reason }),
    onSuccess: (r) => {
      notifySuccess(r.warnings.length ? r.warnings.join(" · ") : t("common:common.created"));
      setPersonId(null);
      setReason("");
      refresh();
    },
  });
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: "approve" | "decline"; note?: string }) =>
      api.post(`/api/care/nominations/${v.id}/decision`, v.decision === "approve" ? { decision: "approve" } : { decision: "decline", note: v.note }),
    onSuccess: () => {
      setDeclining(null);
      setNote("");
      refresh();
    },
  });
  return (
    <Stack>
      <ErrorAlert error={error ?? decide.error} />
      {!campaign.canWrite && campaign.status === "open" ? (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t("campaign.nominate")}
          </Text>
          <ErrorAlert error={nominate.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonPicker label={t("campaign.choosePerson")} value={personId} onChange={setPersonId} />
            <Select label={t("campaigns.kinds")} value={kind} onChange={setKind} data={campaign.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            <NumberInput label={t("campaigns.amount")} value={amount} onChange={setAmount} thousandSeparator="." decimalSeparator="," min={0} />
            <TextInput label={t("campaign.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button onClick={() => nominate.mutate()} loading={nominate.isPending} disabled={!personId}>
              {t("campaign.nominate")}
            </Button>
          </Group>
        </Card>
      ) : null}
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("campaign.person")}</Table.Th>
              <Table.Th>{t("campaign.union")}</Table.Th>
              <Table.Th>{t("campaigns.kinds")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("campaigns.amount")}</Table.Th>
              <Table.Th>{t("campaign.reason")}</Table.Th>
              <Table.Th>{t("common:common.status")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{n.fullName}</Table.Td>
                <Table.Td>{n.unionName}</Table.Td>
                <Table.Td>{t(`kind.${n.kind}`)}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{formatVnd(n.amount)}</Table.Td>
                <Table.Td>{n.decisionNote ? `${n.reason} — ${n.decisionNote}` : n.reason}</Table.Td>
                <Table.Td>
                  <StatusBadge status={n.status} />
                </Table.Td>
                <Table.Td>
                  {campaign.canWrite && n.status === "pending" ? (
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" onClick={() => decide.mutate({ id: n.id, decision: "approve" })}>
                        {t("campaign.approve")}
                      </Button>
                      <Button size="xs" variant="light" color="red" onClick={() => setDeclining(n)}>
                        {t("campaign.decline")}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center">
          {t("common:common.empty")}
        </Text>
      ) : null}
      <Modal opened={declining !== null} onClose={() => setDeclining(null)} title={t("campaign.decline")}>
        <Stack>
          <TextInput label={t("campaign.declineReason")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button color="red" onClick={() => declining && decide.mutate({ id: declining.id, decision: "decline", note })}>
            {t("campaign.decline")}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

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

/** Choose a file → check it (dry run, row-level report) → record it (all or nothing). */
function ImportWizard({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { t } = useTranslation("care");
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  // As the member import offers: write the good rows and leave the bad ones, listed, to send again once corrected.
  const [skipInvalid, setSkipInvalid] = useState(false);
  const send = useMutation({
    mutationFn: (dryRun: boolean) => {
      const body = new FormData();
      if (file) body.append("file", file);
      return api.post<Report>(`/api/care/campaigns/${campaign.id}/payouts/import?dryRun=${dryRun}&skipInvalid=${skipInvalid}`, body);
    },
    onSuccess: (r) => {
      setReport(r);
      if (r.committed) {
        notifySuccess(t("import.done"));
        void client.invalidateQueries({ queryKey: ["care-campaign"] });
        void client.invalidateQueries({ queryKey: ["care-payouts"] });
      }
    },
  });
  const step = !report ? 0 : report.committed ? 2 : 1;
  return (
    <Stack>
      <Stepper active={step} size="sm">
        <Stepper.Step label={t("import.step1")} />
        <Stepper.Step label={t("import.step2")} />
        <Stepper.Step label={t("import.step3")} />
      </Stepper>
      <Text size="sm" c="dimmed">
        {t("import.hint")}
      </Text>
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => void download("/api/care/payouts/import-template", "mau-danh-sach-nhan-ho-tro.xlsx").catch(notifyError)}
        >
          {t("import.template")}
        </Button>
      </Group>
      <FileInput
        label={t("import.file")}
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          setReport(null);
        }}
        clearable
      />
      <Checkbox
        label={t("import.skipInvalid")}
        description={t("import.skipInvalidHint")}
        checked={skipInvalid}
        onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
      />
      <ErrorAlert error={send.error} />
      {report ? <ImportReport report={report} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("common:action.close")}
        </Button>
        {!report || report.committed ? (
          <Button onClick={() => send.mutate(true)} disabled={!file} loading={send.isPending}>
            {t("import.check")}
          </Button>
        ) : (report.errors.length === 0 || skipInvalid) && report.created > 0 ? (
          <Button color="teal" onClick={() => send.mutate(false)} loading={send.isPending}>
            {report.errors.length
              ? t("import.commitSkipping", { count: report.created, rejected: report.rejected })
              : t("import.commit", { count: report.created })}
          </Button>
        ) : (
          <Button onClick={() => send.mutate(true)} disabled={!file} loading={send.isPending}>
            {t("import.check")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ImportReport({ report }: { report: Report }) {
  const { t } = useTranslation("care");
  return (
    <Stack gap="sm" data-testid="import-report">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Stat label={t("import.total")} value={formatNumber(report.total)} />
        <Stat label={report.committed ? t("import.createdDone") : t("import.created")} value={formatNumber(report.created)} />
        <Stat label={t("import.unchanged")} value={formatNumber(report.unchanged)} />
        <Stat label={t("import.rejected")} value={formatNumber(report.rejected)} />
        <Stat label={t("import.peopleCreated")} value={formatNumber(report.peopleCreated)} />
      </SimpleGrid>
      {!report.dryRun && !report.committed && report.errors.length ? (
        <Alert color="red" icon={<IconCircleX size={18} />}>
          {t("import.blocked")}
        </Alert>
      ) : null}
      <IssueTable title={t("import.errors")} issues={report.errors} color="red" />
      <IssueTable title={t("import.warnings")} issues={report.warnings} color="orange" />
    </Stack>
  );
}

function IssueTable({ title, issues, color }: { title: string; issues: Issue[]; color: string }) {
  const { t } = useTranslation("care");
  const phone = useMediaQuery("(max-width: 48em)");
  if (!issues.length) return null;
  if (phone) {
    // On a phone each refused row is a card: row, column, then the reason in full.
    return (
      <Stack gap={6}>
        <Title order={4} size="sm" c={`${color}.8`}>
          {title} ({formatNumber(issues.length)})
        </Title>
        {issues.slice(0, 200).map((i) => (
          <Card key={`${i.row}-${i.code}-${i.message}`} withBorder padding="xs" style={{ borderLeft: `3px solid var(--mantine-color-${color}-6)` }}>
            <Text size="xs" fw={600}>
              {t("import.row")} {i.row}
              {i.column ? ` · ${i.column}` : ""}
            </Text>
            <Text size="sm">{i.message}</Text>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <div>
      <Group gap={6} mb={4}>
        <IconAlertTriangle size={16} color={`var(--mantine-color-${color}-7)`} />
        <Title order={4} size="sm" c={`${color}.8`}>
          {title} ({formatNumber(issues.length)})
        </Title>
      </Group>
      <Table.ScrollContainer minWidth={520} mah={280}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t("import.row")}</Table.Th>
              <Table.Th w={130}>{t("import.column")}</Table.Th>
              <Table.Th>{t("import.message")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, 500).map((i) => (
              <Table.Tr key={`${i.row}-${i.code}-${i.message}`}>
                <Table.Td>{i.row}</Table.Td>
                <Table.Td>{i.column ?? ""}</Table.Td>
                <Table.Td>{i.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
