// Pure logic of history and compare: change counts, the decision-table diff grid, node/edge changes of graphs,
// pointers as readable paths, and which two versions are picked.
import type { Schemas } from "../../shared/api/client";

export type Diff = Schemas["DiffView"];
export type Change = Schemas["ChangeView"];
type Doc = Record<string, unknown>;
type Json = unknown;

export interface ChangeCounts { added: number; removed: number; changed: number }

/** Added / removed / changed counts of a diff (a move counts as changed; decision tables count rows). */
export type ChangeRef = Pick<Change, "op" | "pointer">;

export function changeCounts(diff: { changes: ChangeRef[]; table: Diff["table"] }): ChangeCounts {
  if (diff.table) {
    const rows = diff.table.rows;
    const other = diff.changes.filter((c) => !c.pointer.startsWith("/body/rules")).length;
    return { added: rows.added.length, removed: rows.removed.length, changed: rows.changed.length + rows.moved.length + other };
  }
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const change of diff.changes) {
    if (change.op === "add") counts.added += 1;
    else if (change.op === "remove") counts.removed += 1;
    else counts.changed += 1;
  }
  return counts;
}

/** A JSON pointer as a path people read: /body/rules/2/when → body › rules › 2 › when. */
export function readablePath(pointer: string): string {
  if (!pointer) return "(whole document)";
  return pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")).join(" › ");
}

/** The two versions to compare after a click on `version`: at most two picked, the older one first. */
export function togglePick(picked: number[], version: number): number[] {
  if (picked.includes(version)) return picked.filter((v) => v !== version);
  const next = [...picked, version].slice(-2);
  return next.sort((a, b) => a - b);
}

// ---- decision tables ----

export type CellState = "same" | "added" | "removed" | "changed";
export interface GridColumn { name: string; side: "input" | "output"; state: CellState }
export interface GridCell { value: Json; old?: Json; state: CellState }
export interface GridRow { id: string; state: CellState | "moved"; cells: GridCell[]; annotation?: { value: Json; old?: Json; changed: boolean } }
export interface TableGrid { columns: GridColumn[]; rows: GridRow[] }

interface Spec { name?: string }
interface Rule { id?: string; inputEntries?: Json[]; outputEntries?: Json[]; annotation?: Json }

function ruleIds(body: Doc): string[] {
  return ((body.rules as Rule[] | undefined) ?? []).map((rule, row) => rule.id ?? `r${row + 1}`);
}

const SIDES = [["input", "inputs", "inputEntries"], ["output", "outputs", "outputEntries"]] as const;

/** One grid of the new table's rows (removed rows put back where they stood), each cell marked against the old
 *  table: rows matched by rule id, cells by column name, as the server's diff did. */
export function tableGrid(oldBody: Doc, newBody: Doc, table: NonNullable<Diff["table"]>): TableGrid {
  const columns: GridColumn[] = [];
  const newPositions: Record<string, number[]> = { input: [], output: [] };
  const oldPositions: Record<string, (number | null)[]> = { input: [], output: [] };
  for (const [side, list] of SIDES) {
    const before = ((oldBody[list] as Spec[] | undefined) ?? []).map((s) => s.name);
    const after = ((newBody[list] as Spec[] | undefined) ?? []).map((s) => s.name);
    const renamedFrom = new Map(((table.columns.renamed ?? []) as { side: string; position: number; old: string }[])
      .filter((r) => r.side === side).map((r) => [r.position, r.old]));
    after.forEach((name, position) => {
      const old = before.indexOf(renamedFrom.get(position) ?? name);
      columns.push({ name: name ?? `#${position + 1}`, side, state: old < 0 ? "added" : renamedFrom.has(position) ? "changed" : "same" });
      newPositions[side].push(position);
      oldPositions[side].push(old < 0 ? null : old);
    });
    before.forEach((name, position) => {
      if (after.includes(name) || [...renamedFrom.values()].includes(name ?? "")) return;
      columns.push({ name: name ?? `#${position + 1}`, side, state: "removed" });
      newPositions[side].push(-1);
      oldPositions[side].push(position);
    });
  }
  const oldRules = new Map(ruleIds(oldBody).map((id, i) => [id, ((oldBody.rules as Rule[]) ?? [])[i]]));
  const newIds = ruleIds(newBody);
  const newRules = new Map(newIds.map((id, i) => [id, ((newBody.rules as Rule[]) ?? [])[i]]));
  const added = new Set(table.rows.added), moved = new Set(table.rows.moved);
  const changedIds = new Set(table.rows.changed.map((c) => String((c as { id: string }).id)));

  const cellsOf = (oldRule: Rule | undefined, newRule: Rule | undefined, rowState: CellState): GridCell[] => {
    const cells: GridCell[] = [];
    for (const [side, , entries] of SIDES) {
      newPositions[side].forEach((position, index) => {
        const oldPosition = oldPositions[side][index];
        const before = oldRule && oldPosition !== null ? oldRule[entries]?.[oldPosition] : undefined;
        const after = newRule && position >= 0 ? newRule[entries]?.[position] : undefined;
        if (rowState === "added") cells.push({ value: after, state: "added" });
        else if (rowState === "removed") cells.push({ value: before, state: "removed" });
        else if (position < 0) cells.push({ value: before, state: "removed" });
        else if (oldPosition === null) cells.push({ value: after, state: "added" });
        else if (JSON.stringify(before) !== JSON.stringify(after)) cells.push({ value: after, old: before, state: "changed" });
        else cells.push({ value: after, state: "same" });
      });
    }
    return cells;
  };
  const annotationOf = (oldRule: Rule | undefined, newRule: Rule | undefined) => {
    const value = newRule ? newRule.annotation : oldRule?.annotation;
    const old = oldRule?.annotation;
    const changed = !!oldRule && !!newRule && JSON.stringify(old ?? null) !== JSON.stringify(newRule.annotation ?? null);
    return value === undefined && !changed ? undefined : { value, old: changed ? old : undefined, changed };
  };

  const rows: GridRow[] = [];
  const rowFor = (id: string): GridRow => {
    if (added.has(id)) return { id, state: "added", cells: cellsOf(undefined, newRules.get(id), "added"), annotation: annotationOf(undefined, newRules.get(id)) };
    const oldRule = oldRules.get(id), newRule = newRules.get(id);
    const cells = cellsOf(oldRule, newRule, "same");
    const state = changedIds.has(id) || cells.some((c) => c.state !== "same") ? "changed" : moved.has(id) ? "moved" : "same";
    return { id, state, cells, annotation: annotationOf(oldRule, newRule) };
  };
  // removed rows go back after the old row before them that still exists (or first)
  const removedAfter = new Map<string | null, string[]>();
  let previous: string | null = null;
  for (const id of ruleIds(oldBody)) {
    if (table.rows.removed.includes(id)) {
      const list = removedAfter.get(previous) ?? [];
      list.push(id);
      removedAfter.set(previous, list);
    } else previous = id;
  }
  const pushRemoved = (after: string | null) => {
    for (const id of removedAfter.get(after) ?? []) {
      const oldRule = oldRules.get(id);
      rows.push({ id, state: "removed", cells: cellsOf(oldRule, undefined, "removed"), annotation: annotationOf(oldRule, undefined) });
    }
  };
  pushRemoved(null);
  for (const id of newIds) {
    rows.push(rowFor(id));
    pushRemoved(id);
  }
  return { columns, rows };
}

// ---- graphs (enrichment flows, orchestration plans) ----

export interface NodeChange { list: string; id: string; state: "added" | "removed" | "changed" | "moved"; paths: string[] }
export interface EdgeChange { from: string; to: string; state: "added" | "removed" }
const NODE_LISTS: Record<string, { lists: string[]; member: string }> = {
  enrichment_flow: { lists: ["steps"], member: "id" },
  orchestration_plan: { lists: ["tasks", "compensationTasks"], member: "key" },
  decomposition_rules: { lists: ["rules", "fulfilmentSystems"], member: "id" },
};

export function isGraphKind(kind: string): boolean {
  return kind in NODE_LISTS;
}

/** Which nodes a diff adds, removes, changes or moves (by their id or key), with the paths changed in each. */
export function nodeChanges(kind: string, oldDoc: Doc, newDoc: Doc, changes: ChangeRef[]): NodeChange[] {
  const spec = NODE_LISTS[kind];
  if (!spec) return [];
  const found = new Map<string, NodeChange>();
  for (const change of changes) {
    const parts = change.pointer.split("/");
    if (parts[1] !== "body" || !spec.lists.includes(parts[2]) || parts.length < 4) continue;
    const list = parts[2];
    const source = change.op === "remove" ? oldDoc : newDoc;
    const items = ((source.body as Doc | undefined)?.[list] as Doc[] | undefined) ?? [];
    const id = String(items[Number(parts[3])]?.[spec.member] ?? `#${parts[3]}`);
    const key = `${list}/${id}`;
    const whole = parts.length === 4;
    const state = whole && change.op === "add" ? "added" : whole && change.op === "remove" ? "removed" : whole && change.op === "move" ? "moved" : "changed";
    const entry = found.get(key) ?? { list, id, state, paths: [] };
    if (entry.state === "moved" && state === "changed") entry.state = "changed";
    if (!whole) entry.paths.push(parts.slice(4).join("/"));
    found.set(key, entry);
  }
  return [...found.values()];
}

/** Dependency edges (plans: dependsOn) present in one version only. */
export function edgeChanges(kind: string, oldDoc: Doc, newDoc: Doc): EdgeChange[] {
  if (kind !== "orchestration_plan") return [];
  const edges = (doc: Doc) => {
    const set = new Set<string>();
    for (const list of ["tasks", "compensationTasks"]) {
      for (const task of (((doc.body as Doc | undefined)?.[list] as Doc[] | undefined) ?? [])) {
        for (const dep of ((task.dependsOn as string[] | undefined) ?? [])) set.add(`${dep}\u0000${String(task.key)}`);
      }
    }
    return set;
  };
  const before = edges(oldDoc), after = edges(newDoc);
  const split = (edge: string, state: EdgeChange["state"]) => {
    const [from, to] = edge.split("\u0000");
    return { from, to, state };
  };
  return [...[...after].filter((e) => !before.has(e)).map((e) => split(e, "added")),
          ...[...before].filter((e) => !after.has(e)).map((e) => split(e, "removed"))];
}

/** A value as one short line for change lists and cells. */
export function shortJson(value: Json, max = 160): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
