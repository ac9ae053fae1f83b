// W8: the fallout manager's dashboard — open fallout by type, age, group and priority (each bar opens the queue
// filtered to it), and the external systems' circuit breakers with "mark up".
import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Link, useNavigate } from "react-router";
import { paths } from "../../shared/url/paths";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { toast } from "../../shared/ui/toast";
import { AGE_BUCKETS, chartRows } from "./age";
import { useFalloutSummary, useMarkUp, useSystems } from "./queries";

const CHARTS = [
  { key: "byType", title: "By type", filter: "type" },
  { key: "byAge", title: "By age", filter: "age", order: AGE_BUCKETS },
  { key: "byGroup", title: "By group", filter: "group" },
  { key: "byPriority", title: "By priority", filter: "priority", order: ["0", "1", "2", "3", "4", "5"] },
] as const;

export function drillPath(filter: string, value: string): string {
  return `${paths.fallouts()}?${new URLSearchParams({ [filter]: value })}`;
}

export default function FalloutDashboardPage() {
  const summary = useFalloutSummary();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Fallout dashboard" description={summary.data ? `${summary.data.open} open records` : "Open fallout at a glance"}
        actions={<Anchor component={Link} to={paths.fallouts()}>Fallout queue</Anchor>} />
      {summary.error && <ErrorNotice error={summary.error} />}
      {summary.isPending && <Loader aria-label="Loading the summary" />}
      {summary.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
          {CHARTS.map((chart) => {
            const rows = chartRows(summary.data[chart.key], "order" in chart ? chart.order : undefined);
            return (
              <Card withBorder key={chart.key} component="section" aria-labelledby={`chart-${chart.key}`} data-testid={`chart-${chart.key}`}>
                <Title order={2} size="h4" id={`chart-${chart.key}`} mb="xs">{chart.title}</Title>
                {rows.length === 0 ? <Text size="sm" c="dimmed">No open fallout.</Text> : (
                  <>
                    <BarChart h={200} data={rows} dataKey="key" series={[{ name: "count", label: "Open records", color: "blue.7" }]}
                      tickLine="y" withTooltip={false} aria-hidden
                      barChartProps={{ accessibilityLayer: false }}
                      barProps={{ cursor: "pointer", onClick: (data: { payload?: { key?: string } }) => data.payload?.key && navigate(drillPath(chart.filter, data.payload.key)) }} />
                    <Group gap="xs" mt="xs" aria-label={`${chart.title}: open the queue filtered`}>
                      {rows.map((row) => (
                        <Anchor key={row.key} component={Link} to={drillPath(chart.filter, row.key)} size="sm">
                          {chart.filter === "priority" ? `P${row.key}` : row.key}: {row.count}
                        </Anchor>
                      ))}
                    </Group>
                  </>
                )}
              </Card>
            );
          })}
        </SimpleGrid>
      )}
      <Systems />
    </>
  );
}

function Systems() {
  const systems = useSystems();
  const markUp = useMarkUp();
  const canManage = useCan("system.manage");
  return (
    <Card withBorder component="section" aria-labelledby="systems-title">
      <Title order={2} size="h4" id="systems-title" mb="xs">Systems</Title>
      {systems.error && <ErrorNotice error={systems.error} />}
      {markUp.error && <ErrorNotice error={markUp.error} />}
      <Table aria-labelledby="systems-title">
        <Table.Thead><Table.Tr><Table.Th>System</Table.Th><Table.Th>Breaker</Table.Th><Table.Th>Failures</Table.Th>
          <Table.Th>Held tasks</Table.Th><Table.Th>Updated</Table.Th><Table.Th>Action</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(systems.data ?? []).map((s) => (
            <Table.Tr key={s.system} data-system={s.system}>
              <Table.Td>{s.system}</Table.Td>
              <Table.Td><Group gap={4}><StateBadge state={s.state} />{s.forcedDown && <Badge variant="outline" color="gray">marked down</Badge>}</Group></Table.Td>
              <Table.Td>{s.failures} / {s.threshold}</Table.Td>
              <Table.Td>{s.heldTasks}</Table.Td>
              <Table.Td>{s.updatedBy} {new Date(s.updatedAt).toLocaleString()}</Table.Td>
              <Table.Td>
                {canManage && s.state !== "closed" && (
                  <Button size="xs" variant="light" loading={markUp.isPending && markUp.variables === s.system}
                    onClick={() => markUp.mutate(s.system, { onSuccess: (up) => toast({ title: `${up.system} is up`, message: "Its held tasks are released." }) })}>
                    Mark {s.system} up
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {systems.data?.length === 0 && <Text size="sm" c="dimmed">No system has a breaker yet.</Text>}
    </Card>
  );
}
