// A rectangular selection of grid cells (row and column indexes over the data columns), as anchor + focus.

export interface CellPos {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellPos;
  focus: CellPos;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function single(pos: CellPos): CellRange {
  return { anchor: pos, focus: pos };
}

export function bounds(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(range: CellRange | null, row: number, col: number): boolean {
  if (!range) return false;
  const b = bounds(range);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function isSingle(range: CellRange): boolean {
  return range.anchor.row === range.focus.row && range.anchor.col === range.focus.col;
}

/** The range with its focus moved by (dRow, dCol), kept inside a rows × cols grid. */
export function extend(range: CellRange, dRow: number, dCol: number, rows: number, cols: number): CellRange {
  return { anchor: range.anchor, focus: clamp({ row: range.focus.row + dRow, col: range.focus.col + dCol }, rows, cols) };
}

export function clamp(pos: CellPos, rows: number, cols: number): CellPos {
  return { row: Math.max(0, Math.min(rows - 1, pos.row)), col: Math.max(0, Math.min(cols - 1, pos.col)) };
}

/** Whole rows top..bottom over every column. */
export function rowsRange(top: number, bottom: number, cols: number): CellRange {
  return { anchor: { row: top, col: 0 }, focus: { row: bottom, col: Math.max(0, cols - 1) } };
}

/** The rows a range covers, top first. */
export function rowIndexes(range: CellRange): number[] {
  const b = bounds(range);
  return Array.from({ length: b.bottom - b.top + 1 }, (_, i) => b.top + i);
}
