import { Card, Select, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { SortState } from "../../components/DataTable.tsx";
import { api } from "../../lib/api.ts";

/** List state kept in the URL, so a figure's link (or a reload) opens the same filtered list. */
export function useUrlState(defaults: { sort: string; dir?: "asc" | "desc" }) {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? "";
  const set = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (!("page" in patch)) next.delete("page");
    setParams(next, { replace: true });
  };
  const page = Number(params.get("page") ?? 1) || 1;
  const sort: SortState = { key: params.get("sort") ?? defaults.sort, dir: (params.get("dir") as "asc" | "desc" | null) ?? defaults.dir ?? "asc" };
  return { params, get, set, page, sort };
}

/** All of the URL's parameters as an object (for the API query and the export link). */
export const paramsObject = (params: URLSearchParams) => Object.fromEntries(params.entries());

export interface Zone {
  id: number;
  name: string;
  wageRegion: number;
}

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
