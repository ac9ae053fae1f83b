// S4: the orchestration plan's tasks on the shared graph canvas, a swimlane per assignment group (or the
// system of an auto task's handler); per task its SLA with the jeopardy thresholds, retry policy, point of no
// return and compensation, on the node and in the panel.
import { createContext, useContext, useMemo } from "react";
import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import {
  IconArrowBackUp, IconClock, IconFlag, IconGavel, IconHourglass, IconLock, IconRepeat, IconRobot, IconTool, IconUser,
} from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import { PLAN_SPEC, type Item, type Json } from "./model";
import type { Fact } from "./nodes";
import { GraphEditor, type GraphConfig } from "./GraphEditor";
import type { PaletteEntry } from "./Palette";
import { formatDuration, laneOf, retrySummary, thresholds, type JeopardyLevel } from "./plan";
import { useJeopardyLevels } from "./queries";

const TASK_TYPES: Record<string, Omit<PaletteEntry, "type">> = {
  auto: { label: "Automatic", color: "blue", icon: <IconRobot size={14} />, description: "A handler does it: inline, or as a job for a remote system." },
  manual: { label: "Manual", color: "teal", icon: <IconUser size={14} />, description: "A person of the assignment group does it in the workspace." },
  workOrder: { label: "Work order", color: "orange", icon: <IconTool size={14} />, description: "Field work a person of the group does and completes." },
  approval: { label: "Approval", color: "grape", icon: <IconGavel size={14} />, description: "A person with the role approves or rejects it." },
  milestone: { label: "Milestone", color: "green", icon: <IconFlag size={14} />, description: "Completes at once and announces the milestone." },
  waitUntil: { label: "Wait", color: "gray", icon: <IconHourglass size={14} />, description: "A timer: waits for a duration or until a date." },
};

const Levels = createContext<JeopardyLevel[]>([]);

function jeopardyText(sla: unknown, levels: JeopardyLevel[]): string {
  return thresholds(sla, levels).map((t) => `${t.level} at ${t.after} (${t.atPercent}%)`).join(", ");
}

function facts(item: Item, levels: JeopardyLevel[]): Fact[] {
  const found: Fact[] = [];
  const sla = formatDuration(item.sla);
  if (sla) {
    const jeopardy = jeopardyText(item.sla, levels);
    found.push({ key: "sla", icon: <IconClock size={10} />, text: `SLA ${sla}`, label: `SLA ${sla}${jeopardy ? `; jeopardy ${jeopardy}` : ""}` });
  }
  const retry = retrySummary(item.retry);
  if (retry) found.push({ key: "retry", icon: <IconRepeat size={10} />, text: `${(item.retry as Json).maxAttempts}×`, label: `Retry: ${retry}` });
  if (item.pointOfNoReturn === true) found.push({ key: "ponr", icon: <IconLock size={10} />, text: "PONR", label: "Point of no return", color: "red" });
  if (typeof item.compensation === "string" && item.compensation) {
    found.push({ key: "compensation", icon: <IconArrowBackUp size={10} />, text: item.compensation, label: `Compensation: ${item.compensation}`, color: "violet" });
  }
  return found;
}

function summary(item: Item, body: Json) {
  return <TaskSummary item={item} body={body} />;
}

function TaskSummary({ item, body }: { item: Item; body: Json }) {
  const levels = useContext(Levels);
  const sla = formatDuration(item.sla);
  const retry = retrySummary(item.retry);
  const compensation = typeof item.compensation === "string" ? item.compensation : null;
  const undo = compensation ? ((body.compensationTasks as Item[] | undefined) ?? []).find((task) => task.key === compensation) : undefined;
  const rows: Array<[string, React.ReactNode]> = [
    ["Lane", laneOf(item)],
    ["Expected duration", formatDuration(item.duration) ?? "—"],
    ["SLA", sla ?? "none (no jeopardy watch)"],
    ["Jeopardy", sla ? (thresholds(item.sla, levels).length ? (
      <Group gap={4}>{thresholds(item.sla, levels).map((t) => <Badge key={t.level} size="xs" variant="light">{t.level} {t.after}</Badge>)}</Group>
    ) : "levels not found") : "—"],
    ["Retry", retry ?? "none"],
    ["Point of no return", item.pointOfNoReturn === true ? <Badge size="xs" color="red.9" leftSection={<IconLock size={10} />}>yes</Badge> : "no"],
    ["Compensation", compensation ? (undo ? `${compensation}: ${String(undo.name ?? undo.type)}` : <Text size="xs" c="red">{compensation}: not among the compensation tasks</Text>) : "none"],
  ];
  return (
    <Stack gap={2}>
      <Table withRowBorders={false} verticalSpacing={2} fz="xs" aria-label="Task facts" data-testid="task-facts">
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}><Table.Th w={130}>{name}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function makeConfig(levels: JeopardyLevel[]): GraphConfig {
  return {
    spec: PLAN_SPEC,
    palette: PLAN_SPEC.types.map((type) => ({ type, ...TASK_TYPES[type] })),
    look: (item: Item) => {
      const type = String(item.type ?? "");
      const meta = TASK_TYPES[type];
      const shape = type === "milestone" ? "milestone" as const : type === "approval" ? "approval" as const : "box" as const;
      return { typeLabel: meta?.label ?? (type || "?"), color: meta?.color ?? "gray", shape, facts: facts(item, levels) };
    },
    laneOf,
    summary,
  };
}

const NO_LEVELS: JeopardyLevel[] = [];

export default function OrchestrationPlanEditor(props: EditorProps) {
  const levels = useJeopardyLevels(true).data ?? NO_LEVELS;
  const config = useMemo(() => makeConfig(levels), [levels]);
  return (
    <Levels.Provider value={levels}>
      <GraphEditor {...props} config={config} />
    </Levels.Provider>
  );
}
