import { describe, expect, it } from "vitest";
import {
  FLOW_SPEC, PLAN_SPEC, addItem, changedSince, connect, edgesOf, itemsOf, positionsOf, problemsByItem,
  removeElements, replaceItem, retype, stableJson, withPositions, wouldCycle, type Json,
} from "./model";

const plan = (): Json => ({
  kind: "orchestration_plan", key: "plan.x", title: "X",
  body: { tasks: [
    { key: "a", type: "auto", handler: "simulator.run" },
    { key: "b", type: "manual", dependsOn: ["a"], assignmentGroup: "g" },
    { key: "c", type: "milestone", dependsOn: ["a", "b"] },
  ], compensationTasks: [] },
  ui: { positions: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } } },
});

describe("graph document operations", () => {
  it("draws an edge per dependency on a known item", () => {
    const doc = plan();
    (itemsOf(doc, PLAN_SPEC)[2].dependsOn as string[]).push("missing");
    expect(edgesOf(doc, PLAN_SPEC).map((e) => e.id)).toEqual(["a->b", "a->c", "b->c"]);
  });

  it("adds an item with a fresh id, the type's defaults and its position", () => {
    const first = addItem(plan(), PLAN_SPEC, "auto", { x: 10.4, y: 20.6 });
    const second = addItem(first.document, PLAN_SPEC, "auto");
    expect(first.id).toBe("auto-1");
    expect(second.id).toBe("auto-2");
    expect(itemsOf(first.document, PLAN_SPEC).at(-1)).toEqual({ key: "auto-1", type: "auto", handler: "simulator.run", params: { outcome: "success" } });
    expect(positionsOf(first.document)["auto-1"]).toEqual({ x: 10, y: 21 });
    const step = addItem({ body: { steps: [] } }, FLOW_SPEC, "condition");
    expect(itemsOf(step.document, FLOW_SPEC)).toEqual([{ id: "condition-1", type: "condition", rule: true }]);
  });

  it("removes items with their dependencies and positions, and edges alone", () => {
    const doc = removeElements(plan(), PLAN_SPEC, ["a"]);
    expect(itemsOf(doc, PLAN_SPEC)).toEqual([
      { key: "b", type: "manual", assignmentGroup: "g" },
      { key: "c", type: "milestone", dependsOn: ["b"] },
    ]);
    expect(positionsOf(doc)).toEqual({ b: { x: 300, y: 0 } });
    const cut = removeElements(plan(), PLAN_SPEC, [], [{ source: "a", target: "c" }]);
    expect(itemsOf(cut, PLAN_SPEC)[2].dependsOn).toEqual(["b"]);
  });

  it("wires once, never a loop", () => {
    const doc = plan();
    expect(connect(doc, PLAN_SPEC, "a", "b")).toBe(doc);
    expect(wouldCycle(doc, PLAN_SPEC, "c", "a")).toBe(true);
    expect(connect(doc, PLAN_SPEC, "c", "a")).toBe(doc);
    expect(connect(doc, PLAN_SPEC, "a", "a")).toBe(doc);
    const wired = connect(removeElements(doc, PLAN_SPEC, [], [{ source: "a", target: "b" }]), PLAN_SPEC, "a", "b");
    expect(itemsOf(wired, PLAN_SPEC)[1].dependsOn).toEqual(["a"]);
  });

  it("renames an item in every dependsOn and in the layout", () => {
    const doc = replaceItem(plan(), PLAN_SPEC, "a", { key: "start", type: "auto", handler: "x.y" });
    expect(itemsOf(doc, PLAN_SPEC).map((t) => t.dependsOn)).toEqual([undefined, ["start"], ["start", "b"]]);
    expect(positionsOf(doc).start).toEqual({ x: 0, y: 0 });
    expect(positionsOf(doc).a).toBeUndefined();
  });

  it("changing the type keeps the common members and drops the old type's own", () => {
    const item = { key: "a", type: "auto", handler: "h.x", sla: "PT1H", dependsOn: ["z"], params: {} };
    expect(retype(item, PLAN_SPEC, "approval", ["key", "type", "sla", "dependsOn"]))
      .toEqual({ key: "a", type: "approval", sla: "PT1H", dependsOn: ["z"], role: "orderApprover" });
  });

  it("positions are layout only and merge", () => {
    const doc = withPositions(plan(), { c: { x: 1, y: 2 } });
    expect(positionsOf(doc)).toEqual({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, c: { x: 1, y: 2 } });
  });

  it("marks items changed since the published version, whatever the key order", () => {
    const published = plan();
    let doc = plan();
    doc = replaceItem(doc, PLAN_SPEC, "b", { assignmentGroup: "g", dependsOn: ["a"], type: "manual", key: "b" });
    expect([...changedSince(doc, published, PLAN_SPEC)]).toEqual([]);
    doc = replaceItem(doc, PLAN_SPEC, "b", { key: "b", type: "manual", dependsOn: ["a"], assignmentGroup: "h" });
    doc = addItem(doc, PLAN_SPEC, "milestone").document;
    expect([...changedSince(doc, published, PLAN_SPEC)]).toEqual(["b", "milestone-1"]);
    expect(changedSince(doc, null, PLAN_SPEC).size).toBe(0);
  });

  it("maps problem pointers to the item at that index", () => {
    const problems = [
      { pointer: "/body/tasks/1/assignmentGroup", message: "x" },
      { pointer: "/body/tasks/1", message: "y" },
      { pointer: "/body/tasks/9/key", message: "gone" },
      { pointer: "/body/description", message: "z" },
    ];
    const found = problemsByItem(problems, plan(), PLAN_SPEC);
    expect([...found.keys()]).toEqual(["b"]);
    expect(found.get("b")?.map((p) => p.message)).toEqual(["x", "y"]);
  });

  it("stable JSON ignores key order", () => {
    expect(stableJson({ b: 1, a: { d: 1, c: 2 } })).toBe(stableJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});
