import { describe, expect, it } from "vitest";
import { actualSpan, ganttData, type Timeline } from "./ganttData";

const task = (id: string, extra: Partial<Timeline["tasks"][number]> = {}): Timeline["tasks"][number] => ({
  id, key: id, name: id, type: "auto", domainOrder: "svc", domainOrderId: "d1", state: "completed", assignmentGroup: null,
  plannedStart: "2026-01-01T00:00:00Z", plannedEnd: "2026-01-01T01:00:00Z", actualStart: null, actualEnd: null,
  dependsOn: [], compensates: null, marker: null, critical: false, pointOfNoReturn: false, slaPercent: null, jeopardy: null,
  ...extra,
});

const timeline: Timeline = {
  orderId: "o", orderState: "inProgress", start: "2026-01-01T00:00:00Z", plannedEnd: "2026-01-01T02:00:00Z",
  criticalPath: ["a", "b"], requestedCompletion: null, predictedCompletion: "2026-01-01T02:00:00Z", lateBySeconds: null,
  jeopardy: null,
  domainOrders: [{ id: "d1", ref: "svc", domain: "service", fulfilmentSystem: null, state: "inProgress", replaces: null,
    plannedStart: "2026-01-01T00:00:00Z", plannedEnd: "2026-01-01T02:00:00Z", jeopardy: null }],
  tasks: [task("a", { critical: true }), task("b", { dependsOn: ["a", "elsewhere"], critical: true, marker: "undo", name: "undo b" })],
};

describe("the timeline as Gantt rows", () => {
  it("puts tasks under their domain order's summary row and links known predecessors", () => {
    const { rows, links } = ganttData(timeline, { domainOrders: true, dependencies: true });
    expect(rows.map((r) => [r.id, r.type, r.parent])).toEqual([["do:d1", "summary", undefined], ["a", "task", "do:d1"], ["b", "task", "do:d1"]]);
    expect(links).toEqual([{ id: "a>b", source: "a", target: "b", type: "e2s" }]);
    expect(rows[2].text).toBe("undo b (undo)");
    expect(rows.filter((r) => r.critical).map((r) => r.id)).toEqual(["a", "b"]);
  });
  it("drops summary rows and links when switched off", () => {
    const { rows, links } = ganttData(timeline, { domainOrders: false, dependencies: false });
    expect(rows.every((r) => r.parent === undefined && r.type === "task")).toBe(true);
    expect(links).toEqual([]);
  });
  it("places the actual run inside the planned bar", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const row = { plannedStart: start, plannedEnd: new Date("2026-01-01T01:00:00Z"),
      actualStart: new Date("2026-01-01T00:30:00Z"), actualEnd: new Date("2026-01-01T01:30:00Z") };
    expect(actualSpan(row, new Date())).toEqual({ left: 50, width: 100 });
    expect(actualSpan({ ...row, actualStart: null }, new Date())).toBeNull();
  });
});
