import { ActionIcon, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading, PageHeader } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { vnYear } from "#shared/clock.ts";
import { ModelModal } from "./ModelModal.tsx";
import { type Model, useModelEditor } from "./models.form.ts";

/** One model: its year, field, body and awards; the pencil when the caller may correct it. */
function ModelCard({ m, onEdit }: { m: Model; onEdit: () => void }) {
  const { t } = useTranslation("coordination");
  return (
    <Card withBorder>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Badge variant="light">{m.year}</Badge>
          <Group gap={4} wrap="nowrap">
            {m.field ? (
              <Text size="xs" c="dimmed">
                {m.field}
              </Text>
            ) : null}
            {m.editable ? (
              <ActionIcon variant="subtle" size="sm" aria-label={t("models.edit")} onClick={onEdit}>
                <IconPencil size={14} />
              </ActionIcon>
            ) : null}
          </Group>
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
  );
}

/** The register of "Dân vận khéo" models with the body running each and its awards. */
export function ModelsPage() {
  const { t } = useTranslation("coordination");
  const [params, setParams] = useSearchParams();
  const year = params.get("year");
  const thisYear = vnYear();
  const { data, error, isLoading } = useQuery({ queryKey: ["models", year], queryFn: () => api.get<Model[]>(`/api/coordination/models${qs({ year })}`) });
  const can = useCan();
  const editor = useModelEditor(year);
  return (
    <>
      <PageHeader
        title={t("models.title")}
        description={t("models.hint")}
        actions={
          <>
            <Select
              aria-label={t("targets.year")}
              clearable
              placeholder={t("activities.all")}
              data={Array.from({ length: 5 }, (_, k) => String(thisYear - k))}
              value={year}
              onChange={(v) => setParams(v ? { year: v } : {})}
              w={120}
            />
            {can("coordination:write") ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => editor.open("new")}>
                {t("models.add")}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((m) => (
          <ModelCard key={m.id} m={m} onEdit={() => editor.open(m)} />
        ))}
      </SimpleGrid>
      <ModelModal editor={editor} />
    </>
  );
}
