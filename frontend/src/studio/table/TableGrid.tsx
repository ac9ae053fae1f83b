// The decision-table / pricing-matrix grid on react-data-grid: spreadsheet keys, a range selection
// (shift+click, shift+arrows, the rule number selects rows), TSV copy and paste (a pasted block grows the
// rules; one undo step), lint marks, matched rows. Every change is one setDocument on the draft.
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef } from "react";
import { DataGrid, type CellKeyDownArgs, type CellKeyboardEvent, type CellMouseArgs, type CellMouseEvent, type DataGridHandle } from "react-data-grid";
import "react-data-grid/lib/styles.css";
import "./table.css";
import { buildColumns, NUMBER_KEY, type DefaultRow } from "./gridColumns";
import { ProblemContext, RangeContext, gridRows, type GridRow, type ProblemMap } from "./gridState";
import { keyAction } from "./keys";
import { bounds, extend, rowsRange, single, type CellPos, type CellRange } from "./range";
import { applyEdits, blockText, insertRows, setBlock, type Body, type GridColumn, type TableAdapter } from "./model";
import { formatTsv, parseTsv } from "./tsv";

export interface TableGridHandle {
  /** Select a cell (data column index) and bring it into view. */
  focusCell: (pos: CellPos) => void;
}

export interface TableGridProps {
  adapter: TableAdapter;
  body: Body;
  specs: GridColumn[];
  editable: boolean;
  range: CellRange | null;
  onRange: (range: CellRange | null) => void;
  /** Change the body: one history step. */
  change: (update: (body: Body) => Body) => void;
  undo: () => void;
  redo: () => void;
  problems: ProblemMap;
  matched: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  defaults: DefaultRow | null;
  label: string;
}

export const TableGrid = forwardRef<TableGridHandle, TableGridProps>(function TableGrid(props, ref) {
  const { adapter, body, specs, editable, range, onRange, change, undo, redo, problems, matched, selected, defaults, label } = props;
  const grid = useRef<DataGridHandle>(null);
  const rules = adapter.rows(body);
  const rows = useMemo(() => gridRows(rules), [rules]);
  const columns = useMemo(() => buildColumns(adapter, specs, editable), [adapter, specs, editable]);
  const cols = specs.length;
  const colIndex = useMemo(() => new Map(specs.map((c, i) => [c.key, i])), [specs]);
  const summary = useMemo(() => (defaults ? [defaults] : undefined), [defaults]);
  // the latest values for handlers that react-data-grid keeps
  const latest = useRef(props);
  latest.current = props;

  const focusCell = useCallback((pos: CellPos) => {
    grid.current?.setActivePosition({ idx: pos.col + 1, rowIdx: pos.row }, { shouldFocus: true });
    grid.current?.scrollToCell({ idx: pos.col + 1, rowIdx: pos.row });
  }, []);
  useImperativeHandle(ref, () => ({ focusCell }), [focusCell]);

  /** After a change that adds rows, select `to` as soon as it is rendered (in the same commit: no key is lost). */
  const pending = useRef<CellPos | null>(null);
  const later = useCallback((to: CellPos) => { pending.current = to; }, []);
  useLayoutEffect(() => {
    const to = pending.current;
    if (to && to.row < rows.length) {
      pending.current = null;
      focusCell(to);
    }
  }, [rows, focusCell]);

  const onRowsChange = useCallback((next: GridRow[], data: { indexes: number[]; column: { key: string } }) => {
    const col = colIndex.get(data.column.key);
    if (col === undefined) return;
    const edits = data.indexes.flatMap((i) => (next[i].draft === undefined ? [] : [{ row: next[i].index, col, text: next[i].draft ?? "" }]));
    if (edits.length) change((b) => applyEdits(adapter, b, edits));
  }, [adapter, change, colIndex]);

  const onCellKeyDown = useCallback((args: CellKeyDownArgs<GridRow, DefaultRow>, event: CellKeyboardEvent) => {
    const { range: current, editable: canEdit } = latest.current;
    const count = latest.current.adapter.rows(latest.current.body).length;
    if (args.mode === "EDIT") {
      if (event.key !== "Enter" && event.key !== "Tab") return;
      const col = colIndex.get(args.column.key);
      if (col === undefined) return;
      const action = keyAction(event, { row: args.rowIdx, col }, count, cols, canEdit);
      event.preventGridDefault();
      event.preventDefault();
      args.onClose(true, false);
      if (action?.type === "move") focusCell(action.to);
      else if (action?.type === "addRow") { change((b) => insertRows(adapter, b, adapter.rows(b).length)); later(action.to); }
      else focusCell({ row: args.rowIdx, col });
      return;
    }
    const column = args.column;
    if (!column || args.rowIdx < 0 || args.rowIdx >= count) return;
    if (column.key === NUMBER_KEY) {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && (event.key === "z" || event.key === "y" || event.key === "Z")) {
        event.preventGridDefault(); event.preventDefault(); event.stopPropagation();
        if (event.key === "z") undo(); else redo();
      }
      return;
    }
    const col = colIndex.get(column.key);
    if (col === undefined) return;
    const action = keyAction(event, { row: args.rowIdx, col }, count, cols, canEdit);
    if (!action) return;
    event.preventGridDefault();
    event.preventDefault();
    switch (action.type) {
      case "move": focusCell(action.to); break;
      case "addRow": change((b) => insertRows(adapter, b, adapter.rows(b).length)); later(action.to); break;
      case "extend": {
        const next = extend(current ?? single({ row: args.rowIdx, col }), action.dRow, action.dCol, count, cols);
        onRange(next);
        grid.current?.scrollToCell({ idx: next.focus.col + 1, rowIdx: next.focus.row });
        break;
      }
      // stopped here: the page's own Ctrl+Z (the draft toolbar's hotkeys) must not undo a second step
      case "undo": event.stopPropagation(); undo(); break;
      case "redo": event.stopPropagation(); redo(); break;
      case "selectAll": onRange({ anchor: { row: 0, col: 0 }, focus: { row: count - 1, col: cols - 1 } }); break;
      case "clear": {
        const b = bounds(current ?? single({ row: args.rowIdx, col }));
        const block = Array.from({ length: b.bottom - b.top + 1 }, () =>
          specs.slice(b.left, b.right + 1).map((s) => (s.side === "input" && adapter.kind === "decision_table" ? "-" : "")));
        change((body0) => setBlock(adapter, body0, b.top, b.left, block));
        break;
      }
    }
  }, [adapter, change, colIndex, cols, focusCell, later, onRange, redo, specs, undo]);

  const onActivePositionChange = useCallback(({ rowIdx, column }: { rowIdx: number; column: { key: string } | undefined }) => {
    if (!column || rowIdx < 0) return;
    const count = latest.current.adapter.rows(latest.current.body).length;
    if (rowIdx >= count) return;
    if (column.key === NUMBER_KEY) return; // the mouse-down on the number selected whole rows
    const col = colIndex.get(column.key);
    if (col !== undefined) onRange(single({ row: rowIdx, col }));
  }, [colIndex, onRange]);

  const onCellMouseDown = useCallback((args: CellMouseArgs<GridRow, DefaultRow>, event: CellMouseEvent) => {
    const current = latest.current.range;
    if (args.column.key === NUMBER_KEY) {
      const top = event.shiftKey && current ? current.anchor.row : args.rowIdx;
      onRange(rowsRange(top, args.rowIdx, cols));
      return;
    }
    const col = colIndex.get(args.column.key);
    if (col === undefined || !event.shiftKey || !current) return;
    event.preventGridDefault();
    event.preventDefault();
    onRange({ anchor: current.anchor, focus: { row: args.rowIdx, col } });
  }, [colIndex, cols, onRange]);

  const onCellCopy = useCallback((args: { row: GridRow; column: { key: string } }, event: React.ClipboardEvent<HTMLDivElement>) => {
    const { range: current, body: b } = latest.current;
    const col = colIndex.get(args.column.key);
    const r = current ?? (col === undefined ? rowsRange(args.row.index, args.row.index, cols) : single({ row: args.row.index, col }));
    const box = bounds(r);
    event.clipboardData.setData("text/plain", formatTsv(blockText(adapter, b, box.top, box.bottom, box.left, box.right)));
    event.preventDefault();
  }, [adapter, colIndex, cols]);

  const onCellPaste = useCallback((args: { row: GridRow; column: { key: string } }, event: React.ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    if (!latest.current.editable) return args.row;
    const block = parseTsv(event.clipboardData.getData("text/plain"));
    const col = colIndex.get(args.column.key) ?? 0;
    if (!block.length) return args.row;
    const top = args.row.index;
    change((b) => setBlock(adapter, b, top, col, block));
    const width = Math.max(...block.map((r) => r.length));
    onRange({ anchor: { row: top, col }, focus: { row: top + block.length - 1, col: Math.min(cols - 1, col + width - 1) } });
    return args.row;
  }, [adapter, change, colIndex, cols, onRange]);

  const rowClass = useCallback((row: GridRow) =>
    (selected.has(row.index) ? "ordo-row-selected" : matched.has(row.index) ? "ordo-row-matched" : undefined), [matched, selected]);

  return (
    <ProblemContext.Provider value={problems}>
      <RangeContext.Provider value={range}>
        <DataGrid<GridRow, DefaultRow>
          ref={grid}
          aria-label={label}
          className="ordo-table-grid"
          style={{ blockSize: Math.min(640, 48 * 2 + (rows.length + (summary ? 1 : 0)) * 32 + 18) }}
          columns={columns}
          rows={rows}
          rowKeyGetter={rowKey}
          onRowsChange={onRowsChange}
          onCellKeyDown={onCellKeyDown}
          onCellMouseDown={onCellMouseDown}
          onActivePositionChange={onActivePositionChange}
          onCellCopy={onCellCopy}
          onCellPaste={onCellPaste}
          rowClass={rowClass}
          bottomSummaryRows={summary}
          headerRowHeight={48}
          rowHeight={32}
          enableVirtualization
          aria-rowcount={rows.length + 2}
          data-testid="table-grid"
        />
      </RangeContext.Provider>
    </ProblemContext.Provider>
  );
});

const keys = new WeakMap<object, number>();
let nextKey = 0;
/** A key per rule object (stable while the rule is unchanged); a changed rule is a new row for the grid. */
function rowKey(row: GridRow): number {
  let key = keys.get(row);
  if (key === undefined) {
    nextKey += 1;
    key = nextKey;
    keys.set(row, key);
  }
  return key;
}
