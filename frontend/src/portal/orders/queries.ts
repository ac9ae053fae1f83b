// The portal's order reads and writes: my orders (the server's list, its CSV export), one order's tracking view,
// raising an issue on it. The server decides states, what may be cancelled and what is missing.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { ApiError, totalCount, unwrap } from "../../shared/api/problem";
import { issueKeys, type IssueKind } from "../../workspace/issues/queries";

export type PortalOrder = Schemas["PortalOrderSummary"];
export type Tracking = Schemas["TrackingView"];
export type MyOrdersQuery = QueryOf<"/api/v1/portal/orders">;

export const portalKeys = {
  orders: (query: MyOrdersQuery) => ["portal", "orders", query] as const,
  tracking: (orderId: string) => ["portal", "tracking", orderId] as const,
};

export function useMyOrders(query: MyOrdersQuery) {
  return useQuery({
    queryKey: portalKeys.orders(query),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/portal/orders", { params: { query } });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
  });
}

/** The order's tracking view; null when the server does not know it for this customer (a 404: not found, or
 *  another party's order, which it does not tell apart). */
export function useTracking(orderId: string) {
  return useQuery({
    queryKey: portalKeys.tracking(orderId),
    queryFn: async (): Promise<Tracking | null> => {
      try {
        return unwrap(await api.GET("/api/v1/orders/{order_id}/tracking", { params: { path: { order_id: orderId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    retry: false,
  });
}

/** Download the server's CSV of my orders with the list's filters (every page, not only the one shown). */
export async function downloadOrdersCsv(query: Omit<MyOrdersQuery, "offset" | "limit">): Promise<void> {
  const answer = await api.GET("/api/v1/orders/export.csv", { params: { query }, parseAs: "blob" });
  const blob = unwrap(answer) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = "my-orders.csv";
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function useRaiseIssue(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (issue: { kind: IssueKind; subject: string; text: string }) =>
      unwrap(await api.POST("/api/v1/orders/{order_id}/issues", { params: { path: { order_id: orderId } }, body: issue })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: portalKeys.tracking(orderId) });
      void client.invalidateQueries({ queryKey: issueKeys.all });
    },
  });
}

/** The ETag of the order's native view, which the server's PATCH and DELETE need in If-Match. */
async function orderEtag(orderId: string): Promise<string> {
  const answer = await api.GET("/api/v1/orders/{order_id}", { params: { path: { order_id: orderId } } });
  unwrap(answer);
  return answer.response.headers.get("ETag") ?? "";
}

/** Ask the server to cancel: it answers the request, refused (``terminatedWithError`` with its reason) or not. */
export function useCancelOrder(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST("/api/v1/orders/{order_id}/cancel", { params: { path: { order_id: orderId } }, body: { reason: reason || null, requestedCancellationDate: null } })),
    onSettled: () => void client.invalidateQueries({ queryKey: portalKeys.tracking(orderId) }),
  });
}

/** Supply the missing characteristics: a merge-PATCH of the order's items, guarded by the order's current ETag. */
export function useSupplyInformation(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (values: { itemId: string; characteristic: string; value: string }[]) => {
      const items = new Map<string, { name: string; value: string }[]>();
      for (const v of values) items.set(v.itemId, [...(items.get(v.itemId) ?? []), { name: v.characteristic, value: v.value }]);
      const body = { productOrderItem: [...items].map(([id, characteristics]) => ({ id, product: { productCharacteristic: characteristics } })) };
      const etag = await orderEtag(orderId);
      return unwrap(await api.PATCH("/api/v1/orders/{order_id}", { params: { path: { order_id: orderId } }, headers: { "If-Match": etag }, body: body as never }));
    },
    onSettled: () => void client.invalidateQueries({ queryKey: portalKeys.tracking(orderId) }),
  });
}
