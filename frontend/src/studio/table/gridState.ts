// What the grid's cells read besides their row: the range, the lint marks, the column header actions.
// Contexts (not the memoised columns) carry them, so a selection change does not rebuild the columns.
import { createContext } from "react";
import type { CellRange } from "./range";
import type { EditorProblem } from "../shared/problems";
import type { Row } from "./model";

/** One grid row: the rule (or matrix cell) object itself, its index, and the text being edited. */
export interface GridRow {
  index: number;
  rule: Row;
  draft?: string;
}

/** The default row pinned at the bottom: the text of each column's default by column key. */
export interface DefaultRow {
  defaults: Record<string, string>;
}

export const RangeContext = createContext<CellRange | null>(null);

/** Problems by "row|columnKey", "row|" (the whole row) and "|columnKey" (the header). */
export type ProblemMap = Map<string, EditorProblem[]>;
export const ProblemContext = createContext<ProblemMap>(new Map());

export interface HeaderActions {
  editColumn: (side: "input" | "output", index: number) => void;
  editable: boolean;
  hitPolicy: string;
}
export const HeaderContext = createContext<HeaderActions>({ editColumn: () => {}, editable: false, hitPolicy: "" });

export function problemKey(row: number | undefined, columnKey: string | undefined): string {
  return `${row ?? ""}|${columnKey ?? ""}`;
}

/** The worst severity among problems: error first. */
export function worst(problems: EditorProblem[] | undefined): "error" | "warning" | null {
  if (!problems?.length) return null;
  return problems.some((p) => p.severity === "error") ? "error" : problems.some((p) => p.severity === "warning") ? "warning" : null;
}

const rowCache = new WeakMap<Row, GridRow>();

/** Grid rows with a stable identity: an unchanged rule at the same index gives the same GridRow object. */
export function gridRows(rules: Row[]): GridRow[] {
  return rules.map((rule, index) => {
    const cached = rowCache.get(rule);
    if (cached && cached.index === index) return cached;
    const made = { index, rule };
    rowCache.set(rule, made);
    return made;
  });
}
