// The order's actions, each shown only to roles the server lets do it: revise (impact preview first, then the
// merge-PATCH with If-Match), cancel (the server's refusal past the point of no return shown as it words it),
// withdraw, and supply the information a pending order waits for.
import { useState } from "react";
import { Alert, Button, Group, List, Modal, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../shared/api/client";
import { ApiError, unwrap } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import { editOf, type ItemEdit, missingFields, revisionPatch, supplyPatch } from "./changeLogic";
import { orderKeys, type OrderView } from "./queries";

type Patch = { productOrderItem?: Record<string, never>[] };
type Preview = Schemas["RevisionPreview"];

function useChange(orderId: string) {
  const client = useQueryClient();
  return {
    refresh: () => client.invalidateQueries({ queryKey: orderKeys.order(orderId) }),
    patch: async (body: unknown, etag: string) => unwrap(await api.PATCH("/api/v1/orders/{order_id}", {
      params: { path: { order_id: orderId } }, body: body as Patch, headers: { "If-Match": etag } })),
  };
}

function Stale({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (error instanceof ApiError && error.status === 412) {
    return (
      <Alert color="yellow" title="The order changed meanwhile" role="alert">
        <Stack gap="xs">
          <Text size="sm">Someone (or the order's own progress) changed it since you opened it. Reload it and make your change again.</Text>
          <Button size="xs" w="fit-content" onClick={onReload}>Reload the order</Button>
        </Stack>
      </Alert>
    );
  }
  return error ? <ErrorNotice error={error} /> : null;
}

function ImpactList({ title, entries }: { title: string; entries: Array<Record<string, unknown>> }) {
  return (
    <section aria-label={title}>
      <Text fw={600} size="sm">{title} ({entries.length})</Text>
      {entries.length === 0 ? <Text size="sm" c="dimmed">none</Text> : (
        <List size="sm">
          {entries.map((e, i) => <List.Item key={i}>{impactText(e)}</List.Item>)}
        </List>
      )}
    </section>
  );
}

/** One impact entry as the server gave it: a refusal's message, an undone task, the tasks redone or added. */
function impactText(e: Record<string, unknown>): string {
  if (typeof e.message === "string") return e.message;
  const where = e.domainOrder ? ` (${String(e.domainOrder)})` : "";
  if (typeof e.task === "string") return `${e.task}${where}${e.compensation ? ` by ${String(e.compensation)}` : ""}`;
  if (Array.isArray(e.tasks)) return `${String(e.domainOrder ?? "")}: ${e.tasks.join(", ")}`;
  return JSON.stringify(e);
}

function Impact({ preview }: { preview: Preview }) {
  return (
    <Stack gap="xs" aria-label="Revision impact" component="section">
      <Title order={3} size="h5">Impact of the revision</Title>
      <ImpactList title="Undo" entries={preview.undo} />
      <ImpactList title="Redo" entries={preview.redo} />
      <ImpactList title="Add" entries={preview.add} />
      <ImpactList title="Refused" entries={preview.refused} />
      <section aria-label="Price delta">
        <Text fw={600} size="sm">Price delta</Text>
        {Object.keys(preview.priceDelta).length === 0 ? <Text size="sm" c="dimmed">no price change</Text> : (
          <Table w="auto"><Table.Tbody>
            {Object.entries(preview.priceDelta).map(([type, amount]) => (
              <Table.Tr key={type}><Table.Th scope="row">{type}</Table.Th><Table.Td data-delta={type}>{String(amount)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody></Table>
        )}
      </section>
      {preview.brokenRelationships.length > 0 && (
        <Alert color="red" title="Product relationships this revision would break">
          <List size="sm">{preview.brokenRelationships.map((b, i) => <List.Item key={i}>{JSON.stringify(b)}</List.Item>)}</List>
        </Alert>
      )}
    </Stack>
  );
}

function ReviseDialog({ order, etag, onClose }: { order: OrderView; etag: string; onClose: () => void }) {
  const change = useChange(order.id);
  const [edits, setEdits] = useState<Record<string, ItemEdit>>(() => Object.fromEntries(order.items.map((i) => [i.id, editOf(i)])));
  const patch = revisionPatch(order.items, edits);
  const [previewed, setPreviewed] = useState<{ preview: Preview; of: string } | null>(null);
  const current = previewed && previewed.of === JSON.stringify(patch) ? previewed.preview : null;
  const preview = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/orders/{order_id}/revision-preview", {
      params: { path: { order_id: order.id } }, body: patch as Patch })),
    onSuccess: (answer) => setPreviewed({ preview: answer, of: JSON.stringify(patch) }),
  });
  const confirm = useMutation({
    mutationFn: () => change.patch(patch, etag),
    onSuccess: (answer) => {
      toast({ title: "Order revised", message: `Order ${order.id} is now revision ${answer.order.revision}.` });
      void change.refresh();
      onClose();
    },
  });
  const edit = (id: string, next: Partial<ItemEdit>) => setEdits((all) => ({ ...all, [id]: { ...all[id], ...next } }));
  return (
    <Stack>
      <Text size="sm">Change quantities or characteristics, preview the impact, then confirm. Nothing changes before you confirm.</Text>
      {order.items.map((item) => (
        <Stack key={item.id} gap={4} component="fieldset" style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 4 }}>
          <Text component="legend" size="sm" fw={600}>Item {item.id} · {item.productOffering ?? item.action}</Text>
          <NumberInput label={`Quantity of item ${item.id}`} min={1} w={160} value={edits[item.id].quantity}
            onChange={(value) => edit(item.id, { quantity: typeof value === "number" ? value : Number(value) || 1 })} />
          <Group gap="xs">
            {Object.entries(edits[item.id].characteristics).map(([name, value]) => (
              <TextInput key={name} label={name} w={180} value={value}
                onChange={(e) => edit(item.id, { characteristics: { ...edits[item.id].characteristics, [name]: e.currentTarget.value } })} />
            ))}
          </Group>
        </Stack>
      ))}
      {order.itemCount > order.items.length && <Text size="sm" c="dimmed">Only the first {order.items.length} of {order.itemCount} items can be revised here.</Text>}
      {current && <Impact preview={current} />}
      {preview.error && <ErrorNotice error={preview.error} title="The preview was refused" />}
      <Stale error={confirm.error} onReload={() => { void change.refresh(); onClose(); }} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>Close</Button>
        <Button variant="light" disabled={!patch} loading={preview.isPending} onClick={() => preview.mutate()}>Preview impact</Button>
        <Button disabled={!current || !patch} loading={confirm.isPending} onClick={() => confirm.mutate()}>Confirm revision</Button>
      </Group>
    </Stack>
  );
}

function CancelDialog({ order, onClose }: { order: OrderView; onClose: () => void }) {
  const change = useChange(order.id);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/orders/{order_id}/cancel", {
      params: { path: { order_id: order.id } }, body: { reason: reason.trim() || null, requestedCancellationDate: null } })),
    onSuccess: () => void change.refresh(),
  });
  const answer = cancel.data;
  return (
    <Stack>
      {!answer && <Textarea label="Reason for the cancellation" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
      {answer && answer.state === "terminatedWithError" && (
        <Alert color="red" title="The cancellation was refused" role="alert">
          <Text size="sm">{answer.error}</Text>
          <Text size="sm" mt={4}>The order carries on ({answer.orderState}).</Text>
        </Alert>
      )}
      {answer && answer.state !== "terminatedWithError" && (
        <Alert color="blue" title="Cancellation requested" role="status">The request is {answer.state}; the order is {answer.orderState}.</Alert>
      )}
      {cancel.error && <ErrorNotice error={cancel.error} title="The cancellation was refused" />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>Close</Button>
        {!answer && <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>Cancel the order</Button>}
      </Group>
    </Stack>
  );
}

function SupplyDialog({ order, etag, onClose }: { order: OrderView; etag: string; onClose: () => void }) {
  const change = useChange(order.id);
  const { fields, other } = missingFields(order.missingInformation, order.domainOrders.map((d) => d.missing ?? []));
  const [values, setValues] = useState<Record<string, string>>({});
  const supply = useMutation({
    mutationFn: () => change.patch(supplyPatch(fields, values), etag),
    onSuccess: () => {
      toast({ title: "Information supplied", message: `Order ${order.id} carries on.` });
      void change.refresh();
      onClose();
    },
  });
  return (
    <form onSubmit={(event) => { event.preventDefault(); supply.mutate(); }}>
      <Stack>
        {fields.map((f) => (
          <TextInput key={f.key} label={`${f.characteristic} (item ${f.itemId})`} description={f.message} required
            value={values[f.key] ?? ""} onChange={(e) => setValues((all) => ({ ...all, [f.key]: e.currentTarget.value }))} />
        ))}
        {other.length > 0 && (
          <Alert color="yellow" title="Also missing (revise the order to supply these)"><List size="sm">{other.map((o) => <List.Item key={o}>{o}</List.Item>)}</List></Alert>
        )}
        <Stale error={supply.error} onReload={() => { void change.refresh(); onClose(); }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Close</Button>
          <Button type="submit" disabled={fields.length === 0} loading={supply.isPending}>Supply information</Button>
        </Group>
      </Stack>
    </form>
  );
}

function WithdrawDialog({ order, etag, onClose }: { order: OrderView; etag: string; onClose: () => void }) {
  const change = useChange(order.id);
  const withdraw = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/api/v1/orders/{order_id}", { params: { path: { order_id: order.id } }, headers: { "If-Match": etag } })),
    onSuccess: () => { toast({ title: "Order withdrawn", message: `Order ${order.id} is cancelled.` }); void change.refresh(); onClose(); },
  });
  return (
    <Stack>
      <Text size="sm">An order not yet in progress can be withdrawn: it ends cancelled.</Text>
      <Stale error={withdraw.error} onReload={() => { void change.refresh(); onClose(); }} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>Close</Button>
        <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>Withdraw the order</Button>
      </Group>
    </Stack>
  );
}

type Dialog = "revise" | "cancel" | "supply" | "withdraw";
// The server's final order states (nothing left to revise or cancel) and those an order may be withdrawn in
// (engine.states.product_order, engine.runtime.orders.cancellation.WITHDRAWABLE): the buttons follow them, the
// server still decides each request.
const FINAL_STATES = new Set(["completed", "partial", "failed", "rejected", "cancelled"]);
const WITHDRAWABLE_STATES = new Set(["acknowledged", "pending"]);

const TITLES: Record<Dialog, string> = { revise: "Revise the order", cancel: "Cancel the order", supply: "Supply missing information", withdraw: "Withdraw the order" };

export function OrderActions({ order, etag }: { order: OrderView; etag: string }) {
  const ongoing = !FINAL_STATES.has(order.state);
  const canUpdate = useCan("order.update") && ongoing;
  const canCancel = useCan("order.cancel") && ongoing;
  const [open, setOpen] = useState<Dialog | null>(null);
  const waiting = (order.missingInformation?.length ?? 0) > 0 || order.domainOrders.some((d) => (d.missing?.length ?? 0) > 0);
  const close = () => setOpen(null);
  return (
    <>
      {canUpdate && waiting && <Button onClick={() => setOpen("supply")}>Supply information</Button>}
      {canUpdate && <Button variant="light" onClick={() => setOpen("revise")}>Revise</Button>}
      {canCancel && <Button variant="light" color="red" onClick={() => setOpen("cancel")}>Cancel order</Button>}
      {canCancel && WITHDRAWABLE_STATES.has(order.state) &&
        <Button variant="subtle" color="red" onClick={() => setOpen("withdraw")}>Withdraw</Button>}
      <Modal opened={open !== null} onClose={close} closeButtonProps={{ "aria-label": "Close the dialog" }} title={open ? TITLES[open] : ""} size={open === "revise" ? "xl" : "md"}>
        {open === "revise" && <ReviseDialog order={order} etag={etag} onClose={close} />}
        {open === "cancel" && <CancelDialog order={order} onClose={close} />}
        {open === "supply" && <SupplyDialog order={order} etag={etag} onClose={close} />}
        {open === "withdraw" && <WithdrawDialog order={order} etag={etag} onClose={close} />}
      </Modal>
    </>
  );
}
