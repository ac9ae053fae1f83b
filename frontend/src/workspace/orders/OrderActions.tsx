// The order's actions, shown only to roles the server would let do them. Placeholder until the order-change
// endpoints land.
import type { OrderView } from "./queries";

export function OrderActions(_: { order: OrderView; etag: string }) {
  return null;
}
