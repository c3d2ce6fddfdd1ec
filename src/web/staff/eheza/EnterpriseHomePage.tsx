import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconBuildingFactory2, IconCalendarDue, IconFileCertificate, IconPhone, IconShieldCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import type { z } from "zod";
import type { enterpriseHomeResponse } from "#shared/contract/eheza.ts";

/** GET /api/enterprise/home: the enterprise's own picture, nothing about any worker. */
export type EnterpriseHome = z.input<typeof enterpriseHomeResponse>;

const periodLabel = (t: TFunction, period: string) => t(`eheza:half.${period.slice(5)}`, { year: period.slice(0, 4) });

/** The enterprise account's landing page: compliance status and whom to call at the union. */
export function EnterpriseHomePage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["enterprise-home"], queryFn: () => api.get<EnterpriseHome>("/api/enterprise/home") });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Loading />;
  const h = q.data;
  const a = h.agreement;
  return (
    <Stack>
      <PageHeader
        title={h.enterprise.name}
        description={[t("eheza:home.taxCode", { taxCode: h.enterprise.taxCode }), h.enterprise.zoneName, t("eheza:home.asOf", { date: formatDate(h.asOf) })]
          .filter(Boolean)
          .join(" · ")}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="home-findings">
          <Group gap={6} mb="xs" wrap="nowrap">
            <IconShieldCheck size={20} />
            <Title order={2} size="h5">
              {t("eheza:home.findings")}
            </Title>
          </Group>
          {h.findings.open === 0 ? (
            <Text size="sm" c="teal.8">
              {t("eheza:home.findingsNone")}
            </Text>
          ) : (
            <Stack gap="xs">
              <Text size="sm" fw={600} c={h.findings.overdue ? "red.8" : undefined}>
                {t("eheza:home.findingsCount", { open: h.findings.open, overdue: h.findings.overdue })}
              </Text>
              {h.findings.items.map((f) => (
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
        <Stack>
          <Card withBorder data-testid="home-report">
            <Group gap={6} mb="xs" wrap="nowrap">
              <IconCalendarDue size={20} />
              <Title order={2} size="h5">
                {t("eheza:home.report")}
              </Title>
            </Group>
            <Text size="sm" fw={600}>
              {t("eheza:home.reportNext", {
                period: periodLabel(t, h.labourReport.next.period),
                date: formatDate(h.labourReport.next.deadline),
                days: h.labourReport.next.daysLeft,
              })}
            </Text>
            <Text size="sm">
              {h.labourReport.last
                ? t("eheza:home.reportLast", {
                    period: periodLabel(t, h.labourReport.last.period),
                    date: formatDateTime(h.labourReport.last.filedAt),
                    workforce: formatNumber(h.labourReport.last.workforce),
                  })
                : t("eheza:home.reportNone")}
            </Text>
            {h.labourReport.standing ? (
              <Badge mt="xs" variant="light">
                {h.labourReport.standing.label}
              </Badge>
            ) : (
              <Text size="xs" c="dimmed" mt="xs">
                {t("eheza:home.reportStandingPending")}
              </Text>
            )}
          </Card>
          <Card withBorder data-testid="home-agreement">
            <Group gap={6} mb="xs" wrap="nowrap">
              <IconFileCertificate size={20} />
              <Title order={2} size="h5">
                {t("eheza:home.agreement")}
              </Title>
            </Group>
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
          <Card withBorder data-testid="home-union">
            <Group gap={6} mb="xs" wrap="nowrap">
              <IconPhone size={20} />
              <Title order={2} size="h5">
                {t("eheza:home.union")}
              </Title>
            </Group>
            {!h.union ? (
              <Text size="sm">{t("eheza:home.unionNone")}</Text>
            ) : (
              <Stack gap={2}>
                {h.union.kind === "zone" ? (
                  <Text size="sm" c="dimmed">
                    {t("eheza:home.unionZone")}
                  </Text>
                ) : null}
                <Text size="sm" fw={600}>
                  {h.union.name}
                </Text>
                {h.union.chairName ? <Text size="sm">{t("eheza:home.chair", { name: h.union.chairName })}</Text> : null}
                {h.union.phone ? (
                  <Anchor href={`tel:${h.union.phone.replace(/[^\d+]/g, "")}`} size="sm">
                    {t("eheza:home.phone", { phone: h.union.phone })}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("eheza:home.noPhone")}
                  </Text>
                )}
              </Stack>
            )}
          </Card>
        </Stack>
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconBuildingFactory2 size={18} />}>
        <Text size="sm">{t("eheza:home.privacy")}</Text>
        <Anchor component={Link} to="/staff/account" size="sm">
          {t("eheza:home.tokens")}
        </Anchor>
      </Alert>
    </Stack>
  );
}
