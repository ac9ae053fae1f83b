// One import as it runs: progress (share read, rows per second, time left), its counts, cancel while it runs;
// then the orders it created or found (the orders list filtered by the import), its rejects by row and column,
// and the rejects file to fix and import again.
import { useState } from "react";
import { Alert, Anchor, Button, Card, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { toast } from "../../shared/ui/toast";
import { paths } from "../../shared/url/paths";
import { isFinal, rejectsFileUrl, useCancelImport, useImport, useRejects, type OrderImport, type Reject } from "./queries";

const COUNT = new Intl.NumberFormat();
const PAGE = 50;

const REJECT_COLUMNS: Column<Reject>[] = [
  { key: "row", header: "Row", width: "80px", render: (r) => r.row },
  { key: "column", header: "Column", width: "140px", render: (r) => r.column ?? "—" },
  { key: "order", header: "Order key", width: "140px", render: (r) => r.orderKey ?? "—" },
  { key: "message", header: "Problem", width: "minmax(300px, 4fr)", render: (r) => <Text span size="sm" truncate="end" display="block" title={r.message}>{r.message}</Text> },
];

export default function ImportPage() {
  const { importId = "" } = useParams();
  const found = useImport(importId);
  if (found.isPending) return <Text c="dimmed">Loading…</Text>;
  if (found.error) return <ErrorNotice error={found.error} />;
  return <ImportDetail record={found.data} />;
}

function ImportDetail({ record }: { record: OrderImport }) {
  const cancel = useCancelImport(record.id);
  const [page, setPage] = useState(1);
  const rejects = useRejects(record.id, (page - 1) * PAGE, PAGE, record.rowsRejected > 0);
  const running = !isFinal(record.state);
  const title = `${record.dryRun ? "Dry run of" : "Import of"} ${record.fileName}`;
  return (
    <Stack maw={1100}>
      <Text size="sm"><Link to={paths.imports()}>Imports</Link></Text>
      <PageHeader title={title}
        description={`${record.mapping ? `Mapping ${record.mapping.key} v${record.mapping.version}` : "TMF622 JSON Lines"}, source ${record.source}, by ${record.createdBy}`}
        actions={<>
          <StateBadge state={record.state} size="lg" />
          {running && <Button color="red" variant="light" loading={cancel.isPending}
            onClick={() => cancel.mutate(undefined, { onSuccess: () => toast({ title: "Import cancelled", message: "Orders it created stay." }) })}>Cancel import</Button>}
          <Button component={Link} to={paths.importNew()} variant="default">New import</Button>
        </>} />
      {cancel.error && <ErrorNotice error={cancel.error} />}
      {record.error && <Alert color="red" title="The import failed">{record.error}</Alert>}
      <Card withBorder>
        <Stack gap="xs">
          <Progress value={(record.progress ?? (running ? 0 : 1)) * 100} size="lg" animated={running}
            aria-label="Share of the file read" />
          <Text size="sm" data-testid="import-rate">
            {record.progress !== null ? `${Math.round(record.progress * 100)} % read` : `${COUNT.format(record.rowsRead)} rows read`}
            {record.rowsPerSecond ? ` · ${COUNT.format(record.rowsPerSecond)} rows/s` : ""}
            {record.secondsLeft !== null && running ? ` · about ${Math.ceil(record.secondsLeft)} s left` : ""}
          </Text>
        </Stack>
      </Card>
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="import-counts">
        <Figure label="Rows read" value={record.rowsRead} />
        <Figure label={record.dryRun ? "Orders valid" : "Orders created"} value={record.dryRun ? record.ordersValid : record.ordersCreated} />
        <Figure label="Already imported" value={record.ordersExisting} />
        <Figure label="Orders rejected" value={record.ordersRejected} />
        <Figure label="Rows rejected" value={record.rowsRejected} />
      </SimpleGrid>
      {!record.dryRun && ordersOf(record) > 0 && (
        <Anchor component={Link} to={paths.importOrders(record.id)} data-testid="import-orders">
          {ordersOf(record) === 1 ? "Open the order of this import" : `Open the ${COUNT.format(ordersOf(record))} orders of this import`}
        </Anchor>
      )}
      {record.rowsRejected > 0 && (
        <>
          <Group justify="space-between">
            <Text fw={600}>Rejected rows</Text>
            <Anchor href={rejectsFileUrl(record.id)} download data-testid="rejects-file">Download the rejects to fix and import again</Anchor>
          </Group>
          {rejects.error && <ErrorNotice error={rejects.error} />}
          <DataList label="Rejected rows" columns={REJECT_COLUMNS} rows={rejects.data?.items ?? []}
            rowKey={(r) => `${r.row}-${r.column ?? ""}-${r.message}`} total={rejects.data?.total ?? 0}
            page={page} pageSize={PAGE} onPage={setPage} loading={rejects.isPending} />
        </>
      )}
    </Stack>
  );
}

function ordersOf(record: OrderImport): number {
  return record.ordersCreated + record.ordersExisting;
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={600}>{COUNT.format(value)}</Text>
    </Card>
  );
}
