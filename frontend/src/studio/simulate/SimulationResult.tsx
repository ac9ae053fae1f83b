// One simulation, stage by stage: what each stage decided and which artifact version, row or node produced it
// (links open that exact version in its editor with ?row= or ?node=), the prices with their provenance, and
// the projected plan as a table with a small Gantt bar per task.
import { Accordion, Alert, Anchor, Badge, Box, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { PackSimulation } from "../packs/queries";
import {
  decisionText, formatDuration, provenanceHref, selectionParam, stagesOf, timelineOf, totalsOf,
  type SimDomainOrder, type TraceEntry,
} from "./why";

export type KindOf = (artifact: string) => string | undefined;

const STATE_COLOUR: Record<string, string> = { completed: "teal.9", rejected: "red.9", held: "yellow", pending: "yellow",
  failed: "red.9", inProgress: "blue.9", acknowledged: "blue.9" };

export function ProvenanceLink({ artifact, version, rule, stage, kindOf }: {
  artifact: string | null; version: number | null; rule: string | null; stage: string; kindOf: KindOf;
}) {
  if (!artifact || !version) return <Text size="sm" c="dimmed">engine{rule ? ` · ${rule}` : ""}</Text>;
  const param = selectionParam(kindOf(artifact), stage, rule);
  return (
    <Anchor component={Link} to={provenanceHref(artifact, version, param, rule)} size="sm" data-provenance={`${artifact}@${version}`}
      style={{ overflowWrap: "anywhere" }}>
      {artifact} v{version}{rule ? ` · ${param ? `${param} ` : ""}${rule}` : ""}
    </Anchor>
  );
}

function StageTable({ entries, stage, kindOf, compact }: { entries: TraceEntry[]; stage: string; kindOf: KindOf; compact?: boolean }) {
  return (
    <Table verticalSpacing={2} fz="sm" aria-label={`Results of ${stage}`} layout="fixed">
      <Table.Thead><Table.Tr><Table.Th>Produced by</Table.Th><Table.Th>Decision</Table.Th>{!compact && <Table.Th>Inputs</Table.Th>}</Table.Tr></Table.Thead>
      <Table.Tbody>
        {entries.map((entry, index) => (
          <Table.Tr key={index}>
            <Table.Td><ProvenanceLink {...entry} stage={stage} kindOf={kindOf} /></Table.Td>
            <Table.Td><Text size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>{decisionText(entry.decision)}</Text></Table.Td>
            {!compact && <Table.Td><Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: "anywhere" }}>{entry.inputs ? JSON.stringify(entry.inputs) : ""}</Text></Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface PriceLine { itemId: string; offering?: string; priceType: string; recurringChargePeriod?: string | null;
  amount: string; currency: string; provenance?: { artifact: string; version: number; row?: string } }

function PriceLines({ pricing, kindOf }: { pricing: unknown; kindOf: KindOf }) {
  const lines = ((pricing as { lines?: PriceLine[] } | null)?.lines ?? []);
  const totals = totalsOf(pricing);
  return (
    <Stack gap={4}>
      <Group gap="xs">{Object.entries(totals).map(([name, amount]) => <Badge key={name} variant="light" size="lg" tt="none">{name}: {amount}</Badge>)}</Group>
      {lines.length > 0 && (
        <Table verticalSpacing={2} fz="sm" aria-label="Price lines">
          <Table.Thead><Table.Tr><Table.Th>Item</Table.Th><Table.Th>Offering</Table.Th><Table.Th>Charge</Table.Th><Table.Th>Amount</Table.Th><Table.Th>From</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {lines.map((line, index) => (
              <Table.Tr key={index}>
                <Table.Td>{line.itemId}</Table.Td><Table.Td>{line.offering}</Table.Td>
                <Table.Td>{line.priceType}{line.recurringChargePeriod ? `/${line.recurringChargePeriod}` : ""}</Table.Td>
                <Table.Td>{line.amount} {line.currency}</Table.Td>
                <Table.Td>{line.provenance && <ProvenanceLink artifact={line.provenance.artifact} version={line.provenance.version}
                  rule={line.provenance.row ?? null} stage="price" kindOf={kindOf} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function PlanTimeline({ domainOrders, kindOf, versionOf, compact }: {
  domainOrders: SimDomainOrder[]; kindOf: KindOf; versionOf: (artifact: string) => number | undefined; compact?: boolean;
}) {
  const rows = timelineOf(domainOrders);
  const total = Math.max(1, ...rows.map((r) => r.end));
  const planOf = new Map(domainOrders.map((d) => [d.ref, d.plan ?? null]));
  if (!rows.length) return <Text c="dimmed">No tasks were planned.</Text>;
  return (
    <Table verticalSpacing={2} fz="sm" aria-label="Projected plan">
      <Table.Thead>
        <Table.Tr>{!compact && <Table.Th>Domain order</Table.Th>}<Table.Th>Task</Table.Th>{!compact && <Table.Th>After</Table.Th>}<Table.Th>Start</Table.Th>
          <Table.Th>Duration</Table.Th><Table.Th w="30%">Timeline (total {formatDuration(total)})</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const plan = planOf.get(row.domainOrder);
          const version = plan ? versionOf(plan) : undefined;
          return (
            <Table.Tr key={`${row.domainOrder}/${row.key}`}>
              {!compact && <Table.Td><Text size="xs">{row.domainOrder}</Text></Table.Td>}
              <Table.Td>
                {plan && version ? <ProvenanceLink artifact={plan} version={version} rule={row.key} stage="plan" kindOf={kindOf} />
                  : row.key}
                <Text size="xs" c="dimmed">{row.name}</Text>
              </Table.Td>
              {!compact && <Table.Td><Text size="xs">{row.dependsOn.join(", ")}</Text></Table.Td>}
              <Table.Td>{formatDuration(row.start)}</Table.Td>
              <Table.Td>{row.type === "milestone" ? "milestone" : formatDuration(row.duration)}</Table.Td>
              <Table.Td>
                <Box pos="relative" h={12} bg="var(--mantine-color-default-border)" style={{ borderRadius: 2 }}>
                  <Box pos="absolute" h={12} top={0} left={`${(row.start / total) * 100}%`}
                    w={row.duration ? `${Math.max(0.8, (row.duration / total) * 100)}%` : 4}
                    bg={row.type === "milestone" ? "grape" : "blue"} style={{ borderRadius: 2 }} aria-hidden />
                </Box>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function SimulationResult({ result, kindOf, versionOf, compact }: {
  result: PackSimulation; kindOf: KindOf; versionOf: (artifact: string) => number | undefined;
  /** side by side: stages folded, fewer columns */
  compact?: boolean;
}) {
  const stages = stagesOf(result.trace);
  const domainOrders = result.domainOrders as unknown as SimDomainOrder[];
  return (
    <Stack gap="sm" aria-label={`Simulation through ${result.pack}`}>
      <Group gap="xs">
        <Text>Through <b>{result.pack}</b>:</Text>
        <Badge autoContrast color={STATE_COLOUR[result.state] ?? "gray"} data-testid="simulated-state">{result.state}</Badge>
        {result.stage && result.stage !== result.state && <Badge variant="light">stage {result.stage}</Badge>}
        {!result.accepted && <Badge color="red.9">not accepted</Badge>}
      </Group>
      {result.stateReason && <Alert color="yellow" title="Why">{result.stateReason}</Alert>}
      {result.missingInformation != null && <Alert color="yellow" title="Missing information">{JSON.stringify(result.missingInformation)}</Alert>}
      <Title order={3} size="h5">Prices</Title>
      <PriceLines pricing={result.pricing} kindOf={kindOf} />
      <Title order={3} size="h5">Stages</Title>
      <Accordion multiple defaultValue={compact ? [] : stages.map((s) => s.stage)} variant="separated">
        {stages.map((stage) => (
          <Accordion.Item key={stage.stage} value={stage.stage}>
            <Accordion.Control>{stage.label} <Badge ml="xs" variant="light" size="sm">{stage.entries.length}</Badge></Accordion.Control>
            <Accordion.Panel><StageTable entries={stage.entries} stage={stage.stage} kindOf={kindOf} compact={compact} /></Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Title order={3} size="h5">Projected plan and timeline</Title>
      <PlanTimeline domainOrders={domainOrders} kindOf={kindOf} versionOf={versionOf} compact={compact} />
    </Stack>
  );
}
