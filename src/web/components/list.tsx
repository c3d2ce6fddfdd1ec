import { Button } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconDownload } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, download, qs } from "../lib/api.ts";
import type { SortState } from "./DataTable.tsx";
import { notifyError } from "./ui.tsx";

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

/**
 * A server-side list whose filters, sort and page live in the URL: the search box is debounced into
 * `q`, every other filter is set with `set({ key: value })`, and `table` spreads into a DataTable.
 * `filters` is the same query without paging, for the matching .xlsx export.
 */
export function useServerList<T>(opts: { key: string[]; url: string; sort: string; dir?: "asc" | "desc"; pageSize?: number }) {
  const pageSize = opts.pageSize ?? 25;
  const url = useUrlState({ sort: opts.sort, ...(opts.dir ? { dir: opts.dir } : {}) });
  const [q, setQ] = useState(url.get("q"));
  const [debounced] = useDebouncedValue(q, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives the URL
  useEffect(() => {
    if (debounced !== url.get("q")) url.set({ q: debounced });
  }, [debounced]);
  const { page: _p, pageSize: _s, ...filters } = paramsObject(url.params);
  const query = { ...filters, sort: url.sort.key, dir: url.sort.dir, page: url.page, pageSize };
  const { data, isLoading, error } = useQuery({
    queryKey: [...opts.key, query],
    queryFn: () => api.get<{ total: number; items: T[] }>(`${opts.url}${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const table = {
    rows: data?.items,
    total: data?.total,
    page: url.page,
    pageSize,
    onPage: (p: number) => url.set({ page: p }),
    sort: url.sort,
    onSort: (s: SortState) => url.set({ sort: s.key, dir: s.dir }),
    loading: isLoading,
  };
  return { ...url, q, setQ, data, error, table, filters: { ...filters, sort: url.sort.key, dir: url.sort.dir } };
}

/** "Xuất Excel": downloads the list as the server renders it (scoped, audited, IDs masked by role). */
export function ExportButton({ href, filename }: { href: string; filename: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => download(href, filename).catch(notifyError)}>
      {t("common:action.export")}
    </Button>
  );
}
