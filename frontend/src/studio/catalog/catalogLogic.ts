// Pure logic of the artifact catalog: which columns show (kept in localStorage), the documents that New and
// Duplicate send, and how a row's state reads.
import type { Schemas } from "../../shared/api/client";

export type Artifact = Schemas["ArtifactView"];
type Doc = Record<string, unknown>;

export const COLUMN_IDS = ["key", "title", "kind", "draft", "published", "active", "lint", "editor", "updated", "actions"] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const COLUMN_LABELS: Record<ColumnId, string> = {
  key: "Key", title: "Title", kind: "Kind", draft: "Draft", published: "Published", active: "Active (in active pack)",
  lint: "Lint", editor: "Last editor", updated: "Updated", actions: "Actions",
};
/** Columns that cannot be hidden (the row must stay identifiable and actionable). */
export const FIXED_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>(["key", "actions"]);
export const COLUMNS_STORAGE_KEY = "ordo.studio.catalog.columns";

/** The visible columns as stored (unknown ids dropped, fixed ones always in, catalog order kept). */
export function readColumns(stored: string | null): ColumnId[] {
  let chosen: unknown = null;
  try {
    chosen = stored ? JSON.parse(stored) : null;
  } catch {
    chosen = null;
  }
  if (!Array.isArray(chosen)) return [...COLUMN_IDS];
  const wanted = new Set(chosen.filter((id): id is ColumnId => (COLUMN_IDS as readonly string[]).includes(id)));
  return COLUMN_IDS.filter((id) => wanted.has(id) || FIXED_COLUMNS.has(id));
}


/** A key the server accepts: letters, digits, dots, dashes and underscores, starting with a letter or digit. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function keyProblem(key: string, taken: (key: string) => boolean): string | null {
  if (!key.trim()) return "A key is required";
  if (!KEY_PATTERN.test(key)) return "Letters, digits, dots, dashes and underscores; start with a letter or digit";
  if (key.length > 200) return "At most 200 characters";
  if (taken(key)) return "An artifact with this key exists";
  return null;
}

/** The first document of a new artifact: the kind's first example (its body is valid), renamed, without its
 *  layout; a kind without an example starts from an empty body. */
export function newDocument(kind: string, key: string, title: string, examples: Doc[]): Doc {
  const example = examples.find((e) => e.kind === kind);
  return renamed(example ?? { kind, schemaVersion: 1, body: {} }, key, title);
}

/** A copy of an existing version's document under a new key and title (layout and tests kept). */
export function duplicateDocument(source: Doc, key: string, title: string): Doc {
  return { ...renamed(source, key, title), ...(source.ui !== undefined ? { ui: structuredClone(source.ui) } : {}) };
}

function renamed(source: Doc, key: string, title: string): Doc {
  const copy = structuredClone(source);
  delete copy.ui;
  copy.key = key;
  if (title.trim()) copy.title = title.trim();
  else delete copy.title;
  return copy;
}

/** A suggestion for a duplicate's key: `<key>-copy`, then `-copy-2`, … until free. */
export function copyKey(key: string, taken: (key: string) => boolean): string {
  let candidate = `${key}-copy`;
  for (let n = 2; taken(candidate); n += 1) candidate = `${key}-copy-${n}`;
  return candidate;
}

/** The version the editor opens for a row: the open draft, else the newest version. */
export function openVersion(artifact: Artifact): number | null {
  return artifact.draftVersion ?? artifact.latest?.version ?? null;
}

export function historyPath(key: string): string {
  return `/studio/artifacts/${encodeURIComponent(key)}/history`;
}
