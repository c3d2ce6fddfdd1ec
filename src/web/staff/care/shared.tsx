import { Badge, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { vnToday } from "#shared/clock.ts";
import { api, qs } from "../../lib/api.ts";
import { fold } from "../../lib/format.ts";
import type { z } from "zod";
import type { personPageSchema } from "#shared/contract/registry.ts";
import type { payoutKinds } from "#shared/enums.ts";

export { KINDS, PURPOSES } from "./types.ts";
export type Kind = (typeof payoutKinds)[number];

const statusColor: Record<string, string> = {
  draft: "gray",
  upcoming: "violet",
  open: "teal",
  closed: "blue",
  pending: "orange",
  approved: "teal",
  declined: "red",
};

/**
 * A status in words. An open campaign whose first day is still ahead reads "Sắp diễn ra", not "Đang thực hiện":
 * the phase is derived from its dates and Vietnam's today, never stored.
 */
export function StatusBadge({ status, startsOn }: { status: string; startsOn?: string | undefined }) {
  const { t } = useTranslation("care");
  const shown = status === "open" && startsOn && startsOn > vnToday() ? "upcoming" : status;
  return <Badge color={statusColor[shown] ?? "gray"}>{t(`status.${shown}`)}</Badge>;
}

/** Finds a person in the registry by name (without diacritics) or citizen ID. */
export function PersonPicker({
  value,
  onChange,
  label,
  error,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  label: string;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const { data } = useQuery({
    queryKey: ["care-person-search", debounced],
    queryFn: () =>
      api.get<z.input<typeof personPageSchema>>(`/api/registry/people${qs({ q: /^\d+$/.test(debounced) ? debounced : fold(debounced), pageSize: 20 })}`),
    enabled: debounced.trim().length >= 2,
  });
  return (
    <Select
      label={label}
      searchable
      clearable
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={(data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.fullName}${p.citizenId ? ` · ${p.citizenId}` : ""}` }))}
      error={error}
    />
  );
}
