// The order's jeopardy as the server assesses it: level, predicted vs requested completion, reasons, the tasks in
// jeopardy with the share of their SLA used.
import { List, Progress, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../shared/api/client";
import { unwrap } from "../../../shared/api/problem";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { State } from "../Badges";
import { when } from "../format";
import { orderKeys } from "../queries";
import { KeyValues } from "./parts";

export default function JeopardyTab({ orderId }: { orderId: string }) {
  const jeopardy = useQuery({
    queryKey: orderKeys.part(orderId, "jeopardy"),
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/jeopardy", { params: { path: { order_id: orderId } } })),
  });
  if (jeopardy.error) return <ErrorNotice error={jeopardy.error} />;
  if (!jeopardy.data) return <Text c="dimmed">Loading…</Text>;
  const j = jeopardy.data;
  return (
    <Stack>
      <KeyValues label="Jeopardy" rows={[
        ["Level", <State key="l" state={j.level ?? "none"} />],
        ["Predicted completion", when(j.predictedCompletion)],
        ["Requested completion", when(j.committed) || "not requested"],
        ["Late by", j.lateBySeconds ? `${Math.round(j.lateBySeconds / 3600)} h` : "—"],
      ]} />
      {j.reasons.length > 0 && <List size="sm">{j.reasons.map((r) => <List.Item key={r}>{r}</List.Item>)}</List>}
      {j.tasks.length === 0 ? <Text c="dimmed">No task is in jeopardy.</Text> : (
        <Table striped aria-label="Tasks in jeopardy">
          <Table.Thead><Table.Tr><Table.Th>Task</Table.Th><Table.Th>Group</Table.Th><Table.Th>Level</Table.Th><Table.Th>SLA used</Table.Th><Table.Th>Due</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {j.tasks.map((t) => (
              <Table.Tr key={t.taskId}>
                <Table.Td>{t.key ?? t.taskId}</Table.Td><Table.Td>{t.assignmentGroup ?? ""}</Table.Td><Table.Td><State state={t.level} /></Table.Td>
                <Table.Td><Progress value={Math.min(100, Number(t.percentOfSla))} aria-label={`${t.percentOfSla}% of the SLA used`} w={120} /> {t.percentOfSla}%</Table.Td>
                <Table.Td>{when(t.dueAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
