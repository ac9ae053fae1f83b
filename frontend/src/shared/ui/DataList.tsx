// Every list of the app: a virtualised table (only the rows in view are in the DOM), a sticky header, server
// paging (the total from X-Total-Count), sortable columns and rows reachable by keyboard (Enter opens).
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Group, Pagination, Select, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import classes from "./DataList.module.css";

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  width?: string;
  /** the server's sort key for this column; clicking the header toggles key / -key */
  sortKey?: string;
}

export interface DataListProps<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  sort?: string | null;
  onSort?: (sort: string | null) => void;
  onOpen?: (row: T) => void;
  height?: number;
  rowHeight?: number;
  empty?: ReactNode;
  loading?: boolean;
}

const PAGE_SIZES = ["25", "50", "100", "250", "1000"];

export function DataList<T>(props: DataListProps<T>) {
  const { columns, rows, rowKey, rowHeight = 40, height = 560 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtual.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const template = columns.map((c) => c.width ?? "minmax(120px, 1fr)").join(" ");

  const openOnEnter = (event: KeyboardEvent, row: T) => {
    if (event.key === "Enter" && props.onOpen) props.onOpen(row);
  };

  return (
    <div>
      <div ref={scroller} className={classes.scroller} style={{ maxHeight: height }}>
        <table className={classes.table} aria-label={props.label} aria-rowcount={props.total} style={{ ["--cols" as string]: template }}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" aria-sort={ariaSort(props.sort, column.sortKey)}>
                  {column.sortKey && props.onSort ? (
                    <UnstyledButton className={classes.sort} onClick={() => props.onSort?.(nextSort(props.sort, column.sortKey!))}>
                      {column.header} {sortIcon(props.sort, column.sortKey)}
                    </UnstyledButton>
                  ) : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
            {items.map((item) => {
              const row = rows[item.index];
              return (
                <tr key={rowKey(row)} data-row={rowKey(row)} style={{ height: rowHeight }} tabIndex={props.onOpen ? 0 : undefined}
                  className={props.onOpen ? classes.clickable : undefined}
                  onClick={() => props.onOpen?.(row)} onKeyDown={(event) => openOnEnter(event, row)}>
                  {columns.map((column) => <td key={column.key}>{column.render(row)}</td>)}
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
          </tbody>
        </table>
        {!props.loading && rows.length === 0 && <Text c="dimmed" p="md">{props.empty ?? "Nothing here."}</Text>}
      </div>
      <Group justify="space-between" mt="xs">
        <Text size="sm" c="dimmed" aria-live="polite">
          {props.total === 0 ? "0 items" : `${(props.page - 1) * props.pageSize + 1}–${(props.page - 1) * props.pageSize + rows.length} of ${props.total}`}
        </Text>
        <Group gap="xs">
          {props.onPageSize && (
            <Select aria-label="Rows per page" size="xs" w={90} data={PAGE_SIZES} value={String(props.pageSize)}
              onChange={(value) => value && props.onPageSize?.(Number(value))} allowDeselect={false} />
          )}
          {pages > 1 && <Pagination size="sm" total={pages} value={props.page} onChange={props.onPage} getControlProps={(control) => ({ "aria-label": `${control} page` })} />}
        </Group>
      </Group>
    </div>
  );
}

function nextSort(current: string | null | undefined, key: string): string | null {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return null;
  return key;
}

function ariaSort(current: string | null | undefined, key?: string) {
  if (!key || !current) return undefined;
  if (current === key) return "ascending" as const;
  if (current === `-${key}`) return "descending" as const;
  return undefined;
}

function sortIcon(current: string | null | undefined, key: string) {
  if (current === key) return <IconArrowUp size={12} aria-hidden />;
  if (current === `-${key}`) return <IconArrowDown size={12} aria-hidden />;
  return null;
}
