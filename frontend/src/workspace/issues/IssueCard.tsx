// One customer issue as staff read it: what was asked, by whom and when, the answer so far, and (for those who
// may answer) the answer form while it is not closed.
import { Badge, Card, Group, Stack, Text } from "@mantine/core";
import { useCan } from "../../shared/auth/session";
import { StateBadge } from "../../shared/ui/StateBadge";
import { AnswerForm } from "./AnswerForm";
import { KIND_LABELS, type Issue } from "./queries";

const MOMENT = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export function IssueCard({ issue }: { issue: Issue }) {
  const canAnswer = useCan("issue.answer");
  return (
    <Card withBorder padding="md" data-issue={issue.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{issue.subject}</Text>
          <Group gap="xs"><Badge variant="outline" color="gray">{KIND_LABELS[issue.kind]}</Badge><StateBadge state={issue.state} /></Group>
        </Group>
        <Text size="xs" c="dimmed">Raised by {issue.raisedBy} on {MOMENT.format(new Date(issue.raisedAt))}</Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{issue.text}</Text>
        {issue.answer && (
          <Card bg="var(--mantine-color-default-hover)" padding="xs" data-testid="issue-answer">
            <Text size="xs" c="dimmed">Answered by {issue.answeredBy}{issue.answeredAt ? ` on ${MOMENT.format(new Date(issue.answeredAt))}` : ""}</Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{issue.answer}</Text>
          </Card>
        )}
        {canAnswer && issue.state !== "closed" && <AnswerForm issue={issue} />}
      </Stack>
    </Card>
  );
}
