// The order draft as the capture screens hold it (one line per item, each with a local id) and the pure steps
// around it: the draft the server takes, the problems of each line, and the rjsf error schema of a line.
import type { Address, CaptureProblem, DraftItem, OrderDraft } from "./api";

export interface DraftLine {
  uid: string;
  offering: string;
  offeringName: string;
  quantity: number;
  characteristics: Record<string, unknown>;
  place: Address;
}

export const EMPTY_ADDRESS: Address = { streetName: null, postcode: null, city: null, country: null };

let counter = 0;

/** A new line for an offering, its characteristics starting from the form's defaults. */
export function newLine(offering: string, offeringName: string, defaults: Record<string, unknown> = {}): DraftLine {
  counter += 1;
  return { uid: `line-${counter}`, offering, offeringName, quantity: 1, characteristics: { ...defaults },
    place: { ...EMPTY_ADDRESS } };
}

/** Default values of a characteristics JSON Schema (`properties.*.default`). */
export function schemaDefaults(schema: unknown): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, { default?: unknown }> } | null)?.properties ?? {};
  const found: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property.default !== undefined) found[name] = property.default;
  }
  return found;
}

function trimmed(value: string | null | undefined): string | null {
  const text = (value ?? "").trim();
  return text === "" ? null : text;
}

/** The draft the server takes: add items in line order; an address only when some part of it is given. */
export function toDraft(lines: DraftLine[], party: string | null): OrderDraft {
  const items: DraftItem[] = lines.map((line) => {
    const place: Address = { streetName: trimmed(line.place.streetName), postcode: trimmed(line.place.postcode),
      city: trimmed(line.place.city), country: trimmed(line.place.country) };
    const anyPlace = Object.values(place).some((v) => v !== null);
    const characteristics = Object.fromEntries(Object.entries(line.characteristics)
      .filter(([, value]) => value !== undefined && value !== null && value !== ""));
    return { action: "add", offering: line.offering, quantity: line.quantity, characteristics, product: null,
      place: anyPlace ? place : null };
  });
  return { party, externalId: null, items };
}

/** The problems of the line at `index` (pointer /items/<index>...), and those of the whole order. */
export function problemsOf(problems: CaptureProblem[], index: number): CaptureProblem[] {
  return problems.filter((p) => p.item === index || p.pointer === `/items/${index}` || p.pointer.startsWith(`/items/${index}/`));
}

export function orderProblems(problems: CaptureProblem[]): CaptureProblem[] {
  return problems.filter((p) => p.item === null && !p.pointer.startsWith("/items/"));
}

/** The problems under `/items/<index>/characteristics` as an rjsf error schema ({name: {__errors: [...]}}). */
export function characteristicErrors(problems: CaptureProblem[], index: number): Record<string, unknown> {
  const prefix = `/items/${index}/characteristics/`;
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    if (!problem.pointer.startsWith(prefix)) continue;
    const name = problem.pointer.slice(prefix.length).replace(/~1/g, "/").replace(/~0/g, "~");
    const node = (root[name] ??= { __errors: [] }) as { __errors: string[] };
    node.__errors.push(problem.message);
  }
  return root;
}

/** A fresh Idempotency-Key: one per draft, so a double click or a retry captures one order. */
export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID()
    : `draft-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A Decimal string as money in words: "12.5" -> "12.50 EUR". */
export function money(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  const [whole, fraction = ""] = amount.split(".");
  return `${whole}.${(fraction + "00").slice(0, Math.max(2, fraction.length))}${currency ? ` ${currency}` : ""}`;
}

/** The characteristics a modify sets: those whose value differs from the product's current one (empty ones left out). */
export function changedCharacteristics(current: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => current[name] !== value
    && value !== undefined && value !== null && value !== ""));
}
