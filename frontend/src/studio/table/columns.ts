// Column edits of a decision table (inputs / outputs) or a pricing matrix (dimensions): add, remove, change
// the header (name, label, expression or path, type, allowed values). Rules keep one entry per column.
import type { Body, Row, TableAdapter } from "./model";

export type ColumnSpec = Record<string, unknown>;

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function member(adapter: TableAdapter, side: "input" | "output"): string {
  if (adapter.kind === "pricing_matrix") return "dimensions";
  return side === "input" ? "inputs" : "outputs";
}

function uniqueName(specs: ColumnSpec[], base: string): string {
  const names = new Set(specs.map((s) => s.name));
  let n = specs.length + 1;
  while (names.has(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

/** The body with a new column at the end of its band (every rule gets "-" or null for it). */
export function addColumn(adapter: TableAdapter, body: Body, side: "input" | "output"): Body {
  const key = member(adapter, side);
  const specs = list<ColumnSpec>(body[key]);
  if (adapter.kind === "pricing_matrix") {
    const spec = { name: uniqueName(specs, "dimension"), values: ["a"] };
    return { ...body, dimensions: [...specs, spec], cells: list<Row>(body.cells).map((c) => ({ ...c, key: [...list(c.key), "a"] })) };
  }
  const spec = { name: uniqueName(specs, side === "input" ? "input" : "output"), type: "string" };
  const entries = side === "input" ? "inputEntries" : "outputEntries";
  const fill = side === "input" ? "-" : null;
  return {
    ...body,
    [key]: [...specs, spec],
    rules: list<Row>(body.rules).map((r) => ({ ...r, [entries]: [...list(r[entries]), fill] })),
  };
}

/** The body without column `index` of its band (and without that entry in every rule). */
export function removeColumn(adapter: TableAdapter, body: Body, side: "input" | "output", index: number): Body {
  const key = member(adapter, side);
  const specs = list<ColumnSpec>(body[key]).filter((_, i) => i !== index);
  if (adapter.kind === "pricing_matrix") {
    return { ...body, dimensions: specs, cells: list<Row>(body.cells).map((c) => ({ ...c, key: list(c.key).filter((_, i) => i !== index) })) };
  }
  const entries = side === "input" ? "inputEntries" : "outputEntries";
  return {
    ...body,
    [key]: specs,
    rules: list<Row>(body.rules).map((r) => ({ ...r, [entries]: list(r[entries]).filter((_, i) => i !== index) })),
  };
}

/** The body with column `index`'s header replaced by `spec` (blank optional fields dropped). */
export function updateColumn(adapter: TableAdapter, body: Body, side: "input" | "output", index: number, spec: ColumnSpec): Body {
  const key = member(adapter, side);
  const specs = list<ColumnSpec>(body[key]).slice();
  const clean: ColumnSpec = {};
  for (const [k, v] of Object.entries(spec)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0 && k !== "values")) continue;
    clean[k] = v;
  }
  specs[index] = clean;
  return { ...body, [key]: specs };
}

export function columnSpec(adapter: TableAdapter, body: Body, side: "input" | "output", index: number): ColumnSpec {
  return list<ColumnSpec>(body[member(adapter, side)])[index] ?? {};
}

/** Allowed values typed in one per line (or comma-separated) as literals of the column type. */
export function parseAllowed(text: string, type: string): unknown[] {
  return text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean).map((s) => {
    if (type === "number" && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (type === "boolean" && (s === "true" || s === "false")) return s === "true";
    return s.replace(/^"(.*)"$/, "$1");
  });
}
