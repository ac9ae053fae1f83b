import { describe, expect, it } from "vitest";
import { changeCounts, edgeChanges, nodeChanges, readablePath, tableGrid, togglePick, type Diff } from "./historyLogic";

const oldBody = {
  inputs: [{ name: "total" }, { name: "segment" }], outputs: [{ name: "approval" }],
  rules: [
    { id: "a", inputEntries: [">= 100", "-"], outputEntries: ["manager"] },
    { id: "gone", inputEntries: ["< 0", "-"], outputEntries: ["refuse"] },
    { id: "b", inputEntries: ["-", "\"vip\""], outputEntries: ["auto"], annotation: "vip" },
  ],
};
const newBody = {
  inputs: [{ name: "total" }, { name: "channel" }], outputs: [{ name: "approval" }],
  rules: [
    { id: "new", inputEntries: ["> 5", "\"web\""], outputEntries: ["auto"] },
    { id: "a", inputEntries: [">= 200", "\"web\""], outputEntries: ["manager"] },
    { id: "b", inputEntries: ["-", "-"], outputEntries: ["auto"], annotation: "vip customers" },
  ],
};
const table: NonNullable<Diff["table"]> = {
  hitPolicy: null, aggregation: null,
  columns: { added: [{ side: "input", position: 1, name: "channel" }], removed: [{ side: "input", position: 1, name: "segment" }], renamed: [], changed: [] },
  rows: { added: ["new"], removed: ["gone"], changed: [{ id: "a", cells: [] }, { id: "b", cells: [] }], moved: [] },
};

describe("tableGrid", () => {
  const grid = tableGrid(oldBody, newBody, table);
  it("lists new columns, then removed ones, each marked", () => {
    expect(grid.columns.map((c) => [c.name, c.state])).toEqual([["total", "same"], ["channel", "added"], ["segment", "removed"], ["approval", "same"]]);
  });
  it("orders rows as the new table with a removed row back after its old neighbour", () => {
    expect(grid.rows.map((r) => [r.id, r.state])).toEqual([["new", "added"], ["a", "changed"], ["gone", "removed"], ["b", "changed"]]);
  });
  it("marks cells by column: changed with the old value, added and removed columns as such", () => {
    const a = grid.rows[1].cells;
    expect(a[0]).toEqual({ value: ">= 200", old: ">= 100", state: "changed" });
    expect(a[1].state).toBe("added");
    expect(a[2]).toEqual({ value: "-", state: "removed" });
    expect(a[3]).toEqual({ value: "manager", state: "same" });
    expect(grid.rows[2].cells.every((c) => c.state === "removed")).toBe(true);
    expect(grid.rows[3].annotation).toEqual({ value: "vip customers", old: "vip", changed: true });
  });
});

describe("change counts and paths", () => {
  it("counts generic changes by op, a move as a change", () => {
    expect(changeCounts({ table: null, changes: [
      { op: "add", pointer: "/a" }, { op: "remove", pointer: "/b" }, { op: "replace", pointer: "/c" }, { op: "move", pointer: "/d" },
    ] })).toEqual({ added: 1, removed: 1, changed: 2 });
  });
  it("counts decision-table rows, plus changes outside the rules", () => {
    expect(changeCounts({ table, changes: [{ op: "replace", pointer: "/title" }, { op: "add", pointer: "/body/rules/0" }] }))
      .toEqual({ added: 1, removed: 1, changed: 3 });
  });
  it("reads pointers", () => {
    expect(readablePath("/body/a~1b/0")).toBe("body › a/b › 0");
    expect(readablePath("")).toBe("(whole document)");
  });
  it("keeps at most two picks, older first", () => {
    expect(togglePick([], 3)).toEqual([3]);
    expect(togglePick([3], 1)).toEqual([1, 3]);
    expect(togglePick([1, 3], 2)).toEqual([2, 3]);
    expect(togglePick([1, 3], 3)).toEqual([1]);
  });
});

describe("graph changes", () => {
  const before = { body: { tasks: [{ key: "a" }, { key: "b", dependsOn: ["a"] }, { key: "c", dependsOn: ["b"] }] } };
  const after = { body: { tasks: [{ key: "a" }, { key: "c", dependsOn: ["a"], sla: "P1D" }, { key: "d", dependsOn: ["c"] }] } };
  it("names nodes by key: removed from the old list, added and changed from the new one", () => {
    const changes = [
      { op: "remove" as const, pointer: "/body/tasks/1" },
      { op: "replace" as const, pointer: "/body/tasks/1/dependsOn/0", old: "b", new: "a" },
      { op: "add" as const, pointer: "/body/tasks/1/sla", new: "P1D" },
      { op: "add" as const, pointer: "/body/tasks/2" },
      { op: "replace" as const, pointer: "/title" },
    ];
    expect(nodeChanges("orchestration_plan", before, after, changes)).toEqual([
      { list: "tasks", id: "b", state: "removed", paths: [] },
      { list: "tasks", id: "c", state: "changed", paths: ["dependsOn/0", "sla"] },
      { list: "tasks", id: "d", state: "added", paths: [] },
    ]);
  });
  it("finds dependency edges of one version only", () => {
    expect(edgeChanges("orchestration_plan", before, after)).toEqual([
      { from: "a", to: "c", state: "added" }, { from: "c", to: "d", state: "added" },
      { from: "a", to: "b", state: "removed" }, { from: "b", to: "c", state: "removed" },
    ]);
    expect(edgeChanges("enrichment_flow", before, after)).toEqual([]);
  });
});
