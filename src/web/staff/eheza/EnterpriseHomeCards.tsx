/** The enterprise home's cards: open findings, the labour report, the collective agreement, the union to call. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCalendarDue, IconFileCertificate, IconPhone, IconShieldCheck } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { enterpriseHomeResponse } from "#shared/contract/eheza.ts";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";

/** GET /api/enterprise/home: the enterprise's own picture, nothing about any worker. */
export type EnterpriseHome = z.input<typeof enterpriseHomeResponse>;

const periodLabel = (t: TFunction, period: string) => t(`eheza:half.${period.slice(5)}`, { year: period.slice(0, 4) });

/** A card's icon and heading. */
function CardTitle({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} mb="xs" wrap="nowrap">
      {icon}
      <Title order={2} size="h5">
        {children}
      </Title>
    </Group>
  );
}

/** Inspection findings still open, the overdue ones in red. */
export function FindingsCard({ findings }: { findings: EnterpriseHome["findings"] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="home-findings">
      <CardTitle icon={<IconShieldCheck size={20} />}>{t("eheza:home.findings")}</CardTitle>
      {findings.open === 0 ? (
        <Text size="sm" c="teal.8">
          {t("eheza:home.findingsNone")}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" fw={600} c={findings.overdue ? "red.8" : undefined}>
            {t("eheza:home.findingsCount", { open: findings.open, overdue: findings.overdue })}
          </Text>
          {findings.items.map((f) => (
            <Card key={f.id} withBorder padding="xs" radius="sm">
              <Text size="sm">{f.text}</Text>
              <Group gap="xs" mt={4}>
                <Badge color={f.overdue ? "red" : f.daysLeft <= 7 ? "orange" : "blue"} variant="light">
                  {f.overdue ? t("eheza:home.overdueBy", { days: -f.daysLeft }) : t("eheza:home.daysLeft", { days: f.daysLeft })}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t("eheza:home.deadline", { date: formatDate(f.deadline) })}
                  {f.inspectedOn ? ` · ${t("eheza:home.inspectedOn", { date: formatDate(f.inspectedOn) })}` : ""}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** The next labour report's deadline, the last one filed and its standing. */
export function ReportCard({ report }: { report: EnterpriseHome["labourReport"] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="home-report">
      <CardTitle icon={<IconCalendarDue size={20} />}>{t("eheza:home.report")}</CardTitle>
      <Text size="sm" fw={600}>
        {t("eheza:home.reportNext", { period: periodLabel(t, report.next.period), date: formatDate(report.next.deadline), days: report.next.daysLeft })}
      </Text>
      <Text size="sm">
        {report.last
          ? t("eheza:home.reportLast", {
              period: periodLabel(t, report.last.period),
              date: formatDateTime(report.last.filedAt),
              workforce: formatNumber(report.last.workforce),
            })
          : t("eheza:home.reportNone")}
      </Text>
      {report.standing ? (
        <Badge mt="xs" variant="light">
          {report.standing.label}
        </Badge>
      ) : (
        <Text size="xs" c="dimmed" mt="xs">
          {t("eheza:home.reportStandingPending")}
        </Text>
      )}
    </Card>
  );
}

/** The collective agreement in force and when it ends. */
export function AgreementCard({ a }: { a: EnterpriseHome["agreement"] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="home-agreement">
      <CardTitle icon={<IconFileCertificate size={20} />}>{t("eheza:home.agreement")}</CardTitle>
      {a.state === "none" || !a.effectiveTo ? (
        <Text size="sm">{t("eheza:home.agreementNone")}</Text>
      ) : (
        <>
          <Text size="sm">{a.title}</Text>
          <Text size="sm" fw={600} c={a.state === "expired" ? "red.8" : a.state === "expiring" ? "orange.8" : "teal.8"}>
            {a.state === "expired"
              ? t("eheza:home.agreementExpired", { date: formatDate(a.effectiveTo) })
              : a.state === "expiring"
                ? t("eheza:home.agreementExpiring", { date: formatDate(a.effectiveTo), days: a.daysLeft })
                : t("eheza:home.agreementValid", { date: formatDate(a.effectiveTo) })}
          </Text>
        </>
      )}
    </Card>
  );
}

/** The union (or the zone's union) to call: its chair and phone. */
export function UnionCard({ union }: { union: EnterpriseHome["union"] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="home-union">
      <CardTitle icon={<IconPhone size={20} />}>{t("eheza:home.union")}</CardTitle>
      {!union ? (
        <Text size="sm">{t("eheza:home.unionNone")}</Text>
      ) : (
        <Stack gap={2}>
          {union.kind === "zone" ? (
            <Text size="sm" c="dimmed">
              {t("eheza:home.unionZone")}
            </Text>
          ) : null}
          <Text size="sm" fw={600}>
            {union.name}
          </Text>
          {union.chairName ? <Text size="sm">{t("eheza:home.chair", { name: union.chairName })}</Text> : null}
          {union.phone ? (
            <Anchor href={`tel:${union.phone.replace(/[^\d+]/g, "")}`} size="sm">
              {t("eheza:home.phone", { phone: union.phone })}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t("eheza:home.noPhone")}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
