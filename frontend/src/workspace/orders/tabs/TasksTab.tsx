// The order's tasks, each linking to its task screen.
import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { paths } from "../../../shared/url/paths";
import { State, Tag } from "../Badges";
import { when } from "../format";
import type { DomainOrderView, TaskView } from "../queries";

export default function TasksTab({ tasks, domainOrders }: { tasks: TaskView[]; domainOrders: DomainOrderView[] }) {
  if (tasks.length === 0) return <Text c="dimmed">No tasks yet.</Text>;
  const refOf = new Map(domainOrders.map((d) => [d.id, d.ref || d.id]));
  return (
    <Table striped aria-label="Tasks">
      <Table.Thead><Table.Tr>
        <Table.Th>Task</Table.Th><Table.Th>Domain order</Table.Th><Table.Th>Type</Table.Th><Table.Th>State</Table.Th>
        <Table.Th>Group</Table.Th><Table.Th>Assignee</Table.Th><Table.Th>Attempt</Table.Th><Table.Th>Due</Table.Th><Table.Th>After</Table.Th>
      </Table.Tr></Table.Thead>
      <Table.Tbody>
        {tasks.map((t) => (
          <Table.Tr key={t.id}>
            <Table.Td>
              <Anchor component={Link} to={paths.task(t.id)} size="sm">{t.name}</Anchor>{" "}
              <Text span size="xs" c="dimmed">({t.key})</Text>
              {t.pointOfNoReturn && <Tag ml={4} size="xs" color="orange">point of no return</Tag>}
            </Table.Td>
            <Table.Td>{refOf.get(t.domainOrderId) ?? t.domainOrderId}</Table.Td><Table.Td>{t.type}</Table.Td>
            <Table.Td><State state={t.state} /></Table.Td><Table.Td>{t.assignmentGroup ?? ""}</Table.Td><Table.Td>{t.assignee ?? ""}</Table.Td>
            <Table.Td>{t.attempt}</Table.Td><Table.Td>{when(t.dueAt)}</Table.Td><Table.Td>{t.dependsOn.join(", ")}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
