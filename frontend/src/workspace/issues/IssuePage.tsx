// One customer issue: the question with its order, and the answer form (answer, and close it with the answer).
import { Button, Group, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { IssueCard } from "./IssueCard";
import { useIssue } from "./queries";

export default function IssuePage() {
  const { issueId = "" } = useParams();
  const issue = useIssue(issueId);
  if (issue.isPending) return <Text c="dimmed">Loading…</Text>;
  if (issue.error) return <ErrorNotice error={issue.error} />;
  const found = issue.data;
  return (
    <Stack maw={860}>
      <Text size="sm"><Link to={paths.issues()}>Customer issues</Link></Text>
      <PageHeader title={found.subject} description={`On order ${found.orderExternalId ?? found.orderId} of customer ${found.partyId ?? "—"}`}
        actions={<Button component={Link} to={paths.order(found.orderId, "notes")} variant="default">Open the order</Button>} />
      <IssueCard issue={found} />
      <Group><Button component={Link} to={paths.issues()} variant="subtle">Back to the queue</Button></Group>
    </Stack>
  );
}
