// W10: the approvals inbox — what each order costs (totals, the delta of a revision) and the policy row that
// asked; select several, approve or reject them with one comment, and see each one's outcome.
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../shared/auth/session";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { money, priceLabel, when } from "./format";
import { APPROVALS_KEY, useApprovals, useDecideMany, type Approval, type DecisionOutcome } from "./queries";

type State = "pending" | "approved" | "rejected" | "withdrawn";
const STATES: State[] = ["pending", "approved", "rejected", "withdrawn"];
const OUTCOME_TONE: Record<string, string> = { decided: "teal", forbidden: "orange", conflict: "yellow", notFound: "gray" };

function Totals({ approval }: { approval: Approval }) {
  if (approval.totals.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={0}>
      {approval.totals.map((t) => (
        <Text size="xs" key={`${t.priceType}:${t.period ?? ""}`}>{priceLabel(t.priceType, t.period)}: {money(t.amount, t.currency)}</Text>
      ))}
    </Stack>
  );
}

function Delta({ approval }: { approval: Approval }) {
  const entries = Object.entries(approval.priceDelta ?? {});
  if (entries.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={0}>
      {entries.map(([name, value]) => {
        const [type, period] = name.split(":");
        return <Text size="xs" key={name}>{priceLabel(type, period)}: {Number(value) > 0 ? "+" : ""}{money(value)}</Text>;
      })}
    </Stack>
  );
}

export default function ApprovalsPage() {
  const canDecide = useCan("approval.decide");
  const { params, update, offset } = useListParams(50);
  const state = (params.filters.state as State | undefined) ?? "pending";
  const approvals = useApprovals({ offset, limit: params.pageSize, state, orderId: params.filters.orderId,
    sort: (params.sort ?? undefined) as "createdAt" | "-createdAt" | undefined });
  const decide = useDecideMany();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [comment, setComment] = useState("");
  const [outcomes, setOutcomes] = useState<{ rows: Record<string, Approval>; results: DecisionOutcome[] } | null>(null);
  useLiveRefresh(["queue:*"], [APPROVALS_KEY]);
  const rows = approvals.data?.rows ?? [];
  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const selectable = state === "pending" && canDecide;

  const columns: Column<Approval>[] = [
    ...(selectable ? [{ key: "pick", header: "Select", width: "70px", render: (a: Approval) => (
      <Checkbox aria-label={`Select the approval of order ${a.orderExternalId ?? a.orderId}`} checked={selected.has(a.id)}
        onChange={() => toggle(a.id)} onClick={(e) => e.stopPropagation()} />) }] : []),
    { key: "order", header: "Order", render: (a) => <Anchor component={Link} to={paths.order(a.orderId)}>{a.orderExternalId ?? a.orderId.slice(0, 8)}</Anchor> },
    { key: "orderState", header: "Order state", width: "130px", render: (a) => <StateBadge state={a.orderState} /> },
    { key: "reason", header: "Why", width: "minmax(200px, 2fr)", render: (a) => <Text size="sm">{a.reason ?? "—"}</Text> },
    { key: "rule", header: "Asked by", width: "minmax(160px, 1.5fr)", render: (a) => a.rule
      ? <Text size="xs" data-testid="asking-rule">{a.rule.artifact} v{a.rule.version} · row {a.rule.row}</Text> : "—" },
    { key: "role", header: "Role", render: (a) => a.role ?? "—" },
    { key: "totals", header: "Totals", width: "minmax(170px, 1.5fr)", render: (a) => <Totals approval={a} /> },
    { key: "delta", header: "Delta", render: (a) => <Delta approval={a} /> },
    { key: "created", header: "Asked", sortKey: "createdAt", render: (a) => when(a.createdAt) },
    ...(state === "pending" ? [] : [{ key: "decided", header: "Decided", render: (a: Approval) => `${a.decidedBy ?? ""} ${a.comment ? `“${a.comment}”` : ""}` }]),
  ];

  const submit = (decision: "approve" | "reject") => {
    const ids = [...selected];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    decide.mutate({ ids, decision, comment: comment.trim() || null }, {
      onSuccess: (result) => {
        setOutcomes({ rows: byId, results: result.results });
        setSelected(new Set(result.results.filter((r) => r.outcome !== "decided").map((r) => r.id)));
        setComment("");
      },
    });
  };

  return (
    <>
      <PageHeader title="Approvals" description="Orders and plan tasks waiting for your decision: the totals, the change in price and the policy row that asked." />
      <SegmentedControl mb="sm" aria-label="Approval state" data={STATES} value={state}
        onChange={(value) => { setSelected(new Set()); update({ filters: { state: value === "pending" ? null : value } }); }} />
      {approvals.error && <ErrorNotice error={approvals.error} />}
      {selectable && (
        <Card withBorder mb="sm" aria-label="Decide the selected approvals">
          <Group align="flex-end">
            <Textarea label="Comment (kept with each decision)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} w={420} autosize minRows={1} />
            <Button color="teal" disabled={selected.size === 0} loading={decide.isPending && decide.variables?.decision === "approve"}
              onClick={() => submit("approve")}>Approve selected ({selected.size})</Button>
            <Button color="red" variant="light" disabled={selected.size === 0} loading={decide.isPending && decide.variables?.decision === "reject"}
              onClick={() => submit("reject")}>Reject selected ({selected.size})</Button>
          </Group>
          {decide.error && <ErrorNotice error={decide.error} />}
        </Card>
      )}
      {outcomes && (
        <Alert mb="sm" title={`${outcomes.results.filter((r) => r.outcome === "decided").length} of ${outcomes.results.length} decided`}
          color={outcomes.results.every((r) => r.outcome === "decided") ? "teal" : "orange"} aria-label="Decision outcomes" withCloseButton
          closeButtonLabel="Dismiss the outcomes" onClose={() => setOutcomes(null)}>
          <List size="sm">
            {outcomes.results.map((r) => (
              <List.Item key={r.id} data-testid="decision-outcome">
                <Badge size="sm" variant="light" color={OUTCOME_TONE[r.outcome] ?? "gray"} mr={6}>{r.outcome}</Badge>
                order {outcomes.rows[r.id]?.orderExternalId ?? outcomes.rows[r.id]?.orderId ?? r.id}
                {r.approval ? ` → ${r.approval.state}` : ""}{r.detail ? `: ${r.detail}` : ""}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Title order={2} size="h4" mb="xs">{state === "pending" ? "Waiting" : state}</Title>
      <DataList label="Approvals" columns={columns} rows={rows} rowKey={(a) => a.id} rowHeight={56}
        total={approvals.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={approvals.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="Nothing waits for your decision." />
    </>
  );
}
