// What the order waits for from the customer. Supplying it waits for the native PATCH /api/v1/orders/{id}, not in
// this branch yet: the list is shown, with the advice to answer through an issue meanwhile.
import { Alert } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { Tracking } from "./queries";
import { MissingList } from "./TrackingPage";

export function SupplyInformation({ order }: { order: Tracking }) {
  return (
    <Alert color="yellow" icon={<IconInfoCircle />} title="We need more information" data-testid="missing-information">
      <MissingList order={order} />
    </Alert>
  );
}
