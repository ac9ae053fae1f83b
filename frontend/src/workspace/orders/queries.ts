// The server reads of W2-W4 (react-query), all through the generated client.
import { useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap, unwrapWithEtag } from "../../shared/api/problem";

export type OrderSummary = Schemas["OrderSummary"];
export type OrderView = Schemas["OrderView"];
export type TaskView = Schemas["TaskView"];
export type DomainOrderView = Schemas["DomainOrderView"];

export const orderKeys = {
  all: ["orders"] as const,
  list: (query: unknown) => ["orders", "list", query] as const,
  order: (id: string) => ["orders", "one", id] as const,
  part: (id: string, part: string, ...rest: unknown[]) => ["orders", "one", id, part, ...rest] as const,
};

/** One order with its ETag (the If-Match of a revision). */
export function useOrder(orderId: string) {
  return useQuery({
    queryKey: orderKeys.order(orderId),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/orders/{order_id}", { params: { path: { order_id: orderId } } })),
  });
}

export function usePaged<T>(key: readonly unknown[], load: () => Promise<{ data?: T[]; error?: unknown; response: Response }>) {
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      const answer = await load();
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
  });
}

export function useOrchestration(orderId: string) {
  return useQuery({
    queryKey: orderKeys.part(orderId, "orchestration"),
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/orchestration", { params: { path: { order_id: orderId } } })),
  });
}

export function useOrderFallouts(orderId: string, state: "open" | "resolved") {
  return usePaged(orderKeys.part(orderId, "fallouts", state), () =>
    api.GET("/api/v1/fallout", { params: { query: { orderId, state, limit: 200 } } }));
}
