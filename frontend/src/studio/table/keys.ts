// Spreadsheet keys for the grid, decided from the key and where the selection is (pure, so it is testable):
// Tab / Shift-Tab across (wrapping to the next / previous rule), Enter / Shift-Enter down / up, Enter on the
// last rule adds one, shift+arrows extend the range, Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) undo / redo.

import type { CellPos } from "./range";

export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export type KeyAction =
  | { type: "move"; to: CellPos }
  | { type: "addRow"; to: CellPos }
  | { type: "extend"; dRow: number; dCol: number }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "selectAll" }
  | { type: "clear" }
  | null;

/** What a key does at `pos` in a grid of `rows` × `cols` data cells; null leaves it to the grid. */
export function keyAction(event: KeyInput, pos: CellPos, rows: number, cols: number, editable = true): KeyAction {
  const mod = Boolean(event.ctrlKey || event.metaKey);
  const key = event.key;
  if (mod && !event.altKey) {
    const lower = key.toLowerCase();
    if (lower === "z") return editable ? (event.shiftKey ? { type: "redo" } : { type: "undo" }) : null;
    if (lower === "y") return editable ? { type: "redo" } : null;
    if (lower === "a") return { type: "selectAll" };
    return null;
  }
  if (key === "Tab") {
    if (event.shiftKey) {
      if (pos.col > 0) return { type: "move", to: { row: pos.row, col: pos.col - 1 } };
      if (pos.row > 0) return { type: "move", to: { row: pos.row - 1, col: cols - 1 } };
      return null; // the first cell: Shift-Tab leaves the grid
    }
    if (pos.col < cols - 1) return { type: "move", to: { row: pos.row, col: pos.col + 1 } };
    if (pos.row < rows - 1) return { type: "move", to: { row: pos.row + 1, col: 0 } };
    return null; // the last cell: Tab leaves the grid (no keyboard trap)
  }
  if (key === "Enter") {
    if (event.shiftKey) return { type: "move", to: { row: Math.max(0, pos.row - 1), col: pos.col } };
    if (pos.row >= rows - 1) return editable ? { type: "addRow", to: { row: rows, col: pos.col } } : { type: "move", to: pos };
    return { type: "move", to: { row: pos.row + 1, col: pos.col } };
  }
  if (event.shiftKey && !event.altKey) {
    const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const found = delta[key];
    if (found) return { type: "extend", dRow: found[0], dCol: found[1] };
  }
  if ((key === "Delete" || key === "Backspace") && editable) return { type: "clear" };
  return null;
}
