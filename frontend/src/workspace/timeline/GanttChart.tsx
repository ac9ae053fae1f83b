// The Gantt of one order (SVAR React Gantt, readonly): this module and SVAR load only where a timeline shows.
import { useMemo, type FC } from "react";
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
  const { rows, links } = useMemo(() => {
    const data = ganttData(timeline, options);
    const now = new Date();
    const todayRow = { id: "today", text: "Today", start: now, end: now, type: "milestone" as const, progress: 0, state: "",
      jeopardy: "", critical: false, marker: null, actualStart: null, actualEnd: null, plannedStart: now, plannedEnd: now };
    return { rows: [todayRow, ...data.rows], links: data.links };
  }, [timeline, options]);
  const scale = scalesFor(options.scale);
  const today = new Date();
  const template = useMemo(() => barTemplate(options), [options]);
  const scales = scale.scales.map((s, i) => i === scale.scales.length - 1
    ? { ...s, css: (d: Date) => (options.scale !== "day" && sameDay(d, today)) || (options.scale === "day" && sameDay(d, today) && d.getHours() === today.getHours()) ? "wx-today-cell" : "" }
    : s);
  const Theme = dark ? WillowDark : Willow;
  return (
    <div className={classes.frame} data-testid="order-gantt" data-scale={options.scale}>
      <Theme fonts={false}>
        <Gantt key={`${options.scale}:${options.domainOrders}`} readonly tasks={rows} links={links} columns={COLUMNS}
          scales={scales} lengthUnit={scale.lengthUnit} cellWidth={scale.cellWidth} cellHeight={34} taskTemplate={template}
          highlightTime={(d, unit) => (unit === "day" && sameDay(d, today) ? "wx-today-cell" : "")} />
      </Theme>
    </div>
  );
}
