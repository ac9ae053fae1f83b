// The order's revisions, newest first, each with what it changed.
import { Card, Group, Stack, Text } from "@mantine/core";
import { api } from "../../../shared/api/client";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { when } from "../format";
import { orderKeys, usePaged } from "../queries";
import { Json } from "./parts";

export default function RevisionsTab({ orderId }: { orderId: string }) {
  const revisions = usePaged(orderKeys.part(orderId, "revisions"), () =>
    api.GET("/api/v1/orders/{order_id}/revisions", { params: { path: { order_id: orderId }, query: { limit: 100 } } }));
  if (revisions.error) return <ErrorNotice error={revisions.error} />;
  if (!revisions.data) return <Text c="dimmed">Loading…</Text>;
  return (
    <Stack>
      {revisions.data.items.map((r) => (
        <Card key={r.revision} withBorder component="section" aria-label={`Revision ${r.revision}`}>
          <Group gap="sm" mb={4}>
            <Text fw={600}>Revision {r.revision}</Text>
            <Text size="sm" c="dimmed">{when(r.createdAt)}{r.actor ? ` by ${r.actor}` : ""}</Text>
          </Group>
          {r.diff ? <Json value={r.diff} /> : <Text size="sm" c="dimmed">As captured.</Text>}
        </Card>
      ))}
    </Stack>
  );
}
