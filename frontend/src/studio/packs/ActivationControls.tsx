// Activate a pack version or roll back, with the active pack's ETag; a stale decision (someone activated or
// rolled back meanwhile) is a non-blocking banner that reloads, never a silent overwrite. Shown only to roles
// holding pack.activate (the server refuses the rest with 403 anyway).
import { Alert, Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { isStale, packKeys, useActivate, useActivePack, useRollback } from "./queries";

export function StaleActivationBanner({ error }: { error: unknown }) {
  const client = useQueryClient();
  if (!isStale(error)) return error ? <ErrorNotice error={error} title="Not done" /> : null;
  return (
    <Alert color="yellow" title="The active pack changed meanwhile" role="status" w="100%">
      <Group justify="space-between">
        <Text size="sm">Someone activated or rolled back a pack since this page read it. Nothing was changed: reload, check, and try again.</Text>
        <Button size="xs" variant="light" onClick={() => void client.invalidateQueries({ queryKey: packKeys.all })}>Reload</Button>
      </Group>
    </Alert>
  );
}

export function ActivateButton({ packKey, version }: { packKey: string; version: number }) {
  const can = useCan("pack.activate");
  const active = useActivePack();
  const activate = useActivate();
  if (!can) return null;
  const isActive = active.data?.data.key === packKey && active.data.data.version === version;
  return (
    <>
      <Button color="teal.9" disabled={isActive || active.isPending} loading={activate.isPending}
        onClick={() => activate.mutate({ key: packKey, version, etag: active.data?.etag ?? null }, {
          onSuccess: ({ data }) => notifications.show({ color: "green", title: "Activated",
            message: `${data.key} v${data.version} now runs new orders.` }),
        })}>
        {isActive ? "Active" : `Activate v${version}`}
      </Button>
      {activate.error && <StaleActivationBanner error={activate.error} />}
    </>
  );
}

export function RollbackButton() {
  const can = useCan("pack.activate");
  const active = useActivePack();
  const rollback = useRollback();
  if (!can || !active.data) return null;
  return (
    <>
      <Button color="red.9" loading={rollback.isPending}
        onClick={() => rollback.mutate(active.data!.etag, {
          onSuccess: ({ data }) => notifications.show({ color: "orange", title: "Rolled back",
            message: `${data.key} v${data.version} is active again.` }),
        })}>
        Roll back
      </Button>
      {rollback.error && <StaleActivationBanner error={rollback.error} />}
    </>
  );
}
