// W2's pure logic: which columns exist and which are shown, and the saved filter sets (named sets of the list's
// URL filters and sort), kept per user in localStorage (a server store would need a migration).

export const COLUMN_IDS = [
  "id", "externalId", "party", "state", "priority", "orderDate", "requestedCompletion", "jeopardy", "pointOfNoReturn",
  "revision", "fallouts", "pack", "items",
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export const COLUMN_LABELS: Record<ColumnId, string> = {
  id: "Number", externalId: "External id", party: "Party", state: "State", priority: "Priority", orderDate: "Order date",
  requestedCompletion: "Requested completion", jeopardy: "Jeopardy", pointOfNoReturn: "Point of no return",
  revision: "Revision", fallouts: "Fallouts", pack: "Pack version", items: "Items",
};

export const FIXED_COLUMNS: ReadonlySet<ColumnId> = new Set(["id"]);
export const DEFAULT_COLUMNS: ColumnId[] = [
  "id", "party", "state", "priority", "orderDate", "requestedCompletion", "jeopardy", "pointOfNoReturn", "revision", "fallouts", "pack",
];

export const columnsKey = (username: string) => `ordo.orders.columns.${username}`;
export const savedFiltersKey = (username: string) => `ordo.orders.savedFilters.${username}`;

/** The shown columns from their stored form (unknown ids dropped, the fixed ones always first). */
export function readColumns(stored: string | null): ColumnId[] {
  let ids: unknown = null;
  try {
    ids = stored ? JSON.parse(stored) : null;
  } catch {
    ids = null;
  }
  if (!Array.isArray(ids)) return DEFAULT_COLUMNS;
  const known = COLUMN_IDS.filter((id) => ids.includes(id) || FIXED_COLUMNS.has(id));
  return known;
}


export interface SavedFilter {
  name: string;
  /** the list's query string without paging, e.g. "state=inProgress&sort=-orderDate" */
  query: string;
}

export function readSavedFilters(stored: string | null): SavedFilter[] {
  try {
    const found = stored ? JSON.parse(stored) : [];
    return Array.isArray(found)
      ? found.filter((f): f is SavedFilter => typeof f?.name === "string" && typeof f?.query === "string")
      : [];
  } catch {
    return [];
  }
}

/** The query to save: the filters and sort of `search`, without the page. */
export function filterQuery(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  [...search.entries()].filter(([name]) => name !== "page").sort(([a], [b]) => a.localeCompare(b))
    .forEach(([name, value]) => kept.append(name, value));
  return kept.toString();
}

/** Saves (or replaces, by name) a filter set; sets sorted by name. */
export function saveFilter(saved: SavedFilter[], name: string, query: string): SavedFilter[] {
  const trimmed = name.trim();
  if (!trimmed) return saved;
  return [...saved.filter((f) => f.name !== trimmed), { name: trimmed, query }].sort((a, b) => a.name.localeCompare(b.name));
}

export function removeFilter(saved: SavedFilter[], name: string): SavedFilter[] {
  return saved.filter((f) => f.name !== name);
}
