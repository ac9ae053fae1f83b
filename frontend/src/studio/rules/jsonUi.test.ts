import { describe, expect, it } from "vitest";
import { fromJsonText, jsonUi, toJsonText } from "./jsonUi";

describe("jsonUi", () => {
  it("marks JsonLogic, durable-rules conditions and parameter maps as JSON fields", () => {
    const rule = {
      type: "object",
      properties: {
        name: { type: "string" },
        include: { title: "Include when" },
        characteristics: { type: "object" },
        when: { type: "object", properties: { m: { type: "object" } } },
        then: { type: "array", items: { type: "object", properties: { action: { enum: ["retry"] }, params: { type: "object", default: {} } } } },
        validFor: { type: "object", properties: { from: { type: "string" } } },
        level: { enum: ["low"] },
      },
    };
    expect(jsonUi(rule)).toEqual({
      include: { "ui:field": "json" },
      characteristics: { "ui:field": "json" },
      when: { "ui:field": "json" },
      then: { items: { params: { "ui:field": "json" } } },
    });
  });

  it("round-trips JSON text and reports what does not parse", () => {
    expect(fromJsonText(toJsonText({ m: { level: "high" } }))).toEqual({ value: { m: { level: "high" } } });
    expect(fromJsonText("  ")).toEqual({ value: undefined });
    expect(fromJsonText("{oops").error).toBeTruthy();
    expect(toJsonText(undefined)).toBe("");
  });
});
