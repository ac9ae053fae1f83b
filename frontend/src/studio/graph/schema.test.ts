import { describe, expect, it } from "vitest";
import { FLOW_SPEC, PLAN_SPEC } from "./model";
import { commonMembers, jsonUiSchema, typeSchema } from "./schema";

const body = {
  $defs: {
    target: { type: "string" },
    task: {
      type: "object", required: ["key", "type"],
      properties: { key: { type: "string" }, type: { enum: ["auto", "approval"] }, dependsOn: { type: "array" }, condition: { title: "When" }, sla: { type: "string" } },
      allOf: [
        { if: { properties: { type: { const: "auto" } } }, then: { required: ["handler"], properties: { handler: { type: "string" }, params: { type: "object" } } } },
        { if: { properties: { type: { const: "approval" } } }, then: { required: ["role"], properties: { role: { type: "string" } } } },
      ],
    },
  },
  properties: { tasks: { type: "array", items: { $ref: "#/$defs/task" } } },
};

describe("a type's schema from the kind's body schema", () => {
  it("has the common members and that type's own, without type and dependsOn", () => {
    const schema = typeSchema(body, PLAN_SPEC, "approval");
    expect(Object.keys(schema.properties ?? {})).toEqual(["key", "condition", "sla", "role"]);
    expect(schema.required).toEqual(["key", "role"]);
    expect(schema.$defs).toBe(body.$defs);
    expect(commonMembers(body, PLAN_SPEC)).toEqual(["key", "type", "dependsOn", "condition", "sla"]);
  });

  it("edits untyped members (JsonLogic) and free objects as JSON", () => {
    const schema = typeSchema(body, PLAN_SPEC, "auto");
    expect(jsonUiSchema(schema, "json")).toEqual({ condition: { "ui:field": "json" }, params: { "ui:field": "json" } });
  });

  it("an unknown step list gives an empty form", () => {
    expect(typeSchema(body, FLOW_SPEC, "set").properties).toEqual({});
  });
});
