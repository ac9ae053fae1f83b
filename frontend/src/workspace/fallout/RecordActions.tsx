// The actions on an open record: retry, fix data and resume, force-complete / fail item / cancel order (each with
// a reason), reassign. The server decides whether each is allowed; its refusal is shown as it says it.
import { useState } from "react";
import { Autocomplete, Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { useCan } from "../../shared/auth/session";
import { ApiError } from "../../shared/api/problem";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { FixForm } from "./FixForm";
import { useGroups, useRecordAction, type FalloutRecord, type RecordAction } from "./queries";

type ReasonKind = "force-complete" | "fail-item" | "cancel-order";
const REASON_ACTIONS: { kind: ReasonKind; label: string; color?: string }[] = [
  { kind: "force-complete", label: "Force complete" },
  { kind: "fail-item", label: "Fail item", color: "red" },
  { kind: "cancel-order", label: "Cancel order", color: "red" },
];

export function RecordActions({ record, action }: { record: FalloutRecord; action: ReturnType<typeof useRecordAction> }) {
  const [open, setOpen] = useState<null | ReasonKind | "fix" | "reassign">(null);
  const run = (what: RecordAction) => action.mutate(what, { onSuccess: () => setOpen(null) });
  const current = REASON_ACTIONS.find((a) => a.kind === open);
  return (
    <>
      <Group gap="xs" mb="md" wrap="wrap">
        <Button onClick={() => { action.reset(); run({ kind: "retry" }); }} loading={action.isPending && action.variables?.kind === "retry"}>Retry</Button>
        {record.request && <Button variant="light" onClick={() => { action.reset(); setOpen("fix"); }}>Fix data and resume</Button>}
        {REASON_ACTIONS.filter((a) => record.request || a.kind === "cancel-order").map((a) => (
          <Button key={a.kind} variant="light" color={a.color} onClick={() => { action.reset(); setOpen(a.kind); }}>{a.label}</Button>
        ))}
        <Button variant="default" onClick={() => { action.reset(); setOpen("reassign"); }}>Reassign</Button>
      </Group>
      <Modal closeButtonProps={{ "aria-label": "Close" }} opened={open === "fix"} onClose={() => setOpen(null)} title="Fix data and resume" size="lg">
        {action.error && <ErrorNotice error={action.error} />}
        {record.request && <FixForm call={record.request} pending={action.isPending} error={action.error}
          onSubmit={(body) => run({ kind: "fix", body })} />}
      </Modal>
      <Modal closeButtonProps={{ "aria-label": "Close" }} opened={current !== undefined} onClose={() => setOpen(null)} title={current?.label ?? ""}>
        {action.error && <ErrorNotice error={action.error} />}
        {current && <ReasonForm label={current.label} pending={action.isPending} error={action.error}
          onSubmit={(reason) => run({ kind: current.kind, reason })} />}
      </Modal>
      <Modal closeButtonProps={{ "aria-label": "Close" }} opened={open === "reassign"} onClose={() => setOpen(null)} title="Reassign">
        {action.error && <ErrorNotice error={action.error} />}
        <ReassignForm record={record} pending={action.isPending} error={action.error}
          onSubmit={(body) => run({ kind: "reassign", body })} />
      </Modal>
    </>
  );
}

function pointed(error: unknown, pointer: string): string | undefined {
  return error instanceof ApiError ? error.byPointer[pointer]?.join("; ") : undefined;
}

function ReasonForm({ label, onSubmit, pending, error }: { label: string; onSubmit: (reason: string) => void; pending: boolean; error: unknown }) {
  const [reason, setReason] = useState("");
  return (
    <Stack gap="sm">
      <Textarea label="Reason" required autosize minRows={2} value={reason} error={pointed(error, "/reason")}
        onChange={(e) => setReason(e.currentTarget.value)} />
      <Button onClick={() => onSubmit(reason)} loading={pending} disabled={!reason.trim()} w="fit-content">{label}</Button>
    </Stack>
  );
}

function ReassignForm({ record, onSubmit, pending, error }: {
  record: FalloutRecord; onSubmit: (body: { group: string | null; assignee: string | null; reason: string }) => void; pending: boolean; error: unknown;
}) {
  const groups = useGroups(useCan("group.read"));
  const [group, setGroup] = useState(record.assignmentGroup);
  const [assignee, setAssignee] = useState(record.assignee ?? "");
  const [reason, setReason] = useState("");
  const members = groups.data?.find((g) => g.key === group)?.members ?? [];
  const submit = () => onSubmit({
    group: group.trim() && group.trim() !== record.assignmentGroup ? group.trim() : null,
    assignee: assignee.trim() || null,
    reason,
  });
  return (
    <Stack gap="sm">
      <Autocomplete label="Assignment group" data={(groups.data ?? []).map((g) => g.key)} value={group} onChange={setGroup}
        error={pointed(error, "/group")} />
      <Autocomplete label="Assignee" description="a member of the group" data={members} value={assignee} onChange={setAssignee}
        error={pointed(error, "/assignee")} />
      <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={pointed(error, "/reason")} />
      <Button onClick={submit} loading={pending} disabled={!reason.trim()} w="fit-content">Reassign</Button>
    </Stack>
  );
}
