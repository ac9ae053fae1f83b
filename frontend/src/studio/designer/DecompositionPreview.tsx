// Decomposition preview: a sample order (a demo example, or one item of an offering) on the left, what the server's
// decomposition of the draft makes of it on the right — domain orders per system with their lines and dependencies,
// rules that matched but made no line (and why), problems. The server decides; the page only shows.
import { useMemo, useState } from "react";
import { Alert, Badge, Card, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { characteristicsText, offeringOrder, useExampleOrders, usePreview, type Preview } from "./preview";

type Document = Record<string, unknown>;

interface Props {
  /** the draft catalog document (when the catalog is edited); null: the active pack's */
  catalog: Document | null;
  /** the draft decomposition rules (when they are edited); null: the active pack's */
  rules: Document | null;
  offerings: { id: string; name: string }[];
}

const LEVEL_COLOUR: Record<string, string> = { product: "teal.9", service: "blue.8", resource: "grape.8" };

export function DecompositionPreview({ catalog, rules, offerings }: Props) {
  const examples = useExampleOrders();
  const [source, setSource] = useState<string | null>(null);
  const order = useMemo(() => {
    if (!source) return null;
    if (source.startsWith("offering:")) return offeringOrder(source.slice("offering:".length));
    return (examples.data?.find((e) => `example:${e.name}` === source)?.order as Document | undefined) ?? null;
  }, [source, examples.data]);
  const [debounced] = useDebouncedValue({ catalog, rules }, 400);
  const preview = usePreview(order, debounced.catalog, debounced.rules);
  const description = source?.startsWith("example:") ? examples.data?.find((e) => `example:${e.name}` === source)?.description : null;

  const options = [
    { group: "Example orders", items: (examples.data ?? []).map((e) => ({ value: `example:${e.name}`, label: e.name })) },
    ...(offerings.length ? [{ group: "One item of an offering", items: offerings.map((o) => ({ value: `offering:${o.id}`, label: `${o.name} (${o.id})` })) }] : []),
  ];
  return (
    <Paper withBorder p="sm" mt="md" component="section" aria-labelledby="decomposition-preview-title">
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
        <Title order={3} size="h4" id="decomposition-preview-title">Decomposition preview</Title>
        <Select label="Sample order" placeholder="Pick an example order or an offering" data={options} value={source}
                onChange={setSource} searchable w={360} size="xs" />
      </Group>
      {description && <Text size="xs" c="dimmed" mb="xs">{description}</Text>}
      <Text size="xs" c="dimmed" mb="xs">
        The draft {catalog ? "catalog" : "decomposition rules"} with the active pack's {catalog ? "decomposition rules" : "catalog"}, as the server
        decomposes it (before enrichment: values the enrichment adds, e.g. region, show as —).
      </Text>
      {!order && <Text size="sm" c="dimmed">Pick a sample order to see what it decomposes into.</Text>}
      {order && preview.isPending && <Loader size="sm" aria-label="Computing the preview" />}
      {order && preview.error && <ErrorNotice error={preview.error} title="No preview" />}
      {order && preview.data && <PreviewResult preview={preview.data} stale={preview.isFetching} />}
    </Paper>
  );
}

function PreviewResult({ preview, stale }: { preview: Preview; stale: boolean }) {
  return (
    <div style={{ opacity: stale ? 0.6 : 1 }} aria-busy={stale} data-testid="decomposition-preview">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <section aria-label="Commercial items">
          <Title order={4} size="h5" mb={4}>Commercial items</Title>
          <Stack gap="xs">
            {preview.items.map((item) => (
              <Card key={item.id} withBorder padding="xs">
                <Group gap="xs">
                  <Text fw={600} size="sm">{item.offeringName ?? item.offering ?? item.specification ?? "?"}</Text>
                  <Badge size="xs" variant="outline">item {item.id}</Badge>
                  <Badge size="xs" variant="light">{item.action}</Badge>
                </Group>
                {item.units.map((unit) => (
                  <div key={unit.chain.join("/")} style={{ marginTop: 4 }}>
                    {unit.chain.length > 1 && <Text size="xs" c="dimmed">bundle component {unit.specification} × {unit.quantity}</Text>}
                    <ul style={{ margin: 0, paddingLeft: 0, listStyle: "none" }} aria-label={`Specifications ${unit.specification} reaches`}>
                      {unit.reached.map((reached) => (
                        <li key={reached.path.join("/")} style={{ paddingLeft: (reached.path.length - 1) * 16 }}>
                          <Group gap={4} wrap="nowrap">
                            <Badge size="xs" color={LEVEL_COLOUR[reached.level] ?? "gray"} variant="filled">{reached.level}</Badge>
                            <Text size="sm">{reached.specification}</Text>
                            {reached.quantity !== 1 && <Text size="xs" c="dimmed">× {reached.quantity}</Text>}
                          </Group>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </Card>
            ))}
          </Stack>
        </section>
        <section aria-label="Decomposes into">
          <Title order={4} size="h5" mb={4}>Decomposes into</Title>
          {preview.domainOrders.length === 0 && <Text size="sm" c="dimmed">No domain orders.</Text>}
          <Stack gap="xs">
            {preview.domainOrders.map((domainOrder) => (
              <Card key={domainOrder.ref} withBorder padding="xs" component="article" aria-label={`Domain order ${domainOrder.ref}`}>
                <Group gap="xs" mb={4}>
                  <Badge color={LEVEL_COLOUR[domainOrder.domain] ?? "gray"}>{domainOrder.domain}</Badge>
                  <Text fw={600} size="sm">{domainOrder.fulfilmentSystem}</Text>
                  {domainOrder.state === "awaitingInformation" && <Badge color="orange.9" variant="filled">awaiting information</Badge>}
                  {domainOrder.dependsOn.length > 0 && <Text size="xs" c="dimmed">after {domainOrder.dependsOn.join(", ")}</Text>}
                </Group>
                <Table fz="xs" withRowBorders={false} aria-label={`Lines of ${domainOrder.ref}`}>
                  <Table.Thead><Table.Tr><Table.Th>Specification</Table.Th><Table.Th>Rule</Table.Th><Table.Th>Qty</Table.Th><Table.Th>Characteristics</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {domainOrder.lines.map((line) => (
                      <Table.Tr key={String(line.id)}>
                        <Table.Td>{String(line.specification)}</Table.Td>
                        <Table.Td>{String(line.rule)}</Table.Td>
                        <Table.Td>{String(line.quantity)}</Table.Td>
                        <Table.Td>
                          {characteristicsText((line.characteristics ?? {}) as Record<string, unknown>)}
                          {(line.awaiting as string[] | undefined)?.length ? <Text span c="orange" size="xs"> awaiting {(line.awaiting as string[]).join(", ")}</Text> : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))}
          </Stack>
        </section>
      </SimpleGrid>
      {preview.dropped.length > 0 && (
        <details style={{ marginTop: 8 }}>
          <summary><Text span size="sm">{preview.dropped.length} rules matched but made no line</Text></summary>
          <Table fz="xs" aria-label="Rules that made no line">
            <Table.Tbody>
              {preview.dropped.map((d, i) => (
                <Table.Tr key={i}><Table.Td>{d.rule}</Table.Td><Table.Td>{d.specification}</Table.Td><Table.Td>item {d.itemId}</Table.Td><Table.Td>{d.reason}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </details>
      )}
      {preview.problems.length > 0 && (
        <Alert color="red" mt="xs" title="Problems">
          <ul style={{ margin: 0 }}>{preview.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
        </Alert>
      )}
    </div>
  );
}
