import type { z } from "zod";
import type { searchSchema } from "#shared/contract/registry.ts";
import { Anchor, Card, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";

type Results = z.input<typeof searchSchema>;

interface Hit {
  key: number;
  to: string;
  title: string;
  sub: string;
}

/** One kind of result with its count; "none" when empty. */
function ResultSection({ title, items }: { title: string; items: Hit[] }) {
  const { t } = useTranslation("registry");
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {title} ({items.length})
      </Title>
      <Stack gap="xs">
        {items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("search.none")}
          </Text>
        ) : (
          items.map((i) => (
            <div key={i.key}>
              <Anchor component={Link} to={i.to}>
                {i.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {i.sub}
              </Text>
            </div>
          ))
        )}
      </Stack>
    </Card>
  );
}

/** People, enterprises and unions side by side. */
function Results({ data }: { data: Results }) {
  const { t } = useTranslation("registry");
  const people = data.people.map((p) => ({
    key: p.id,
    to: `/staff/registry/people/${p.id}`,
    title: p.fullName,
    sub: [p.citizenId, formatDate(p.birthDate), p.phone, p.unionName ?? p.enterpriseName].filter(Boolean).join(" · "),
  }));
  const enterprises = data.enterprises.map((e) => ({
    key: e.id,
    to: `/staff/registry/enterprises/${e.id}`,
    title: e.name,
    sub: `${e.taxCode} · ${e.zoneName ?? ""} · ${formatNumber(e.workforceTotal)} ${t("f.workforce").toLowerCase()}`,
  }));
  const unions = data.unions.map((u) => ({ key: u.id, to: `/staff/registry/unions/${u.id}`, title: u.name, sub: u.code }));
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <ResultSection title={t("search.people")} items={people} />
      <ResultSection title={t("nav.enterprises")} items={enterprises} />
      <ResultSection title={t("nav.unions")} items={unions} />
    </SimpleGrid>
  );
}

/** The one search box: people, enterprises and unions in the caller's scope. */
export function SearchPage() {
  const { t } = useTranslation("registry");
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(q.trim(), 250);
  useEffect(() => {
    setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, setParams]);
  const { data, error, isFetching } = useQuery({
    queryKey: ["registry", "search", debounced],
    queryFn: () => api.get<Results>(`/api/search${qs({ q: debounced, limit: 20 })}`),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t("search.title")} />
      <TextInput
        size="md"
        mb="md"
        leftSection={<IconSearch size={18} />}
        placeholder={t("search.placeholder")}
        aria-label={t("search.placeholder")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={isFetching ? <Text size="xs">…</Text> : null}
        autoFocus
      />
      <ErrorAlert error={error} />
      {data ? <Results data={data} /> : null}
    </>
  );
}
