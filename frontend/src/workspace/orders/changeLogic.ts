// Pure logic of the order changes: the merge-patch of a revision (only what the agent changed), the fields of
// the information an order waits for, and the merge-patch supplying them.

export interface Characteristic { name?: string | null; value?: unknown }
export interface ItemLike { id: string; quantity: number; characteristics?: Characteristic[] }
export interface ItemEdit { quantity: number; characteristics: Record<string, string> }

/** A value typed as the agent wrote it, kept as the type the order had (numbers stay numbers, booleans booleans). */
export function typedValue(text: string, before: unknown): unknown {
  if (typeof before === "number" && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (typeof before === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

export function shown(value: unknown): string {
  return value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

/** The edit state of an item: its quantity and each characteristic as text. */
export function editOf(item: ItemLike): ItemEdit {
  return {
    quantity: item.quantity,
    characteristics: Object.fromEntries((item.characteristics ?? []).filter((c) => c.name).map((c) => [c.name as string, shown(c.value)])),
  };
}

/** The TMF622 merge-patch of the changed items (null when nothing changed). */
export function revisionPatch(items: ItemLike[], edits: Record<string, ItemEdit>): { productOrderItem: Record<string, unknown>[] } | null {
  const changed: Record<string, unknown>[] = [];
  for (const item of items) {
    const edit = edits[item.id];
    if (!edit) continue;
    const entry: Record<string, unknown> = { id: item.id };
    if (edit.quantity !== item.quantity) entry.quantity = edit.quantity;
    const before = new Map((item.characteristics ?? []).map((c) => [c.name, c.value]));
    const characteristics = Object.entries(edit.characteristics)
      .filter(([name, text]) => shown(before.get(name)) !== text)
      .map(([name, text]) => ({ name, value: typedValue(text, before.get(name)) }));
    if (characteristics.length) entry.product = { productCharacteristic: characteristics };
    if (Object.keys(entry).length > 1) changed.push(entry);
  }
  return changed.length ? { productOrderItem: changed } : null;
}

export interface MissingField {
  key: string;
  itemId: string;
  characteristic: string;
  message: string;
}

const CHARACTERISTIC_PATH = /^item\.characteristics\.([A-Za-z0-9_-]+)$/;

/** The characteristics the order waits for (order level from enrichment, and its domain orders'), once each;
 *  `other` lists what cannot be supplied as a characteristic (shown as the server words it). */
export function missingFields(orderMissing: unknown[] | null | undefined, domainMissing: unknown[][]): { fields: MissingField[]; other: string[] } {
  const fields: MissingField[] = [];
  const other: string[] = [];
  const add = (itemId: unknown, characteristic: string, message: string) => {
    const key = `${String(itemId)}/${characteristic}`;
    if (!fields.some((f) => f.key === key)) fields.push({ key, itemId: String(itemId), characteristic, message });
  };
  for (const raw of orderMissing ?? []) {
    const m = (raw ?? {}) as Record<string, unknown>;
    const match = typeof m.path === "string" ? CHARACTERISTIC_PATH.exec(m.path) : null;
    if (match && m.item != null) add(m.item, match[1], String(m.message ?? match[1]));
    else other.push(String(m.message ?? JSON.stringify(raw)));
  }
  for (const raw of domainMissing.flat()) {
    const m = (raw ?? {}) as Record<string, unknown>;
    if (m.itemId != null && typeof m.characteristic === "string") add(m.itemId, m.characteristic, `${m.characteristic} of item ${String(m.itemId)}`);
    else other.push(JSON.stringify(raw));
  }
  return { fields, other };
}

/** The merge-patch supplying the filled fields. */
export function supplyPatch(fields: MissingField[], values: Record<string, string>): { productOrderItem: Record<string, unknown>[] } {
  const byItem = new Map<string, { name: string; value: string }[]>();
  for (const field of fields) {
    const value = values[field.key]?.trim();
    if (!value) continue;
    byItem.set(field.itemId, [...(byItem.get(field.itemId) ?? []), { name: field.characteristic, value }]);
  }
  return { productOrderItem: [...byItem].map(([id, productCharacteristic]) => ({ id, product: { productCharacteristic } })) };
}
