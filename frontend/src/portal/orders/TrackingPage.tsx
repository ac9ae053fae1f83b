// P3 order tracking: where the order is (milestones, each item's state), when it is expected against when it was
// asked for, the notes written for the customer, what is missing, the issues raised and their answers; supply
// information, cancel (only when the server says it still can be), request a change, raise an issue.
import { useState } from "react";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconMessageQuestion, IconPencil } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { KIND_LABELS, type IssueKind } from "../../workspace/issues/queries";
import { CancelOrder } from "./CancelOrder";
import { formatDate, formatMoment } from "./dates";
import { Milestones } from "./Milestones";
import { OrderNotFound } from "./OrderNotFound";
import { portalKeys, useTracking, type Tracking } from "./queries";
import { RaiseIssueDialog } from "./RaiseIssueDialog";
import { SupplyInformation } from "./SupplyInformation";

export default function TrackingPage() {
  const { orderId = "" } = useParams();
  const tracking = useTracking(orderId);
  const [raising, setRaising] = useState<IssueKind | null>(null);
  useLiveRefresh(tracking.data ? [`order:${orderId}`] : [], [portalKeys.tracking(orderId)]);

  if (tracking.isPending) return <Text c="dimmed">Loading…</Text>;
  if (tracking.error) return <ErrorNotice error={tracking.error} />;
  const order = tracking.data;
  if (!order) return <OrderNotFound />;

  return (
    <Stack gap="lg">
      <Text size="sm"><Link to={paths.portalOrders()}>My orders</Link></Text>
      <PageHeader title={<>Order {order.externalId ?? order.id} <StateBadge state={order.state} size="lg" ml="xs" /></>}
        description={order.status}
        actions={<>
          <Button variant="default" leftSection={<IconMessageQuestion size={16} />} onClick={() => setRaising("question")}>Raise an issue</Button>
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setRaising("changeRequest")}>Request a change</Button>
          <CancelOrder order={order} />
        </>} />
      {order.reason && <Text size="sm">Reason: {order.reason}</Text>}
      {!order.canCancel && order.cancelRefusal && (
        <Text size="sm" c="dimmed" data-testid="cancel-refusal">{order.cancelRefusal}</Text>
      )}
      <Card withBorder padding="md">
        <Milestones milestones={order.milestones} />
      </Card>
      <Dates order={order} />
      {order.missingInformation.length > 0 && <SupplyInformation order={order} />}
      <Items order={order} />
      <Notes order={order} />
      <Issues order={order} />
      <RaiseIssueDialog orderId={order.id} kind={raising} onClose={() => setRaising(null)} />
    </Stack>
  );
}

function Dates({ order }: { order: Tracking }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 4 }}>
      <Fact label="Ordered" value={formatDate(order.orderDate)} testId="ordered" />
      <Fact label="Requested completion" value={formatDate(order.requestedCompletion)} testId="requested" />
      <Fact label="Expected completion" testId="expected" value={formatDate(order.expectedCompletion)}
        extra={order.expectedAfterRequested ? <Badge color="orange" variant="light">later than requested</Badge> : null} />
      <Fact label="Completed" value={formatDate(order.completionDate)} testId="completed" />
    </SimpleGrid>
  );
}

function Fact({ label, value, extra, testId }: { label: string; value: string; extra?: React.ReactNode; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={`date-${testId}`}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Group gap="xs"><Text fw={500}>{value}</Text>{extra}</Group>
    </Card>
  );
}

function Items({ order }: { order: Tracking }) {
  return (
    <section aria-labelledby="items-title">
      <Title order={2} size="h4" id="items-title" mb="xs">Items</Title>
      <Table striped withTableBorder aria-labelledby="items-title">
        <Table.Thead>
          <Table.Tr><Table.Th>Item</Table.Th><Table.Th>Product</Table.Th><Table.Th>Action</Table.Th><Table.Th>Quantity</Table.Th><Table.Th>State</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.items.map((item) => (
            <Table.Tr key={item.id} data-item={item.id}>
              <Table.Td>{item.id}</Table.Td>
              <Table.Td>{item.name ?? item.productOffering ?? "—"}</Table.Td>
              <Table.Td>{item.action}</Table.Td>
              <Table.Td>{item.quantity}</Table.Td>
              <Table.Td><StateBadge state={item.state} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Notes({ order }: { order: Tracking }) {
  return (
    <section aria-labelledby="notes-title">
      <Title order={2} size="h4" id="notes-title" mb="xs">Messages from us</Title>
      {order.notes.length === 0 ? <Text size="sm" c="dimmed">No messages yet.</Text> : (
        <Stack gap="xs" data-testid="customer-notes">
          {order.notes.map((note) => (
            <Card key={note.id} withBorder padding="sm">
              <Text size="xs" c="dimmed">{formatMoment(note.createdAt)}</Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{note.text}</Text>
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}

function Issues({ order }: { order: Tracking }) {
  return (
    <section aria-labelledby="issues-title">
      <Title order={2} size="h4" id="issues-title" mb="xs">Your questions and requests</Title>
      {order.issues.length === 0 ? <Text size="sm" c="dimmed">You have not raised anything on this order.</Text> : (
        <Stack gap="xs" data-testid="customer-issues">
          {order.issues.map((issue) => (
            <Card key={issue.id} withBorder padding="sm" data-issue={issue.id}>
              <Group gap="xs" justify="space-between">
                <Text fw={500}>{issue.subject}</Text>
                <Group gap="xs"><Badge variant="outline" color="gray">{KIND_LABELS[issue.kind as IssueKind] ?? issue.kind}</Badge><StateBadge state={issue.state} /></Group>
              </Group>
              <Text size="xs" c="dimmed">{formatMoment(issue.raisedAt)}</Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{issue.text}</Text>
              {issue.answer ? (
                <Card bg="var(--mantine-color-default-hover)" padding="xs" mt="xs" data-testid="issue-answer">
                  <Text size="xs" c="dimmed">Our answer, {formatMoment(issue.answeredAt)}</Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{issue.answer}</Text>
                </Card>
              ) : <Text size="xs" c="dimmed" mt={4}><IconAlertCircle size={12} aria-hidden /> Waiting for our answer</Text>}
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}
