import { describe, expect, it } from "vitest";
import { age, barValue, priceLabel } from "./format";

describe("task formatting", () => {
  it("says how old a task is", () => {
    const now = Date.parse("2026-01-02T03:00:00Z");
    expect(age("2026-01-02T02:35:00Z", now)).toBe("25 min");
    expect(age("2026-01-01T01:00:00Z", now)).toBe("1 d 2 h");
    expect(age(null, now)).toBe("—");
  });
  it("caps the SLA bar and reads decimal strings", () => {
    expect(barValue("42.5")).toBe(42.5);
    expect(barValue("250.0")).toBe(100);
    expect(barValue(null)).toBe(0);
  });
  it("labels price types", () => {
    expect(priceLabel("recurring", "month")).toBe("Recurring / month");
    expect(priceLabel("oneTime")).toBe("One-time");
  });
});
