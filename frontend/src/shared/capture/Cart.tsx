// The draft's items: each with its quantity, its characteristics form (from its offering's specification), the
// installation address, its relationships in words and the server's problems next to it.
import { ActionIcon, Card, Group, List, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconTrash } from "@tabler/icons-react";
import { captureKeys, fetchOffering, type CaptureProblem } from "./api";
import { CharacteristicsForm } from "./CharacteristicsForm";
import { characteristicErrors, problemsOf, type DraftLine } from "./draft";

function CartLine({ line, index, problems, onChange, onRemove }: {
  line: DraftLine;
  index: number;
  problems: CaptureProblem[];
  onChange: (line: DraftLine) => void;
  onRemove: () => void;
}) {
  const offering = useQuery({ queryKey: captureKeys.offering(line.offering), queryFn: () => fetchOffering(line.offering) });
  const mine = problemsOf(problems, index);
  const label = `Item ${index + 1}: ${line.offeringName}`;
  const address = (field: keyof DraftLine["place"], text: string) =>
    onChange({ ...line, place: { ...line.place, [field]: text } });
  const placeProblems = mine.filter((p) => p.pointer.startsWith(`/items/${index}/place`));
  const quantityProblems = mine.filter((p) => p.pointer === `/items/${index}/quantity`);
  const other = mine.filter((p) => !p.pointer.startsWith(`/items/${index}/characteristics/`) && !placeProblems.includes(p)
    && !quantityProblems.includes(p));

  return (
    <Card withBorder padding="sm" data-testid={`cart-line-${index}`} aria-label={label} component="section">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">{label}</Title>
        <ActionIcon variant="subtle" color="red" aria-label={`Remove item ${index + 1}`} onClick={onRemove}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <Stack gap="xs">
        {offering.data && offering.data.relationships.length > 0 && (
          <Text size="xs" c="dimmed">{offering.data.relationships.join("; ")}</Text>
        )}
        <NumberInput label="Quantity" min={1} w={140} value={line.quantity} allowDecimal={false}
          error={quantityProblems.map((p) => p.message).join("; ") || undefined}
          onChange={(value) => onChange({ ...line, quantity: typeof value === "number" && value >= 1 ? value : 1 })} />
        {offering.data && (
          <CharacteristicsForm schema={offering.data.characteristicsSchema} values={line.characteristics}
            idPrefix={`item-${line.uid}`} errors={characteristicErrors(problems, index)}
            onChange={(values) => onChange({ ...line, characteristics: values })} />
        )}
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend><Text size="sm" fw={500}>Installation address{offering.data?.placeRequired ? " (required)" : ""}</Text></legend>
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
            <TextInput label="Street" value={line.place.streetName ?? ""} onChange={(e) => address("streetName", e.currentTarget.value)} />
            <TextInput label="Postcode" value={line.place.postcode ?? ""} onChange={(e) => address("postcode", e.currentTarget.value)} />
            <TextInput label="City" value={line.place.city ?? ""} onChange={(e) => address("city", e.currentTarget.value)} />
            <TextInput label="Country" maxLength={2} value={line.place.country ?? ""} onChange={(e) => address("country", e.currentTarget.value.toUpperCase())} />
          </SimpleGrid>
          {placeProblems.length > 0 && <Text c="red" size="sm" role="alert">{placeProblems.map((p) => p.message).join("; ")}</Text>}
        </fieldset>
        {other.length > 0 && (
          <List size="sm" c="red" data-testid={`line-problems-${index}`}>
            {other.map((p, i) => <List.Item key={`${p.code}-${i}`}>{p.message}</List.Item>)}
          </List>
        )}
      </Stack>
    </Card>
  );
}

export function Cart({ lines, problems, onChange, onRemove }: {
  lines: DraftLine[];
  problems: CaptureProblem[];
  onChange: (index: number, line: DraftLine) => void;
  onRemove: (index: number) => void;
}) {
  if (lines.length === 0) return <Text c="dimmed" size="sm">The order has no items yet: add offerings from the catalog.</Text>;
  return (
    <Stack gap="sm" aria-label="Order items" component="section">
      {lines.map((line, index) => (
        <CartLine key={line.uid} line={line} index={index} problems={problems}
          onChange={(next) => onChange(index, next)} onRemove={() => onRemove(index)} />
      ))}
    </Stack>
  );
}
