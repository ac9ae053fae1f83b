// Raise an issue on an order (a question, a problem) or request a change: the order desk answers it, and the
// answer shows on the tracking page. The server's 422 is shown next to the field it names.
import { useState } from "react";
import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { errorsUnder } from "../../shared/api/problem";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import type { IssueKind } from "../../workspace/issues/queries";
import { useRaiseIssue } from "./queries";

export function RaiseIssueDialog({ orderId, kind, onClose }: { orderId: string; kind: IssueKind | null; onClose: () => void }) {
  return (
    <Modal opened={kind !== null} onClose={onClose} closeButtonProps={{ "aria-label": "Close" }} title={kind === "changeRequest" ? "Request a change" : "Raise an issue"}>
      {kind !== null && <IssueForm orderId={orderId} initialKind={kind} onDone={onClose} />}
    </Modal>
  );
}

function IssueForm({ orderId, initialKind, onDone }: { orderId: string; initialKind: IssueKind; onDone: () => void }) {
  const raise = useRaiseIssue(orderId);
  const [kind, setKind] = useState<IssueKind>(initialKind);
  const [subject, setSubject] = useState("");
  const [text, setText] = useState("");
  const pointed = errorsUnder(raise.error, "");
  const change = kind === "changeRequest";

  const submit = () => raise.mutate({ kind, subject, text }, {
    onSuccess: () => {
      toast({ color: "green", title: change ? "Change requested" : "Issue raised", message: "We will answer it here, on your order's page." });
      onDone();
    },
  });

  return (
    <Stack>
      {change ? (
        <Text size="sm">Tell us what you would like to change. Our order desk checks whether it can be done and answers you here.</Text>
      ) : (
        <SegmentedControl aria-label="Kind of issue" value={kind} onChange={(value) => setKind(value as IssueKind)}
          data={[{ value: "question", label: "Question" }, { value: "problem", label: "Problem" }]} />
      )}
      <TextInput label="Subject" required maxLength={200} value={subject} onChange={(event) => setSubject(event.currentTarget.value)}
        error={pointed["/subject"]?.join("; ")} />
      <Textarea label={change ? "The change you would like" : "Your message"} required autosize minRows={4} maxLength={4000}
        value={text} onChange={(event) => setText(event.currentTarget.value)} error={pointed["/text"]?.join("; ")} />
      {raise.error && !pointed["/subject"] && !pointed["/text"] && <ErrorNotice error={raise.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Close</Button>
        <Button onClick={submit} loading={raise.isPending} disabled={!subject.trim() || !text.trim()}>
          {change ? "Send the request" : "Send"}
        </Button>
      </Group>
    </Stack>
  );
}
