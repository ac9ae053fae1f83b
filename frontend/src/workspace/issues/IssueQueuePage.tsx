// The order desk's queue of the issues customers raised on their orders: the open ones by default, oldest
// first; filters by state and kind in the URL; a row opens the issue to answer it.
import { Group, Select, Text } from "@mantine/core";
import { useNavigate } from "react-router";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { KIND_LABELS, useIssues, type Issue, type IssueQuery } from "./queries";

const TIME = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

const COLUMNS: Column<Issue>[] = [
  { key: "subject", header: "Subject", width: "minmax(200px, 2fr)", render: (i) => <Text span size="sm" fw={500} truncate="end" display="block">{i.subject}</Text> },
  { key: "kind", header: "Kind", width: "130px", render: (i) => KIND_LABELS[i.kind] },
  { key: "order", header: "Order", width: "minmax(140px, 1fr)", render: (i) => <Text span size="sm" truncate="end" display="block">{i.orderExternalId ?? i.orderId}</Text> },
  { key: "party", header: "Customer", width: "120px", render: (i) => i.partyId ?? "—" },
  { key: "state", header: "State", sortKey: "state", width: "110px", render: (i) => <StateBadge state={i.state} /> },
  { key: "raised", header: "Raised", sortKey: "raisedAt", width: "130px", render: (i) => TIME.format(new Date(i.raisedAt)) },
];

const STATES = [
  { value: "open", label: "Open" }, { value: "answered", label: "Answered" }, { value: "closed", label: "Closed" },
  { value: "any", label: "Any state" },
];
const KINDS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));

export default function IssueQueuePage() {
  const { params, update, offset } = useListParams(50);
  const navigate = useNavigate();
  const list = useIssues({
    offset, limit: params.pageSize, sort: (params.sort ?? undefined) as IssueQuery["sort"],
    state: (params.filters.state ?? "open") as IssueQuery["state"],
    kind: (params.filters.kind || undefined) as IssueQuery["kind"],
  });

  return (
    <>
      <PageHeader title="Customer issues" description="Questions, problems and change requests customers raised on their orders: answer them here." />
      <Group mb="sm" gap="sm" align="flex-end">
        <Select label="State" w={160} data={STATES} value={params.filters.state ?? "open"} allowDeselect={false}
          onChange={(state) => update({ filters: { state: state === "open" ? null : state } })} />
        <Select label="Kind" placeholder="Any kind" clearable w={180} data={KINDS} value={params.filters.kind ?? null}
          onChange={(kind) => update({ filters: { kind } })} />
      </Group>
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Customer issues" columns={COLUMNS} rows={list.data?.items ?? []} rowKey={(i) => i.id}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="No issue in this state: the queue is clear."
        onOpen={(i) => navigate(paths.issue(i.id))} />
    </>
  );
}
