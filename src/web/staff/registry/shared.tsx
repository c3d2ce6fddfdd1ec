import type { z } from "zod";
import type { zoneSchema } from "#shared/contract/registry.ts";
import { Card, Select, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";

export { paramsObject, useUrlState } from "../../components/list.tsx";

export type Zone = z.input<typeof zoneSchema>;

export function ZoneSelect({ value, onChange }: { value: string; onChange: (v: string | null) => void }) {
  const { t } = useTranslation("registry");
  const { data } = useQuery({ queryKey: ["registry", "zones"], queryFn: () => api.get<Zone[]>("/api/registry/zones"), staleTime: 300_000 });
  return (
    <Select
      label={t("f.zone")}
      placeholder={t("member.all")}
      clearable
      searchable
      data={(data ?? []).map((z) => ({ value: String(z.id), label: z.name }))}
      value={value || null}
      onChange={onChange}
    />
  );
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint ? (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}
