// The first orders of a file as the mapping builds them: key, rows, items, and each problem with its row and
// column, as the server reported them.
import { Badge, List, Table, Text } from "@mantine/core";
import type { PreviewOrder } from "./queries";

export function PreviewTable({ orders }: { orders: PreviewOrder[] }) {
  const bad = orders.filter((o) => o.problems.length > 0).length;
  return (
    <>
      <Text size="sm" data-testid="preview-summary">
        The first {orders.length} order(s): {orders.length - bad} ready, {bad} with problems.
      </Text>
      <Table striped withTableBorder aria-label="Preview of the first orders">
        <Table.Thead>
          <Table.Tr><Table.Th>Order key</Table.Th><Table.Th>Rows</Table.Th><Table.Th>Items</Table.Th><Table.Th>Problems</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={`${order.key}-${order.rows[0]}`} data-order-key={order.key}>
              <Table.Td>{order.key || "—"}</Table.Td>
              <Table.Td>{rowsLabel(order.rows)}</Table.Td>
              <Table.Td>{itemCount(order)}</Table.Td>
              <Table.Td>
                {order.problems.length === 0
                  ? <Badge color="green" variant="light">ready</Badge>
                  : <List size="sm">{order.problems.map((p, i) => <List.Item key={i}>{p.message}</List.Item>)}</List>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function rowsLabel(rows: number[]): string {
  const unique = [...new Set(rows)];
  return unique.length === 1 ? String(unique[0]) : `${unique[0]}–${unique[unique.length - 1]}`;
}

function itemCount(order: PreviewOrder): number {
  const items = (order.order as { productOrderItem?: unknown[] }).productOrderItem;
  return Array.isArray(items) ? items.length : 0;
}
