// Which members of a rule's schema are free-form JSON (JsonLogic conditions, durable-rules "when", parameter maps):
// rjsf cannot draw a form for them, so the rule forms show them as a JSON text field instead.
type Schema = Record<string, unknown>;

function isFreeForm(schema: Schema): boolean {
  if (schema.enum || schema.const !== undefined || schema.oneOf || schema.anyOf) return false;
  if (schema.type === undefined) return true;
  if (schema.type !== "object") return false;
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!properties || Object.keys(properties).length === 0) return true;
  // an object whose every member is itself free-form (e.g. {m: {type: object}}) is edited whole
  return Object.values(properties).every((p) => p.type === "object" && !p.properties);
}

/** The uiSchema that puts the "json" field on every free-form member, at any depth (array items included). */
export function jsonUi(schema: Schema): Record<string, unknown> {
  const ui: Record<string, unknown> = {};
  const properties = schema.properties as Record<string, Schema> | undefined;
  for (const [name, member] of Object.entries(properties ?? {})) {
    if (isFreeForm(member)) ui[name] = { "ui:field": "json" };
    else if (member.type === "object") {
      const inner = jsonUi(member);
      if (Object.keys(inner).length) ui[name] = inner;
    } else if (member.type === "array" && typeof member.items === "object" && member.items) {
      const items = member.items as Schema;
      if (items.type === "object") {
        const inner = jsonUi(items);
        if (Object.keys(inner).length) ui[name] = { items: inner };
      }
    }
  }
  return ui;
}

/** JSON text for the field, and back: undefined for empty text, an error for text that is not JSON. */
export function toJsonText(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

export function fromJsonText(text: string): { value?: unknown; error?: string } {
  if (text.trim() === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : "not JSON" };
  }
}
