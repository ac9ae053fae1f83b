// The order's prices as the server priced them: one-time and recurring lines, adjustments and the totals; each
// line links to the artifact version and row that produced it.
import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { provenanceHref } from "../../../studio/simulate/why";

interface Provenance { artifact?: string | null; version?: number | null; row?: string | null }
interface Line {
  itemId?: string; offering?: string; priceType?: string; recurringChargePeriod?: string | null; unitAmount?: string;
  quantity?: number; amount?: string; currency?: string; provenance?: Provenance;
}
interface Adjustment {
  level?: string; itemId?: string | null; name?: string; type?: string; value?: string; amount?: string; priceType?: string;
  recurringChargePeriod?: string | null; provenance?: Provenance;
}
interface Total { priceType?: string; recurringChargePeriod?: string | null; price?: { dutyFreeAmount?: { value?: string | number; unit?: string } } }
interface Pricing { currency?: string; lines?: Line[]; adjustments?: Adjustment[]; orderTotalPrice?: Total[] }

function Source({ provenance }: { provenance?: Provenance }) {
  if (!provenance?.artifact || provenance.version == null) return <Text size="xs" c="dimmed">engine</Text>;
  const label = `${provenance.artifact} v${provenance.version}${provenance.row ? ` · row ${provenance.row}` : ""}`;
  return <Anchor component={Link} size="sm" to={provenanceHref(provenance.artifact, provenance.version, provenance.row ? "row" : null, provenance.row ?? null)}>{label}</Anchor>;
}

const charge = (c: { priceType?: string; recurringChargePeriod?: string | null }) =>
  c.recurringChargePeriod ? `${c.priceType} / ${c.recurringChargePeriod}` : (c.priceType ?? "");

function Lines({ title, lines, currency }: { title: string; lines: Line[]; currency?: string }) {
  return (
    <section aria-label={title}>
      <Title order={3} size="h5" mb={4}>{title}</Title>
      {lines.length === 0 ? <Text size="sm" c="dimmed">None.</Text> : (
        <Table striped>
          <Table.Thead><Table.Tr>
            <Table.Th>Item</Table.Th><Table.Th>Offering</Table.Th><Table.Th>Charge</Table.Th><Table.Th>Unit</Table.Th>
            <Table.Th>Quantity</Table.Th><Table.Th>Amount</Table.Th><Table.Th>Provenance</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {lines.map((line, index) => (
              <Table.Tr key={index}>
                <Table.Td>{line.itemId}</Table.Td><Table.Td>{line.offering}</Table.Td><Table.Td>{charge(line)}</Table.Td>
                <Table.Td>{line.unitAmount}</Table.Td><Table.Td>{line.quantity}</Table.Td>
                <Table.Td>{line.amount} {line.currency ?? currency}</Table.Td><Table.Td><Source provenance={line.provenance} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

export default function PricesTab({ pricing }: { pricing: Record<string, unknown> | null | undefined }) {
  if (!pricing) return <Text c="dimmed">The order is not priced (yet).</Text>;
  const priced = pricing as Pricing;
  const lines = priced.lines ?? [];
  const oneTime = lines.filter((l) => !l.recurringChargePeriod);
  const recurring = lines.filter((l) => l.recurringChargePeriod);
  const adjustments = priced.adjustments ?? [];
  return (
    <Stack>
      <Lines title="One-time charges" lines={oneTime} currency={priced.currency} />
      <Lines title="Recurring charges" lines={recurring} currency={priced.currency} />
      {adjustments.length > 0 && (
        <section aria-label="Adjustments">
          <Title order={3} size="h5" mb={4}>Adjustments</Title>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Level</Table.Th><Table.Th>Charge</Table.Th><Table.Th>Amount</Table.Th><Table.Th>Provenance</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {adjustments.map((a, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{a.name}</Table.Td><Table.Td>{a.level}{a.itemId ? ` (item ${a.itemId})` : ""}</Table.Td><Table.Td>{charge(a)}</Table.Td>
                  <Table.Td>{a.amount} {priced.currency}</Table.Td><Table.Td><Source provenance={a.provenance} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      <section aria-label="Totals">
        <Title order={3} size="h5" mb={4}>Totals</Title>
        <Table w="auto">
          <Table.Tbody>
            {(priced.orderTotalPrice ?? []).map((total, index) => (
              <Table.Tr key={index}>
                <Table.Th scope="row">{charge(total)}</Table.Th>
                <Table.Td data-total={charge(total)}>{String(total.price?.dutyFreeAmount?.value ?? "")} {total.price?.dutyFreeAmount?.unit ?? priced.currency}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}
