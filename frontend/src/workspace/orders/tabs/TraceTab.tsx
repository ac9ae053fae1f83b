// Why the order got what it got: the rules' decisions stage by stage, each linking to the artifact row.
import { Anchor, Stack, Table, Text, Timeline } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../../shared/api/client";
import { unwrap } from "../../../shared/api/problem";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { decisionText, provenanceHref, selectionParam, stagesOf } from "../../../studio/simulate/why";
import { orderKeys } from "../queries";

export default function TraceTab({ orderId }: { orderId: string }) {
  const trace = useQuery({
    queryKey: orderKeys.part(orderId, "trace"),
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/trace", { params: { path: { order_id: orderId }, query: { limit: 1000 } } })),
  });
  if (trace.error) return <ErrorNotice error={trace.error} />;
  if (!trace.data) return <Text c="dimmed">Loading…</Text>;
  const stages = stagesOf(trace.data as unknown as Record<string, unknown>[]);
  if (stages.length === 0) return <Text c="dimmed">No decisions recorded.</Text>;
  return (
    <Timeline bulletSize={18} lineWidth={2} active={stages.length}>
      {stages.map((stage) => (
        <Timeline.Item key={stage.stage} title={stage.label}>
          <Stack gap={4}>
            <Table aria-label={`Decisions of ${stage.label}`} withRowBorders={false}>
              <Table.Tbody>
                {stage.entries.map((entry, index) => {
                  const artifact = entry.artifact as string | null;
                  const version = entry.version as number | null;
                  const rule = (entry.rule as string | null) ?? null;
                  return (
                    <Table.Tr key={index}>
                      <Table.Td w="40%">
                        {artifact && version != null ? (
                          <Anchor component={Link} size="sm" to={provenanceHref(artifact, version, selectionParam(undefined, stage.stage, rule), rule)}>
                            {artifact} v{version}{rule ? ` · ${rule}` : ""}
                          </Anchor>
                        ) : <Text size="sm" c="dimmed">engine{rule ? ` · ${rule}` : ""}</Text>}
                      </Table.Td>
                      <Table.Td><Text size="sm">{decisionText(entry.decision)}</Text></Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
