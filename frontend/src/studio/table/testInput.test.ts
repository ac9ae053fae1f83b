import { describe, expect, it } from "vitest";
import { buildInput, matchesOf, testFields } from "./testInput";

const body = {
  inputs: [
    { name: "sites", path: "order.sdwanSites", type: "number" },
    { name: "negotiated", type: "boolean", expression: { some: [] } },
    { name: "segment", type: "string", allowedValues: ["gold", "silver"] },
  ],
  outputs: [{ name: "decision" }],
  rules: [{ id: "a", inputEntries: ["-", "-", "-"], outputEntries: [1] }, { inputEntries: ["-", "-", "-"], outputEntries: [2] }],
};

describe("test panel input", () => {
  it("fields from the typed inputs; expressions are computed", () => {
    const fields = testFields("decision_table", body);
    expect(fields.map((f) => [f.name, f.type, f.path, f.computed])).toEqual([
      ["sites", "number", "order.sdwanSites", false], ["negotiated", "boolean", null, true], ["segment", "string", null, false]]);
    expect(fields[2].options).toEqual(["gold", "silver"]);
  });
  it("a context with each value at its path, typed, over the extra JSON", () => {
    const fields = testFields("decision_table", body);
    expect(buildInput("decision_table", fields, { sites: "120", segment: "gold", negotiated: "true" }, { order: { id: 1 }, adjustments: [] }))
      .toEqual({ order: { id: 1, sdwanSites: 120 }, segment: "gold", adjustments: [] });
  });
  it("matched and selected rows from the trace (rule ids or r<n>)", () => {
    const m = matchesOf("decision_table", body, 1, { matched: [{ row: 0 }, { row: 1 }], selected: ["r2"] });
    expect([...m.matched]).toEqual([0, 1]);
    expect([...m.selected]).toEqual([1]);
  });
  it("a matrix's priced cell", () => {
    const matrix = { dimensions: [{ name: "bw", values: ["1G"] }], cells: [{ key: ["1G"], amount: "1" }, { id: "x", key: ["2G"], amount: "2" }] };
    expect([...matchesOf("pricing_matrix", matrix, { amount: "2", cell: "x" }, null).selected]).toEqual([1]);
    expect([...matchesOf("pricing_matrix", matrix, { amount: "1", cell: "c1" }, null).selected]).toEqual([0]);
    expect(buildInput("pricing_matrix", testFields("pricing_matrix", matrix), { bw: "1G" }, {})).toEqual({ bw: "1G" });
  });
});
