// W9: the jeopardy board — orders in jeopardy filtered by level (at least), group and minimum age, predicted vs
// requested completion; the alerts the scan raised, acknowledged here. Links to each order and its timeline.
import { useMemo, useState } from "react";
import { Anchor, Badge, Button, Group, Select, Switch, Text, TextInput, Title } from "@mantine/core";
import { Link } from "react-router";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { useCan } from "../../shared/auth/session";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { ageOf, ageSince } from "./age";
import { useAcknowledge, useAlerts, useBoard, type Alert, type BoardQuery, type BoardRow } from "./queries";

const LEVELS = ["low", "medium", "high", "critical"];
const MIN_AGES = [{ value: "PT1H", label: "1 hour" }, { value: "PT4H", label: "4 hours" }, { value: "P1D", label: "1 day" },
  { value: "P2D", label: "2 days" }, { value: "P7D", label: "7 days" }];
const when = (at: string | null | undefined) => (at ? new Date(at).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }) : "—");

const BOARD_COLUMNS: Column<BoardRow>[] = [
  { key: "order", header: "Order", sortKey: "orderId", width: "100px", render: (r) => <Anchor component={Link} to={paths.order(r.orderId)} ff="monospace" onClick={(e) => e.stopPropagation()}>{r.orderId.slice(0, 8)}</Anchor> },
  { key: "level", header: "Level", sortKey: "level", width: "110px", render: (r) => <StateBadge state={r.level} miw={80} /> },
  { key: "age", header: "Age", sortKey: "ageSeconds", width: "70px", render: (r) => ageOf(r.ageSeconds) },
  { key: "predicted", header: "Predicted", width: "minmax(150px, 1fr)", render: (r) => when(r.predictedCompletion) },
  { key: "requested", header: "Requested", width: "minmax(150px, 1fr)", render: (r) => when(r.committed) },
  { key: "late", header: "Late by", width: "80px", render: (r) => (r.lateBySeconds ? ageOf(r.lateBySeconds) : "—") },
  { key: "groups", header: "At-risk tasks", width: "minmax(140px, 1.2fr)", render: (r) => r.tasks.map((t) => `${t.key ?? t.taskId.slice(0, 8)} (${t.assignmentGroup ?? "no group"})`).join(", ") },
  { key: "escalated", header: "Escalated to", width: "minmax(100px, 1fr)", render: (r) => r.escalatedTo.join(", ") },
  { key: "timeline", header: "Timeline", width: "90px", render: (r) => <Anchor component={Link} to={paths.orderTimeline(r.orderId)} onClick={(e) => e.stopPropagation()} aria-label={`Timeline of order ${r.orderId.slice(0, 8)}`}>Timeline</Anchor> },
];

export default function JeopardyPage() {
  const { params, update, offset } = useListParams(50);
  const f = params.filters;
  const query: BoardQuery = { offset, limit: params.pageSize, sort: (params.sort as BoardQuery["sort"]) ?? undefined,
    level: (f.level as BoardQuery["level"]) ?? undefined, group: f.group, minAge: f.minAge };
  const board = useBoard(query);
  const [group, setGroup] = useState(f.group ?? "");
  return (
    <>
      <PageHeader title="Jeopardy" description="Orders at risk of missing their requested completion, most severe first." />
      <Group mb="sm" align="flex-end" wrap="wrap">
        <Select label="Level at least" placeholder="Any level" clearable data={LEVELS} value={f.level ?? null} w={160}
          onChange={(value) => update({ filters: { level: value } })} />
        <TextInput label="Group" placeholder="assignment group" value={group} w={200}
          onChange={(e) => setGroup(e.currentTarget.value)} onBlur={() => update({ filters: { group: group.trim() || null } })}
          onKeyDown={(e) => e.key === "Enter" && update({ filters: { group: group.trim() || null } })} />
        <Select label="Older than" placeholder="Any age" clearable data={MIN_AGES} value={f.minAge ?? null} w={150}
          onChange={(value) => update({ filters: { minAge: value } })} />
      </Group>
      {board.error && <ErrorNotice error={board.error} />}
      {board.data && board.data.unassessed > 0 && (
        <Text size="sm" mb="xs" role="status">{board.data.unassessed} order(s) in flight could not be assessed and are not on the board.</Text>
      )}
      <DataList label="Jeopardy board" columns={BOARD_COLUMNS} rows={board.data?.rows ?? []} rowKey={(r) => r.orderId}
        total={board.data?.total ?? 0} page={params.page} pageSize={params.pageSize} onPage={(page) => update({ page })}
        sort={params.sort} onSort={(sort) => update({ sort })} loading={board.isPending} height={420}
        empty="No order in flight is in jeopardy at these filters." />
      <Alerts />
    </>
  );
}

function Alerts() {
  const [page, setPage] = useState(1);
  const [unacknowledged, setUnacknowledged] = useState(true);
  const alerts = useAlerts({ offset: (page - 1) * 25, limit: 25, acknowledged: unacknowledged ? false : undefined });
  const acknowledge = useAcknowledge();
  const canAcknowledge = useCan("task.assign");
  const columns = useMemo<Column<Alert>[]>(() => [
    { key: "at", header: "Raised", width: "90px", render: (a) => `${ageSince(a.createdAt)} ago` },
    { key: "order", header: "Order", width: "100px", render: (a) => <Anchor component={Link} to={paths.order(a.orderId)} ff="monospace">{a.orderId.slice(0, 8)}</Anchor> },
    { key: "level", header: "Level", width: "110px", render: (a) => <StateBadge state={a.level} miw={80} /> },
    { key: "scope", header: "Scope", width: "70px", render: (a) => a.scope },
    { key: "group", header: "Group", width: "minmax(90px, 1fr)", render: (a) => a.assignmentGroup ?? "" },
    { key: "escalated", header: "Escalated to", width: "minmax(100px, 1fr)", render: (a) => a.escalatedTo ?? "" },
    { key: "reason", header: "Reason", width: "minmax(180px, 2fr)", render: (a) => <Text size="sm" truncate="end" maw={260} title={a.reason}>{a.reason}</Text> },
    { key: "ack", header: "Acknowledged", width: "170px", render: (a) => a.acknowledgedBy ? <Badge color="teal.9" tt="none" maw={160}>{a.acknowledgedBy}</Badge>
      : canAcknowledge ? (
        <Button size="xs" variant="light" loading={acknowledge.isPending && acknowledge.variables?.id === a.id}
          onClick={() => acknowledge.mutate({ id: a.id })} aria-label={`Acknowledge the ${a.level ?? ""} alert of order ${a.orderId.slice(0, 8)}`}>Acknowledge</Button>
      ) : <Text size="sm" c="dimmed">no</Text> },
  ], [acknowledge, canAcknowledge]);
  return (
    <section aria-labelledby="alerts-title">
      <Group justify="space-between" mt="lg" mb="xs">
        <Title order={2} size="h4" id="alerts-title">Alerts</Title>
        <Switch label="Unacknowledged only" checked={unacknowledged} onChange={(e) => { setUnacknowledged(e.currentTarget.checked); setPage(1); }} />
      </Group>
      {acknowledge.error && <ErrorNotice error={acknowledge.error} />}
      {alerts.error && <ErrorNotice error={alerts.error} />}
      <DataList label="Jeopardy alerts" columns={columns} rows={alerts.data?.rows ?? []} rowKey={(a) => a.id} total={alerts.data?.total ?? 0}
        page={page} pageSize={25} onPage={setPage} loading={alerts.isPending} height={360} empty="No alerts." />
    </section>
  );
}
