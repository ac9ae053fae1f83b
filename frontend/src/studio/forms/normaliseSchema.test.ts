import { describe, expect, it } from "vitest";
import { dereference, isAnyValue, normaliseSchema } from "./normaliseSchema";

const body = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://ordo/kinds/x",
  type: "object",
  $defs: {
    amount: { type: "number", minimum: 0 },
    price: { type: "object", properties: { amount: { $ref: "#/$defs/amount", description: "per row" }, condition: { title: "Condition" } } },
    node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/$defs/node" } } } },
  },
  properties: {
    prices: { type: "array", items: { $ref: "#/$defs/price" } },
    note: { anyOf: [{ type: "string", maxLength: 5 }, { type: "null" }], title: "Note" },
    params: { type: "object", title: "Parameters" },
    tree: { $ref: "#/$defs/node" },
    flag: { type: "boolean" },
  },
};

describe("normaliseSchema", () => {
  const { schema, uiSchema } = normaliseSchema(body, [
    { name: "flag", label: "Flag it", widget: "checkbox", help: "Turns it on" },
    { name: "prices", label: "Prices", widget: "table" },
    { name: "gone", label: "Not in the schema", widget: "text" },
  ]);
  const props = schema.properties as Record<string, Record<string, unknown>>;

  it("inlines $refs, the ref's siblings winning, and drops $defs, $id and $schema", () => {
    expect((props.prices.items as Record<string, Record<string, unknown>>).properties.amount).toEqual({ type: "number", minimum: 0, description: "per row" });
    expect(schema).not.toHaveProperty("$id");
    expect(schema).not.toHaveProperty("$schema");
    expect(JSON.stringify(schema)).not.toContain("#/$defs/price");
  });
  it("drops $defs once nothing refers to them", () => {
    expect(normaliseSchema({ ...body, properties: { prices: body.properties.prices } }).schema).not.toHaveProperty("$defs");
  });
  it("stops at a recursive $ref instead of looping, keeping $defs for it", () => {
    expect(schema).toHaveProperty("$defs");
    const tree = props.tree as { properties: { children: { items: Record<string, unknown> } } };
    expect(tree.properties.children.items.$ref).toBe("#/$defs/node");
  });
  it("folds a nullable anyOf into its schema, keeping the outer title", () => {
    expect(props.note).toEqual({ type: ["string", "null"], maxLength: 5, title: "Note" });
  });
  it("edits any-value members and free objects as JSON text, inside arrays too", () => {
    expect(uiSchema.params).toEqual({ "ui:field": "json" });
    expect(uiSchema.prices).toMatchObject({ items: { condition: { "ui:field": "json" } } });
    expect(uiSchema.flag).toEqual({ "ui:title": "Flag it", "ui:help": "Turns it on" });
  });
  it("orders members as the hints do, the rest after, ignoring hints the schema lacks", () => {
    expect(uiSchema["ui:order"]).toEqual(["flag", "prices", "*"]);
    expect(uiSchema).not.toHaveProperty("gone");
  });
  it("leaves the input untouched", () => {
    expect(body.properties.prices.items).toEqual({ $ref: "#/$defs/price" });
  });
});

describe("conditional members", () => {
  it("gives members that an allOf if/then adds the same uiSchema level", () => {
    const step = {
      type: "object", properties: { type: { enum: ["set", "lookup"] } },
      allOf: [{ if: { properties: { type: { const: "set" } } },
        then: { properties: { assignments: { type: "array", items: { type: "object", properties: { target: { type: "string" }, value: { title: "Value" } } } } } } }],
    };
    const { uiSchema } = normaliseSchema({ type: "object", properties: { steps: { type: "array", items: step } } });
    expect(uiSchema).toEqual({ steps: { items: { assignments: { items: { value: { "ui:field": "json" } } } } } });
  });
});

describe("helpers", () => {
  it("knows an any-value schema", () => {
    expect(isAnyValue({ title: "JsonLogic" })).toBe(true);
    expect(isAnyValue({ type: "object" })).toBe(true);
    expect(isAnyValue({ type: "object", properties: {} })).toBe(false);
    expect(isAnyValue({ type: "object", additionalProperties: { type: "string" } })).toBe(false);
    expect(isAnyValue({ enum: ["a"] })).toBe(false);
  });
  it("keeps an unknown ref as it is", () => {
    expect(dereference({ $ref: "other.json#/x" })).toEqual({ $ref: "other.json#/x" });
  });
});
