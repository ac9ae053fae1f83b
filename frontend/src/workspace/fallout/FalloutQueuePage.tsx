// W7: the fallout queue — all I see, mine, my groups'; filters in the URL; select many and retry them at once.
import { useMemo, useState } from "react";
import { Anchor, Badge, Button, Checkbox, CloseButton, Group, SegmentedControl, Select, Table, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { useCan } from "../../shared/auth/session";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { ageSince, AGE_BUCKETS } from "./age";
import { useBulkRetry, useFalloutList, type Fallout, type FalloutQuery } from "./queries";

const SCOPES = [{ value: "all", label: "All I see" }, { value: "mine", label: "Mine" }, { value: "groups", label: "My groups'" }];
const FILTER_NAMES: Record<string, string> = { type: "Type", group: "Group", priority: "Priority", age: "Age", assignee: "Assignee", orderId: "Order" };

export default function FalloutQueuePage() {
  const { params, update, offset } = useListParams(50);
  const navigate = useNavigate();
  const canWork = useCan("fallout.work");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useBulkRetry();
  const f = params.filters;
  const query: FalloutQuery = {
    offset, limit: params.pageSize, sort: (params.sort as FalloutQuery["sort"]) ?? undefined,
    scope: (f.scope as FalloutQuery["scope"]) ?? undefined, state: (f.state as FalloutQuery["state"]) ?? undefined,
    type: f.type, group: f.group, assignee: f.assignee, orderId: f.orderId,
    priority: f.priority ? Number(f.priority) : undefined, age: (f.age as FalloutQuery["age"]) ?? undefined,
  };
  const list = useFalloutList(query);
  const rows = list.data?.rows ?? [];

  const toggle = (id: string, on: boolean) => setSelected((current) => {
    const next = new Set(current);
    if (on) next.add(id); else next.delete(id);
    return next;
  });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const columns = useMemo<Column<Fallout>[]>(() => [
    ...(canWork ? [{
      key: "select", header: "Select", width: "56px",
      render: (row: Fallout) => (
        <Checkbox aria-label={`Select fallout ${row.id.slice(0, 8)}`} checked={selected.has(row.id)}
          disabled={row.state !== "open"} onClick={(e) => e.stopPropagation()}
          onChange={(e) => toggle(row.id, e.currentTarget.checked)} />
      ),
    }] : []),
    { key: "number", header: "Number", width: "96px", render: (row) => (
      <Anchor component={Link} to={paths.fallout(row.id)} onClick={(e) => e.stopPropagation()} ff="monospace">{row.id.slice(0, 8)}</Anchor>
    ) },
    { key: "type", header: "Type", sortKey: "type", width: "minmax(120px, 1.2fr)", render: (row) => <Text size="sm" truncate="end" maw={150} title={row.type}>{row.type}</Text> },
    { key: "task", header: "Task", width: "minmax(90px, 1fr)", render: (row) => row.taskKey ?? <Text c="dimmed" size="sm">whole order</Text> },
    { key: "item", header: "Item", width: "minmax(120px, 1.4fr)", render: (row) => <Text size="sm" truncate="end" maw={170} title={row.item ?? ""}>{row.item ?? ""}</Text> },
    { key: "state", header: "State", width: "96px", render: (row) => <StateBadge state={row.state} miw={72} /> },
    { key: "priority", header: "Priority", sortKey: "priority", width: "80px", render: (row) => <Badge variant="outline" color="gray">P{row.priority}</Badge> },
    { key: "group", header: "Group", sortKey: "assignmentGroup", width: "minmax(100px, 1fr)", render: (row) => row.assignmentGroup },
    { key: "assignee", header: "Assignee", width: "minmax(90px, 1fr)", render: (row) => row.assignee ?? <Text c="dimmed" size="sm">unassigned</Text> },
    { key: "age", header: "Age", sortKey: "createdAt", width: "64px", render: (row) => ageSince(row.createdAt) },
  ], [canWork, selected]);

  const retrySelected = () => bulk.mutate([...selected], { onSuccess: () => setSelected(new Set()) });
  const activeFilters = Object.entries(FILTER_NAMES).filter(([name]) => f[name]);

  return (
    <>
      <PageHeader title="Fallout" description="Failed work someone must resolve: open a record to see the failing call and act on it."
        actions={<Anchor component={Link} to={paths.falloutDashboard()}>Dashboard</Anchor>} />
      <Group mb="sm" gap="md" wrap="wrap">
        <SegmentedControl aria-label="Whose records" data={SCOPES} value={f.scope ?? "all"}
          onChange={(value) => update({ filters: { scope: value === "all" ? null : value } })} />
        <Select aria-label="State" w={140} data={[{ value: "open", label: "Open" }, { value: "resolved", label: "Resolved" }]}
          value={f.state ?? "open"} allowDeselect={false} onChange={(value) => update({ filters: { state: value === "open" ? null : value } })} />
        <Select aria-label="Age" placeholder="Any age" w={130} clearable data={[...AGE_BUCKETS]} value={f.age ?? null}
          onChange={(value) => update({ filters: { age: value } })} />
        {activeFilters.filter(([name]) => name !== "age").map(([name, label]) => (
          <Badge key={name} variant="light" size="lg" rightSection={
            <CloseButton size="xs" aria-label={`Clear the ${label.toLowerCase()} filter`} onClick={() => update({ filters: { [name]: null } })} />}>
            {label}: {f[name]}
          </Badge>
        ))}
        {canWork && (
          <Button leftSection={<IconRefresh size={16} />} disabled={selected.size === 0} loading={bulk.isPending} onClick={retrySelected}>
            Retry selected ({selected.size})
          </Button>
        )}
        {canWork && rows.length > 0 && (
          <Checkbox label="Select all on this page" checked={allOnPage}
            onChange={(e) => { const on = e.currentTarget.checked; rows.filter((r) => r.state === "open").forEach((r) => toggle(r.id, on)); }} />
        )}
      </Group>
      {bulk.error && <ErrorNotice error={bulk.error} />}
      {bulk.data && (
        <section aria-label="Bulk retry results">
          <Title order={2} size="h4" my="xs">Bulk retry: {bulk.data.retried} of {bulk.data.results.length} retried</Title>
          <Table mb="md" aria-label="Retry outcome per record">
            <Table.Thead><Table.Tr><Table.Th>Record</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Status</Table.Th><Table.Th>Detail</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {bulk.data.results.map((r) => (
                <Table.Tr key={r.id} data-outcome={r.outcome}>
                  <Table.Td><Anchor component={Link} to={paths.fallout(r.id)} ff="monospace">{r.id.slice(0, 8)}</Anchor></Table.Td>
                  <Table.Td><Badge color={r.outcome === "retried" ? "teal.9" : r.outcome === "forbidden" ? "grape.9" : "red.9"}>{r.outcome}</Badge></Table.Td>
                  <Table.Td>{r.status}</Table.Td>
                  <Table.Td>{r.detail ?? ""}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Fallout records" columns={columns} rows={rows} rowKey={(r) => r.id} total={list.data?.total ?? 0}
        page={params.page} pageSize={params.pageSize} onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        sort={params.sort} onSort={(sort) => update({ sort })} onOpen={(row) => navigate(paths.fallout(row.id))}
        loading={list.isPending} empty="No fallout records match." />
    </>
  );
}
