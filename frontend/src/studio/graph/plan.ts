// What the plan editor shows per task, pure: its lane (assignment group, or the system of its handler),
// durations in words, the jeopardy thresholds its SLA gives under the pack's jeopardy levels, the retry policy.
import type { Item } from "./model";

const UNITS: Array<[string, number]> = [["Y", 365 * 86400], ["W", 7 * 86400], ["D", 86400]];
const TIME_UNITS: Array<[string, number]> = [["H", 3600], ["M", 60], ["S", 1]];

/** Seconds of an ISO 8601 duration (P2D, PT1H30M, P1DT2H); null when it is not one. Months are not used by plans. */
export function durationSeconds(iso: unknown): number | null {
  if (typeof iso !== "string") return null;
  const match = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!match || iso === "P" || iso.endsWith("T")) return null;
  const factors = [...UNITS, ...TIME_UNITS].map(([, factor]) => factor);
  return match.slice(1).reduce((total, part, index) => total + (part ? Number(part) * factors[index] : 0), 0);
}

/** "2d 4h", "1h 30m", "45s": the two largest units. */
export function formatSeconds(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n) parts.push(`${n}${unit}`);
  }
  return parts.slice(0, 2).join(" ") || "0s";
}

export function formatDuration(iso: unknown): string | null {
  const seconds = durationSeconds(iso);
  return seconds === null ? null : formatSeconds(seconds);
}

export interface JeopardyLevel { level: string; atPercent: number }
export interface Threshold { level: string; atPercent: number; after: string }

/** When a task with this SLA reaches each jeopardy level (a level is a percentage of the SLA). */
export function thresholds(sla: unknown, levels: JeopardyLevel[]): Threshold[] {
  const seconds = durationSeconds(sla);
  if (seconds === null) return [];
  return levels.map(({ level, atPercent }) => ({ level, atPercent, after: formatSeconds((seconds * atPercent) / 100) }));
}

/** The swimlane: the assignment group of a person's task, else the system an auto task's handler belongs to. */
export function laneOf(task: Item): string {
  if (typeof task.assignmentGroup === "string" && task.assignmentGroup) return task.assignmentGroup;
  if (typeof task.handler === "string" && task.handler.includes(".")) return `system: ${task.handler.split(".")[0]}`;
  return "plan";
}

export function retrySummary(retry: unknown): string | null {
  if (!retry || typeof retry !== "object") return null;
  const policy = retry as { maxAttempts?: number; backoff?: string; multiplier?: number; maxBackoff?: string };
  if (!policy.maxAttempts) return null;
  const parts = [`${policy.maxAttempts} attempts`];
  const backoff = formatDuration(policy.backoff);
  if (backoff) parts.push(`back-off ${backoff}${policy.multiplier && policy.multiplier !== 1 ? ` ×${policy.multiplier}` : ""}`);
  const longest = formatDuration(policy.maxBackoff);
  if (longest) parts.push(`≤ ${longest}`);
  return parts.join(", ");
}
