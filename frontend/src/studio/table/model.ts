// The grid's view of a decision table or a pricing matrix body: columns (input / output / annotation bands),
// rows (rules or cells), the text of a cell and the body after setting cells. Cell text is the model's own
// syntax: DMN simple unary tests for input cells, literals for output cells; the server lints it.

export type Side = "input" | "output" | "annotation";
export type ColumnType = "string" | "number" | "boolean" | "date" | "any";

export interface GridColumn {
  key: string; // "in:0", "out:1", "annotation", "dim:0", "amount"
  side: Side;
  index: number;
  name: string;
  label?: string;
  type: ColumnType;
  allowedValues?: unknown[];
}

export type Body = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface CellEdit {
  row: number;
  col: number;
  text: string;
}

export interface TableAdapter {
  kind: "decision_table" | "pricing_matrix";
  /** The rows member of the body ("rules" or "cells"). */
  rowsKey: "rules" | "cells";
  columns(body: Body): GridColumn[];
  rows(body: Body): Row[];
  cellText(row: Row, column: GridColumn): string;
  /** A row with every cell empty ("-" for inputs). */
  blankRow(body: Body, taken: Set<string>): Row;
  /** `row` with one cell set from text. */
  withCell(row: Row, column: GridColumn, text: string, body: Body): Row;
  /** The JSON pointer (into the document) of a cell. */
  pointer(row: number, column: GridColumn): string;
}

interface ColumnSpec {
  name?: string;
  label?: string;
  title?: string;
  type?: string;
  allowedValues?: unknown[];
  values?: unknown[];
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function asType(type: unknown): ColumnType {
  return type === "string" || type === "number" || type === "boolean" || type === "date" ? type : "any";
}

/** A literal (output cell, matrix key) as the text the grid shows. */
export function literalText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function parseObject(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Output text as the literal the model stores for a column type ("" is null). */
export function parseLiteral(text: string, type: ColumnType): unknown {
  const t = text.trim();
  if (t === "") return null;
  const object = parseObject(t);
  if (object !== undefined) return object;
  if (type === "string" || type === "date") {
    const quoted = /^"(.*)"$/s.exec(t);
    return quoted ? quoted[1] : t;
  }
  if (type === "number") return NUMBER.test(t) && String(Number(t)) === t ? Number(t) : t;
  if (type === "boolean") return t === "true" ? true : t === "false" ? false : t;
  if (t === "null") return null;
  if (t === "true" || t === "false") return t === "true";
  if (NUMBER.test(t) && String(Number(t)) === t) return Number(t);
  const quoted = /^"(.*)"$/s.exec(t);
  return quoted ? quoted[1] : t;
}

/** Input-cell text as stored: the unary test text, or a {"jsonlogic": …} object typed as JSON. "" is "-". */
export function parseTest(text: string): unknown {
  const t = text.trim();
  if (t === "") return "-";
  const object = parseObject(t);
  return object !== undefined ? object : t;
}

export function testText(value: unknown): string {
  if (value === undefined || value === null) return "-";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A rule id not yet taken: rule-<n>. */
export function freshId(taken: Set<string>, base = "rule"): string {
  let n = taken.size + 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  const id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export const decisionTable: TableAdapter = {
  kind: "decision_table",
  rowsKey: "rules",
  columns(body) {
    const inputs = list<ColumnSpec>(body.inputs).map((spec, index): GridColumn => ({
      key: `in:${index}`, side: "input", index, name: spec.name ?? `input ${index + 1}`, label: spec.label,
      type: asType(spec.type), allowedValues: spec.allowedValues,
    }));
    const outputs = list<ColumnSpec>(body.outputs).map((spec, index): GridColumn => ({
      key: `out:${index}`, side: "output", index, name: spec.name ?? `output ${index + 1}`, label: spec.label,
      type: asType(spec.type), allowedValues: spec.allowedValues,
    }));
    return [...inputs, ...outputs, { key: "annotation", side: "annotation", index: 0, name: "Annotation", type: "string" }];
  },
  rows(body) {
    return list<Row>(body.rules);
  },
  cellText(row, column) {
    if (column.side === "input") return testText(list<unknown>(row.inputEntries)[column.index]);
    if (column.side === "output") return literalText(list<unknown>(row.outputEntries)[column.index]);
    return typeof row.annotation === "string" ? row.annotation : "";
  },
  blankRow(body, taken) {
    return {
      id: freshId(taken),
      inputEntries: list(body.inputs).map(() => "-"),
      outputEntries: list(body.outputs).map(() => null),
    };
  },
  withCell(row, column, text, body) {
    if (column.side === "annotation") {
      const { annotation: _dropped, ...rest } = row;
      return text.trim() === "" ? rest : { ...row, annotation: text };
    }
    const member = column.side === "input" ? "inputEntries" : "outputEntries";
    const width = list(column.side === "input" ? body.inputs : body.outputs).length;
    const entries = list<unknown>(row[member]).slice();
    while (entries.length < width) entries.push(column.side === "input" ? "-" : null);
    entries[column.index] = column.side === "input" ? parseTest(text) : parseLiteral(text, column.type);
    return { ...row, [member]: entries };
  },
  pointer(row, column) {
    if (column.side === "annotation") return `/body/rules/${row}/annotation`;
    return `/body/rules/${row}/${column.side === "input" ? "inputEntries" : "outputEntries"}/${column.index}`;
  },
};

export const pricingMatrix: TableAdapter = {
  kind: "pricing_matrix",
  rowsKey: "cells",
  columns(body) {
    const dims = list<ColumnSpec>(body.dimensions).map((spec, index): GridColumn => ({
      key: `dim:${index}`, side: "input", index, name: spec.name ?? `dimension ${index + 1}`, label: spec.title,
      type: spec.type === "number" ? "number" : "string", allowedValues: spec.values,
    }));
    return [...dims, { key: "amount", side: "output", index: 0, name: "amount", label: String(body.currency ?? ""), type: "string" }];
  },
  rows(body) {
    return list<Row>(body.cells);
  },
  cellText(row, column) {
    if (column.side === "input") return literalText(list<unknown>(row.key)[column.index]);
    return literalText(row.amount);
  },
  blankRow(body) {
    return { key: list(body.dimensions).map(() => ""), amount: "" };
  },
  withCell(row, column, text, body) {
    if (column.side === "output") return { ...row, amount: text.trim() };
    const key = list<unknown>(row.key).slice();
    while (key.length < list(body.dimensions).length) key.push("");
    const t = text.trim();
    key[column.index] = column.type === "number" && NUMBER.test(t) ? Number(t) : t;
    return { ...row, key };
  },
  pointer(row, column) {
    return column.side === "input" ? `/body/cells/${row}/key/${column.index}` : `/body/cells/${row}/amount`;
  },
};

export function adapterFor(kind: string): TableAdapter {
  return kind === "pricing_matrix" ? pricingMatrix : decisionTable;
}

function takenIds(rows: Row[]): Set<string> {
  return new Set(rows.map((r) => r.id).filter((id): id is string => typeof id === "string"));
}

function withRows(adapter: TableAdapter, body: Body, rows: Row[]): Body {
  return { ...body, [adapter.rowsKey]: rows };
}

/**
 * The body after setting a block of cells from text, the top-left cell at (row, col): rows past the end are
 * added (blank rules); cells right of the last column are dropped. Unchanged rows keep their identity.
 */
export function setBlock(adapter: TableAdapter, body: Body, row: number, col: number, block: string[][]): Body {
  const columns = adapter.columns(body);
  const rows = adapter.rows(body).slice();
  const taken = takenIds(rows);
  block.forEach((cells, i) => {
    const r = row + i;
    while (rows.length <= r) rows.push(adapter.blankRow(body, taken));
    let next = rows[r];
    cells.forEach((text, j) => {
      const column = columns[col + j];
      if (column && adapter.cellText(next, column) !== text) next = adapter.withCell(next, column, text, body);
    });
    rows[r] = next;
  });
  return withRows(adapter, body, rows);
}

/** The body after the given cell edits (one history step for many cells). */
export function applyEdits(adapter: TableAdapter, body: Body, edits: CellEdit[]): Body {
  let next = body;
  for (const edit of edits) next = setBlock(adapter, next, edit.row, edit.col, [[edit.text]]);
  return next;
}

/** The text of a block of cells (rows top..bottom, columns left..right). */
export function blockText(adapter: TableAdapter, body: Body, top: number, bottom: number, left: number, right: number): string[][] {
  const columns = adapter.columns(body).slice(left, right + 1);
  return adapter.rows(body).slice(top, bottom + 1).map((row) => columns.map((c) => adapter.cellText(row, c)));
}

export function insertRows(adapter: TableAdapter, body: Body, at: number, count = 1): Body {
  const rows = adapter.rows(body).slice();
  const taken = takenIds(rows);
  rows.splice(at, 0, ...Array.from({ length: count }, () => adapter.blankRow(body, taken)));
  return withRows(adapter, body, rows);
}

/** Copies of rows top..bottom inserted right below them (copies get fresh ids). */
export function duplicateRows(adapter: TableAdapter, body: Body, top: number, bottom: number): Body {
  const rows = adapter.rows(body).slice();
  const taken = takenIds(rows);
  const copies = rows.slice(top, bottom + 1).map((row) => {
    if (typeof row.id !== "string") return { ...row };
    return { ...row, id: freshId(taken, row.id) };
  });
  rows.splice(bottom + 1, 0, ...copies);
  return withRows(adapter, body, rows);
}

export function deleteRows(adapter: TableAdapter, body: Body, top: number, bottom: number): Body {
  const rows = adapter.rows(body).slice();
  rows.splice(top, bottom - top + 1);
  return withRows(adapter, body, rows);
}

/** Rows top..bottom moved by `by` (-1 up, +1 down); the body unchanged when they would leave the table. */
export function moveRows(adapter: TableAdapter, body: Body, top: number, bottom: number, by: number): Body {
  const rows = adapter.rows(body).slice();
  if (top + by < 0 || bottom + by >= rows.length) return body;
  const moved = rows.splice(top, bottom - top + 1);
  rows.splice(top + by, 0, ...moved);
  return withRows(adapter, body, rows);
}

export interface GridPlace {
  row?: number;
  columnKey?: string;
}

/** Where a JSON pointer lands in the grid: a cell, a row or a column header. */
export function placeOf(adapter: TableAdapter, pointer: string): GridPlace {
  if (adapter.kind === "decision_table") {
    let m = /^\/body\/rules\/(\d+)(?:\/(inputEntries|outputEntries|annotation)(?:\/(\d+))?)?(?:\/|$)/.exec(pointer);
    if (m) {
      const row = Number(m[1]);
      if (m[2] === "annotation") return { row, columnKey: "annotation" };
      if (m[2] && m[3] !== undefined) return { row, columnKey: `${m[2] === "inputEntries" ? "in" : "out"}:${m[3]}` };
      return { row };
    }
    m = /^\/body\/(inputs|outputs)\/(\d+)(?:\/|$)/.exec(pointer);
    if (m) return { columnKey: `${m[1] === "inputs" ? "in" : "out"}:${m[2]}` };
    return {};
  }
  let m = /^\/body\/cells\/(\d+)(?:\/(key|amount)(?:\/(\d+))?)?(?:\/|$)/.exec(pointer);
  if (m) {
    const row = Number(m[1]);
    if (m[2] === "amount") return { row, columnKey: "amount" };
    if (m[2] === "key" && m[3] !== undefined) return { row, columnKey: `dim:${m[3]}` };
    return { row };
  }
  m = /^\/body\/dimensions\/(\d+)(?:\/|$)/.exec(pointer);
  if (m) return { columnKey: `dim:${m[1]}` };
  return {};
}
