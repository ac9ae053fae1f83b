// Cancel the order: offered only while the server's tracking view says it can still be cancelled (before the
// point of no return). The server decides again when asked: a refusal comes back with its reason, shown as is.
import { useState } from "react";
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import { useCancelOrder, type Tracking } from "./queries";

const REFUSED = "terminatedWithError";

export function CancelOrder({ order }: { order: Tracking }) {
  const [open, setOpen] = useState(false);
  if (!order.canCancel && !open) return null;  // an open dialog stays to show how the request went
  return (
    <>
      {order.canCancel && <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setOpen(true)}>Cancel order</Button>}
      <Modal opened={open} onClose={() => setOpen(false)} closeButtonProps={{ "aria-label": "Close" }} title="Cancel this order?">
        {open && <CancelForm orderId={order.id} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function CancelForm({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const cancel = useCancelOrder(orderId);
  const [reason, setReason] = useState("");
  const refusal = cancel.data?.state === REFUSED ? cancel.data.error ?? "The order could not be cancelled." : null;

  const submit = () => cancel.mutate(reason, {
    onSuccess: (request) => {
      if (request.state === REFUSED) return;
      toast({ color: "green", title: "Cancellation requested", message: "Your order is being cancelled; its page shows how it goes." });
      onDone();
    },
  });

  return (
    <Stack>
      <Text size="sm">Work already done for the order is undone. This cannot be taken back.</Text>
      <Textarea label="Reason (optional)" autosize minRows={2} maxLength={2000} value={reason}
        onChange={(event) => setReason(event.currentTarget.value)} />
      {refusal && <ErrorNotice error={new Error(refusal)} title="The order was not cancelled" />}
      {cancel.error && <ErrorNotice error={cancel.error} title="The order was not cancelled" />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Keep the order</Button>
        {!refusal && <Button color="red" onClick={submit} loading={cancel.isPending}>Cancel the order</Button>}
      </Group>
    </Stack>
  );
}
