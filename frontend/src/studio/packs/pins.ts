// Pure logic of the pack composer: which stage a pinned artifact serves, the composed pins against a base,
// the versions an artifact may be pinned at. No React here, so Vitest can check it.

/** A pack's stages in pipeline order; an artifact that no binding names is "referenced" (used by another one). */
export const STAGE_ORDER = ["catalog", "enrichment", "pricing", "approval", "decomposition", "orchestration",
  "jeopardy", "fallout"] as const;
export const REFERENCED = "referenced";

export type Pins = Record<string, number>;

/** Every binding path that names `artifact`: "pricing.matrices", "orchestration.cfs-internet", "catalog". */
export function bindingPaths(bindings: Record<string, unknown>, artifact: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value === artifact) found.push(path.join("."));
    else if (Array.isArray(value)) value.forEach((entry) => walk(entry, path));
    else if (value && typeof value === "object") {
      for (const [name, inner] of Object.entries(value)) walk(inner, [...path, name]);
    }
  };
  walk(bindings, []);
  return found;
}

/** The stage an artifact serves: the first segment of its first binding path, else "referenced". */
export function stageOf(bindings: Record<string, unknown>, artifact: string): string {
  const paths = bindingPaths(bindings, artifact);
  return paths.length ? paths[0].split(".")[0] : REFERENCED;
}

export interface PinRow {
  key: string;
  version: number;
  stage: string;
  /** where the bindings name it, e.g. ["orchestration.cfs-internet", "orchestration.rfs-gpon-access"] */
  boundAs: string[];
}

export interface StageGroup {
  stage: string;
  pins: PinRow[];
}

function stageRank(stage: string): number {
  const index = (STAGE_ORDER as readonly string[]).indexOf(stage);
  return index >= 0 ? index : stage === REFERENCED ? STAGE_ORDER.length + 1 : STAGE_ORDER.length;
}

/** Pins grouped by stage in pipeline order (unknown stages after the known ones, "referenced" last). */
export function groupByStage(pins: Pins, bindings: Record<string, unknown>): StageGroup[] {
  const groups = new Map<string, PinRow[]>();
  for (const key of Object.keys(pins).sort()) {
    const boundAs = bindingPaths(bindings, key);
    const stage = boundAs.length ? boundAs[0].split(".")[0] : REFERENCED;
    if (!groups.has(stage)) groups.set(stage, []);
    groups.get(stage)!.push({ key, version: pins[key], stage, boundAs });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => stageRank(a) - stageRank(b) || a.localeCompare(b))
    .map(([stage, rows]) => ({ stage, pins: rows }));
}

export interface PinChanges {
  added: Pins;
  removed: Pins;
  changed: { key: string; from: number; to: number }[];
  empty: boolean;
}

/** What `next` changes against `base`: added, removed and re-pinned artifacts (sorted by key). */
export function pinChanges(base: Pins, next: Pins): PinChanges {
  const added: Pins = {};
  const removed: Pins = {};
  const changed: PinChanges["changed"] = [];
  for (const key of Object.keys(next).sort()) {
    if (!(key in base)) added[key] = next[key];
    else if (base[key] !== next[key]) changed.push({ key, from: base[key], to: next[key] });
  }
  for (const key of Object.keys(base).sort()) if (!(key in next)) removed[key] = base[key];
  const empty = !changed.length && !Object.keys(added).length && !Object.keys(removed).length;
  return { added, removed, changed, empty };
}

export interface VersionRef {
  version: number;
  status: string;
}

/** The versions a pin may name: published ones, newest first. */
export function pinnableVersions(versions: readonly VersionRef[]): number[] {
  return versions.filter((v) => v.status === "published").map((v) => v.version).sort((a, b) => b - a);
}

/** Drop the bindings that name an artifact no longer pinned (a removed pin must not leave a dangling binding). */
export function bindingsWithout(bindings: Record<string, unknown>, removed: readonly string[]): Record<string, unknown> {
  const gone = new Set(removed);
  const prune = (value: unknown): unknown => {
    if (typeof value === "string") return gone.has(value) ? undefined : value;
    if (Array.isArray(value)) return value.map(prune).filter((entry) => entry !== undefined);
    if (value && typeof value === "object") {
      const kept: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(value)) {
        const pruned = prune(inner);
        if (pruned !== undefined) kept[name] = pruned;
      }
      return kept;
    }
    return value;
  };
  return prune(bindings) as Record<string, unknown>;
}

export interface LintCounts {
  error: number;
  warning: number;
  info: number;
}

/** Findings counted by severity. */
export function lintCounts(findings: readonly { severity: string }[]): LintCounts {
  const counts: LintCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    if (finding.severity === "error" || finding.severity === "warning" || finding.severity === "info") counts[finding.severity] += 1;
  }
  return counts;
}

/** "telco-demo@3" → {key, version}; null when it is not one. */
export function parsePackRef(ref: string): { key: string; version: number } | null {
  const at = ref.lastIndexOf("@");
  const version = Number(ref.slice(at + 1));
  return at > 0 && Number.isInteger(version) ? { key: ref.slice(0, at), version } : null;
}
