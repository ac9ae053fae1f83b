import { describe, expect, it } from "vitest";
import { pointerOfId } from "./target";

describe("pointerOfId", () => {
  const document = {
    key: "x",
    body: {
      inputs: [{ id: "segment" }],
      rules: [{ id: "r1" }, { id: "r2", outputEntries: ["1"] }],
      nested: { "a/b": [{ key: "deep" }] },
    },
  };

  it("finds a rule by id, the shallowest match first", () => {
    expect(pointerOfId(document, "r2")).toBe("/body/rules/1");
    expect(pointerOfId(document, "segment")).toBe("/body/inputs/0");
  });

  it("escapes member names and matches keys; null when nothing has that id", () => {
    expect(pointerOfId(document, "deep")).toBe("/body/nested/a~1b/0");
    expect(pointerOfId(document, "nope")).toBeNull();
    expect(pointerOfId(null, "r1")).toBeNull();
  });
});
