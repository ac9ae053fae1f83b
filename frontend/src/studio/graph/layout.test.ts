import { describe, expect, it } from "vitest";
import { DEFAULT_SIZE, depths, laneBands, layout, placeMissing } from "./layout";

const edges = [
  { id: "a->b", source: "a", target: "b" },
  { id: "a->c", source: "a", target: "c" },
  { id: "b->d", source: "b", target: "d" },
  { id: "c->d", source: "c", target: "d" },
];

describe("graph layout", () => {
  it("depth is the longest dependency chain", () => {
    expect(Object.fromEntries(depths(["a", "b", "c", "d"], edges))).toEqual({ a: 0, b: 1, c: 1, d: 2 });
  });

  it("places only the nodes without a position, a column per depth", () => {
    const placed = placeMissing(["a", "b", "c", "d"], edges, { a: { x: 5, y: 5 } });
    expect(placed.a).toEqual({ x: 5, y: 5 });
    expect(placed.b.x).toBeLessThan(placed.d.x);
    expect(placed.b.x).toBe(placed.c.x);
    expect(placed.b.y).not.toBe(placed.c.y);
  });

  it("dagre lays out left to right with the measured sizes", () => {
    const nodes = ["a", "b", "c", "d"].map((id) => ({ id, size: { width: 100, height: 40 } }));
    const placed = layout(nodes, edges);
    expect(placed.a.x).toBeLessThan(placed.b.x);
    expect(placed.b.x).toBe(placed.c.x);
    expect(placed.b.x + 100).toBeLessThan(placed.d.x);
    expect(Math.abs(placed.b.y - placed.c.y)).toBeGreaterThanOrEqual(40);
  });

  it("with lanes, each lane is its own band and bands do not overlap", () => {
    const nodes = [
      { id: "a", lane: "sys" }, { id: "b", lane: "field" }, { id: "c", lane: "sys" }, { id: "d", lane: "field" },
    ];
    const placed = layout(nodes, edges);
    const bands = laneBands(nodes.map((n) => ({ ...n, position: placed[n.id] })));
    expect(bands.map((b) => b.lane).sort()).toEqual(["field", "sys"]);
    const [first, second] = [...bands].sort((x, y) => x.y - y.y);
    expect(first.y + first.height).toBeLessThanOrEqual(second.y);
    for (const node of nodes) {
      const band = bands.find((b) => b.lane === node.lane)!;
      expect(placed[node.id].y).toBeGreaterThanOrEqual(band.y);
      expect(placed[node.id].y + DEFAULT_SIZE.height).toBeLessThanOrEqual(band.y + band.height);
    }
  });
});
