import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, qs } from "../../lib/api.ts";
import { fold } from "../../lib/format.ts";
import type { bodySchema } from "#shared/contract/access.ts";
import type { z } from "zod";

/** The parts of a body a picker needs. */
type BodyOption = Pick<z.input<typeof bodySchema>, "id" | "name" | "kind">;

/** Picks a body by typing part of its name (without diacritics); searches the server. */
export function BodySelect({
  label,
  value,
  onChange,
  error,
  kinds,
  initialName,
}: {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  error?: string | undefined;
  kinds?: readonly BodyOption["kind"][];
  initialName?: string | undefined;
}) {
  const [search, setSearch] = useState(initialName ?? "");
  const [debounced] = useDebouncedValue(search, 250);
  const { data } = useQuery({
    queryKey: ["bodies-options", debounced],
    queryFn: () => api.get<{ items: BodyOption[] }>(`/api/admin/bodies${qs({ q: fold(debounced), pageSize: 30 })}`),
  });
  const items = (data?.items ?? []).filter((b) => !kinds || kinds.includes(b.kind));
  const options = items.map((b) => ({ value: String(b.id), label: b.name }));
  if (value && initialName && !options.some((o) => o.value === String(value))) options.unshift({ value: String(value), label: initialName });
  return (
    <Select
      label={label}
      searchable
      clearable
      data={options}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      error={error}
      nothingFoundMessage="—"
    />
  );
}
