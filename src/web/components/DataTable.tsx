import { Group, Pagination, ScrollArea, Table, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconSelector } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../lib/format.ts";
import { Loading } from "./ui.tsx";

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** The server's sort key, when the column can be sorted. */
  sortKey?: string;
  align?: "left" | "right" | "center";
  /** Hidden on phones to keep the table readable. */
  hideOnMobile?: boolean;
  width?: number | string;
}

export interface SortState {
  key: string;
  dir: "asc" | "desc";
}

/**
 * A server-side table: the caller fetches one page (filters, sort and paging on the server) and
 * passes rows and total. Scrolls sideways on phones instead of squeezing columns.
 */
export function DataTable<T>({
  columns,
  rows,
  total,
  page,
  pageSize,
  onPage,
  sort,
  onSort,
  loading,
  rowKey,
  onRowClick,
}: {
  columns: Column<T>[];
  rows: T[] | undefined;
  total?: number | undefined;
  page?: number;
  pageSize?: number;
  onPage?: (page: number) => void;
  sort?: SortState | undefined;
  onSort?: (sort: SortState) => void;
  loading?: boolean;
  rowKey: (row: T) => string | number;
  onRowClick?: (row: T) => void;
}) {
  const { t } = useTranslation();
  const pages = total !== undefined && pageSize ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  return (
    <div>
      <ScrollArea type="auto">
        <Table striped highlightOnHover={Boolean(onRowClick)} verticalSpacing="xs" miw={columns.length > 4 ? 720 : undefined}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => {
                const active = sort && c.sortKey && sort.key === c.sortKey;
                const Icon = active ? (sort.dir === "asc" ? IconChevronUp : IconChevronDown) : IconSelector;
                return (
                  <Table.Th key={c.key} style={{ textAlign: c.align ?? "left", width: c.width }} visibleFrom={c.hideOnMobile ? "sm" : undefined}>
                    {c.sortKey && onSort ? (
                      <UnstyledButton
                        onClick={() => onSort({ key: c.sortKey as string, dir: active && sort.dir === "asc" ? "desc" : "asc" })}
                        aria-label={typeof c.header === "string" ? c.header : c.key}
                      >
                        <Group gap={4} wrap="nowrap">
                          <Text fw={600} size="sm">
                            {c.header}
                          </Text>
                          <Icon size={14} />
                        </Group>
                      </UnstyledButton>
                    ) : (
                      c.header
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(rows ?? []).map((row) => (
              <Table.Tr key={rowKey(row)} onClick={onRowClick ? () => onRowClick(row) : undefined} style={onRowClick ? { cursor: "pointer" } : undefined}>
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align ?? "left" }} visibleFrom={c.hideOnMobile ? "sm" : undefined}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {loading && !rows ? <Loading /> : null}
      {!loading && rows && rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.empty")}
        </Text>
      ) : null}
      {total !== undefined ? (
        <Group justify="space-between" mt="sm" gap="xs">
          <Text size="sm" c="dimmed">
            {t("common.total", { count: total, formatted: formatNumber(total) }).replace(String(total), formatNumber(total))}
          </Text>
          {pages > 1 && onPage ? (
            <Pagination
              size="sm"
              total={pages}
              value={page ?? 1}
              onChange={onPage}
              siblings={1}
              boundaries={1}
              aria-label={t("common.page")}
              getControlProps={(control) => ({ "aria-label": t(`common.pageControl.${control}`) })}
              getItemProps={(p) => ({ "aria-label": `${t("common.page")} ${p}` })}
            />
          ) : null}
        </Group>
      ) : null}
    </div>
  );
}
