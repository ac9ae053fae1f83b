// W2: the orders list — the columns the agent chooses, filters in the URL, named filter sets saved per user
// (localStorage), a row opens the order.
import { useState } from "react";
import { Anchor, Button, Group, Popover, Select, Stack, Text, TextInput } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconDeviceFloppy, IconTrash } from "@tabler/icons-react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, type QueryOf } from "../../shared/api/client";
import { useMe } from "../../shared/auth/session";
import { ColumnChooser } from "../../shared/ui/ColumnChooser";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import {
  COLUMN_IDS, COLUMN_LABELS, type ColumnId, columnsKey, filterQuery, FIXED_COLUMNS, readColumns, readSavedFilters, removeFilter,
  saveFilter, savedFiltersKey,
} from "./listLogic";
import { State, Tag } from "./Badges";
import { when } from "./format";
import { orderKeys, usePaged, type OrderSummary } from "./queries";

type ListQuery = QueryOf<"/api/v1/orders">;

export const STATES = ["acknowledged", "pending", "held", "inProgress", "assessingCancellation", "pendingCancellation", "completed",
  "partial", "failed", "cancelled", "rejected"].map((value) => ({ value, label: value.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() }));
const LEVELS = ["low", "medium", "high", "critical"];
const PRIORITIES = ["0", "1", "2", "3", "4"];
const YES_NO = [{ value: "true", label: "yes" }, { value: "false", label: "no" }];
const COLUMNS: Record<ColumnId, Column<OrderSummary>> = {
  id: { key: "id", header: "Number", sortKey: "id", width: "minmax(150px, 1.2fr)",
    render: (o) => <Anchor component={Link} to={paths.order(o.id)} size="sm" onClick={(e) => e.stopPropagation()}>{o.id}</Anchor> },
  externalId: { key: "externalId", header: "External id", width: "minmax(120px, 1fr)", render: (o) => o.externalId ?? "" },
  party: { key: "party", header: "Party", width: "minmax(110px, 1fr)", render: (o) => o.partyName ?? o.partyId ?? "" },
  state: { key: "state", header: "State", sortKey: "state", width: "140px", render: (o) => <State state={o.state} /> },
  priority: { key: "priority", header: "Priority", sortKey: "priority", width: "84px", render: (o) => o.priority ?? "" },
  orderDate: { key: "orderDate", header: "Order date", sortKey: "orderDate", width: "150px", render: (o) => when(o.orderDate) },
  requestedCompletion: { key: "requestedCompletion", header: "Requested completion", sortKey: "requestedCompletionDate", width: "150px",
    render: (o) => when(o.requestedCompletionDate) },
  jeopardy: { key: "jeopardy", header: "Jeopardy", width: "96px", render: (o) => (o.jeopardy ? <State state={o.jeopardy} /> : "") },
  pointOfNoReturn: { key: "pointOfNoReturn", header: "Point of no return", width: "110px",
    render: (o) => (o.pointOfNoReturn ? <Tag color="orange">passed</Tag> : <Text size="xs" c="dimmed">not passed</Text>) },
  revision: { key: "revision", header: "Revision", sortKey: "revision", width: "84px", render: (o) => o.revision },
  fallouts: { key: "fallouts", header: "Fallouts", width: "80px",
    render: (o) => (o.falloutCount ? <Tag color="red">{o.falloutCount}</Tag> : <Text size="xs" c="dimmed">0</Text>) },
  pack: { key: "pack", header: "Pack version", width: "minmax(110px, 1fr)", render: (o) => (o.packKey ? `${o.packKey} v${o.packVersion}` : "") },
  items: { key: "items", header: "Items", width: "64px", render: (o) => o.itemCount },
};

function asDate(value: string | undefined): string | undefined {
  return value ? `${value}T00:00:00Z` : undefined;
}

function listQuery(filters: Record<string, string>, offset: number, limit: number, sort: string | null): ListQuery {
  const flag = (value: string | undefined) => (value === undefined ? undefined : value === "true");
  return {
    offset, limit, sort: (sort ?? undefined) as ListQuery["sort"],
    state: filters.state, party: filters.party, priority: filters.priority, jeopardy: filters.jeopardy,
    externalId: filters.externalId, importId: filters.importId, pack: filters.pack ? Number(filters.pack) : undefined,
    pointOfNoReturn: flag(filters.pointOfNoReturn), fallout: flag(filters.fallout),
    revisionFrom: filters.revisionFrom ? Number(filters.revisionFrom) : undefined,
    orderDateFrom: asDate(filters.orderDateFrom), orderDateTo: asDate(filters.orderDateTo),
    requestedCompletionFrom: asDate(filters.requestedFrom), requestedCompletionTo: asDate(filters.requestedTo),
  };
}

function SavedFilters({ username }: { username: string }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [stored, setStored] = useLocalStorage<string>({ key: savedFiltersKey(username), defaultValue: "[]" });
  const saved = readSavedFilters(stored);
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const apply = (value: string | null) => {
    setChosen(value);
    const found = saved.find((f) => f.name === value);
    if (found) navigate(`${paths.orders()}?${found.query}`);
  };
  return (
    <Group gap="xs" align="flex-end">
      <Select label="Saved filters" placeholder={saved.length ? "Choose a saved filter" : "None saved yet"} w={220} clearable
        data={saved.map((f) => f.name)} value={chosen} onChange={apply} />
      {chosen && (
        <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />}
          onClick={() => { setStored(JSON.stringify(removeFilter(saved, chosen))); setChosen(null); }}>Delete</Button>
      )}
      <Popover position="bottom-start" shadow="md" trapFocus>
        <Popover.Target>
          <Button variant="default" leftSection={<IconDeviceFloppy size={16} />}>Save filter</Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form onSubmit={(event) => {
            event.preventDefault();
            setStored(JSON.stringify(saveFilter(saved, name, filterQuery(search))));
            setChosen(name.trim() || null);
            setName("");
          }}>
            <Stack gap="xs">
              <TextInput label="Name of this filter" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
              <Button type="submit" size="xs">Save</Button>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

export default function OrdersPage() {
  const { params, update, offset } = useListParams(50);
  const navigate = useNavigate();
  const { data: me } = useMe();
  const username = me?.username ?? "";
  const [storedColumns, setColumns] = useLocalStorage<string>({ key: columnsKey(username), defaultValue: "" });
  const shownIds = readColumns(storedColumns || null);
  const f = params.filters;
  const query = listQuery(f, offset, params.pageSize, params.sort);
  const list = usePaged(orderKeys.list(query), () => api.GET("/api/v1/orders", { params: { query } }));
  const set = (name: string) => (value: string | null) => update({ filters: { [name]: value } });
  const text = (name: string) => ({ value: f[name] ?? "", onChange: (e: React.ChangeEvent<HTMLInputElement>) => update({ filters: { [name]: e.currentTarget.value || null } }) });

  return (
    <>
      <PageHeader title="Orders" description="Customer orders in every state; filters and sort stay in the address, saved filters per user in this browser." />
      <Group mb="sm" justify="space-between" align="flex-end">
        <SavedFilters username={username} />
        <ColumnChooser columns={COLUMN_IDS} labels={COLUMN_LABELS} fixed={FIXED_COLUMNS} shown={shownIds}
          onChange={(next) => setColumns(JSON.stringify(next))} />
      </Group>
      <Group mb="sm" gap="sm" align="flex-end" role="search" aria-label="Order filters">
        <Select label="State" placeholder="Any" clearable w={170} data={STATES} value={f.state ?? null} onChange={set("state")} />
        <TextInput label="Party id" w={140} {...text("party")} />
        <Select label="Priority" placeholder="Any" clearable w={100} data={PRIORITIES} value={f.priority ?? null} onChange={set("priority")} />
        <Select label="Jeopardy" placeholder="Any" clearable w={120} data={LEVELS} value={f.jeopardy ?? null} onChange={set("jeopardy")} />
        <Select label="Past point of no return" placeholder="Any" clearable w={120} data={YES_NO} value={f.pointOfNoReturn ?? null} onChange={set("pointOfNoReturn")} />
        <Select label="Open fallout" placeholder="Any" clearable w={110} data={YES_NO} value={f.fallout ?? null} onChange={set("fallout")} />
        <TextInput label="Revision at least" type="number" min={1} w={110} {...text("revisionFrom")} />
        <TextInput label="Pack id" type="number" min={0} w={90} {...text("pack")} />
        <TextInput label="Ordered from" type="date" w={150} {...text("orderDateFrom")} />
        <TextInput label="Ordered before" type="date" w={150} {...text("orderDateTo")} />
        <TextInput label="Requested from" type="date" w={150} {...text("requestedFrom")} />
        <TextInput label="Requested before" type="date" w={150} {...text("requestedTo")} />
        <TextInput label="External id" w={160} {...text("externalId")} />
        <TextInput label="Import id" w={160} {...text("importId")} />
      </Group>
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Orders" columns={shownIds.map((id) => COLUMNS[id])} rows={list.data?.items ?? []} rowKey={(o) => o.id}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="No order matches these filters."
        onOpen={(o) => navigate(paths.order(o.id))} />
    </>
  );
}
