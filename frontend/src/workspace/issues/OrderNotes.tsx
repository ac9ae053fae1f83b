// An order's notes (internal and customer-visible) and the customers' issues raised on it, as the staff order
// detail's "Activity and notes" tab shows them: add a note (internal unless switched to customer-visible),
// answer an issue where the role may.
import { useState } from "react";
import { Badge, Button, Card, Group, Stack, Switch, Text, Textarea, Title } from "@mantine/core";
import { errorsUnder } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { IssueCard } from "./IssueCard";
import { useAddNote, useIssues, useNotes } from "./queries";

const MOMENT = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export default function OrderNotes({ orderId }: { orderId: string }) {
  return (
    <Stack gap="lg">
      <NotesSection orderId={orderId} />
      <IssuesSection orderId={orderId} />
    </Stack>
  );
}

function NotesSection({ orderId }: { orderId: string }) {
  const notes = useNotes(orderId);
  const canNote = useCan("order.note");
  return (
    <section aria-labelledby="order-notes-title">
      <Title order={2} size="h4" id="order-notes-title" mb="xs">Notes</Title>
      {canNote && <AddNote orderId={orderId} />}
      {notes.error && <ErrorNotice error={notes.error} />}
      {notes.data && notes.data.length === 0 && <Text size="sm" c="dimmed">No notes yet.</Text>}
      <Stack gap="xs" mt="sm" data-testid="order-notes">
        {(notes.data ?? []).map((note) => (
          <Card key={note.id} withBorder padding="sm" data-note={note.id}>
            <Group gap="xs" justify="space-between">
              <Text size="xs" c="dimmed">{note.author}, {MOMENT.format(new Date(note.createdAt))}</Text>
              {note.customerVisible
                ? <Badge color="blue" variant="light">visible to the customer</Badge>
                : <Badge color="gray" variant="light">internal</Badge>}
            </Group>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{note.text}</Text>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

function AddNote({ orderId }: { orderId: string }) {
  const add = useAddNote(orderId);
  const [text, setText] = useState("");
  const [visible, setVisible] = useState(false);
  const pointed = errorsUnder(add.error, "");
  const submit = () => add.mutate({ text, customerVisible: visible }, { onSuccess: () => { setText(""); setVisible(false); } });
  return (
    <Stack gap="xs">
      <Textarea label="New note" autosize minRows={2} maxLength={4000} value={text}
        onChange={(event) => setText(event.currentTarget.value)} error={pointed["/text"]?.join("; ")} />
      <Group justify="space-between">
        <Switch label="Visible to the customer" checked={visible} onChange={(event) => setVisible(event.currentTarget.checked)} />
        <Button onClick={submit} loading={add.isPending} disabled={!text.trim()}>Add note</Button>
      </Group>
      {add.error && !pointed["/text"] && <ErrorNotice error={add.error} title="The note was not added" />}
    </Stack>
  );
}

function IssuesSection({ orderId }: { orderId: string }) {
  const canRead = useCan("issue.read");
  const issues = useIssues({ orderId, state: "any", limit: 1000 });
  if (!canRead) return null;
  return (
    <section aria-labelledby="order-issues-title">
      <Title order={2} size="h4" id="order-issues-title" mb="xs">Customer issues</Title>
      {issues.error && <ErrorNotice error={issues.error} />}
      {issues.data && issues.data.items.length === 0 && <Text size="sm" c="dimmed">The customer raised nothing on this order.</Text>}
      <Stack gap="sm">
        {(issues.data?.items ?? []).map((issue) => <IssueCard key={issue.id} issue={issue} />)}
      </Stack>
    </section>
  );
}
