import { describe, expect, it } from "vitest";
import { changedCharacteristics, characteristicErrors, money, newLine, orderProblems, problemsOf, schemaDefaults, toDraft } from "./draft";

const problem = (pointer: string, item: number | null, message = "bad") => ({ pointer, item, code: "x", message });

describe("capture draft", () => {
  it("starts a line from the schema's defaults", () => {
    const schema = { properties: { prefixLength: { type: "integer", default: 32 }, note: { type: "string" } } };
    expect(newLine("static-ip", "Static IP", schemaDefaults(schema)).characteristics).toEqual({ prefixLength: 32 });
  });

  it("sends add items, drops empty characteristics and an empty address", () => {
    const line = newLine("fibre-500", "Fibre", { bandwidth: "500M", note: "" });
    const withPlace = { ...newLine("fibre-100", "Fibre"), place: { streetName: " Main 1 ", postcode: "10115", city: null, country: "" } };
    const draft = toDraft([line, withPlace], "cust-1");
    expect(draft.party).toBe("cust-1");
    expect(draft.items[0]).toEqual({ action: "add", offering: "fibre-500", quantity: 1,
      characteristics: { bandwidth: "500M" }, product: null, place: null });
    expect(draft.items[1].place).toEqual({ streetName: "Main 1", postcode: "10115", city: null, country: null });
  });

  it("puts each problem next to its line and field", () => {
    const problems = [problem("/items/0/characteristics/bandwidth", 0, "not allowed"), problem("/items/1/offering", 1),
      problem("/items/10", 10), problem("/party", null)];
    expect(problemsOf(problems, 1).map((p) => p.pointer)).toEqual(["/items/1/offering"]);
    expect(orderProblems(problems).map((p) => p.pointer)).toEqual(["/party"]);
    expect(characteristicErrors(problems, 0)).toEqual({ bandwidth: { __errors: ["not allowed"] } });
  });

  it("shows Decimal strings with two decimals at least", () => {
    expect(money("12.5", "EUR")).toBe("12.50 EUR");
    expect(money("-3", null)).toBe("-3.00");
    expect(money("0.125", "EUR")).toBe("0.125 EUR");
  });

  it("sends a modify only the characteristics it changes", () => {
    expect(changedCharacteristics({ term: 24, bandwidth: "500M" }, { term: 36, bandwidth: "500M", note: "" }))
      .toEqual({ term: 36 });
  });
});
