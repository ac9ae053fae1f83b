import { describe, expect, it } from "vitest";
import { readTest, writeTest } from "./unary";

describe("typed unary tests", () => {
  it("reads the forms the typed editors offer", () => {
    expect(readTest("-")).toEqual({ mode: "any" });
    expect(readTest('"gold","silver"')).toEqual({ mode: "oneOf", values: ["gold", "silver"], negate: false });
    expect(readTest('not("gold")')).toEqual({ mode: "oneOf", values: ["gold"], negate: true });
    expect(readTest(">= 100")).toEqual({ mode: "compare", op: ">=", value: "100" });
    expect(readTest("[1..49]")).toEqual({ mode: "range", low: "1", high: "49", lowOpen: false, highOpen: false });
    expect(readTest("(1..49]")).toMatchObject({ lowOpen: true, highOpen: false });
    expect(readTest('< date("2026-01-01")')).toEqual({ mode: "compare", op: "<", value: "2026-01-01" });
    expect(readTest("false")).toEqual({ mode: "boolean", value: false });
    expect(readTest("0, 99")).toEqual({ mode: "free", text: "0, 99" });
  });
  it("writes the model's syntax back", () => {
    expect(writeTest({ mode: "oneOf", values: ["gold", 'a"b'], negate: true })).toBe('not("gold","a\\"b")');
    expect(writeTest({ mode: "compare", op: ">", value: "10000" })).toBe("> 10000");
    expect(writeTest({ mode: "compare", op: "=", value: "5" })).toBe("5");
    expect(writeTest({ mode: "range", low: "2026-01-01", high: "2026-12-31", lowOpen: false, highOpen: true }, true))
      .toBe('[date("2026-01-01")..date("2026-12-31"))');
    expect(writeTest({ mode: "oneOf", values: [], negate: false })).toBe("-");
  });
  it("round-trips what it reads", () => {
    for (const text of ['"a","b"', "> 5", "[1..49]", "true", 'not("x")']) expect(writeTest(readTest(text))).toBe(text);
  });
});
