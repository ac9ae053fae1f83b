// The S2a test panel's input: a context built from the table's typed inputs (by path, or by name), or the
// dimension values of a pricing matrix; and the rows the answer matched.
import type { Body } from "./model";

export interface TestField {
  name: string;
  label: string;
  type: string;
  path: string | null;
  options: string[];
  /** Computed by a JsonLogic expression: give its context in the JSON box. */
  computed: boolean;
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function testFields(kind: string, body: Body): TestField[] {
  const specs = list<Record<string, unknown>>(kind === "pricing_matrix" ? body.dimensions : body.inputs);
  return specs.map((spec) => ({
    name: String(spec.name ?? ""),
    label: String(spec.label ?? spec.title ?? spec.name ?? ""),
    type: kind === "pricing_matrix" ? String(spec.type ?? "string") : String(spec.type ?? "any"),
    path: kind === "pricing_matrix" ? null : typeof spec.path === "string" ? spec.path : null,
    options: list<unknown>(kind === "pricing_matrix" ? spec.values : spec.allowedValues).map(String),
    computed: kind !== "pricing_matrix" && spec.expression !== undefined,
  }));
}

/** A field's text as the typed value it stands for ("" is left out). */
export function typedValue(text: string, type: string): unknown {
  const t = text.trim();
  if (type === "number" && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (type === "boolean") return t === "true" ? true : t === "false" ? false : t;
  return t;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  parts.slice(0, -1).forEach((part) => {
    const next = node[part];
    if (typeof next !== "object" || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]] = value;
}

/** The simulation input: the extra JSON context with each filled field set at its path (or name). */
export function buildInput(kind: string, fields: TestField[], values: Record<string, string>, extra: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = structuredClone(extra);
  for (const field of fields) {
    const text = values[field.name] ?? "";
    if (field.computed || text.trim() === "") continue;
    const value = typedValue(text, field.type);
    if (kind === "pricing_matrix" || !field.path) input[field.name] = value;
    else setPath(input, field.path, value);
  }
  return input;
}

export interface Matches {
  matched: Set<number>;
  selected: Set<number>;
}

/** The rows a simulation answer names: a table's matched and selected rules, a matrix's priced cell. */
export function matchesOf(kind: string, body: Body, output: unknown, trace: Record<string, unknown> | null | undefined): Matches {
  const rows = list<Record<string, unknown>>(kind === "pricing_matrix" ? body.cells : body.rules);
  const indexOf = (id: unknown) => rows.findIndex((r, i) => (r.id ?? (kind === "pricing_matrix" ? `c${i + 1}` : `r${i + 1}`)) === id);
  if (kind === "pricing_matrix") {
    const cell = output && typeof output === "object" ? (output as Record<string, unknown>).cell : undefined;
    const at = indexOf(cell);
    return { matched: new Set(at >= 0 ? [at] : []), selected: new Set(at >= 0 ? [at] : []) };
  }
  const matched = new Set(list<Record<string, unknown>>(trace?.matched).map((m) => Number(m.row)).filter(Number.isInteger));
  const selected = new Set(list<unknown>(trace?.selected).map(indexOf).filter((i) => i >= 0));
  return { matched, selected };
}
