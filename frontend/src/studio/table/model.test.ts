import { describe, expect, it } from "vitest";
import {
  blockText, decisionTable as dt, deleteRows, duplicateRows, insertRows, moveRows, parseLiteral, placeOf, pricingMatrix as pm, setBlock,
} from "./model";
import { addColumn, removeColumn } from "./columns";

const body = () => ({
  hitPolicy: "FIRST",
  inputs: [{ name: "prefix", type: "number" }, { name: "segment", type: "string" }],
  outputs: [{ name: "region", type: "string" }, { name: "rank", type: "number" }],
  rules: [
    { id: "a", inputEntries: ["[1..49]", '"gold"'], outputEntries: ["north", 1] },
    { id: "b", inputEntries: ["-", "-"], outputEntries: [null, null], annotation: "fallback" },
  ],
});

describe("decision table cells", () => {
  it("columns are the input, output and annotation bands", () => {
    expect(dt.columns(body()).map((c) => c.key)).toEqual(["in:0", "in:1", "out:0", "out:1", "annotation"]);
  });
  it("cell text is the unary test, the literal or the annotation", () => {
    expect(blockText(dt, body(), 0, 1, 0, 4)).toEqual([["[1..49]", '"gold"', "north", "1", ""], ["-", "-", "", "", "fallback"]]);
  });
  it("typed output literals: numbers for number columns, null for empty, strings unquoted", () => {
    expect(parseLiteral("42", "number")).toBe(42);
    expect(parseLiteral("19.90", "number")).toBe("19.90");
    expect(parseLiteral("", "string")).toBeNull();
    expect(parseLiteral('"north"', "string")).toBe("north");
    expect(parseLiteral("true", "boolean")).toBe(true);
    expect(parseLiteral('{"jsonlogic": {"var": "x"}}', "any")).toEqual({ jsonlogic: { var: "x" } });
  });
  it("pasting a block grows the rules and keeps untouched rows identical", () => {
    const before = body();
    const after = setBlock(dt, before, 1, 2, [["south", "2"], ["east", "3"], ["west", ""]]);
    const rules = after.rules as Record<string, unknown>[];
    expect(rules).toHaveLength(4);
    expect(rules[0]).toBe(before.rules[0]);
    expect(rules[1].outputEntries).toEqual(["south", 2]);
    expect(rules[3]).toMatchObject({ inputEntries: ["-", "-"], outputEntries: ["west", null] });
    expect(new Set(rules.map((r) => r.id)).size).toBe(4);
  });
  it("an empty input cell is '-' and cells right of the last column are dropped", () => {
    const after = setBlock(dt, body(), 0, 3, [["7", "note", "ignored"]]);
    expect((after.rules as Record<string, unknown>[])[0]).toMatchObject({ outputEntries: ["north", 7], annotation: "note" });
    const cleared = setBlock(dt, body(), 0, 0, [[""]]);
    expect((cleared.rules as Record<string, unknown>[])[0].inputEntries).toEqual(["-", '"gold"']);
  });
  it("insert, duplicate, move and delete rows", () => {
    const ids = (b: Record<string, unknown>) => (b.rules as { id: string }[]).map((r) => r.id);
    expect(ids(insertRows(dt, body(), 1))).toEqual(["a", "rule-3", "b"]);
    expect(ids(duplicateRows(dt, body(), 0, 0))).toEqual(["a", "a", "b"].map((id, i) => (i === 1 ? expect.stringMatching(/^a-/) : id)));
    expect(ids(moveRows(dt, body(), 1, 1, -1))).toEqual(["b", "a"]);
    expect(moveRows(dt, body(), 0, 0, -1).rules).toHaveLength(2);
    expect(ids(deleteRows(dt, body(), 0, 0))).toEqual(["b"]);
  });
  it("adding and removing a column keeps one entry per column in every rule", () => {
    const added = addColumn(dt, body(), "input");
    expect((added.inputs as unknown[]).length).toBe(3);
    expect((added.rules as { inputEntries: unknown[] }[])[0].inputEntries).toEqual(["[1..49]", '"gold"', "-"]);
    const removed = removeColumn(dt, body(), "output", 0);
    expect((removed.rules as { outputEntries: unknown[] }[])[0].outputEntries).toEqual([1]);
  });
  it("pointers land on cells, rows and column headers", () => {
    expect(placeOf(dt, "/body/rules/2/inputEntries/1")).toEqual({ row: 2, columnKey: "in:1" });
    expect(placeOf(dt, "/body/rules/0/outputEntries/0")).toEqual({ row: 0, columnKey: "out:0" });
    expect(placeOf(dt, "/body/rules/4")).toEqual({ row: 4 });
    expect(placeOf(dt, "/body/outputs/1/allowedValues")).toEqual({ columnKey: "out:1" });
    expect(placeOf(dt, "/body/hitPolicy")).toEqual({});
    expect(dt.pointer(3, dt.columns(body())[3])).toBe("/body/rules/3/outputEntries/1");
  });
});

describe("pricing matrix cells", () => {
  const matrix = () => ({
    currency: "EUR", priceType: "oneTime",
    dimensions: [{ name: "bandwidth", values: ["100M"] }, { name: "term", type: "number", values: [12] }],
    cells: [{ id: "c1", key: ["100M", 12], amount: "32.90" }],
  });
  it("columns are the dimensions and the amount; numbers stay numbers", () => {
    expect(pm.columns(matrix()).map((c) => c.key)).toEqual(["dim:0", "dim:1", "amount"]);
    const after = setBlock(pm, matrix(), 1, 0, [["500M", "24", "44.90"]]);
    expect((after.cells as unknown[])[1]).toEqual({ key: ["500M", 24], amount: "44.90" });
    expect(placeOf(pm, "/body/cells/0/key/1")).toEqual({ row: 0, columnKey: "dim:1" });
  });
});
