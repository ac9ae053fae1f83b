// Activity and notes: what happened to the order and its parts (audit entries, newest first), and its notes.
import { lazy, Suspense, useState } from "react";
import { Loader, Stack, Text, Title } from "@mantine/core";
import { api } from "../../../shared/api/client";
import { DataList } from "../../../shared/ui/DataList";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { when } from "../format";
import { orderKeys, usePaged } from "../queries";

const OrderNotes = lazy(() => import("../../issues/OrderNotes"));

export default function ActivityTab({ orderId }: { orderId: string }) {
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const feed = usePaged(orderKeys.part(orderId, "activity", page), () =>
    api.GET("/api/v1/orders/{order_id}/activity", { params: { path: { order_id: orderId }, query: { offset: (page - 1) * pageSize, limit: pageSize } } }));
  return (
    <Stack>
      <section aria-label="Notes">
        <Title order={3} size="h5" mb={4}>Notes</Title>
        <Suspense fallback={<Loader size="sm" role="status" aria-label="Loading notes" />}><OrderNotes orderId={orderId} /></Suspense>
      </section>
      <section aria-label="Activity">
        <Title order={3} size="h5" mb={4}>Activity</Title>
        {feed.error && <ErrorNotice error={feed.error} />}
        <DataList label="Activity" rows={feed.data?.items ?? []} rowKey={(e) => String(e.id)} total={feed.data?.total ?? 0}
          page={page} pageSize={pageSize} onPage={setPage} loading={feed.isPending} height={pageSize * 48 + 48} rowHeight={48} empty="Nothing recorded yet."
          columns={[
            { key: "at", header: "When", width: "150px", render: (e) => when(e.at) },
            { key: "actor", header: "Who", width: "120px", render: (e) => e.actor },
            { key: "action", header: "What", width: "160px", render: (e) => e.action },
            { key: "entity", header: "On", width: "minmax(120px, 1fr)", render: (e) => <Text size="xs" truncate="end" maw={150} title={`${e.entityType} ${e.entityId}`}>{e.entityType} {e.entityId}</Text> },
            { key: "data", header: "Details", width: "minmax(120px, 2fr)", render: (e) => (
              <Text size="xs" ff="monospace" truncate="end" maw={220} title={JSON.stringify(e.data)}>{JSON.stringify(e.data)}</Text>) },
          ]} />
      </section>
    </Stack>
  );
}
