// Order capture, shared by the workspace (W11, staff pick the party) and the portal (P1, the customer's own
// party): browse the catalog, configure items, see every problem and the price as the server quotes the draft
// (re-run, debounced, as it changes), then place the order with one Idempotency-Key per draft.
import { useRef, useState, type ReactNode } from "react";
import { Alert, Button, Grid, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { IconShoppingCartCheck } from "@tabler/icons-react";
import { ErrorNotice } from "../ui/ErrorNotice";
import { captureDraft, captureKeys, fetchOffering, quoteDraft, type CaptureProblem, type OfferingSummary } from "./api";
import { Cart } from "./Cart";
import { CatalogBrowser } from "./CatalogBrowser";
import { newIdempotencyKey, newLine, orderProblems, schemaDefaults, toDraft, type DraftLine } from "./draft";
import { PricePreview } from "./PricePreview";
import { ProblemsList } from "./ProblemsList";
import { ApiError } from "../api/problem";

export function CaptureScreen({ party, partyPicker, onCaptured, submitLabel = "Place order" }: {
  party: string | null;
  partyPicker?: ReactNode;
  onCaptured: (orderId: string) => void;
  submitLabel?: string;
}) {
  const client = useQueryClient();
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [adding, setAdding] = useState<string | null>(null);
  const [addError, setAddError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());
  const draft = toDraft(lines, party);
  const [debounced] = useDebouncedValue(draft, 400);
  const ready = debounced.items.length > 0 && debounced.party !== null;
  const quote = useQuery({ queryKey: captureKeys.quote(debounced), queryFn: () => quoteDraft(debounced), enabled: ready,
    placeholderData: (previous) => previous, retry: false });
  const submit = useMutation({ mutationFn: () => captureDraft(draft, key.current),
    onSuccess: (captured) => onCaptured(captured.id) });

  const add = async (offering: OfferingSummary) => {
    setAdding(offering.id);
    setAddError(null);
    try {
      const detail = await client.fetchQuery({ queryKey: captureKeys.offering(offering.id), queryFn: () => fetchOffering(offering.id) });
      setLines((current) => [...current, newLine(offering.id, offering.name, schemaDefaults(detail.characteristicsSchema))]);
    } catch (error) {
      setAddError(error);
    } finally {
      setAdding(null);
    }
  };
  const itemLabel = (index: number) => `Item ${index + 1}${lines[index] ? ` (${lines[index].offeringName})` : ""}`;
  const rejected = submit.error instanceof ApiError && submit.error.status === 422 ? submitProblems(submit.error) : [];
  const problems = rejected.length > 0 && !quote.isFetching ? rejected : quote.data?.problems ?? [];
  const current = JSON.stringify(debounced) === JSON.stringify(draft);
  const canSubmit = ready && current && quote.data?.accepted === true && !quote.isFetching && !submit.isPending;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="md">
          {partyPicker}
          <Title order={2} size="h4">Catalog</Title>
          {addError !== null && <ErrorNotice error={addError} title="The offering could not be loaded" />}
          <CatalogBrowser onAdd={add} adding={adding} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h4">Order</Title>
            {quote.isFetching && <Group gap={4}><Loader size="xs" /><Text size="xs" c="dimmed">Checking the order…</Text></Group>}
          </Group>
          {party === null && <Alert color="yellow">Choose the customer the order is for.</Alert>}
          <ProblemsList problems={[...orderProblems(problems), ...problems.filter((p) => !orderProblems(problems).includes(p))]}
            itemLabel={itemLabel} />
          <ProblemsList problems={quote.data?.informationNeeded ?? []} itemLabel={itemLabel} info
            title="Information the order will wait for" />
          {quote.error && <ErrorNotice error={quote.error} title="The order could not be checked" />}
          <Cart lines={lines} problems={problems}
            onChange={(index, line) => setLines((all) => all.map((l, i) => (i === index ? line : l)))}
            onRemove={(index) => setLines((all) => all.filter((_, i) => i !== index))} />
          {lines.length > 0 && <PricePreview price={quote.data?.price} itemLabel={itemLabel} />}
          {submit.error && !(submit.error instanceof ApiError && submit.error.status === 422) && (
            <ErrorNotice error={submit.error} title="The order was not placed" />
          )}
          <Group justify="flex-end">
            <Button leftSection={<IconShoppingCartCheck size={18} />} disabled={!canSubmit} loading={submit.isPending}
              onClick={() => { if (!submit.isPending) submit.mutate(); }}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function submitProblems(error: ApiError): CaptureProblem[] {
  return (error.problem?.errors ?? []).map((e) => {
    const pointer = e.pointer ?? "";
    const match = /^\/items\/(\d+)/.exec(pointer);
    return { pointer, item: match ? Number(match[1]) : null, code: "refused", message: e.message ?? "refused" };
  });
}
