import { describe, expect, it } from "vitest";
import { cellText, duplicateRow, freeKey, insertRow, moveRow, removeRow, replaceRow } from "./rows";

const rows = () => [{ name: "a", x: { deep: 1 } }, { name: "b" }, { name: "c" }];

describe("row operations", () => {
  it("moves a row and ignores moves out of range", () => {
    expect(moveRow(rows(), 0, 2).map((r) => r.name)).toEqual(["b", "c", "a"]);
    expect(moveRow(rows(), 2, 1).map((r) => r.name)).toEqual(["a", "c", "b"]);
    const same = rows();
    expect(moveRow(same, 0, -1)).toBe(same);
    expect(moveRow(same, 2, 3)).toBe(same);
  });

  it("duplicates below with a unique key and a deep copy", () => {
    const source = rows();
    const next = duplicateRow(source, 0, "name");
    expect(next.map((r) => r.name)).toEqual(["a", "a-copy", "b", "c"]);
    (next[1].x as { deep: number }).deep = 2;
    expect(source[0].x?.deep).toBe(1);
    expect(duplicateRow(next, 0, "name")[1].name).toBe("a-copy-2");
  });

  it("inserts, removes and replaces without touching the input", () => {
    const source = rows();
    expect(insertRow(source, { name: "new-rule" }, "name", 0).map((r) => r.name)).toEqual(["a", "new-rule", "b", "c"]);
    expect(insertRow(source, { name: "a" }, "name").map((r) => r.name)).toEqual(["a", "b", "c", "a-copy"]);
    expect(removeRow(source, 1).map((r) => r.name)).toEqual(["a", "c"]);
    expect(replaceRow(source, 1, { name: "B" }).map((r) => r.name)).toEqual(["a", "B", "c"]);
    expect(source.map((r) => r.name)).toEqual(["a", "b", "c"]);
  });

  it("free keys and cell text", () => {
    expect(freeKey(["x", "x-copy"], "x")).toBe("x-copy-2");
    expect(cellText({ m: { level: "high" } })).toBe('{"m":{"level":"high"}}');
    expect(cellText(["a", "b"])).toBe("a, b");
    expect(cellText("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
    expect(cellText(undefined)).toBe("");
  });
});
