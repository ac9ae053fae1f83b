// The Gantt of one order (SVAR React Gantt, readonly): this module and SVAR load only where a timeline shows.
import { useEffect, useMemo, useRef, type FC } from "react";
import { useComputedColorScheme } from "@mantine/core";
import { Gantt, Willow, WillowDark, type IApi, type ITask } from "@svar-ui/react-gantt";
import { actualSpan, ganttData, scalesFor, type Scale, type Timeline } from "./ganttData";
import classes from "./GanttChart.module.css";
import { injectSvarCss } from "./svarTheme";

injectSvarCss();

export interface ChartOptions {
  scale: Scale;
  labels: boolean;
  domainOrders: boolean;
  critical: boolean;
  dependencies: boolean;
}

const COLUMNS = [
  { id: "text", header: "Task", flexgrow: 2 },
  { id: "state", header: "State", width: 90 },
  { id: "jeopardy", header: "Jeopardy", width: 80 },
];

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const UNIT_MS: Record<string, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** Whether the scale cell of `unit` starting at `start` holds `now` (the today marker in the scale). */
function holdsNow(start: Date, unit: string, now: Date): boolean {
  if (unit === "month") return start.getFullYear() === now.getFullYear() && start.getMonth() === now.getMonth();
  const length = UNIT_MS[unit];
  return length !== undefined && start.getTime() <= now.getTime() && now.getTime() < start.getTime() + length;
}

/** SVAR's tree grid says role="grid" with aria-expanded rows, numbers one row 0 and labels its resize grips
 * without a role: make them valid ARIA (treegrid, no row 0, separators) so assistive technology (and axe) read them right. */
function repairAria(root: HTMLElement): void {
  root.querySelectorAll('[role="grid"]').forEach((el) => el.setAttribute("role", "treegrid"));
  root.querySelectorAll('[aria-rowindex="0"]').forEach((el) => el.removeAttribute("aria-rowindex"));
  root.querySelectorAll('.wx-grip[aria-label]:not([role="separator"])').forEach((el) => {
    el.setAttribute("role", "separator");
    el.setAttribute("aria-orientation", "vertical");
  });
}

function barTemplate(options: ChartOptions): FC<{ data: ITask; api: IApi; onaction: (ev: { action: string; data: { [key: string]: any } }) => void }> {
  return function Bar({ data }) {
    const now = new Date();
    const actual = data.type === "task" ? actualSpan(data as Parameters<typeof actualSpan>[0], now) : null;
    const classNames = [classes.bar, data.marker === "undo" ? classes.undo : "", `ordo-state-${data.state}`].join(" ");
    return (
      <div className={classNames} data-task={data.id} data-critical={data.critical ? "true" : "false"}
        title={`${data.text}: ${data.state}${data.critical ? ", on the critical path" : ""}`}>
        {options.critical && data.critical && <span className={`${classes.critical} ordo-critical`} />}
        {actual && <span className={`${classes.actual} ordo-actual`} style={{ left: `${actual.left}%`, width: `${actual.width}%` }} />}
        {options.labels && data.type !== "milestone" && <span className={classes.label}>{data.text}</span>}
      </div>
    );
  };
}

export default function GanttChart({ timeline, options }: { timeline: Timeline; options: ChartOptions }) {
  const dark = useComputedColorScheme("light") === "dark";
  const { rows, links } = useMemo(() => ganttData(timeline, options), [timeline, options]);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!frame.current) return;
    const target = frame.current;
    repairAria(target);
    const observer = new MutationObserver(() => repairAria(target));
    observer.observe(target, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  const scale = scalesFor(options.scale);
  const today = new Date();
  const template = useMemo(() => barTemplate(options), [options]);
  const scales = scale.scales.map((s) => ({ ...s, css: (d: Date) => (holdsNow(d, s.unit, today) ? "wx-today-cell" : "") }));
  const Theme = dark ? WillowDark : Willow;
  return (
    <div className={classes.frame} ref={frame} data-testid="order-gantt" data-scale={options.scale}>
      <Theme fonts={false}>
        <Gantt key={`${options.scale}:${options.domainOrders}`} readonly tasks={rows} links={links} columns={COLUMNS}
          scales={scales} lengthUnit={scale.lengthUnit} cellWidth={scale.cellWidth} cellHeight={34} taskTemplate={template}
          highlightTime={(d, unit) => (unit === "day" && sameDay(d, today) ? "wx-today-cell" : "")} />
      </Theme>
    </div>
  );
}
