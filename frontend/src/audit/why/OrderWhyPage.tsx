// A4: an order's "why" — the pack it ran on, and the artifact, version and row behind every price line,
// adjustment, decomposition rule and task, each linked to that version in the rule browser (A2). Follows the
// order's live events, so an order still being priced or planned fills in as it goes.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Anchor, Card, Code, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { paths } from "../../shared/url/paths";
import { DataList, type Column } from "../../shared/ui/DataList";
import { when } from "../logic";
import { auditKeys, useOrderWhy, useTrace, type OrderWhy, type Provenance, type TraceEntry } from "../queries";

const TRACE_PAGE = 50;

export default function OrderWhyPage() {
  const orderId = useParams().orderId ?? "";
  const why = useOrderWhy(orderId);
  useLiveRefresh(orderId ? [`order:${orderId}`] : [], [auditKeys.why(orderId)]);
  const data = why.data;
  return (
    <>
      <PageHeader title={<>Why order <Code fz="inherit">{data?.externalId ?? orderId}</Code> got what it got</>}
        description="Every price line and task with the artifact version and row that produced it."
        actions={<Anchor component={Link} to={paths.order(orderId)}>Open the order</Anchor>} />
      {why.error && <ErrorNotice error={why.error} />}
      {why.isPending && <Loader aria-label="Loading the order's provenance" />}
      {data && (
        <Stack gap="lg">
          <Group gap="md">
            <StateBadge variant="dot" state={data.state} />
            <Text size="sm">Ran on pack {data.pack ? <Anchor component={Link} to={paths.auditPacks()} size="sm"><Code data-testid="order-pack">{data.pack.pack}</Code></Anchor> : "none"}</Text>
          </Group>
          <Prices why={data} />
          <Tasks why={data} />
          <Decisions orderId={orderId} />
        </Stack>
      )}
    </>
  );
}

export function ProvenanceLink({ provenance }: { provenance: Provenance | null | undefined }) {
  if (!provenance?.artifact) return <Text size="sm" c="dimmed">{provenance?.row ?? "unknown"}</Text>;
  const to = `${paths.auditRule(provenance.artifact)}${provenance.version ? `?v=${provenance.version}` : ""}`;
  return (
    <Anchor component={Link} to={to} size="sm" data-provenance={`${provenance.artifact}@${provenance.version ?? ""}`}>
      <Code>{provenance.artifact}</Code>{provenance.version ? ` v${provenance.version}` : ""}
    </Anchor>
  );
}

function Row({ provenance }: { provenance: Provenance | null | undefined }) {
  return provenance?.row ? <Code>{provenance.row}</Code> : null;
}

function Prices({ why }: { why: OrderWhy }) {
  return (
    <Card withBorder component="section" aria-label="Prices">
      <Title order={2} size="h4" mb="xs">Price lines ({why.priceLines.length})</Title>
      {why.priceLines.length === 0 ? <Text size="sm" c="dimmed">The order was not priced.</Text> : (
        <Table withTableBorder aria-label="Price lines">
          <Table.Thead><Table.Tr><Table.Th>Item</Table.Th><Table.Th>Offering</Table.Th><Table.Th>Charge</Table.Th><Table.Th>Amount</Table.Th><Table.Th>Artifact</Table.Th><Table.Th>Row</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {why.priceLines.map((line, i) => (
              <Table.Tr key={i}>
                <Table.Td>{line.itemId}</Table.Td>
                <Table.Td>{line.offering}</Table.Td>
                <Table.Td>{line.priceType}{line.recurringChargePeriod ? ` / ${line.recurringChargePeriod}` : ""}</Table.Td>
                <Table.Td>{String(line.quantity)} × {line.unitAmount} = <b>{line.amount} {line.currency}</b></Table.Td>
                <Table.Td><ProvenanceLink provenance={line.provenance} /></Table.Td>
                <Table.Td><Row provenance={line.provenance} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {why.adjustments.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">Adjustments ({why.adjustments.length})</Title>
          <Table withTableBorder aria-label="Adjustments">
            <Table.Thead><Table.Tr><Table.Th>Level</Table.Th><Table.Th>Name</Table.Th><Table.Th>Value</Table.Th><Table.Th>Amount</Table.Th><Table.Th>Artifact</Table.Th><Table.Th>Row</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {why.adjustments.map((a, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{a.level}{a.itemId ? ` (item ${a.itemId})` : ""}</Table.Td>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.type} {a.value}</Table.Td>
                  <Table.Td>{a.amount} ({a.priceType})</Table.Td>
                  <Table.Td><ProvenanceLink provenance={a.provenance} /></Table.Td>
                  <Table.Td><Row provenance={a.provenance} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

function Tasks({ why }: { why: OrderWhy }) {
  return (
    <Card withBorder component="section" aria-label="Domain orders and tasks">
      <Title order={2} size="h4" mb="xs">Domain orders and tasks</Title>
      {why.domainOrders.length === 0 && <Text size="sm" c="dimmed">No domain order was planned.</Text>}
      <Stack gap="md">
        {why.domainOrders.map((d) => (
          <Stack key={d.id} gap={4} data-domain-order={d.ref}>
            <Group gap="xs">
              <Title order={3} size="h5">{d.ref}</Title>
              <StateBadge variant="dot" state={d.state} size="sm" />
              <Text size="sm">plan</Text><ProvenanceLink provenance={d.plan} />
            </Group>
            {d.decomposition.length > 0 && (
              <Group gap={6}>
                <Text size="sm">Lines made by decomposition rules:</Text>
                {d.decomposition.map((p, i) => <Group gap={2} key={i}><ProvenanceLink provenance={p} /><Row provenance={p} /></Group>)}
              </Group>
            )}
            <Table withTableBorder aria-label={`Tasks of ${d.ref}`}>
              <Table.Thead><Table.Tr><Table.Th>Task</Table.Th><Table.Th>Type</Table.Th><Table.Th>State</Table.Th><Table.Th>Artifact</Table.Th><Table.Th>Row</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.tasks.map((t) => (
                  <Table.Tr key={t.id} data-task={t.key}>
                    <Table.Td><Anchor component={Link} to={paths.task(t.id)} size="sm">{t.name}</Anchor></Table.Td>
                    <Table.Td>{t.type}</Table.Td>
                    <Table.Td><StateBadge variant="dot" state={t.state} size="sm" /></Table.Td>
                    <Table.Td><ProvenanceLink provenance={t.provenance} /></Table.Td>
                    <Table.Td><Row provenance={t.provenance} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

function short(value: unknown): string {
  const text = value === undefined ? "" : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Every decision the rules took for the order, stage by stage (GET /orders/{id}/trace), paged by the server. */
function Decisions({ orderId }: { orderId: string }) {
  const [page, setPage] = useState(1);
  const trace = useTrace(orderId, (page - 1) * TRACE_PAGE, TRACE_PAGE);
  const offset = (page - 1) * TRACE_PAGE;
  const rows = (trace.data?.rows ?? []).map((entry, index) => ({ ...entry, position: offset + index }));
  const columns: Column<TraceEntry>[] = [
    { key: "at", header: "When", width: "180px", render: (e) => when(e.at) },
    { key: "stage", header: "Stage", width: "120px", render: (e) => e.stage },
    { key: "artifact", header: "Artifact", width: "minmax(180px, 1fr)", render: (e) => <ProvenanceLink provenance={{ artifact: e.artifact, version: e.version, row: e.rule }} /> },
    { key: "rule", header: "Row", width: "minmax(140px, 1fr)", render: (e) => e.rule ? <Code>{e.rule}</Code> : null },
    { key: "decision", header: "Decided", width: "minmax(200px, 2fr)", render: (e) => <Text size="xs" truncate title={short(e.decision)}><Code>{short(e.decision)}</Code></Text> },
  ];
  return (
    <Card withBorder component="section" aria-label="Decisions">
      <Title order={2} size="h4" mb="xs">Decisions, stage by stage</Title>
      {trace.error && <ErrorNotice error={trace.error} />}
      <DataList label="Decision trace" columns={columns} rows={rows} rowKey={(e) => String((e as TraceEntry & { position: number }).position)}
        total={trace.data?.total ?? 0} page={page} pageSize={TRACE_PAGE} onPage={setPage} loading={trace.isPending} height={420}
        empty="No decision was recorded." />
    </Card>
  );
}
