// The order's fallout records (open and resolved), each opening the fallout record screen.
import { Anchor, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useCan } from "../../../shared/auth/session";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { paths } from "../../../shared/url/paths";
import { State } from "../Badges";
import { when } from "../format";
import { useOrderFallouts } from "../queries";

export default function FalloutsTab({ orderId, open }: { orderId: string; open: number }) {
  const canRead = useCan("fallout.read");
  if (!canRead) {
    return <Text>The order has {open} open fallout record{open === 1 ? "" : "s"}. Reading them needs the permission <code>fallout.read</code> (fallout agents and managers).</Text>;
  }
  return <FalloutRecords orderId={orderId} />;
}

function FalloutRecords({ orderId }: { orderId: string }) {
  const [state, setState] = useState<"open" | "resolved">("open");
  const records = useOrderFallouts(orderId, state);
  return (
    <Stack>
      <SegmentedControl w="fit-content" aria-label="Fallout state" value={state} onChange={(v) => setState(v as "open" | "resolved")}
        data={[{ value: "open", label: "Open" }, { value: "resolved", label: "Resolved" }]} />
      {records.error && <ErrorNotice error={records.error} />}
      {records.data && records.data.items.length === 0 && <Text c="dimmed">No {state} fallout.</Text>}
      {records.data && records.data.items.length > 0 && (
        <Table striped aria-label={`${state} fallout records`}>
          <Table.Thead><Table.Tr><Table.Th>Record</Table.Th><Table.Th>Type</Table.Th><Table.Th>State</Table.Th><Table.Th>Priority</Table.Th><Table.Th>Group</Table.Th><Table.Th>Error</Table.Th><Table.Th>Opened</Table.Th><Table.Th>Resolution</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {records.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><Anchor component={Link} to={paths.fallout(r.id)} size="sm">{r.id}</Anchor></Table.Td>
                <Table.Td>{r.type}</Table.Td><Table.Td><State state={r.state} /></Table.Td><Table.Td>{r.priority}</Table.Td>
                <Table.Td>{r.assignmentGroup}</Table.Td><Table.Td><Text size="sm" lineClamp={2}>{r.error}</Text></Table.Td>
                <Table.Td>{when(r.createdAt)}</Table.Td><Table.Td>{r.resolution ?? ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
