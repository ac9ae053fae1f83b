// The kind's body schema made fit for rjsf: local $refs inlined (siblings kept over the target), nullable
// anyOf/oneOf ([X, {type: null}]) folded into X, any-value members (JsonLogic, free objects) edited as JSON text,
// and the kind's field hints as order, titles and help. Pure: the same schema in, the same form out.
type Schema = Record<string, unknown>;
export type UiSchema = Record<string, unknown>;

export interface FieldHint { name: string; label: string; widget: string; help?: string | null }
export interface NormalisedForm { schema: Schema; uiSchema: UiSchema }

const STRUCTURE = ["type", "enum", "const", "anyOf", "oneOf", "allOf", "properties", "items", "prefixItems", "$ref", "not"];

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lookup(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/").map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"))) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return isObject(node) ? node : undefined;
}

/** Inline every local $ref (a cycle keeps its $ref), merge sibling keywords over the target. */
export function dereference(schema: Schema, root: Schema = schema, seen: string[] = []): Schema {
  let node = schema;
  const ref = typeof node.$ref === "string" ? node.$ref : null;
  if (ref && !seen.includes(ref)) {
    const target = lookup(root, ref);
    if (target) {
      const { $ref: _drop, ...siblings } = node;
      return dereference({ ...target, ...siblings }, root, [...seen, ref]);
    }
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$defs" || key === "definitions") continue;
    if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, isObject(sub) ? dereference(sub, root, seen) : sub]));
    } else if (Array.isArray(value) && ["anyOf", "oneOf", "allOf", "prefixItems"].includes(key)) {
      out[key] = value.map((sub) => (isObject(sub) ? dereference(sub, root, seen) : sub));
    } else if (isObject(value) && ["items", "additionalProperties", "unevaluatedProperties", "not", "if", "then", "else", "contains"].includes(key)) {
      out[key] = dereference(value, root, seen);
    } else {
      out[key] = value;
    }
  }
  node = out;
  return node;
}

/** anyOf/oneOf of one schema and {type: "null"}: that schema, nullable (its title and description kept). */
function foldNullable(schema: Schema): Schema {
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (!Array.isArray(options) || options.length !== 2) continue;
    const rest = options.filter((o) => !(isObject(o) && o.type === "null"));
    if (rest.length !== 1 || !isObject(rest[0])) continue;
    const { [key]: _drop, ...outer } = schema;
    const inner = rest[0];
    const type = typeof inner.type === "string" ? [inner.type, "null"] : inner.type;
    return { ...inner, ...outer, ...(type ? { type } : {}) };
  }
  return schema;
}

/** A member that holds any JSON (no structure at all) or a free-form object (no declared properties). */
export function isAnyValue(schema: Schema): boolean {
  if (!STRUCTURE.some((key) => key in schema)) return true;
  return schema.type === "object" && !schema.properties && !schema.patternProperties && !isObject(schema.additionalProperties);
}

/** Walk a branch's members only (a branch with no type of its own is not a JSON-text member). */
function walkMembers(schema: Schema, ui: UiSchema): Schema {
  return isAnyValue(schema) && !schema.properties && !schema.items ? schema : walk(schema, ui);
}

function walk(schema: Schema, ui: UiSchema): Schema {
  const node = foldNullable(schema);
  if (isAnyValue(node)) {
    ui["ui:field"] = "json";
    return node;
  }
  const out: Schema = { ...node };
  if (isObject(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, sub]) => {
      if (!isObject(sub)) return [name, sub];
      const child: UiSchema = isObject(ui[name]) ? ui[name] as UiSchema : {};
      const walked = walk(sub, child);
      if (Object.keys(child).length) ui[name] = child;
      return [name, walked];
    }));
  }
  if (isObject(node.items)) {
    const child: UiSchema = isObject(ui.items) ? ui.items as UiSchema : {};
    out.items = walk(node.items, child);
    if (Object.keys(child).length) ui.items = child;
  }
  if (isObject(node.additionalProperties)) {
    const child: UiSchema = isObject(ui.additionalProperties) ? ui.additionalProperties as UiSchema : {};
    out.additionalProperties = walk(node.additionalProperties, child);
    if (Object.keys(child).length) ui.additionalProperties = child;
  }
  // members that conditions (allOf / if-then-else) add are rendered at this level by rjsf: same uiSchema
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const options = node[key];
    if (!Array.isArray(options)) continue;
    out[key] = options.map((option) => {
      if (!isObject(option)) return option;
      const branch: Schema = { ...option };
      for (const part of ["then", "else"] as const) {
        if (isObject(option[part])) branch[part] = walkMembers(option[part] as Schema, ui);
      }
      return "properties" in option || "items" in option ? walkMembers(branch, ui) : branch;
    });
  }
  return out;
}

/** The schema rjsf gets and the uiSchema that goes with it (order, titles and help from the kind's hints). */
export function normaliseSchema(bodySchema: Schema, fields: FieldHint[] = []): NormalisedForm {
  const { $id: _id, $schema: _schema, ...rest } = bodySchema;
  const uiSchema: UiSchema = {};
  const schema = walk(dereference(rest, bodySchema), uiSchema);
  if (JSON.stringify(schema).includes('"$ref"') && bodySchema.$defs) schema.$defs = bodySchema.$defs; // a recursive $ref stays
  const declared = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const ordered = fields.map((f) => f.name).filter((name) => declared.includes(name));
  if (ordered.length) uiSchema["ui:order"] = [...ordered, "*"];
  for (const field of fields) {
    if (!declared.includes(field.name)) continue;
    const entry = (uiSchema[field.name] ??= {}) as UiSchema;
    entry["ui:title"] = field.label;
    const described = ((schema.properties as Record<string, Schema>)[field.name] as Schema | undefined)?.description;
    if (field.help && field.help !== described) entry["ui:help"] = field.help; // not the schema's description twice
  }
  return { schema, uiSchema };
}
