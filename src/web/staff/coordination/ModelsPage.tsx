import { Badge, Card, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";

interface Model {
  id: number;
  name: string;
  bodyName: string;
  year: number;
  field: string | null;
  description: string | null;
  awards: { year: number; level: string; title: string }[];
}

/** The register of "Dân vận khéo" models with the body running each and its awards. */
export function ModelsPage() {
  const { t } = useTranslation("coordination");
  const [params, setParams] = useSearchParams();
  const year = params.get("year");
  const thisYear = new Date().getFullYear();
  const { data, error, isLoading } = useQuery({ queryKey: ["models", year], queryFn: () => api.get<Model[]>(`/api/coordination/models${qs({ year })}`) });
  return (
    <>
      <PageHeader
        title={t("models.title")}
        description={t("models.hint")}
        actions={
          <Select
            aria-label={t("targets.year")}
            clearable
            placeholder={t("activities.all")}
            data={Array.from({ length: 5 }, (_, k) => String(thisYear - k))}
            value={year}
            onChange={(v) => setParams(v ? { year: v } : {})}
            w={120}
          />
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((m) => (
          <Card key={m.id} withBorder>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Badge variant="light">{m.year}</Badge>
                {m.field ? (
                  <Text size="xs" c="dimmed">
                    {m.field}
                  </Text>
                ) : null}
              </Group>
              <Text fw={600}>“{m.name}”</Text>
              <Text size="sm" c="dimmed">
                {t("models.body")}: {m.bodyName}
              </Text>
              {m.awards.map((a) => (
                <Badge key={`${a.year}-${a.title}`} color="yellow" variant="light">
                  {a.title} ({a.year})
                </Badge>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
