// The order's items, page by page.
import { State } from "../Badges";
import { api } from "../../../shared/api/client";
import { DataList } from "../../../shared/ui/DataList";
import { ErrorNotice } from "../../../shared/ui/ErrorNotice";
import { useState } from "react";
import { orderKeys, usePaged } from "../queries";

export default function ItemsTab({ orderId }: { orderId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const items = usePaged(orderKeys.part(orderId, "items", page, pageSize), () =>
    api.GET("/api/v1/orders/{order_id}/items", { params: { path: { order_id: orderId }, query: { offset: (page - 1) * pageSize, limit: pageSize } } }));
  if (items.error) return <ErrorNotice error={items.error} />;
  return (
    <DataList label="Order items" rows={items.data?.items ?? []} rowKey={(i) => i.id} total={items.data?.total ?? 0}
      page={page} pageSize={pageSize} onPage={setPage} onPageSize={setPageSize} loading={items.isPending} height={pageSize * 40 + 48}
      columns={[
        { key: "id", header: "Item", width: "90px", render: (i) => i.id },
        { key: "action", header: "Action", width: "100px", render: (i) => i.action },
        { key: "offering", header: "Product offering", render: (i) => i.productOffering ?? "" },
        { key: "quantity", header: "Quantity", width: "90px", render: (i) => i.quantity },
        { key: "state", header: "State", width: "150px", render: (i) => <State state={i.state} /> },
      ]} />
  );
}

