import { describe, expect, it } from "vitest";
import { dayOf, formatDate, nextDay } from "./dates";

describe("portal dates", () => {
  it("takes the day of a picker's value", () => {
    expect(dayOf("2026-03-04")).toBe("2026-03-04");
    expect(dayOf(new Date(2026, 2, 4, 15))).toBe("2026-03-04");
    expect(dayOf(null)).toBeNull();
    expect(dayOf("")).toBeNull();
  });

  it("includes the whole last day of an until filter", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("shows a dash for a missing date", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("not a date");
  });
});
