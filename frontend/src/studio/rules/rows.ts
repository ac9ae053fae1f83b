// Row operations of the rule-list editors (decomposition rules, prices, jeopardy and fallout rules): pure, so each is
// one draft change (one undo step) and testable without a browser.

export type Row = Record<string, unknown>;

export function moveRow<T>(rows: T[], from: number, to: number): T[] {
  if (from < 0 || from >= rows.length || to < 0 || to >= rows.length || from === to) return rows;
  const next = rows.slice();
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}

export function removeRow<T>(rows: T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

export function replaceRow<T>(rows: T[], index: number, row: T): T[] {
  return rows.map((r, i) => (i === index ? row : r));
}

/** `base`, else base-copy, base-copy-2 … not among `used`. */
export function freeKey(used: Iterable<unknown>, base: string): string {
  const taken = new Set([...used].map(String));
  if (!taken.has(base)) return base;
  const stem = `${base}-copy`;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n += 1) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** A copy of row `index` right below it, its key (id or name) made unique. */
export function duplicateRow(rows: Row[], index: number, keyField: string): Row[] {
  const source = rows[index];
  if (!source) return rows;
  const copy = structuredClone(source);
  copy[keyField] = freeKey(rows.map((r) => r[keyField]), String(source[keyField] ?? "row"));
  const next = rows.slice();
  next.splice(index + 1, 0, copy);
  return next;
}

/** A new row (from a template) after `index` (or at the end), with a unique key. */
export function insertRow(rows: Row[], template: Row, keyField: string, index = rows.length - 1): Row[] {
  const row = { ...structuredClone(template), [keyField]: freeKey(rows.map((r) => r[keyField]), String(template[keyField] ?? "row")) };
  const next = rows.slice();
  next.splice(index + 1, 0, row);
  return next;
}

/** Short text for a cell: strings as they are, JSON (JsonLogic, durable-rules conditions) compact and cut. */
export function cellText(value: unknown, max = 80): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join(", ") : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
