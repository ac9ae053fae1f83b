// Answer a customer's issue, and close it with the answer if nothing more is to come. The customer sees the
// answer on the order's tracking page; the server's 409 (closed meanwhile) or 422 is shown as it says.
import { useState } from "react";
import { Button, Checkbox, Group, Stack, Textarea } from "@mantine/core";
import { errorsUnder } from "../../shared/api/problem";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import { useAnswerIssue, type Issue } from "./queries";

export function AnswerForm({ issue, onAnswered }: { issue: Issue; onAnswered?: () => void }) {
  const answer = useAnswerIssue();
  const [text, setText] = useState("");
  const [close, setClose] = useState(false);
  const pointed = errorsUnder(answer.error, "");

  const submit = () => answer.mutate({ issueId: issue.id, answer: text, close }, {
    onSuccess: (answered) => {
      toast({ color: "green", title: "Answer sent", message: `The customer sees it now; the issue is ${answered.state}.` });
      setText("");
      setClose(false);
      onAnswered?.();
    },
  });

  return (
    <Stack gap="xs">
      <Textarea label={`Answer to "${issue.subject}"`} autosize minRows={3} maxLength={4000} value={text}
        onChange={(event) => setText(event.currentTarget.value)} error={pointed["/answer"]?.join("; ")} />
      <Checkbox label="Close the issue with this answer" checked={close} onChange={(event) => setClose(event.currentTarget.checked)} />
      {answer.error && !pointed["/answer"] && <ErrorNotice error={answer.error} title="The answer was not sent" />}
      <Group justify="flex-end">
        <Button onClick={submit} loading={answer.isPending} disabled={!text.trim()}>Send answer</Button>
      </Group>
    </Stack>
  );
}
