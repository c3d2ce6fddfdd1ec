import { Group, Pagination, Paper, ScrollArea, Select, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconChevronDown, IconChevronUp, IconSelector } from "@tabler/icons-react";
import type { KeyboardEvent, ReactNode } from "react";
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
  /**
   * Where the column goes on a phone, where each row becomes a card: "title" heads the card (no label),
   * "top" comes right under it (status, deadline: what an officer looks for first), "hide" leaves it out.
   * By default a column keeps its place, unless hideOnMobile.
   */
  mobile?: "title" | "top" | "hide";
}

/** Phones (below Mantine's `sm`, 48em) get cards instead of a table that scrolls sideways. */
export const PHONE_QUERY = "(max-width: 47.99em)";

/** The columns a phone card shows, in its order: the title, then the "top" fields, then the rest. */
export function cardColumns<T>(columns: Column<T>[]): { title: Column<T> | undefined; fields: Column<T>[] } {
  const shown = columns.filter((c) => c.mobile !== "hide" && !(c.hideOnMobile && c.mobile === undefined));
  const title = shown.find((c) => c.mobile === "title");
  const rest = shown.filter((c) => c !== title);
  return { title, fields: [...rest.filter((c) => c.mobile === "top"), ...rest.filter((c) => c.mobile !== "top")] };
}

export interface SortState {
  key: string;
  dir: "asc" | "desc";
}

/** A column's header on a wide screen: a button that sorts by it when the server can. */
function HeaderCell<T>({ c, sort, onSort }: { c: Column<T>; sort?: SortState | undefined; onSort?: ((sort: SortState) => void) | undefined }) {
  const active = sort && c.sortKey && sort.key === c.sortKey;
  const Icon = active ? (sort.dir === "asc" ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th style={{ textAlign: c.align ?? "left", width: c.width }} visibleFrom={c.hideOnMobile ? "sm" : undefined}>
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
}

interface RowsProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  onRowClick?: ((row: T) => void) | undefined;
  sort?: SortState | undefined;
  onSort?: ((sort: SortState) => void) | undefined;
}

/** The table on a wide screen, scrolling sideways when it has many columns. */
function WideTable<T>({ columns, rows, rowKey, onRowClick, sort, onSort }: RowsProps<T>) {
  return (
    <ScrollArea type="auto">
      <Table striped highlightOnHover={Boolean(onRowClick)} verticalSpacing="xs" miw={columns.length > 4 ? 720 : undefined}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <HeaderCell key={c.key} c={c} sort={sort} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows ?? []).map((row) => (
            <Table.Tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              // A row that opens its record is a Tab stop and opens with Enter or Space, as on a phone's card.
              tabIndex={onRowClick ? 0 : undefined}
              className={onRowClick ? "row-link" : undefined}
              onKeyDown={onRowClick ? openOnKey(() => onRowClick(row)) : undefined}
              style={onRowClick ? { cursor: "pointer" } : undefined}
            >
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
  );
}

/** The total, and the pages when there is more than one. */
function TableFooter({
  total,
  page,
  pages,
  onPage,
}: {
  total: number;
  page: number | undefined;
  pages: number;
  onPage?: ((page: number) => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
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
  );
}

/**
 * A server-side table: the caller fetches one page (filters, sort and paging on the server) and
 * passes rows and total. On phones each row is a card (see `Column.mobile`), so nothing scrolls sideways.
 */
export function DataTable<T>({
  total,
  page,
  pageSize,
  onPage,
  loading,
  ...props
}: RowsProps<T> & {
  total?: number | undefined;
  page?: number;
  pageSize?: number;
  onPage?: (page: number) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const pages = total !== undefined && pageSize ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const { rows } = props;
  return (
    <div>
      {phone ? <RowCards {...props} /> : <WideTable {...props} />}
      {loading && !rows ? <Loading /> : null}
      {!loading && rows && rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.empty")}
        </Text>
      ) : null}
      {total !== undefined ? <TableFooter total={total} page={page} pages={pages} onPage={onPage} /> : null}
    </div>
  );
}

/** Enter or Space on the row itself (not on a button or link inside it) opens it. */
function openOnKey(open: () => void) {
  return (e: KeyboardEvent) => {
    if ((e.key === "Enter" || e.key === " ") && e.target === e.currentTarget) {
      e.preventDefault();
      open();
    }
  };
}

/** A phone's list: one card per row, the title column first, then each field with its header as a label. */
function RowCards<T>({ columns, rows, rowKey, onRowClick, sort, onSort }: RowsProps<T>) {
  const { t } = useTranslation();
  const { title, fields } = cardColumns(columns);
  const sortable = onSort ? columns.filter((c) => c.sortKey && typeof c.header === "string") : [];
  return (
    <Stack gap="xs" data-testid="row-cards">
      {sortable.length > 0 && onSort ? (
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            label={t("common.sortBy")}
            style={{ flex: 1, minWidth: 0 }}
            data={sortable.map((c) => ({ value: c.sortKey as string, label: c.header as string }))}
            value={sort?.key ?? null}
            onChange={(v) => v && onSort({ key: v, dir: sort?.dir ?? "asc" })}
            allowDeselect={false}
          />
          <Select
            size="xs"
            label={t("common.sortDir")}
            w={130}
            data={[
              { value: "asc", label: t("common.sortAsc") },
              { value: "desc", label: t("common.sortDesc") },
            ]}
            value={sort?.dir ?? "asc"}
            onChange={(v) => v && sort && onSort({ key: sort.key, dir: v as "asc" | "desc" })}
            allowDeselect={false}
          />
        </Group>
      ) : null}
      {(rows ?? []).map((row) => (
        <Paper
          key={rowKey(row)}
          withBorder
          p="sm"
          radius="md"
          onClick={onRowClick ? () => onRowClick(row) : undefined}
          // A card that opens its record is reachable by Tab and opens with Enter, like a link.
          tabIndex={onRowClick ? 0 : undefined}
          className={onRowClick ? "row-link" : undefined}
          onKeyDown={onRowClick ? openOnKey(() => onRowClick(row)) : undefined}
          style={{ cursor: onRowClick ? "pointer" : undefined, overflowWrap: "anywhere" }}
        >
          <Stack gap={6}>
            {title ? <div>{title.render(row)}</div> : null}
            {fields.map((c) => (
              <Group key={c.key} gap="xs" justify="space-between" align="flex-start" wrap="nowrap">
                <Text size="xs" c="dimmed" style={{ flex: "0 0 auto", maxWidth: "45%" }}>
                  {c.header}
                </Text>
                <div style={{ minWidth: 0, textAlign: "right", flex: "1 1 auto", display: "flex", justifyContent: "flex-end" }}>{c.render(row)}</div>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
