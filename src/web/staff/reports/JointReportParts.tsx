/** The joint report's preview, part by part: the heading, a section with its figures, the evaluation, the tasks. */
import { Anchor, Card, List, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { withReportSlotSchema } from "#shared/contract/reporting.ts";
import { staffLink } from "./figures.tsx";

export type Preview = z.input<typeof withReportSlotSchema>;
type Section = Preview["sections"][number];

/** The report's title lines and its opening paragraph. */
export function ReportHeading({ data }: { data: Preview }) {
  return (
    <Card withBorder>
      {data.title.map((l, i) => (
        <Text key={l} ta="center" fw={700} size={i === 0 ? "lg" : "md"}>
          {l}
        </Text>
      ))}
      <Text mt="sm" size="sm">
        {data.intro}
      </Text>
    </Card>
  );
}

/** A section's figures, each with a link to the records behind it. */
function FiguresTable({ figures }: { figures: Section["figures"] }) {
  const { t } = useTranslation("reports");
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("joint.label")}</Table.Th>
            <Table.Th ta="right">{t("joint.value")}</Table.Th>
            <Table.Th>{t("joint.source")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.map((f) => (
            <Table.Tr key={f.key}>
              <Table.Td>{f.label}</Table.Td>
              <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>
                {f.text}
              </Table.Td>
              <Table.Td>
                {f.link ? (
                  <Anchor component={Link} to={staffLink(f.link)} size="sm">
                    {t("joint.open")}
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A numbered section: its paragraphs, then its figures. */
export function ReportSection({ s, no }: { s: Section; no: number }) {
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {no}. {s.title}
      </Title>
      <List size="sm" spacing={4} mb={s.figures.length ? "sm" : 0}>
        {s.paragraphs.map((p) => (
          <List.Item key={p}>{p}</List.Item>
        ))}
      </List>
      {s.figures.length ? <FiguresTable figures={s.figures} /> : null}
    </Card>
  );
}

/** Strengths, then limitations and their causes. */
export function Evaluation({ evaluation }: { evaluation: Preview["evaluation"] }) {
  const { t } = useTranslation("reports");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("joint.evaluation")}
      </Title>
      <Text fw={600} size="sm">
        {t("joint.strengths")}
      </Text>
      <List size="sm" mb="sm">
        {evaluation.strengths.map((p) => (
          <List.Item key={p}>{p}</List.Item>
        ))}
      </List>
      <Text fw={600} size="sm">
        {t("joint.limitations")}
      </Text>
      <List size="sm">
        {[...evaluation.limitations, ...evaluation.causes].map((p) => (
          <List.Item key={p}>{p}</List.Item>
        ))}
      </List>
    </Card>
  );
}

/** The tasks for the next period, numbered groups of items. */
export function Tasks({ title, tasks }: { title: string; tasks: Preview["tasks"] }) {
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {tasks.map((g, i) => (
        <div key={g.title}>
          <Text fw={600} size="sm">
            {i + 1}. {g.title}
          </Text>
          <List size="sm" mb="xs">
            {g.items.map((it) => (
              <List.Item key={it}>{it}</List.Item>
            ))}
          </List>
        </div>
      ))}
    </Card>
  );
}
