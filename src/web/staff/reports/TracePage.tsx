import { Badge, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import type { z } from "zod";
import type { traceFigureSchema } from "#shared/contract/reporting.ts";

type Trace = z.input<typeof traceFigureSchema>;

/** How many records each union holds. */
function ByUnionTable({ rows }: { rows: NonNullable<Trace["byUnion"]> }) {
  const { t } = useTranslation("reports");
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table striped mb="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("trace.union")}</Table.Th>
            <Table.Th ta="right">{t("trace.count")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.unionId}>
              <Table.Td>{r.unionName}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.n)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The people counted, with their union and date. */
function PeopleTable({ rows }: { rows: NonNullable<Trace["people"]> }) {
  const { t } = useTranslation("reports");
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("trace.person")}</Table.Th>
            <Table.Th>{t("trace.union")}</Table.Th>
            <Table.Th>{t("trace.date")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={`${p.personId}-${p.validFrom}`}>
              <Table.Td>{p.fullName}</Table.Td>
              <Table.Td>{p.unionName}</Table.Td>
              <Table.Td>{formatDate(p.validFrom)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The unions counted, with their founding date. */
function UnionsTable({ rows }: { rows: NonNullable<Trace["unions"]> }) {
  const { t } = useTranslation("reports");
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("trace.name")}</Table.Th>
          <Table.Th>{t("trace.date")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td>{u.name}</Table.Td>
            <Table.Td>{formatDate(u.foundedOn)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The enterprises counted: zone, workforce, and their union or "none". */
function EnterprisesTable({ rows }: { rows: NonNullable<Trace["enterprises"]> }) {
  const { t } = useTranslation("reports");
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("trace.name")}</Table.Th>
            <Table.Th>{t("trace.zone")}</Table.Th>
            <Table.Th ta="right">{t("trace.workforce")}</Table.Th>
            <Table.Th>{t("trace.hasUnion")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.name}</Table.Td>
              <Table.Td>{e.zoneName ?? ""}</Table.Td>
              <Table.Td ta="right">{formatNumber(e.workforce)}</Table.Td>
              <Table.Td>{e.unionName ? <Text size="sm">{e.unionName}</Text> : <Badge color="orange">{t("trace.none")}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The records behind one figure of the report or the dashboard. */
export function TracePage() {
  const { t } = useTranslation("reports");
  const { key } = useParams();
  const [params] = useSearchParams();
  const query = { from: params.get("from"), to: params.get("to"), asOf: params.get("asOf") };
  const { data, error, isLoading } = useQuery({ queryKey: ["trace", key, query], queryFn: () => api.get<Trace>(`/api/reports/trace/${key}${qs(query)}`) });
  const range = query.from ? `${formatDate(query.from)} – ${formatDate(query.to)}` : formatDate(query.asOf);
  return (
    <>
      <PageHeader
        title={data ? `${data.title} (${range})` : t("trace.title")}
        description={data ? t("trace.total", { n: formatNumber(data.total) }) : undefined}
      />
      <ErrorAlert error={error} />
      {isLoading || !data ? <Loading /> : null}
      {data?.byUnion ? <ByUnionTable rows={data.byUnion} /> : null}
      {data?.people?.length ? <PeopleTable rows={data.people} /> : null}
      {data?.unions ? <UnionsTable rows={data.unions} /> : null}
      {data?.enterprises ? <EnterprisesTable rows={data.enterprises} /> : null}
    </>
  );
}
