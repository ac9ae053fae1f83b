// The server's price of the draft: every line, adjustments, and the one-time and monthly totals (Decimal strings
// as the server sent them; nothing is computed here).
import { Table, Text, Title } from "@mantine/core";
import type { PricePreview as Price } from "./api";
import { money } from "./draft";

function charge(type: string, period: string | null, unit: string | null): string {
  if (type === "oneTime") return "one-time";
  if (type === "recurring") return `per ${period ?? "period"}`;
  return unit ? `per ${unit}` : type;
}

export function PricePreview({ price, itemLabel }: { price: Price | null | undefined; itemLabel: (index: number) => string }) {
  if (!price) return <Text c="dimmed" size="sm">No price yet.</Text>;
  return (
    <section aria-label="Price preview" data-testid="price-preview">
      <Title order={2} size="h4" mb="xs">Price preview</Title>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th><Table.Th scope="col">Charge</Table.Th><Table.Th scope="col">Price</Table.Th>
            <Table.Th scope="col">Quantity</Table.Th><Table.Th scope="col">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {price.lines.map((line, i) => (
            <Table.Tr key={`${line.item}-${line.name}-${i}`}>
              <Table.Td>{line.item === null ? "Order" : itemLabel(line.item)}</Table.Td>
              <Table.Td>{line.name ?? line.offering} ({charge(line.priceType, line.period, line.unit)})</Table.Td>
              <Table.Td>{money(line.unitAmount, price.currency)}</Table.Td>
              <Table.Td>{line.quantity}</Table.Td>
              <Table.Td>{money(line.amount, price.currency)}</Table.Td>
            </Table.Tr>
          ))}
          {price.adjustments.map((a, i) => (
            <Table.Tr key={`adj-${i}`}>
              <Table.Td>{a.item === null ? "Order" : itemLabel(a.item)}</Table.Td>
              <Table.Td colSpan={3}>{a.name} ({a.priceType === "oneTime" ? "one-time" : a.priceType})</Table.Td>
              <Table.Td>{money(a.amount, price.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={4}>One-time total</Table.Th>
            <Table.Td data-testid="one-time-total">{money(price.oneTimeTotal, price.currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={4}>Monthly total</Table.Th>
            <Table.Td data-testid="monthly-total">{money(price.recurringTotal, price.currency)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </section>
  );
}
