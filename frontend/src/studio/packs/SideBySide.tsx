// Simulate one sample order through the active pack and through this version, side by side, with what differs.
import { useState } from "react";
import { Badge, Button, Grid, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { OrderInput } from "../simulate/OrderInput";
import { SimulationResult, type KindOf } from "../simulate/SimulationResult";
import { compareSimulations, parseOrder } from "../simulate/why";
import { simulatePack, type PackView } from "./queries";

export function SideBySide({ before, after, kindOf }: { before: PackView | undefined; after: PackView; kindOf: KindOf }) {
  const [text, setText] = useState("");
  const parsed = text.trim() ? parseOrder(text) : null;
  const run = useMutation({
    mutationFn: async () => {
      if (!parsed || "error" in parsed) throw new Error("enter an order first");
      const [old, next] = await Promise.all([before ? simulatePack(before, parsed.order) : Promise.resolve(null),
        simulatePack(after, parsed.order)]);
      return { old, next, before, after };  // the versions as they were when run (the active one may change)
    },
  });
  const differences = run.data?.old ? compareSimulations(run.data.old, run.data.next) : [];
  return (
    <Stack gap="sm">
      <OrderInput text={text} onText={setText} />
      <Group>
        <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!parsed || "error" in parsed}>
          {before ? `Simulate through v${before.version} (active) and v${after.version}` : `Simulate through v${after.version}`}
        </Button>
      </Group>
      {run.error && <ErrorNotice error={run.error} title="Not simulated" />}
      {run.data && (
        <>
          {run.data.old && (
            <Stack gap={4} aria-label="Differences">
              <Title order={3} size="h5">What differs</Title>
              {differences.length === 0 ? <Text data-testid="no-differences">The order comes out the same through both versions.</Text> : (
                <Table withTableBorder verticalSpacing={2} fz="sm" aria-label="What differs">
                  <Table.Thead><Table.Tr><Table.Th>What</Table.Th><Table.Th>v{run.data.before?.version} (active)</Table.Th><Table.Th>v{run.data.after.version}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {differences.map((d) => (
                      <Table.Tr key={d.what}><Table.Td>{d.what}</Table.Td><Table.Td>{d.before}</Table.Td>
                        <Table.Td><Badge variant="light" color="blue" tt="none">{d.after}</Badge></Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
          <Grid>
            {run.data.old && (
              <Grid.Col span={{ base: 12, lg: 6 }} miw={0}>
                <SimulationResult result={run.data.old} kindOf={kindOf} versionOf={(a) => run.data.before?.pins[a]} compact />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, lg: run.data.old ? 6 : 12 }} miw={0}>
              <SimulationResult result={run.data.next} kindOf={kindOf} versionOf={(a) => run.data.after.pins[a]} compact={Boolean(run.data.old)} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
