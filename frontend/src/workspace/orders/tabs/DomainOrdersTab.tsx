// The order's domain orders (what decomposition made), each with its lines.
import { State } from "../Badges";
import { Accordion, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../shared/api/client";
import { unwrap } from "../../../shared/api/problem";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { orderKeys, type DomainOrderView } from "../queries";

function Lines({ orderId, domainOrderId }: { orderId: string; domainOrderId: string }) {
  const lines = useQuery({
    queryKey: orderKeys.part(orderId, "lines", domainOrderId),
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/domain-orders/{domain_order_id}/lines", {
      params: { path: { order_id: orderId, domain_order_id: domainOrderId }, query: { limit: 1000 } } })),
  });
  if (lines.error) return <ErrorNotice error={lines.error} />;
  if (!lines.data) return <Text size="sm" c="dimmed">Loading lines…</Text>;
  return (
    <Table striped aria-label={`Lines of ${domainOrderId}`}>
      <Table.Thead><Table.Tr><Table.Th>Line</Table.Th><Table.Th>Item</Table.Th><Table.Th>Specification</Table.Th><Table.Th>Quantity</Table.Th><Table.Th>Characteristics</Table.Th><Table.Th>Rule</Table.Th><Table.Th>Awaiting</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {lines.data.map((line, index) => (
          <Table.Tr key={line.id ?? index}>
            <Table.Td>{line.id}</Table.Td><Table.Td>{line.itemId}</Table.Td><Table.Td>{line.specification}</Table.Td><Table.Td>{line.quantity}</Table.Td>
            <Table.Td><Text size="xs" ff="monospace">{Object.entries(line.characteristics).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}</Text></Table.Td>
            <Table.Td>{line.rule}</Table.Td><Table.Td>{line.awaiting.length ? JSON.stringify(line.awaiting) : ""}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function DomainOrdersTab({ orderId, domainOrders }: { orderId: string; domainOrders: DomainOrderView[] }) {
  if (domainOrders.length === 0) return <Text c="dimmed">No domain orders (the order is not decomposed yet).</Text>;
  return (
    <Accordion multiple variant="separated" defaultValue={[domainOrders[0].id]}>
      {domainOrders.map((d) => (
        <Accordion.Item key={d.id} value={d.id}>
          <Accordion.Control>
            <Group gap="sm">
              <Text fw={500}>{d.ref || d.id}</Text><State state={d.state} />
              <Text size="sm" c="dimmed">{d.domain}{d.fulfilmentSystem ? ` · ${d.fulfilmentSystem}` : ""}{d.plan ? ` · plan ${d.plan} v${d.planVersion}` : ""}</Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {d.dependsOn.length > 0 && <Text size="sm">Waits for: {d.dependsOn.join(", ")}</Text>}
              {d.missing && d.missing.length > 0 && <Text size="sm">Missing information: {JSON.stringify(d.missing)}</Text>}
              <Lines orderId={orderId} domainOrderId={d.id} />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
