import { describe, expect, it } from "vitest";
import { durationSeconds, formatDuration, laneOf, retrySummary, thresholds } from "./plan";

describe("plan task facts", () => {
  it("reads ISO durations", () => {
    expect(durationSeconds("PT2H")).toBe(7200);
    expect(durationSeconds("P1DT2H30M")).toBe(86400 + 9000);
    expect(durationSeconds("P4D")).toBe(4 * 86400);
    expect(durationSeconds("P")).toBeNull();
    expect(durationSeconds("PT")).toBeNull();
    expect(durationSeconds("2h")).toBeNull();
    expect(formatDuration("PT90M")).toBe("1h 30m");
  });

  it("jeopardy thresholds are percentages of the SLA", () => {
    expect(thresholds("PT2H", [{ level: "low", atPercent: 50 }, { level: "critical", atPercent: 150 }]))
      .toEqual([{ level: "low", atPercent: 50, after: "1h" }, { level: "critical", atPercent: 150, after: "3h" }]);
    expect(thresholds(undefined, [{ level: "low", atPercent: 50 }])).toEqual([]);
  });

  it("lanes by assignment group, else the handler's system", () => {
    expect(laneOf({ key: "a", assignmentGroup: "field-north", handler: "x.y" })).toBe("field-north");
    expect(laneOf({ key: "a", handler: "inventory.reserve_port" })).toBe("system: inventory");
    expect(laneOf({ key: "a", type: "milestone" })).toBe("plan");
  });

  it("summarises a retry policy", () => {
    expect(retrySummary({ maxAttempts: 3, backoff: "PT1M", multiplier: 2, maxBackoff: "PT10M" })).toBe("3 attempts, back-off 1m ×2, ≤ 10m");
    expect(retrySummary(undefined)).toBeNull();
  });
});
