// W6: one task — claim it, assign it (managers, to a member of its group), complete it with the form of its
// outputs (the server's JSON Schema; a 422 shows next to the fields), add a work note, raise a manual fallout.
import { useMemo, useState } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { Anchor, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { errorsUnder } from "../../shared/api/problem";
import { useCan, useMe } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { toast } from "../../shared/ui/toast";
import { paths } from "../../shared/url/paths";
import { validator } from "../../studio/forms/validator";
import { when } from "./format";
import { useGroupMembers, useTask, useTaskAction, type Task } from "./queries";

const OPEN = new Set(["waiting", "running"]);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </Stack>
  );
}

export default function TaskPage() {
  const { taskId = "" } = useParams();
  const task = useTask(taskId);
  if (task.error) return <><PageHeader title="Task" /><ErrorNotice error={task.error} /></>;
  if (!task.data) return <Text>Loading…</Text>;
  return <TaskDetail task={task.data.data} etag={task.data.etag} />;
}

function TaskDetail({ task, etag }: { task: Task; etag: string }) {
  const me = useMe().data;
  const action = useTaskAction(task.id, etag);
  const open = OPEN.has(task.state);
  const run = (what: Parameters<typeof action.mutate>[0], done: string) =>
    action.mutate(what, { onSuccess: () => toast({ color: "teal", title: done, message: task.name || task.key }) });

  return (
    <>
      <PageHeader title={<>{task.name || task.key} <StateBadge state={task.state} /></>}
        description={`${task.type} task ${task.key}`}
        actions={open && task.assignee !== me?.username && (
          <Button onClick={() => run({ kind: "claim" }, "Claimed")} loading={action.isPending && action.variables?.kind === "claim"}>Claim</Button>
        )} />
      {action.error && action.variables?.kind !== "complete" && action.variables?.kind !== "fallout" && <ErrorNotice error={action.error} />}
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label="Order"><Anchor component={Link} to={paths.order(task.orderId)}>{task.orderId}</Anchor></Fact>
          <Fact label="Domain order">{task.domainOrderRef ?? "—"}</Fact>
          <Fact label="System">{task.fulfilmentSystem ?? "—"}</Fact>
          <Fact label="Assignment group">{task.assignmentGroup ?? "—"}</Fact>
          <Fact label="Assignee">{task.assignee ?? "unassigned"}</Fact>
          <Fact label="Ready since">{when(task.readyAt)}</Fact>
          <Fact label="Due">{when(task.dueAt)}</Fact>
          <Fact label="Point of no return">{task.pointOfNoReturn ? "yes" : "no"}</Fact>
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          {open && task.outputSchema && <CompleteForm task={task} action={action} />}
          {task.output && <Card withBorder><Title order={2} size="h4">Output</Title><pre>{JSON.stringify(task.output, null, 2)}</pre></Card>}
          {open && <AssignCard task={task} action={action} />}
        </Stack>
        <Stack>
          <NotesCard task={task} action={action} />
          {open && <FalloutCard task={task} action={action} />}
        </Stack>
      </SimpleGrid>
    </>
  );
}

type ActionHook = ReturnType<typeof useTaskAction>;

function errorSchemaFrom(errors: Record<string, string[]>): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const [pointer, messages] of Object.entries(errors)) {
    let node = root;
    for (const part of pointer.split("/").filter(Boolean)) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = messages;
  }
  return root as ErrorSchema;
}

function CompleteForm({ task, action }: { task: Task; action: ActionHook }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const failed = action.variables?.kind === "complete" ? action.error : null;
  const extraErrors = useMemo(() => errorSchemaFrom(errorsUnder(failed, "/output")), [failed]);
  return (
    <Card withBorder aria-label="Complete the task">
      <Title order={2} size="h4" mb="xs">Complete with the outputs</Title>
      {failed && <ErrorNotice error={failed} />}
      <Form schema={task.outputSchema as RJSFSchema} validator={validator} formData={data} noHtml5Validate showErrorList={false}
        extraErrors={extraErrors} onChange={(e) => setData(e.formData as Record<string, unknown>)}
        onSubmit={(e) => action.mutate({ kind: "complete", output: e.formData as Record<string, unknown> },
          { onSuccess: () => toast({ color: "teal", title: "Completed", message: task.name || task.key }) })}
        uiSchema={{ summary: { "ui:widget": "textarea" }, "ui:submitButtonOptions": { submitText: "Complete task" } }} />
    </Card>
  );
}

function AssignCard({ task, action }: { task: Task; action: ActionHook }) {
  const canAssign = useCan("task.assign");
  const members = useGroupMembers(task.assignmentGroup, canAssign);
  const [who, setWho] = useState<string | null>(null);
  if (!canAssign) return null;
  return (
    <Card withBorder aria-label="Assign the task">
      <Title order={2} size="h4" mb="xs">Assign</Title>
      {members.error && <ErrorNotice error={members.error} />}
      <Group align="flex-end">
        <Select label="Member of the group" data={members.data ?? []} value={who} onChange={setWho} searchable
          placeholder={task.assignmentGroup ? "choose a member" : "no group"} />
        <Button disabled={!who} onClick={() => who && action.mutate({ kind: "assign", assignee: who },
          { onSuccess: () => toast({ color: "teal", title: `Assigned to ${who}`, message: task.name || task.key }) })}>Assign</Button>
      </Group>
    </Card>
  );
}

function NotesCard({ task, action }: { task: Task; action: ActionHook }) {
  const [text, setText] = useState("");
  const notes = task.notes as { at?: string; author?: string; text?: string }[];
  return (
    <Card withBorder aria-label="Work notes">
      <Title order={2} size="h4" mb="xs">Work notes</Title>
      <Stack gap="xs" mb="sm">
        {notes.length === 0 && <Text size="sm" c="dimmed">No notes yet.</Text>}
        {notes.map((note, i) => (
          <div key={i} data-testid="work-note">
            <Text size="xs" c="dimmed">{when(note.at)}{note.author ? ` · ${note.author}` : ""}</Text>
            <Text size="sm">{note.text}</Text>
          </div>
        ))}
      </Stack>
      <Textarea label="New work note" value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} />
      <Button mt="xs" disabled={!text.trim()} loading={action.isPending && action.variables?.kind === "note"}
        onClick={() => action.mutate({ kind: "note", text }, { onSuccess: () => setText("") })}>Add note</Button>
    </Card>
  );
}

const FALLOUT_TYPES = ["customerUnreachable", "wrongData", "siteNotReady", "provisioning", "other"];

function FalloutCard({ task, action }: { task: Task; action: ActionHook }) {
  const [type, setType] = useState<string | null>("customerUnreachable");
  const [reason, setReason] = useState("");
  const [priority, setPriority] = useState<number | string>(3);
  const failed = action.variables?.kind === "fallout" ? action.error : null;
  return (
    <Card withBorder aria-label="Raise a manual fallout">
      <Title order={2} size="h4" mb="xs">Raise a manual fallout</Title>
      <Text size="sm" c="dimmed" mb="xs">The task goes on hold and a fallout record opens for the fallout team.</Text>
      {failed && <ErrorNotice error={failed} />}
      <Stack gap="xs">
        <Select label="Fallout type" data={FALLOUT_TYPES} value={type} onChange={setType} allowDeselect={false} />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <NumberInput label="Priority (1 most urgent)" min={1} max={5} value={priority} onChange={setPriority} />
        <Button color="orange" w="fit-content" disabled={!type || !reason.trim()}
          onClick={() => action.mutate({ kind: "fallout", type: type!, reason, priority: Number(priority) || undefined },
            { onSuccess: () => toast({ color: "orange", title: "Fallout raised", message: `${task.name || task.key} is on hold` }) })}>
          Raise fallout
        </Button>
      </Stack>
    </Card>
  );
}
