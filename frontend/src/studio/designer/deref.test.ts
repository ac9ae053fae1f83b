import { describe, expect, it } from "vitest";
import { deref, itemSchema, resolvePointer, subSchema, withoutProperties } from "./deref";

const body = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["rules", "other"],
  properties: { rules: { type: "array", items: { $ref: "#/$defs/rule" } }, other: { type: "string" } },
  $defs: {
    id: { type: "string", pattern: "^[a-z]+$" },
    common: { properties: { id: { title: "Id", $ref: "#/$defs/id" }, name: { type: "string" } } },
    rule: { title: "Rule", type: "object", required: ["id"], $ref: "#/$defs/common",
            properties: { then: { type: "array", items: { $ref: "#/$defs/action" } } } },
    action: { type: "object", properties: { action: { enum: ["a", "b"] } } },
    loop: { type: "object", properties: { next: { $ref: "#/$defs/loop" } } },
  },
};

describe("deref", () => {
  it("resolves pointers, escaped parts included", () => {
    expect(resolvePointer(body, "#/$defs/id")).toEqual(body.$defs.id);
    expect(resolvePointer({ "a/b": 1 }, "#/a~1b")).toBe(1);
    expect(resolvePointer(body, "#/$defs/nope")).toBeUndefined();
  });

  it("replaces nested refs and keeps sibling titles", () => {
    const rule = subSchema(body, "rule");
    expect(JSON.stringify(rule)).not.toContain("$ref");
    const properties = rule.properties as Record<string, Record<string, unknown>>;
    expect(properties.id).toEqual({ title: "Id", type: "string", pattern: "^[a-z]+$" });
    expect(properties.name).toEqual({ type: "string" });
    expect((properties.then.items as Record<string, unknown>).properties).toEqual({ action: { enum: ["a", "b"] } });
    expect(rule.required).toEqual(["id"]);
    expect(rule.title).toBe("Rule");
  });

  it("drops $defs and $schema so the form schema is self-contained", () => {
    const whole = deref(body) as Record<string, unknown>;
    expect(whole.$defs).toBeUndefined();
    expect(whole.$schema).toBeUndefined();
    expect(JSON.stringify(whole)).not.toContain("$ref");
  });

  it("does not loop on a cyclic reference", () => {
    const loop = subSchema(body, "loop");
    expect(loop.type).toBe("object");
    expect(JSON.stringify(loop)).not.toContain("$ref");
  });

  it("throws on a reference it cannot resolve", () => {
    expect(() => deref({ $ref: "#/$defs/missing" }, body)).toThrow(/missing/);
  });

  it("gives an array property's item schema and the body without some properties", () => {
    expect((itemSchema(body, "rules") as Record<string, unknown>).title).toBe("Rule");
    const rest = withoutProperties(body, ["rules"]);
    expect(Object.keys(rest.properties as object)).toEqual(["other"]);
    expect(rest.required).toEqual(["other"]);
  });

  it("leaves enum, const and default values alone", () => {
    const schema = { type: "object", properties: { x: { enum: [{ $ref: "literal" }], default: { $ref: "x" } } } };
    expect(deref(schema)).toEqual(schema);
  });
});
