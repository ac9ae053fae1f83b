import { describe, expect, it } from "vitest";
import { tilesOf, type WorkSummary } from "./tiles";

const none: WorkSummary = { newOrders: null, myTasks: null, groupTasks: null, unassignedTasks: null, myFallouts: null,
  groupFallouts: null, jeopardy: null, pendingApprovals: null };

describe("tilesOf", () => {
  it("shows only the lists the role may read, zero included, each with its filtered list", () => {
    const tiles = tilesOf({ ...none, newOrders: 0, myFallouts: 2, jeopardy: 1 });
    expect(tiles.map((t) => [t.label, t.count, t.to])).toEqual([
      ["New orders", 0, "/workspace/orders?state=acknowledged"],
      ["My fallouts", 2, "/workspace/fallout?scope=mine"],
      ["High and critical jeopardy", 1, "/workspace/jeopardy?level=high"],
    ]);
  });
  it("shows nothing when every count is null", () => {
    expect(tilesOf(none)).toEqual([]);
  });
});
