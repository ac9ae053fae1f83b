// Cancel the order: offered only when the server's tracking view says it can be cancelled now. Waits for the
// native cancel endpoint (POST /api/v1/orders/{id}/cancel), not in this branch yet: nothing is offered meanwhile.
import type { Tracking } from "./queries";

export function CancelOrder(_props: { order: Tracking }) {
  return null;
}
