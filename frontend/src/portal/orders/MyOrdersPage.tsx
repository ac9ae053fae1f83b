// P2 my orders: the customer's own orders (the server narrows them to the party), searchable, sortable and
// filterable by state and order date, everything in the URL; the CSV export downloads the same filters.
import { useEffect, useState } from "react";
import { Button, Group, Select, Text, TextInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDownload, IconSearch } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge, stateLabel } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { downloadOrdersCsv, useMyOrders, type MyOrdersQuery, type PortalOrder } from "./queries";
import { dayOf, formatDate, nextDay } from "./dates";

const STATES = ["acknowledged", "pending", "inProgress", "held", "completed", "partial", "failed", "cancelled",
  "rejected", "assessingCancellation", "pendingCancellation"].map((value) => ({ value, label: stateLabel(value) }));

const COLUMNS: Column<PortalOrder>[] = [
  { key: "ref", header: "Your reference", sortKey: "externalId", width: "minmax(160px, 1.2fr)",
    render: (o) => <Text span size="sm" fw={500}>{o.externalId ?? o.id}</Text> },
  { key: "products", header: "Products", width: "minmax(160px, 1.4fr)",
    render: (o) => <Text span size="sm" truncate="end" display="block" title={o.products.join(", ")}>{o.products.join(", ")}</Text> },
  { key: "state", header: "State", sortKey: "state", width: "150px", render: (o) => <StateBadge state={o.state} /> },
  { key: "ordered", header: "Ordered", sortKey: "orderDate", width: "130px", render: (o) => formatDate(o.orderDate) },
  { key: "requested", header: "Requested by", width: "130px", render: (o) => formatDate(o.requestedCompletionDate) },
  { key: "completed", header: "Completed", width: "130px", render: (o) => formatDate(o.completionDate) },
  { key: "items", header: "Items", width: "70px", render: (o) => o.itemCount },
];

export default function MyOrdersPage() {
  const { params, update, offset } = useListParams(50);
  const navigate = useNavigate();
  const [search, setSearch] = useState(params.filters.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  useEffect(() => {
    // a search still settling when a row opened an order must not land in the order page's URL
    if (window.location.pathname !== paths.portalOrders()) return;
    if ((params.filters.q ?? "") !== debounced) update({ filters: { q: debounced || null } });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps -- only a typed change moves the URL

  const filters = {
    q: params.filters.q || undefined,
    state: params.filters.state || undefined,
    orderDateFrom: params.filters.from ? `${params.filters.from}T00:00:00` : undefined,
    orderDateTo: params.filters.to ? `${nextDay(params.filters.to)}T00:00:00` : undefined,
    sort: (params.sort ?? undefined) as MyOrdersQuery["sort"],
  };
  const list = useMyOrders({ ...filters, offset, limit: params.pageSize });

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadOrdersCsv(filters);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader title="My orders" description="Every order of your account: open one to follow it, ask about it or cancel it."
        actions={<Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting} onClick={() => void exportCsv()}>Export CSV</Button>} />
      <Group mb="sm" gap="sm" align="flex-end">
        <TextInput label="Search" placeholder="Reference, order number or product" leftSection={<IconSearch size={14} />} w={280}
          value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
        <Select label="State" placeholder="Any state" clearable w={200} data={STATES} value={params.filters.state ?? null}
          onChange={(state) => update({ filters: { state } })} />
        <DatePickerInput label="Ordered from" clearable w={160} valueFormat="YYYY-MM-DD"
          value={params.filters.from ?? null} onChange={(value) => update({ filters: { from: dayOf(value) } })} />
        <DatePickerInput label="Ordered until" clearable w={160} valueFormat="YYYY-MM-DD"
          value={params.filters.to ?? null} onChange={(value) => update({ filters: { to: dayOf(value) } })} />
      </Group>
      {exportError != null && <ErrorNotice error={exportError} title="The export failed" />}
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="My orders" columns={COLUMNS} rows={list.data?.items ?? []} rowKey={(o) => o.id}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="No order matches these filters."
        onOpen={(o) => navigate(paths.portalOrder(o.id))} />
    </>
  );
}
