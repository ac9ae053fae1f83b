// The imports, newest first: state, file, mapping, counts and progress; a row opens the import.
import { Button, Group, Progress, Select, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { useImports, type ImportListQuery, type OrderImport } from "./queries";

const TIME = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const COUNT = new Intl.NumberFormat();

const COLUMNS: Column<OrderImport>[] = [
  { key: "file", header: "File", width: "minmax(180px, 2fr)", render: (i) => <Text span size="sm" fw={500} truncate="end" display="block">{i.fileName}</Text> },
  { key: "state", header: "State", width: "120px", render: (i) => <StateBadge state={i.state} /> },
  { key: "mode", header: "Mode", width: "90px", render: (i) => (i.dryRun ? "dry run" : "import") },
  { key: "mapping", header: "Mapping", width: "minmax(140px, 1fr)", render: (i) => (i.mapping ? `${i.mapping.key} v${i.mapping.version}` : "TMF622 JSON Lines") },
  { key: "progress", header: "Read", width: "120px", render: (i) => (i.progress === null ? "—" : <Progress value={i.progress * 100} size="sm" aria-label={`${Math.round(i.progress * 100)} % read`} />) },
  { key: "created", header: "Created", width: "90px", render: (i) => COUNT.format(i.ordersCreated) },
  { key: "rejected", header: "Rejected", width: "90px", render: (i) => COUNT.format(i.ordersRejected) },
  { key: "by", header: "By", width: "110px", render: (i) => i.createdBy },
  { key: "at", header: "Started", sortKey: "createdAt", width: "130px", render: (i) => TIME.format(new Date(i.createdAt)) },
];

const STATES = ["queued", "running", "completed", "cancelled", "failed"].map((value) => ({ value, label: value }));

export default function ImportsPage() {
  const { params, update, offset } = useListParams(50);
  const navigate = useNavigate();
  const list = useImports({
    offset, limit: params.pageSize, sort: (params.sort ?? undefined) as ImportListQuery["sort"],
    state: (params.filters.state || undefined) as ImportListQuery["state"],
  });
  return (
    <>
      <PageHeader title="Imports" description="Orders imported from partners' and legacy systems' files."
        actions={<Button component={Link} to={paths.importNew()}>New import</Button>} />
      <Group mb="sm"><Select label="State" placeholder="Any state" clearable w={180} data={STATES}
        value={params.filters.state ?? null} onChange={(state) => update({ filters: { state } })} /></Group>
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Imports" columns={COLUMNS} rows={list.data?.items ?? []} rowKey={(i) => i.id}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="No import yet: start one with New import."
        onOpen={(i) => navigate(paths.importDetail(i.id))} />
    </>
  );
}
