// W7: one fallout record — what failed (the request the task sent, the answer), the retry history, work notes,
// and the actions that resolve it. Links to the order and its timeline.
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Code, Group, Loader, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { paths } from "../../shared/url/paths";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { ageSince } from "./age";
import { RecordActions } from "./RecordActions";
import { useFalloutRecord, useRecordAction, type FalloutRecord } from "./queries";

const when = (at: string | null | undefined) => (at ? new Date(at).toLocaleString() : "");
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export default function FalloutRecordPage() {
  const { recordId = "" } = useParams();
  const record = useFalloutRecord(recordId);
  const action = useRecordAction(recordId);
  const canWork = useCan("fallout.work");
  if (record.isPending) return <Loader aria-label="Loading the record" />;
  if (record.error) return (
    <>
      <PageHeader title={`Fallout ${recordId.slice(0, 8)}`} />
      <ErrorNotice error={record.error} />
      <Anchor component={Link} to={paths.fallouts()} mt="md" display="block">Back to the fallout queue</Anchor>
    </>
  );
  const r = record.data;
  return (
    <>
      <PageHeader title={<Group gap="sm">Fallout <Text span ff="monospace" inherit>{r.id.slice(0, 8)}</Text> <StateBadge state={r.state} size="lg" /></Group>}
        description={`${r.type} · priority ${r.priority} · opened ${when(r.createdAt)} (${ageSince(r.createdAt)} ago)`}
        actions={<>
          <Anchor component={Link} to={paths.order(r.orderId)}>Open the order</Anchor>
          <Anchor component={Link} to={paths.orderTimeline(r.orderId)}>Timeline</Anchor>
          <Anchor component={Link} to={paths.fallouts()}>Queue</Anchor>
        </>} />
      <Summary r={r} />
      {action.error && <ErrorNotice error={action.error} />}
      {canWork && r.state === "open" && <RecordActions record={r} action={action} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Card withBorder component="section" aria-labelledby="request-title">
          <Title order={2} size="h4" id="request-title" mb="xs">Failing request</Title>
          {r.request ? (
            <>
              <Text size="sm" mb="xs">Task <b>{r.request.taskKey}</b> ({r.request.taskName}) via <Code>{r.request.handler ?? "—"}</Code> to system <b>{r.request.system ?? "—"}</b>, attempt {r.request.attempt}, now <StateBadge state={r.request.taskState} /></Text>
              {r.state !== "open" && <Text size="xs" c="dimmed" mb={4}>The task's params and lines as they are now (after any fix).</Text>}
              <Code block data-testid="request-json" tabIndex={0} aria-label="Failing request JSON">{pretty({ params: r.request.params, lines: r.request.lines })}</Code>
            </>
          ) : <Text size="sm">This record is about the whole order (no task): retry advances the order again.</Text>}
        </Card>
        <Card withBorder component="section" aria-labelledby="response-title">
          <Title order={2} size="h4" id="response-title" mb="xs">Response</Title>
          <Alert color="red" variant="light" mb="xs" title="Error">{r.response.error}</Alert>
          {r.response.output && <Code block data-testid="response-json" tabIndex={0} aria-label="Response JSON">{pretty(r.response.output)}</Code>}
        </Card>
      </SimpleGrid>
      <History r={r} />
      <Notes r={r} canWork={canWork} action={action} />
    </>
  );
}

function Summary({ r }: { r: FalloutRecord }) {
  return (
    <Group gap="lg" mb="md" wrap="wrap" aria-label="Record summary">
      <Text size="sm">Group: <b data-testid="record-group">{r.assignmentGroup}</b></Text>
      <Text size="sm">Assignee: <b data-testid="record-assignee">{r.assignee ?? "unassigned"}</b></Text>
      <Text size="sm">Task: <b>{r.taskKey ?? "whole order"}</b></Text>
      <Text size="sm">Item: <b>{r.item ?? "—"}</b></Text>
      {r.resolution && <Text size="sm">Resolution: <Badge variant="light" data-testid="resolution">{r.resolution}</Badge> by {r.resolvedBy} {when(r.resolvedAt)}</Text>}
    </Group>
  );
}

const EVENT_LABEL: Record<string, string> = { retriedAutomatically: "failed, retried by policy", falloutOpened: "failed: fallout opened", resolved: "resolved" };

function History({ r }: { r: FalloutRecord }) {
  return (
    <Card withBorder mb="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h4" id="history-title" mb="xs">Retry history</Title>
      <Table aria-labelledby="history-title">
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Attempt</Table.Th><Table.Th>What</Table.Th><Table.Th>Error or reason</Table.Th><Table.Th>By</Table.Th><Table.Th>Record</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {r.history.map((h, index) => (
            <Table.Tr key={`${h.at}-${index}`} data-event={h.event}>
              <Table.Td>{when(h.at)}</Table.Td>
              <Table.Td>{h.attempt ?? ""}</Table.Td>
              <Table.Td>{EVENT_LABEL[h.event] ?? h.event}{h.resolution ? ` (${h.resolution})` : ""}</Table.Td>
              <Table.Td>{h.error ?? h.reason ?? ""}</Table.Td>
              <Table.Td>{h.by ?? ""}</Table.Td>
              <Table.Td>{h.recordId && h.recordId !== r.id ? <Anchor component={Link} to={paths.fallout(h.recordId)} ff="monospace">{h.recordId.slice(0, 8)}</Anchor> : h.recordId ? "this" : ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Notes({ r, canWork, action }: { r: FalloutRecord; canWork: boolean; action: ReturnType<typeof useRecordAction> }) {
  const [text, setText] = useState("");
  return (
    <Card withBorder component="section" aria-labelledby="notes-title">
      <Title order={2} size="h4" id="notes-title" mb="xs">Work notes</Title>
      <Stack gap="xs" mb="sm">
        {r.notes.length === 0 && <Text size="sm" c="dimmed">No notes yet.</Text>}
        {r.notes.map((note, index) => (
          <Text key={`${note.at}-${index}`} size="sm" data-testid="work-note"><b>{note.author}</b> · {when(note.at)}: {note.text}</Text>
        ))}
      </Stack>
      {canWork && (
        <Group align="flex-end">
          <Textarea label="Add a work note" autosize minRows={1} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button variant="light" disabled={!text.trim()} loading={action.isPending && action.variables?.kind === "note"}
            onClick={() => action.mutate({ kind: "note", text }, { onSuccess: () => setText("") })}>Add note</Button>
        </Group>
      )}
    </Card>
  );
}
