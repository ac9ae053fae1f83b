// A specification's characteristics as a small typed grid: name, value type, allowed values, default, required.
// Each cell edit is one change of the draft; the rest of a characteristic (unit, pattern, range…) is kept as it is.
import { useEffect, useState } from "react";
import { ActionIcon, Button, Checkbox, Group, NativeSelect, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { Characteristic } from "./catalogModel";
import { freeCharacteristicName } from "./catalogModel";
import { VALUE_TYPES, defaultValue, formatAllowed, withAllowed, withDefault, withRequired, withValueType } from "./characteristics";

interface Props {
  specName: string;
  characteristics: Characteristic[];
  onChange: (next: Characteristic[]) => void;
  disabled: boolean;
}

export function CharacteristicsGrid({ specName, characteristics, onChange, disabled }: Props) {
  const replace = (index: number, next: Characteristic) => onChange(characteristics.map((c, i) => (i === index ? next : c)));
  const add = () => onChange([...characteristics, { name: freeCharacteristicName(characteristics), valueType: "string" }]);
  return (
    <div>
      <Table striped withTableBorder aria-label={`Characteristics of ${specName}`} data-testid="characteristics">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Allowed values</Table.Th>
            <Table.Th>Default</Table.Th><Table.Th>Required</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {characteristics.map((characteristic, index) => (
            <Row key={index} index={index} characteristic={characteristic} disabled={disabled}
                 onChange={(next) => replace(index, next)}
                 onRemove={() => onChange(characteristics.filter((_, i) => i !== index))} />
          ))}
        </Table.Tbody>
      </Table>
      {characteristics.length === 0 && <Text size="sm" c="dimmed" mt="xs">No characteristics.</Text>}
      <Button mt="xs" size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add} disabled={disabled}>
        Add characteristic
      </Button>
    </div>
  );
}

/** A text cell that commits on blur or Enter (one undo step per edit, not per key). */
function CommitInput({ value, label, onCommit, disabled, error }: { value: string; label: string; onCommit: (v: string) => void; disabled: boolean; error?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => { if (text !== value) onCommit(text); };
  return (
    <TextInput size="xs" miw={110} aria-label={label} value={text} disabled={disabled} error={error}
               onChange={(e) => setText(e.currentTarget.value)} onBlur={commit}
               onKeyDown={(e) => { if (e.key === "Enter") commit(); }} />
  );
}

function Row({ index, characteristic, onChange, onRemove, disabled }: {
  index: number; characteristic: Characteristic; onChange: (next: Characteristic) => void; onRemove: () => void; disabled: boolean;
}) {
  const [rejected, setRejected] = useState<string[]>([]);
  const allowed = characteristic.characteristicValueSpecification ?? [];
  const current = defaultValue(characteristic);
  const name = characteristic.name || `#${index + 1}`;
  return (
    <Table.Tr>
      <Table.Td><CommitInput label={`Name of characteristic ${index + 1}`} value={characteristic.name} disabled={disabled}
                             onCommit={(v) => onChange({ ...characteristic, name: v.trim() })} /></Table.Td>
      <Table.Td>
        <NativeSelect size="xs" miw={96} aria-label={`Type of ${name}`} value={characteristic.valueType} disabled={disabled}
                      data={[...VALUE_TYPES]} onChange={(e) => onChange(withValueType(characteristic, e.currentTarget.value))} />
      </Table.Td>
      <Table.Td>
        <CommitInput label={`Allowed values of ${name}`} value={formatAllowed(characteristic)} disabled={disabled}
                     error={rejected.length ? `not ${characteristic.valueType}: ${rejected.join(", ")}` : undefined}
                     onCommit={(v) => { const { next, rejected: bad } = withAllowed(characteristic, v); setRejected(bad); onChange(next); }} />
      </Table.Td>
      <Table.Td>
        <NativeSelect size="xs" aria-label={`Default of ${name}`} disabled={disabled || allowed.length === 0}
                      value={current === null ? "" : String(allowed.findIndex((a) => a.value === current))}
                      data={[{ value: "", label: "—" }, ...allowed.map((a, i) => ({ value: String(i), label: String(a.value) }))]}
                      onChange={(e) => onChange(withDefault(characteristic, e.currentTarget.value === "" ? null : allowed[Number(e.currentTarget.value)].value))} />
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={`${name} is required`} checked={characteristic.minCardinality === 1} disabled={disabled}
                  onChange={(e) => onChange(withRequired(characteristic, e.currentTarget.checked))} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${name}`} onClick={onRemove} disabled={disabled}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
