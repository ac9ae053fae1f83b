// The server's timeline (GET /orders/{id}/timeline) as Gantt rows and links: domain orders as summary rows,
// tasks as bars spanning the planned times, the actual times carried along for the bar's marker, the server's
// critical path as a flag (SVAR's own critical path is a paid feature; this one is the server's answer).
import type { Schemas } from "../../shared/api/client";

export type Timeline = Schemas["TimelineView"];
export type Scale = "day" | "week" | "month";

export interface GanttOptions {
  domainOrders: boolean;
  dependencies: boolean;
}

export interface GanttRow {
  id: string;
  text: string;
  start: Date;
  end: Date;
  type: "task" | "summary" | "milestone";
  parent?: string;
  open?: boolean;
  progress: number;
  state: string;
  jeopardy: string;
  critical: boolean;
  marker: string | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  plannedStart: Date;
  plannedEnd: Date;
}

export interface GanttLink {
  id: string;
  source: string;
  target: string;
  type: "e2s";
}

const MINUTE = 60_000;

function date(text: string): Date {
  return new Date(text);
}

/** Rows and links of the chart for the chosen options (a task's bar is at least a minute long). */
export function ganttData(timeline: Timeline, options: GanttOptions): { rows: GanttRow[]; links: GanttLink[] } {
  const rows: GanttRow[] = [];
  const withTasks = new Set(timeline.tasks.map((t) => t.domainOrderId));
  if (options.domainOrders) {
    for (const d of timeline.domainOrders) {
      if (!withTasks.has(d.id) || !d.plannedStart || !d.plannedEnd) continue;
      const start = date(d.plannedStart);
      const end = new Date(Math.max(date(d.plannedEnd).getTime(), start.getTime() + MINUTE));
      rows.push({
        id: `do:${d.id}`, text: `${d.ref}${d.replaces ? " (redo)" : ""}`, start, end, type: "summary", open: true,
        progress: 0, state: d.state, jeopardy: d.jeopardy ?? "", critical: false, marker: d.replaces ? "redo" : null,
        actualStart: null, actualEnd: null, plannedStart: start, plannedEnd: end,
      });
    }
  }
  for (const t of timeline.tasks) {
    const start = date(t.plannedStart);
    const plannedEnd = date(t.plannedEnd);
    const milestone = t.type === "milestone";
    const end = new Date(Math.max(plannedEnd.getTime(), start.getTime() + (milestone ? 0 : MINUTE)));
    rows.push({
      id: t.id, text: t.marker === "undo" ? `${t.name} (undo)` : t.name, start, end: milestone ? start : end,
      type: milestone ? "milestone" : "task", parent: options.domainOrders ? `do:${t.domainOrderId}` : undefined,
      progress: t.actualEnd ? 100 : 0, state: t.state, jeopardy: t.jeopardy ?? "", critical: t.critical,
      marker: t.marker ?? null, actualStart: t.actualStart ? date(t.actualStart) : null,
      actualEnd: t.actualEnd ? date(t.actualEnd) : null, plannedStart: start, plannedEnd,
    });
  }
  const ids = new Set(timeline.tasks.map((t) => t.id));
  const links = options.dependencies
    ? timeline.tasks.flatMap((t) => t.dependsOn.filter((p) => ids.has(p))
      .map((p): GanttLink => ({ id: `${p}>${t.id}`, source: p, target: t.id, type: "e2s" })))
    : [];
  return { rows, links };
}

/** Where the actual run sits inside the planned bar, in percent of the bar (null without an actual start). */
export function actualSpan(row: Pick<GanttRow, "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd">, now: Date):
  { left: number; width: number } | null {
  if (!row.actualStart) return null;
  const span = row.plannedEnd.getTime() - row.plannedStart.getTime();
  if (span <= 0) return null;
  const end = (row.actualEnd ?? now).getTime();
  const left = ((row.actualStart.getTime() - row.plannedStart.getTime()) / span) * 100;
  const width = Math.max(1, ((end - row.actualStart.getTime()) / span) * 100);
  return { left, width };
}

/** The time scales of each zoom: day (days and hours), week (weeks and days), month (months and weeks). */
export function scalesFor(scale: Scale) {
  const day = (d: Date) => d.toLocaleDateString(undefined, { day: "numeric", month: "short" });
  switch (scale) {
    case "day":
      return { lengthUnit: "hour", cellWidth: 40, scales: [
        { unit: "day", step: 1, format: day },
        { unit: "hour", step: 1, format: (d: Date) => `${d.getHours()}` },
      ] };
    case "week":
      return { lengthUnit: "day", cellWidth: 60, scales: [
        { unit: "week", step: 1, format: (d: Date) => `Week of ${day(d)}` },
        { unit: "day", step: 1, format: day },
      ] };
    case "month":
      return { lengthUnit: "week", cellWidth: 90, scales: [
        { unit: "month", step: 1, format: (d: Date) => d.toLocaleDateString(undefined, { month: "long", year: "numeric" }) },
        { unit: "week", step: 1, format: day },
      ] };
  }
}
