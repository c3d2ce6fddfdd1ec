import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert, Loading } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { publicQaSchema } from "#shared/contract/voice.ts";
import type { z } from "zod";

type Entry = z.input<typeof publicQaSchema>;

/** Public legal Q&A: search with or without diacritics ("lam them gio" finds "làm thêm giờ"). */
export function QaPage() {
  const { t } = useTranslation("voice");
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const q = params.get("q") ?? "";
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== q) setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, q, setParams]);
  const query = useQuery({
    queryKey: ["voice-qa", q],
    queryFn: () => api.get<{ total: number; alsoSearched: string[]; items: Entry[] }>(`/api/public/qa?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ""}`),
  });
  return (
    <Stack>
      <Title order={1} size="h3">
        {t("public.qaTitle")}
      </Title>
      <TextInput
        type="search"
        placeholder={t("public.qaSearch")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        size="md"
        aria-label={t("public.qaSearch")}
      />
      {query.isLoading ? <Loading /> : null}
      <ErrorAlert error={query.error} />
      {query.data ? (
        <Text size="sm" c="dimmed">
          {t("public.results", { count: query.data.total })}
          {query.data.alsoSearched.length ? ` · ${t("public.alsoSearched", { words: query.data.alsoSearched.map((w) => `“${w}”`).join(", ") })}` : ""}
        </Text>
      ) : null}
      {query.data?.items.length === 0 ? (
        // No answer yet is not a dead end: the worker can ask the question itself, anonymously if they wish.
        <Card withBorder padding="md">
          <Stack gap="xs" align="flex-start">
            <Text>{t("public.qaEmpty")}</Text>
            <Button component={Link} to="/gui-yeu-cau">
              {t("public.qaAsk")}
            </Button>
          </Stack>
        </Card>
      ) : null}
      {query.data?.items.map((e) => (
        <Card key={e.id} withBorder>
          <Text fw={600}>{e.question}</Text>
          <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
            {e.answer}
          </Text>
          <Group gap={4} mt="xs">
            {e.tags.map((tag) => (
              <Badge key={tag} variant="light" size="sm">
                {t(`topic.${tag}`, { defaultValue: tag })}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t("public.citations")}: {e.citations.join("; ")} · {t("public.validFrom")} {formatDate(e.validFrom)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
