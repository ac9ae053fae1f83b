// One step / task type's JSON Schema, cut from the kind's body schema as the server publishes it
// (GET /studio/kinds: $defs.step / $defs.task with one `if type = X then …` branch per type). The type itself
// is chosen outside the form (rjsf loses data switching oneOf branches), so the form shows the members every
// type shares plus that type's own; `type` and `dependsOn` (drawn as edges) stay out of the form.
import type { Json, GraphSpec } from "./model";

type Schema = Json & { properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[]; items?: Schema };

const OUTSIDE_FORM = ["type", "dependsOn"];

function itemSchema(bodySchema: Json, spec: GraphSpec): Schema | undefined {
  const items = (bodySchema.properties as Record<string, Schema> | undefined)?.[spec.list]?.items;
  const ref = typeof items?.$ref === "string" ? items.$ref : undefined;
  if (!ref?.startsWith("#/$defs/")) return items;
  return (bodySchema.$defs as Record<string, Schema> | undefined)?.[ref.slice("#/$defs/".length)];
}

function branchFor(schema: Schema, type: string): Schema | undefined {
  for (const part of schema.allOf ?? []) {
    const condition = (part.if as Schema | undefined)?.properties?.type as Json | undefined;
    if (condition?.const === type) return part.then as Schema | undefined;
  }
  return undefined;
}

/** Members every type has (kept when the type changes). */
export function commonMembers(bodySchema: Json, spec: GraphSpec): string[] {
  return Object.keys(itemSchema(bodySchema, spec)?.properties ?? {});
}

/** The form's schema for one type, with the body schema's $defs so its $refs resolve. */
export function typeSchema(bodySchema: Json, spec: GraphSpec, type: string): Schema {
  const base = itemSchema(bodySchema, spec) ?? {};
  const branch = branchFor(base, type) ?? {};
  const properties: Record<string, Schema> = { ...(base.properties ?? {}), ...(branch.properties ?? {}) };
  for (const name of OUTSIDE_FORM) delete properties[name];
  const required = [...new Set([...(base.required ?? []), ...(branch.required ?? [])])].filter((name) => !OUTSIDE_FORM.includes(name));
  const schema: Schema = { type: "object", properties, required, $defs: bodySchema.$defs };
  // a branch's oneOf (waitUntil: wait or until) is left to the server: rjsf would render it as a switcher
  return schema;
}

/** A member with no JSON type (JsonLogic, free objects) is edited as JSON text: the uiSchema that says so. */
export function jsonUiSchema(schema: Schema, field: string): Json {
  const ui: Json = {};
  for (const [name, member] of Object.entries(schema.properties ?? {})) {
    const inner = uiFor(member, field);
    if (inner) ui[name] = inner;
  }
  return ui;
}

function uiFor(member: Schema, field: string): Json | undefined {
  if (member.$ref || member.enum || member.const !== undefined) return undefined;
  const type = member.type;
  if (type === undefined) return { "ui:field": field };
  if (type === "object" && !member.properties && (member.additionalProperties === undefined || member.additionalProperties === true)) return { "ui:field": field };
  if (type === "object" && member.properties) return jsonUiSchema(member, field);
  if (type === "array" && member.items) {
    const inner = uiFor(member.items, field);
    return inner ? { items: inner } : undefined;
  }
  return undefined;
}
