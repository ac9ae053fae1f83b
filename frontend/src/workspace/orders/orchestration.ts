// W4's pure logic: which items each domain order serves, the tasks in dependency order, and which tiles a click
// on a task highlights (the tasks it follows and those that follow it, in the same domain order).
export interface TaskLike { id: string; key: string; domainOrderId: string; dependsOn: string[] }
export interface LineLike { itemId?: string | null }

/** The item ids a domain order's lines fulfil, in first-seen order. */
export function itemsServed(lines: readonly LineLike[] | undefined): string[] {
  const found: string[] = [];
  for (const line of lines ?? []) if (line.itemId && !found.includes(line.itemId)) found.push(line.itemId);
  return found;
}

/** Tasks of one domain order, each after the tasks it depends on (stable otherwise; cycles keep their order). */
export function inDependencyOrder<T extends TaskLike>(tasks: readonly T[]): T[] {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const ordered: T[] = [];
  const place = (task: T) => {
    if (placed.has(task.key) || visiting.has(task.key)) return;
    visiting.add(task.key);
    for (const key of task.dependsOn) {
      const before = byKey.get(key);
      if (before) place(before);
    }
    visiting.delete(task.key);
    placed.add(task.key);
    ordered.push(task);
  };
  tasks.forEach(place);
  return ordered;
}

export interface Highlight { upstream: Set<string>; downstream: Set<string> }

/** The ids of the tasks `selected` depends on (directly or not) and of those depending on it. */
export function dependenciesOf(tasks: readonly TaskLike[], selectedId: string | null): Highlight {
  const highlight: Highlight = { upstream: new Set(), downstream: new Set() };
  const selected = tasks.find((t) => t.id === selectedId);
  if (!selected) return highlight;
  const same = tasks.filter((t) => t.domainOrderId === selected.domainOrderId);
  const byKey = new Map(same.map((t) => [t.key, t]));
  const walkUp = (task: TaskLike) => {
    for (const key of task.dependsOn) {
      const before = byKey.get(key);
      if (before && !highlight.upstream.has(before.id)) { highlight.upstream.add(before.id); walkUp(before); }
    }
  };
  const walkDown = (task: TaskLike) => {
    for (const after of same) {
      if (after.dependsOn.includes(task.key) && !highlight.downstream.has(after.id)) { highlight.downstream.add(after.id); walkDown(after); }
    }
  };
  walkUp(selected);
  walkDown(selected);
  return highlight;
}
