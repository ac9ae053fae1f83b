// W4: the order's orchestration — per domain order a lane: the items it serves, the domain order, its tasks in
// dependency order, each coloured by state with its SLA use and jeopardy; clicking a task highlights what it
// follows and what follows it, and offers retry / force-complete / open fallout when it has an open fallout record.
import { State, Tag, tone } from "./Badges";
import { useMemo, useState } from "react";
import { Alert, Anchor, Button, Group, Paper, Progress, ScrollArea, Stack, Text, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { IconArrowRight } from "@tabler/icons-react";
import { Link } from "react-router";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import { paths } from "../../shared/url/paths";
import { dependenciesOf, inDependencyOrder, itemsServed } from "./orchestration";
import { orderKeys, useOrchestration, type OrderView, type TaskView } from "./queries";

const colour = (state: string | null | undefined) => `var(--mantine-color-${tone(state)}-6)`;

type Role = "selected" | "before" | "after" | null;

function TaskTile({ task, percent, level, role, onSelect }: {
  task: TaskView; percent: string | null; level: string | null; role: Role; onSelect: () => void;
}) {
  const used = percent == null ? null : Number(percent);
  return (
    <Paper component="button" type="button" withBorder p="xs" w={200} onClick={onSelect} aria-pressed={role === "selected"}
      data-task={task.key} data-task-id={task.id} data-highlight={role ?? undefined}
      style={{ textAlign: "left", cursor: "pointer", borderLeft: `4px solid ${colour(task.state)}`,
        outline: role ? `2px solid var(--mantine-color-${role === "selected" ? "blue" : role === "before" ? "violet" : "teal"}-6)` : undefined,
        background: "var(--mantine-color-body)", color: "inherit" }}>
      <Stack gap={4}>
        <Text size="sm" fw={600} lineClamp={1}>{task.name}</Text>
        {role && role !== "selected" && <VisuallyHidden>{role === "before" ? "(the chosen task follows it)" : "(follows the chosen task)"}</VisuallyHidden>}
        <Group gap={4}>
          <State state={task.state} size="xs" />
          {level && <Tag size="xs" color={tone(level)}>{level} jeopardy</Tag>}
          {task.pointOfNoReturn && <Tag size="xs" color="orange">PONR</Tag>}
        </Group>
        {used != null && (
          <Group gap={4} wrap="nowrap">
            <Progress value={Math.min(100, used)} w={120} size="sm" aria-label={`SLA used ${percent}%`} color={level ? tone(level) : "blue"} />
            <Text size="xs">{percent}%</Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function TaskActions({ orderId, task, fallout }: { orderId: string; task: TaskView; fallout: string | null }) {
  const client = useQueryClient();
  const canWork = useCan("fallout.work");
  const canRead = useCan("fallout.read");
  const [reason, setReason] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: orderKeys.order(orderId) });
  const retry = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST("/api/v1/fallout/{record_id}/retry", { params: { path: { record_id: id } } })),
    onSuccess: () => { toast({ title: "Retried", message: `Task ${task.key} runs again.` }); void refresh(); },
  });
  const force = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST("/api/v1/fallout/{record_id}/force-complete", { params: { path: { record_id: id } }, body: { reason } })),
    onSuccess: () => { toast({ title: "Force-completed", message: `Task ${task.key} is completed.` }); setReason(""); void refresh(); },
  });
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Task ${task.name}`}>
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={3} size="h5">{task.name}</Title><State state={task.state} />
          <Anchor component={Link} to={paths.task(task.id)} size="sm">Open the task</Anchor>
        </Group>
        <Text size="sm">Follows: {task.dependsOn.join(", ") || "nothing"} · group {task.assignmentGroup ?? "none"} · attempt {task.attempt}</Text>
        {!fallout && <Text size="sm" c="dimmed">No open fallout on this task.</Text>}
        {fallout && (
          <Stack gap="xs">
            <Group gap="sm">
              <Text size="sm">Open fallout record {fallout}</Text>
              {canRead && <Button component={Link} to={paths.fallout(fallout)} size="xs" variant="light">Open fallout</Button>}
              {canWork && <Button size="xs" onClick={() => retry.mutate(fallout)} loading={retry.isPending}>Retry</Button>}
            </Group>
            {canWork && (
              <Group align="flex-end" gap="xs">
                <Textarea label="Reason to force-complete" autosize minRows={1} w={320} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                <Button size="xs" color="orange" disabled={!reason.trim()} loading={force.isPending} onClick={() => force.mutate(fallout)}>Force-complete</Button>
              </Group>
            )}
            {retry.error && <ErrorNotice error={retry.error} title="The retry was refused" />}
            {force.error && <ErrorNotice error={force.error} title="Force-complete was refused" />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export default function OrchestrationView({ order }: { order: OrderView }) {
  const progress = useOrchestration(order.id);
  const [selected, setSelected] = useState<string | null>(null);
  const lines = useQueries({
    queries: order.domainOrders.map((d) => ({
      queryKey: orderKeys.part(order.id, "lines", d.id),
      queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/domain-orders/{domain_order_id}/lines", {
        params: { path: { order_id: order.id, domain_order_id: d.id }, query: { limit: 1000 } } })),
    })),
  });
  const byTask = useMemo(() => new Map((progress.data?.tasks ?? []).map((t) => [t.taskId, t])), [progress.data]);
  const highlight = dependenciesOf(order.tasks, selected);
  const roleOf = (id: string): Role => (id === selected ? "selected" : highlight.upstream.has(id) ? "before" : highlight.downstream.has(id) ? "after" : null);
  const chosen = order.tasks.find((t) => t.id === selected) ?? null;
  const itemName = new Map(order.items.map((i) => [i.id, `${i.id} · ${i.productOffering ?? i.action}`]));

  if (order.domainOrders.length === 0) return <Text c="dimmed">No domain orders yet: the order has no orchestration.</Text>;
  return (
    <Stack>
      <Group gap="sm">
        <Text fw={600}>Order {order.id}</Text><State state={order.state} />
        {progress.data?.level && <Tag color={tone(progress.data.level)}>{progress.data.level} jeopardy</Tag>}
        <Text size="xs" c="dimmed">Click a task: the tasks it follows are outlined violet, those following it teal.</Text>
      </Group>
      {progress.error && <ErrorNotice error={progress.error} />}
      {progress.data?.assessmentError && <Alert color="yellow" title="Jeopardy not assessed">{progress.data.assessmentError}</Alert>}
      <ScrollArea type="auto">
        <Stack gap="sm" miw={900}>
          {order.domainOrders.map((d, index) => {
            const tasks = inDependencyOrder(order.tasks.filter((t) => t.domainOrderId === d.id));
            const items = itemsServed(lines[index]?.data);
            return (
              <Group key={d.id} wrap="nowrap" align="stretch" gap="xs" role="group" aria-label={`Domain order ${d.ref || d.id}`}>
                <Stack gap={4} w={170}>
                  {items.length === 0 && <Text size="xs" c="dimmed">items…</Text>}
                  {items.map((item) => <Paper key={item} withBorder px="xs" py={4}><Text size="xs">Item {itemName.get(item) ?? item}</Text></Paper>)}
                </Stack>
                <IconArrowRight size={16} aria-hidden style={{ alignSelf: "center" }} />
                <Paper withBorder p="xs" w={210} style={{ borderLeft: `4px solid ${colour(d.state)}` }}>
                  <Text size="sm" fw={600} lineClamp={1}>{d.ref || d.id}</Text>
                  <Group gap={4}><State state={d.state} size="xs" />
                    {progress.data?.domainOrders[d.id] && <Tag size="xs" color={tone(progress.data.domainOrders[d.id])}>{progress.data.domainOrders[d.id]} jeopardy</Tag>}
                  </Group>
                  <Text size="xs" c="dimmed">{d.domain}{d.fulfilmentSystem ? ` · ${d.fulfilmentSystem}` : ""}{d.dependsOn.length ? ` · after ${d.dependsOn.join(", ")}` : ""}</Text>
                </Paper>
                <IconArrowRight size={16} aria-hidden style={{ alignSelf: "center" }} />
                <Group gap="xs" wrap="nowrap" align="stretch">
                  {tasks.length === 0 && <Text size="xs" c="dimmed">no tasks yet</Text>}
                  {tasks.map((t) => {
                    const p = byTask.get(t.id);
                    return <TaskTile key={t.id} task={t} percent={p?.percentOfSla ?? null} level={p?.level ?? null} role={roleOf(t.id)}
                      onSelect={() => setSelected(t.id === selected ? null : t.id)} />;
                  })}
                </Group>
              </Group>
            );
          })}
        </Stack>
      </ScrollArea>
      {chosen && <TaskActions orderId={order.id} task={chosen} fallout={byTask.get(chosen.id)?.openFallout ?? null} />}
    </Stack>
  );
}
