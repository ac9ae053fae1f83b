// A change to one product (modify, suspend, resume, disconnect): the server's preview first (every problem, the
// price: a disconnect's early-termination charge, a modify's monthly delta), then the change order on confirm,
// with its tracking link. One Idempotency-Key per dialog, so a double click places one change order.
import { useRef, useState } from "react";
import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import {
  captureKeys, fetchOffering, placeChange, previewChange, type Product, type ProductChange,
} from "../../shared/capture/api";
import { CharacteristicsForm } from "../../shared/capture/CharacteristicsForm";
import { changedCharacteristics, characteristicErrors, money, newIdempotencyKey } from "../../shared/capture/draft";
import { PricePreview } from "../../shared/capture/PricePreview";
import { ProblemsList } from "../../shared/capture/ProblemsList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { paths } from "../../shared/url/paths";

export type ChangeAction = ProductChange["action"];

const VERBS: Record<ChangeAction, string> = { modify: "Modify", suspend: "Suspend", resume: "Resume", disconnect: "Disconnect" };

export function ChangeDialog({ product, action, onClose }: { product: Product; action: ChangeAction; onClose: () => void }) {
  const client = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [values, setValues] = useState<Record<string, unknown>>(product.characteristics);
  const change: ProductChange = { action, characteristics: action === "modify" ? changedCharacteristics(product.characteristics, values) : {} };
  const [debounced] = useDebouncedValue(change, 300);
  const offering = useQuery({ queryKey: captureKeys.offering(product.offering), queryFn: () => fetchOffering(product.offering),
    enabled: action === "modify" });
  const preview = useQuery({ queryKey: ["capture", "change-preview", product.id, debounced],
    queryFn: () => previewChange(product.id, debounced), retry: false, placeholderData: (previous) => previous });
  const place = useMutation({ mutationFn: () => placeChange(product.id, change, key.current),
    onSuccess: () => client.invalidateQueries({ queryKey: ["capture", "products"] }) });
  const itemLabel = () => product.name;
  const current = JSON.stringify(debounced) === JSON.stringify(change);
  const canConfirm = current && preview.data?.accepted === true && !preview.isFetching && !place.isPending && !place.data;
  const charge = action === "disconnect" && preview.data?.price ? preview.data.price.oneTimeTotal : null;

  return (
    <Modal opened onClose={onClose} size="xl" title={`${VERBS[action]} ${product.name}`} closeButtonProps={{ "aria-label": "Close" }}>
      <Stack gap="md">
        {action === "modify" && offering.data && (
          <CharacteristicsForm schema={offering.data.characteristicsSchema} values={values} idPrefix={`modify-${product.id}`}
            errors={characteristicErrors(preview.data?.problems ?? [], 0)} onChange={setValues} />
        )}
        {preview.isFetching && <Group gap={4}><Loader size="xs" /><Text size="xs" c="dimmed">Checking the change…</Text></Group>}
        {preview.error && <ErrorNotice error={preview.error} title="The change could not be checked" />}
        {preview.data && (
          <>
            <ProblemsList problems={preview.data.problems} itemLabel={itemLabel} title="This change cannot be made" />
            {charge !== null && (
              <Alert color="orange" title="Early-termination charge" data-testid="termination-charge">
                Disconnecting now costs {money(charge, preview.data.price?.currency)} (one-time).
              </Alert>
            )}
            <PricePreview price={preview.data.price} itemLabel={itemLabel} />
          </>
        )}
        {place.error && <ErrorNotice error={place.error} title="The change was not placed" />}
        {place.data ? (
          <Alert color="green" title="Change order placed" role="status">
            Your change order is on its way: <Anchor component={Link} to={paths.portalOrder(place.data.id)}>track order {place.data.id}</Anchor>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{place.data ? "Close" : "Cancel"}</Button>
          {!place.data && (
            <Button color={action === "disconnect" ? "red" : undefined} disabled={!canConfirm} loading={place.isPending}
              onClick={() => { if (!place.isPending) place.mutate(); }}>
              Confirm {VERBS[action].toLowerCase()}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
