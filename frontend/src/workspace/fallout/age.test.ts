import { describe, expect, it } from "vitest";
import { ageOf, chartRows } from "./age";

describe("ageOf", () => {
  it("says seconds, minutes, hours and days", () => {
    expect(ageOf(5)).toBe("5 s");
    expect(ageOf(125)).toBe("2 min");
    expect(ageOf(3 * 3600 + 5)).toBe("3 h");
    expect(ageOf(2 * 86400 + 7200)).toBe("2 d");
  });
});

describe("chartRows", () => {
  it("keeps a given order and puts unknown keys after it", () => {
    expect(chartRows({ ">=7d": 1, "<1h": 2, other: 3 }, ["<1h", "<1d", "<7d", ">=7d"]).map((r) => r.key))
      .toEqual(["<1h", ">=7d", "other"]);
  });
  it("sorts by count, most first, without an order", () => {
    expect(chartRows({ a: 1, b: 3, c: 3 })).toEqual([{ key: "b", count: 3 }, { key: "c", count: 3 }, { key: "a", count: 1 }]);
  });
});
