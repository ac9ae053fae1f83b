import { describe, expect, it } from "vitest";
import { keyAction } from "./keys";

const at = (row: number, col: number) => ({ row, col });

describe("spreadsheet keys", () => {
  it("Tab moves right and wraps to the next rule; Shift-Tab back", () => {
    expect(keyAction({ key: "Tab" }, at(0, 0), 3, 3)).toEqual({ type: "move", to: at(0, 1) });
    expect(keyAction({ key: "Tab" }, at(0, 2), 3, 3)).toEqual({ type: "move", to: at(1, 0) });
    expect(keyAction({ key: "Tab", shiftKey: true }, at(1, 0), 3, 3)).toEqual({ type: "move", to: at(0, 2) });
  });
  it("Tab on the last cell and Shift-Tab on the first leave the grid", () => {
    expect(keyAction({ key: "Tab" }, at(2, 2), 3, 3)).toBeNull();
    expect(keyAction({ key: "Tab", shiftKey: true }, at(0, 0), 3, 3)).toBeNull();
  });
  it("Enter moves down, Shift-Enter up, Enter on the last rule adds one", () => {
    expect(keyAction({ key: "Enter" }, at(0, 1), 3, 3)).toEqual({ type: "move", to: at(1, 1) });
    expect(keyAction({ key: "Enter", shiftKey: true }, at(1, 1), 3, 3)).toEqual({ type: "move", to: at(0, 1) });
    expect(keyAction({ key: "Enter" }, at(2, 1), 3, 3)).toEqual({ type: "addRow", to: at(3, 1) });
    expect(keyAction({ key: "Enter" }, at(2, 1), 3, 3, false)).toEqual({ type: "move", to: at(2, 1) });
  });
  it("Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo (not on a published version)", () => {
    expect(keyAction({ key: "z", ctrlKey: true }, at(0, 0), 1, 1)).toEqual({ type: "undo" });
    expect(keyAction({ key: "y", ctrlKey: true }, at(0, 0), 1, 1)).toEqual({ type: "redo" });
    expect(keyAction({ key: "Z", ctrlKey: true, shiftKey: true }, at(0, 0), 1, 1)).toEqual({ type: "redo" });
    expect(keyAction({ key: "z", metaKey: true }, at(0, 0), 1, 1, false)).toBeNull();
  });
  it("shift+arrows extend the range; Delete clears; other keys are the grid's", () => {
    expect(keyAction({ key: "ArrowDown", shiftKey: true }, at(0, 0), 3, 3)).toEqual({ type: "extend", dRow: 1, dCol: 0 });
    expect(keyAction({ key: "Delete" }, at(0, 0), 3, 3)).toEqual({ type: "clear" });
    expect(keyAction({ key: "ArrowDown" }, at(0, 0), 3, 3)).toBeNull();
    expect(keyAction({ key: "c", ctrlKey: true }, at(0, 0), 3, 3)).toBeNull();
  });
});
