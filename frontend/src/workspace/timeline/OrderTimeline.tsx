// W5: the order timeline (Gantt) — domain orders as summary rows, tasks as planned bars with their actual run
// marked, dependency links, the server's critical path, today highlighted in the scale, predicted vs requested completion.
// The order detail's Timeline tab and the full-page route render it; the chart itself loads lazily.
import { lazy, Suspense, useState } from "react";
import { Badge, Group, Loader, SegmentedControl, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { StateBadge } from "../../shared/ui/StateBadge";
import type { ChartOptions } from "./GanttChart";
import type { Scale } from "./ganttData";

const GanttChart = lazy(() => import("./GanttChart"));

const SCALES: { value: Scale; label: string }[] = [
  { value: "day", label: "Day" }, { value: "week", label: "Week" }, { value: "month", label: "Month" },
];

function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "not given";
}

function lateBy(seconds: number): string {
  const hours = Math.round(seconds / 3600);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} h`;
}

export default function OrderTimeline({ orderId }: { orderId: string }) {
  const key = ["workspace", "timeline", orderId];
  const timeline = useQuery({
    queryKey: key,
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/timeline", { params: { path: { order_id: orderId } } })),
  });
  useLiveRefresh([`order:${orderId}`], [key]);
  const [options, setOptions] = useState<ChartOptions>({ scale: "week", labels: true, domainOrders: true, critical: true, dependencies: true });
  const toggle = (name: keyof Omit<ChartOptions, "scale">) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const checked = event.currentTarget.checked;
    setOptions((current) => ({ ...current, [name]: checked }));
  };

  if (timeline.error) return <ErrorNotice error={timeline.error} />;
  if (!timeline.data) return <Loader aria-label="Loading the timeline" />;
  const data = timeline.data;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 5 }} aria-label="Completion">
        <Stack gap={0}><Text size="xs" c="dimmed">Order</Text><StateBadge state={data.orderState} /></Stack>
        <Stack gap={0}><Text size="xs" c="dimmed">Requested completion</Text><Text size="sm" data-testid="requested-completion">{when(data.requestedCompletion)}</Text></Stack>
        <Stack gap={0}><Text size="xs" c="dimmed">Predicted completion</Text><Text size="sm" data-testid="predicted-completion">{when(data.predictedCompletion)}</Text></Stack>
        <Stack gap={0}><Text size="xs" c="dimmed">Late by</Text><Text size="sm">{data.lateBySeconds ? lateBy(data.lateBySeconds) : "on time"}</Text></Stack>
        <Stack gap={0}><Text size="xs" c="dimmed">Jeopardy</Text>{data.jeopardy ? <Badge color="red" variant="light">{data.jeopardy}</Badge> : <Text size="sm">none</Text>}</Stack>
      </SimpleGrid>
      <Group gap="lg" wrap="wrap">
        <SegmentedControl aria-label="Time scale" data={SCALES} value={options.scale}
          onChange={(value) => setOptions((current) => ({ ...current, scale: value as Scale }))} />
        <Switch label="Labels" checked={options.labels} onChange={toggle("labels")} />
        <Switch label="Domain orders" checked={options.domainOrders} onChange={toggle("domainOrders")} />
        <Switch label="Critical path" checked={options.critical} onChange={toggle("critical")} />
        <Switch label="Dependencies" checked={options.dependencies} onChange={toggle("dependencies")} />
      </Group>
      <Text size="xs" c="dimmed">
        Bars span the planned times; the dark stripe under a bar is its actual run; a red outline marks the critical path
        ({data.criticalPath.length} tasks); hatched bars undo work (compensation); the highlighted column of the scale is today.
      </Text>
      {data.tasks.length === 0
        ? <Text>This order has no tasks yet.</Text>
        : <Suspense fallback={<Loader aria-label="Loading the chart" />}><GanttChart timeline={data} options={options} /></Suspense>}
    </Stack>
  );
}
