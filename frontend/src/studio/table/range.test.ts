import { describe, expect, it } from "vitest";
import { bounds, contains, extend, rowIndexes, rowsRange, single } from "./range";

describe("cell ranges", () => {
  it("normalises anchor and focus in any direction", () => {
    expect(bounds({ anchor: { row: 5, col: 3 }, focus: { row: 2, col: 1 } })).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
  });
  it("extends the focus and stays inside the grid", () => {
    let r = single({ row: 0, col: 0 });
    r = extend(r, 1, 0, 3, 2);
    r = extend(r, 0, 1, 3, 2);
    r = extend(r, 0, 1, 3, 2);
    expect(r).toEqual({ anchor: { row: 0, col: 0 }, focus: { row: 1, col: 1 } });
    expect(extend(r, -5, 0, 3, 2).focus).toEqual({ row: 0, col: 1 });
  });
  it("contains and whole rows", () => {
    const r = rowsRange(2, 4, 5);
    expect(contains(r, 3, 4)).toBe(true);
    expect(contains(r, 5, 0)).toBe(false);
    expect(contains(null, 0, 0)).toBe(false);
    expect(rowIndexes(r)).toEqual([2, 3, 4]);
  });
});
