// The graph editors' document operations, pure: an enrichment flow's steps and a plan's tasks as nodes and
// dependency edges, and every change (add, remove, wire, rename, retype, move) as a new document. Nothing
// here re-decides what the server checks: it only edits the JSON that the server validates on save.

export type Json = Record<string, unknown>;
export type Item = Json & { type?: string; dependsOn?: string[] };
export interface Point { x: number; y: number }
export type Positions = Record<string, Point>;

/** Where a kind keeps its graph: the list in the body, the id member, the label member. */
export interface GraphSpec {
  kind: "enrichment_flow" | "orchestration_plan";
  list: "steps" | "tasks";
  idField: "id" | "key";
  labelField: "title" | "name";
  noun: string;
  types: readonly string[];
  /** What a new item of a type starts with (besides id and type), so it is valid where that is obvious. */
  defaults: Record<string, Json>;
}

export const FLOW_SPEC: GraphSpec = {
  kind: "enrichment_flow",
  list: "steps",
  idField: "id",
  labelField: "title",
  noun: "step",
  types: ["condition", "lookup", "set", "validate", "requireInformation"],
  defaults: {
    condition: { rule: true },
    lookup: { table: "", outputs: {} },
    set: { assignments: [] },
    validate: { rule: true, message: "Not valid" },
    requireInformation: { fields: [] },
  },
};

export const PLAN_SPEC: GraphSpec = {
  kind: "orchestration_plan",
  list: "tasks",
  idField: "key",
  labelField: "name",
  noun: "task",
  types: ["auto", "manual", "workOrder", "approval", "milestone", "waitUntil"],
  defaults: {
    auto: { handler: "simulator.run", params: { outcome: "success" } },
    manual: {},
    workOrder: {},
    approval: { role: "orderApprover" },
    milestone: {},
    waitUntil: { wait: "PT1H" },
  },
};

export function bodyOf(document: Json): Json {
  return (document.body as Json | undefined) ?? {};
}

export function itemsOf(document: Json, spec: GraphSpec): Item[] {
  const list = bodyOf(document)[spec.list];
  return Array.isArray(list) ? (list as Item[]) : [];
}

export function idOf(item: Item, spec: GraphSpec): string {
  return String(item[spec.idField] ?? "");
}

export function labelOf(item: Item, spec: GraphSpec): string {
  const label = item[spec.labelField];
  return typeof label === "string" && label ? label : idOf(item, spec);
}

/** Dependency edges: one per (dependency → dependent), for dependencies that name an item of the graph. */
export interface GraphEdge { id: string; source: string; target: string }

export function edgesOf(document: Json, spec: GraphSpec): GraphEdge[] {
  const items = itemsOf(document, spec);
  const known = new Set(items.map((item) => idOf(item, spec)));
  const edges: GraphEdge[] = [];
  for (const item of items) {
    const target = idOf(item, spec);
    for (const source of item.dependsOn ?? []) {
      if (known.has(source)) edges.push({ id: edgeId(source, target), source, target });
    }
  }
  return edges;
}

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

function withItems(document: Json, spec: GraphSpec, items: Item[]): Json {
  return { ...document, body: { ...bodyOf(document), [spec.list]: items } };
}

// ---- layout member (ui): positions only, ignored by the server's hash and diff ----

export function positionsOf(document: Json): Positions {
  const ui = document.ui as Json | undefined;
  const positions = ui?.positions;
  return positions && typeof positions === "object" ? (positions as Positions) : {};
}

/** The document with these positions merged into ui.positions (rounded: layout is not worth decimals). */
export function withPositions(document: Json, moved: Positions): Json {
  const ui = (document.ui as Json | undefined) ?? {};
  const positions = { ...positionsOf(document) };
  for (const [id, point] of Object.entries(moved)) positions[id] = { x: Math.round(point.x), y: Math.round(point.y) };
  return { ...document, ui: { ...ui, positions } };
}

function withoutPositions(document: Json, ids: Iterable<string>): Json {
  const current = positionsOf(document);
  const positions = { ...current };
  let changed = false;
  for (const id of ids) if (id in positions) { delete positions[id]; changed = true; }
  return changed ? { ...document, ui: { ...((document.ui as Json) ?? {}), positions } } : document;
}

// ---- structural changes ----

/** A fresh id for a new item of `type`: type-1, type-2, … not used yet. */
export function freshId(document: Json, spec: GraphSpec, type: string): string {
  const used = new Set(itemsOf(document, spec).map((item) => idOf(item, spec)));
  let n = 1;
  while (used.has(`${type}-${n}`)) n += 1;
  return `${type}-${n}`;
}

export function addItem(document: Json, spec: GraphSpec, type: string, at?: Point): { document: Json; id: string } {
  const id = freshId(document, spec, type);
  const item: Item = { [spec.idField]: id, type, ...structuredClone(spec.defaults[type] ?? {}) };
  let next = withItems(document, spec, [...itemsOf(document, spec), item]);
  if (at) next = withPositions(next, { [id]: at });
  return { document: next, id };
}

/** Remove items and edges at once: removed items leave every dependsOn, removed edges leave their target's. */
export function removeElements(document: Json, spec: GraphSpec, itemIds: string[], edges: Array<Pick<GraphEdge, "source" | "target">> = []): Json {
  const gone = new Set(itemIds);
  const cut = new Set(edges.map((edge) => edgeId(edge.source, edge.target)));
  const items = itemsOf(document, spec)
    .filter((item) => !gone.has(idOf(item, spec)))
    .map((item) => {
      if (!item.dependsOn) return item;
      const target = idOf(item, spec);
      const kept = item.dependsOn.filter((source) => !gone.has(source) && !cut.has(edgeId(source, target)));
      if (kept.length === item.dependsOn.length) return item;
      const next: Item = { ...item, dependsOn: kept };
      if (kept.length === 0) delete next.dependsOn;
      return next;
    });
  return withoutPositions(withItems(document, spec, items), itemIds);
}

/** Would an edge source → target close a cycle (target already reaches source through dependents)? */
export function wouldCycle(document: Json, spec: GraphSpec, source: string, target: string): boolean {
  if (source === target) return true;
  const dependents = new Map<string, string[]>();
  for (const edge of edgesOf(document, spec)) dependents.set(edge.source, [...(dependents.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === source) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(dependents.get(at) ?? []));
  }
  return false;
}

/** target runs after source: source joins target's dependsOn. Unchanged document when it is there or would loop. */
export function connect(document: Json, spec: GraphSpec, source: string, target: string): Json {
  if (wouldCycle(document, spec, source, target)) return document;
  let changed = false;
  const items = itemsOf(document, spec).map((item) => {
    if (idOf(item, spec) !== target || item.dependsOn?.includes(source)) return item;
    changed = true;
    return { ...item, dependsOn: [...(item.dependsOn ?? []), source] };
  });
  return changed ? withItems(document, spec, items) : document;
}

/** Replace the item `id` by `next`; a new id is renamed in every dependsOn and in the layout. */
export function replaceItem(document: Json, spec: GraphSpec, id: string, next: Item): Json {
  const newId = idOf(next, spec);
  const renamed = newId !== id && newId !== "";
  const items = itemsOf(document, spec).map((item) => {
    if (idOf(item, spec) === id) return next;
    if (renamed && item.dependsOn?.includes(id)) return { ...item, dependsOn: item.dependsOn.map((d) => (d === id ? newId : d)) };
    return item;
  });
  let result = withItems(document, spec, items);
  const positions = positionsOf(document);
  if (renamed && positions[id]) result = withPositions(withoutPositions(result, [id]), { [newId]: positions[id] });
  return result;
}

/** The item as `type`: members every type shares are kept, the old type's own members dropped, the new type's defaults added. */
export function retype(item: Item, spec: GraphSpec, type: string, common: readonly string[]): Item {
  const next: Item = {};
  for (const [name, value] of Object.entries(item)) if (common.includes(name)) next[name] = value;
  return { ...structuredClone(spec.defaults[type] ?? {}), ...next, type };
}

// ---- badges ----

/** Items whose content differs from the published document's item of the same id (or that it lacks). */
export function changedSince(document: Json, published: Json | null | undefined, spec: GraphSpec): Set<string> {
  const changed = new Set<string>();
  if (!published) return changed;
  const before = new Map(itemsOf(published, spec).map((item) => [idOf(item, spec), stableJson(item)]));
  for (const item of itemsOf(document, spec)) {
    const id = idOf(item, spec);
    if (before.get(id) !== stableJson(item)) changed.add(id);
  }
  return changed;
}

/** Problems (JSON pointers into the document) per item id: /body/<list>/<index>/… belongs to that item. */
export function problemsByItem<P extends { pointer: string }>(problems: P[], document: Json, spec: GraphSpec): Map<string, P[]> {
  const items = itemsOf(document, spec);
  const prefix = `/body/${spec.list}/`;
  const found = new Map<string, P[]>();
  for (const problem of problems) {
    if (!problem.pointer.startsWith(prefix)) continue;
    const index = Number(problem.pointer.slice(prefix.length).split("/")[0]);
    const item = Number.isInteger(index) ? items[index] : undefined;
    if (!item) continue;
    const id = idOf(item, spec);
    found.set(id, [...(found.get(id) ?? []), problem]);
  }
  return found;
}

export function indexOf(document: Json, spec: GraphSpec, id: string): number {
  return itemsOf(document, spec).findIndex((item) => idOf(item, spec) === id);
}

/** JSON with object keys sorted, so two equal values give one string whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}
