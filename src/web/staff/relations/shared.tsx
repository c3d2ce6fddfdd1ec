import type { z } from "zod";
import type { enterpriseLookupSchema, bodyLookupSchema, scoredSignalSchema } from "#shared/contract/relations.ts";
import { Anchor, Badge, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, qs } from "../../lib/api.ts";
import { fold } from "../../lib/format.ts";
import { addDays, vnToday } from "#shared/clock.ts";

/** The incident kinds and statuses of the selects: the server's lists. */
export { incidentKinds as INCIDENT_KINDS, incidentStatuses as INCIDENT_STATUSES } from "#shared/enums.ts";

export type Signal = z.input<typeof scoredSignalSchema>;

/** Server links ("/relations/…", "/registry/…") are staff pages. */
export function staffLink(link: string | null): string | null {
  if (!link) return null;
  return link.startsWith("/staff") ? link : `/staff${link}`;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("relations");
  const color =
    {
      open: "red",
      in_progress: "orange",
      resolved: "teal",
      closed: "gray",
      reinspect: "grape",
      acknowledged: "blue",
      actioned: "teal",
      draft: "yellow",
      completed: "teal",
    }[status] ?? "gray";
  return <Badge color={color}>{t(`status.${status}`)}</Badge>;
}

export function ScoreBadge({ score, threshold }: { score: number; threshold?: number }) {
  const color = score >= (threshold ?? 30) ? "red" : score >= (threshold ?? 30) / 2 ? "orange" : "yellow";
  return (
    <Badge color={color} size="lg" variant="filled">
      {String(Math.round(score * 10) / 10).replace(".", ",")}
    </Badge>
  );
}

export function EvidenceLink({ link, children }: { link: string | null; children: React.ReactNode }) {
  const to = staffLink(link);
  return to ? (
    <Anchor component={Link} to={to} size="sm">
      {children}
    </Anchor>
  ) : (
    <span>{children}</span>
  );
}

/** The forms' one date field (dd/mm/yyyy, impossible days and, where told, future days said before sending). */
export { DateField } from "../../components/DateField.tsx";

export function EnterpriseSelect({
  label,
  value,
  onChange,
  error,
  initialName,
}: {
  label: string;
  value: number | null;
  onChange: (id: number | null, name?: string) => void;
  error?: string | undefined;
  initialName?: string | undefined;
}) {
  const [search, setSearch] = useState(initialName ?? "");
  const [debounced] = useDebouncedValue(search, 250);
  const { data } = useQuery({
    queryKey: ["relations-enterprises", debounced],
    queryFn: () => api.get<z.input<typeof enterpriseLookupSchema>>(`/api/relations/lookup/enterprises${qs({ q: fold(debounced) })}`),
  });
  const selected = useQuery({
    queryKey: ["relations-enterprise", value],
    queryFn: () => api.get<z.input<typeof enterpriseLookupSchema>>(`/api/relations/lookup/enterprises${qs({ id: value })}`),
    enabled: Boolean(value && !initialName),
  });
  const options = (data ?? []).map((e) => ({ value: String(e.id), label: e.name }));
  const name = initialName ?? selected.data?.[0]?.name;
  if (value && name && !options.some((o) => o.value === String(value))) options.unshift({ value: String(value), label: name });
  return (
    <Select
      label={label}
      searchable
      clearable
      data={options}
      value={value ? String(value) : null}
      onChange={(v, o) => {
        // Mantine reports null while the chosen option is still loading; keep the value then.
        if (v === null && value && !options.some((x) => x.value === String(value))) return;
        onChange(v ? Number(v) : null, o?.label);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      error={error}
      nothingFoundMessage="—"
    />
  );
}

export function useBodies() {
  return useQuery({
    queryKey: ["relations-bodies"],
    queryFn: () => api.get<z.input<typeof bodyLookupSchema>>("/api/relations/lookup/bodies"),
    staleTime: 300_000,
  });
}

export const today = () => vnToday();
export { addDays };
