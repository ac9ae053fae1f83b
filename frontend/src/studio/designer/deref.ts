// JSON Schema dereferencing for the designer's forms: a kind's bodySchema keeps its node types under $defs and
// points at them with local $ref ("#/$defs/x"); rjsf wants one self-contained schema per form.
// A $ref with sibling keywords (draft 2020-12) merges: the siblings' properties and required join the target's.

export type Schema = Record<string, unknown>;

const MAX_DEPTH = 32;

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a local JSON pointer ("#/$defs/rule") inside root, or undefined. */
export function resolvePointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref.slice(1).split("/").filter(Boolean).map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = root;
  for (const part of parts) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Merge a resolved $ref target with the keywords beside the $ref (siblings win, properties and required join). */
function merge(target: Schema, siblings: Schema): Schema {
  const merged: Schema = { ...target, ...siblings };
  if (isObject(target.properties) || isObject(siblings.properties)) {
    merged.properties = { ...(target.properties as Schema | undefined), ...(siblings.properties as Schema | undefined) };
  }
  const required = [...((target.required as string[]) ?? []), ...((siblings.required as string[]) ?? [])];
  if (required.length) merged.required = [...new Set(required)];
  return merged;
}

/** `schema` with every local $ref replaced by (a copy of) what it points at inside `root`; $defs dropped.
 *  A reference cycle stops at MAX_DEPTH with an empty schema (accepts anything) rather than looping. */
export function deref(schema: unknown, root: Schema = schema as Schema, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((entry) => deref(entry, root, depth));
  if (!isObject(schema)) return schema;
  if (depth > MAX_DEPTH) return {};
  let node: Schema = schema;
  while (typeof node.$ref === "string") {
    const { $ref, ...siblings } = node;
    const target = resolvePointer(root, $ref as string);
    if (!isObject(target)) throw new Error(`unresolved $ref ${String($ref)}`);
    node = merge(target, siblings);
    depth += 1;
    if (depth > MAX_DEPTH) return {};
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$defs" || key === "definitions" || key === "$schema" || key === "$id") continue;
    if (key === "enum" || key === "const" || key === "default" || key === "examples" || key === "required") {
      out[key] = value;
    } else if (key === "properties" || key === "patternProperties" || key === "$defs") {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, deref(sub, root, depth + 1)]));
    } else {
      out[key] = deref(value, root, depth + 1);
    }
  }
  return out;
}

/** One $defs entry of a body schema as a self-contained schema (e.g. subSchema(catalog, "productSpecification")). */
export function subSchema(bodySchema: Schema, defName: string): Schema {
  const target = resolvePointer(bodySchema, `#/$defs/${defName}`);
  if (!isObject(target)) throw new Error(`no $defs/${defName} in the schema`);
  return deref(target, bodySchema) as Schema;
}

/** The deref'd schema of the items of an array property of the body (e.g. "rules"). */
export function itemSchema(bodySchema: Schema, property: string): Schema {
  const list = (bodySchema.properties as Schema | undefined)?.[property];
  if (!isObject(list)) throw new Error(`no property ${property}`);
  return deref(list.items ?? {}, bodySchema) as Schema;
}

/** The body schema without some properties (the ones a dedicated editor shows), deref'd. */
export function withoutProperties(bodySchema: Schema, names: string[]): Schema {
  const properties = { ...(bodySchema.properties as Schema | undefined) };
  for (const name of names) delete properties[name];
  const required = ((bodySchema.required as string[]) ?? []).filter((name) => !names.includes(name));
  return deref({ ...bodySchema, properties, required }, bodySchema) as Schema;
}
