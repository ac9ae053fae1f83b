// A specification's relationships: type, target specification, quantity; add and remove.
import { ActionIcon, Button, NativeSelect, NumberInput, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { Relationship } from "./catalogModel";

const TYPES = ["realizedAs", "bundles", "requires", "excludes"];

interface Props {
  specName: string;
  relationships: Relationship[];
  targets: { value: string; label: string }[];
  onChange: (next: Relationship[]) => void;
  disabled: boolean;
}

export function RelationshipsTable({ specName, relationships, targets, onChange, disabled }: Props) {
  const replace = (index: number, next: Relationship) => onChange(relationships.map((r, i) => (i === index ? next : r)));
  const known = new Set(targets.map((t) => t.value));
  return (
    <div>
      <Table withTableBorder aria-label={`Relationships of ${specName}`}>
        <Table.Thead>
          <Table.Tr><Table.Th>Type</Table.Th><Table.Th>Target</Table.Th><Table.Th>Quantity</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {relationships.map((relationship, index) => (
            <Table.Tr key={index}>
              <Table.Td>
                <NativeSelect size="xs" aria-label={`Type of relationship ${index + 1}`} value={relationship.relationshipType} data={TYPES}
                              disabled={disabled} onChange={(e) => replace(index, { ...relationship, relationshipType: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td>
                <NativeSelect size="xs" aria-label={`Target of relationship ${index + 1}`} value={relationship.id} disabled={disabled}
                              data={known.has(relationship.id) ? targets : [{ value: relationship.id, label: `${relationship.id} (missing)` }, ...targets]}
                              onChange={(e) => replace(index, { ...relationship, id: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" w={90} min={1} aria-label={`Quantity of relationship ${index + 1}`} value={relationship.quantity ?? 1}
                             disabled={disabled} allowDecimal={false}
                             onBlur={(e) => {
                               const quantity = Number(e.currentTarget.value);
                               if (!Number.isInteger(quantity) || quantity < 1 || quantity === (relationship.quantity ?? 1)) return;
                               const { quantity: _q, ...rest } = relationship;
                               replace(index, quantity === 1 ? rest : { ...rest, quantity });
                             }} />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove relationship to ${relationship.id}`} disabled={disabled}
                            onClick={() => onChange(relationships.filter((_, i) => i !== index))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {relationships.length === 0 && <Text size="sm" c="dimmed" mt="xs">No relationships.</Text>}
      <Button mt="xs" size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={disabled || targets.length === 0}
              onClick={() => onChange([...relationships, { id: targets[0].value, relationshipType: "realizedAs" }])}>
        Add relationship
      </Button>
    </div>
  );
}
