// W6: the task queue — mine, my groups' (the server narrows an agent to its groups) or unassigned tasks, with
// the order, domain order, system, state, SLA used, jeopardy, due date, age and assignee of each.
import { Anchor, Badge, Group, Progress, SegmentedControl, Text, TextInput } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { useMe } from "../../shared/auth/session";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { JEOPARDY_TONE, age, barValue, when } from "./format";
import { TASKS_KEY, useTaskQueue, type TaskQuery, type TaskRow } from "./queries";

const VIEWS = [
  { value: "groups", label: "My groups'" },
  { value: "mine", label: "Mine" },
  { value: "unassigned", label: "Unassigned" },
];

export function SlaBar({ percent }: { percent: string | null | undefined }) {
  if (percent === null || percent === undefined) return <Text size="sm" c="dimmed">—</Text>;
  const value = barValue(percent);
  return (
    <Group gap={6} wrap="nowrap">
      <Progress value={value} w={70} aria-label={`SLA used ${percent} %`} color={value >= 100 ? "red" : value >= 75 ? "orange" : "teal"} />
      <Text size="xs">{percent} %</Text>
    </Group>
  );
}

export function JeopardyBadge({ level }: { level: string | null | undefined }) {
  if (!level) return <Text size="sm" c="dimmed">—</Text>;
  return <Badge variant="light" color={JEOPARDY_TONE[level] ?? "gray"}>{level}</Badge>;
}

const COLUMNS: Column<TaskRow>[] = [
  { key: "task", header: "Task", width: "minmax(180px, 2fr)", sortKey: "id",
    render: (t) => <Anchor component={Link} to={paths.task(t.id)} onClick={(e) => e.stopPropagation()}>{t.name || t.key}</Anchor> },
  { key: "order", header: "Order", render: (t) => (
    <Anchor component={Link} to={paths.order(t.orderId)} onClick={(e) => e.stopPropagation()}>{t.orderExternalId ?? t.orderId.slice(0, 8)}</Anchor>) },
  { key: "domain", header: "Domain order", render: (t) => t.domainOrderRef ?? "—" },
  { key: "system", header: "System", render: (t) => t.fulfilmentSystem ?? "—" },
  { key: "state", header: "State", sortKey: "state", width: "110px", render: (t) => <StateBadge state={t.state} /> },
  { key: "sla", header: "SLA", width: "130px", render: (t) => <SlaBar percent={t.slaPercent} /> },
  { key: "jeopardy", header: "Jeopardy", width: "100px", render: (t) => <JeopardyBadge level={t.jeopardy} /> },
  { key: "due", header: "Due", sortKey: "dueAt", render: (t) => when(t.dueAt) },
  { key: "age", header: "Age", width: "100px", render: (t) => age(t.readyAt) },
  { key: "assignee", header: "Assignee", render: (t) => t.assignee ?? <Text size="sm" c="dimmed">unassigned</Text> },
];

export default function TaskQueuePage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const { params, update, offset } = useListParams(50);
  const view = params.filters.view ?? "groups";
  const query: TaskQuery = { offset, limit: params.pageSize, sort: (params.sort ?? undefined) as TaskQuery["sort"] };
  if (view === "mine" && me) query.assignee = me.username;
  if (view === "unassigned") query.unassigned = true;
  if (params.filters.group) query.group = params.filters.group;
  if (params.filters.orderId) query.orderId = params.filters.orderId;
  const queue = useTaskQueue(query);
  useLiveRefresh(["queue:*"], [TASKS_KEY]);

  return (
    <>
      <PageHeader title="Task queue" description="Tasks of your assignment groups: claim one, complete it with its outputs, or raise a fallout." />
      <Group mb="sm" align="flex-end">
        <SegmentedControl aria-label="Which tasks" data={VIEWS} value={view}
          onChange={(value) => update({ filters: { view: value === "groups" ? null : value } })} />
        <TextInput label="Assignment group" placeholder="any" size="xs" defaultValue={params.filters.group ?? ""}
          onBlur={(e) => update({ filters: { group: e.currentTarget.value.trim() || null } })}
          onKeyDown={(e) => { if (e.key === "Enter") update({ filters: { group: e.currentTarget.value.trim() || null } }); }} />
      </Group>
      {queue.error && <ErrorNotice error={queue.error} />}
      <DataList label="Tasks" columns={COLUMNS} rows={queue.data?.rows ?? []} rowKey={(t) => t.id}
        total={queue.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={queue.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        sort={params.sort} onSort={(sort) => update({ sort })} onOpen={(t) => navigate(paths.task(t.id))}
        empty="No open tasks here." />
    </>
  );
}
