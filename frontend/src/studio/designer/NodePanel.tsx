// The side panel of the selected catalog node: its form (the node type's sub-schema), characteristics grid,
// relationships, rename (id and every reference), add below, delete.
import { useEffect, useMemo, useState } from "react";
import { Badge, Button, Group, Menu, Paper, Tabs, Text, TextInput, Title } from "@mantine/core";
import { IconPlus, IconTrash, IconPencil } from "@tabler/icons-react";
import type { EditorProblem } from "../shared/problems";
import { subSchema, type Schema } from "./deref";
import {
  CHARACTERISTICS, DEFS, LISTS, RELATIONSHIPS, characteristicsOf, findNode, findSpec, freeId, levelLabel, relationshipsOf,
  setCharacteristics, setRelationships, type CatalogBody, type Level, type NodeRef, type Offering, type Spec,
} from "./catalogModel";
import { SchemaForm } from "./SchemaForm";
import { CharacteristicsGrid } from "./CharacteristicsGrid";
import { RelationshipsTable } from "./RelationshipsTable";
import { countUnder, errorsUnder } from "./body";

interface Props {
  body: CatalogBody;
  bodySchema: Schema;
  node: NodeRef;
  editable: boolean;
  problems: EditorProblem[];
  change: (fn: (body: CatalogBody) => CatalogBody) => void;
  onRename: (to: string) => void;
  onAdd: (level: Level, relationshipType: string) => void;
  onRemove: () => void;
}

/** Form schema of a node type without what the panel edits elsewhere (id, characteristics, relationships). */
function formSchema(bodySchema: Schema, level: Level): Schema {
  const schema = subSchema(bodySchema, DEFS[level]);
  const properties = { ...(schema.properties as Schema) };
  const hidden = ["id", ...(level === "offering" ? [] : [CHARACTERISTICS[level], RELATIONSHIPS[level]])];
  for (const name of hidden) delete properties[name];
  return { ...schema, properties, required: ((schema.required as string[]) ?? []).filter((n) => !hidden.includes(n)) };
}

const CHILDREN: Record<Level, { label: string; level: Level; type: string }[]> = {
  offering: [{ label: "New product specification", level: "product", type: "specification" }],
  product: [
    { label: "Service specification (realizedAs)", level: "service", type: "realizedAs" },
    { label: "Resource specification (realizedAs)", level: "resource", type: "realizedAs" },
    { label: "Product specification (bundles)", level: "product", type: "bundles" },
  ],
  service: [
    { label: "Service specification (realizedAs)", level: "service", type: "realizedAs" },
    { label: "Resource specification (realizedAs)", level: "resource", type: "realizedAs" },
  ],
  resource: [{ label: "Resource specification (realizedAs)", level: "resource", type: "realizedAs" }],
};

export function NodePanel({ body, bodySchema, node, editable, problems, change, onRename, onAdd, onRemove }: Props) {
  const entry = findNode(body, node);
  const schema = useMemo(() => formSchema(bodySchema, node.level), [bodySchema, node.level]);
  const [newId, setNewId] = useState(node.id);
  useEffect(() => setNewId(node.id), [node.id]);
  if (!entry) return <Text c="dimmed">{node.id} is not in the catalog.</Text>;
  const index = ((body[LISTS[node.level]] as Spec[]) ?? []).findIndex((e) => e.id === node.id);
  const pointer = `/body/${String(LISTS[node.level])}/${index}`;
  const spec = node.level === "offering" ? null : (entry as Spec);
  const label = levelLabel(node.level, spec ?? undefined);
  const { id: _id, ...formValue } = Object.fromEntries(Object.entries(entry).filter(([key]) =>
    node.level === "offering" || (key !== CHARACTERISTICS[node.level] && key !== RELATIONSHIPS[node.level])));
  const renameError = newId !== node.id && freeId(body, newId) !== newId ? "already used" : !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(newId) ? "letters, digits, . _ : -" : undefined;
  const targets = ["product", "service", "resource"].flatMap((level) => ((body[LISTS[level as Level]] as Spec[]) ?? [])
    .filter((s) => s.id !== node.id).map((s) => ({ value: s.id, label: `${s.name} (${s.id})` })));

  const commitForm = (next: Record<string, unknown>) => change((current) => {
    const list = (current[LISTS[node.level]] as (Spec | Offering)[]) ?? [];
    return { ...current, [LISTS[node.level]]: list.map((e) => (e.id === node.id ? { id: node.id, ...next, ...keptOf(e, node.level) } : e)) };
  });

  return (
    <Paper withBorder p="sm" component="section" aria-label={`Selected: ${entry.name}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Title order={3} size="h4">{entry.name}</Title>
          <Badge variant="light">{label}</Badge>
          {countUnder(problems, pointer) > 0 && <Badge color="red">{countUnder(problems, pointer)} problems</Badge>}
        </Group>
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={!editable}>Add below</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {CHILDREN[node.level].map((child) => (
                <Menu.Item key={child.label} onClick={() => onAdd(child.level, child.type)}>{child.label}</Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button size="xs" color="red" variant="light" leftSection={<IconTrash size={14} />} disabled={!editable} onClick={onRemove}>
            Delete {label}
          </Button>
        </Group>
      </Group>
      <Group align="flex-end" gap="xs" mb="sm">
        <TextInput size="xs" label="Id" value={newId} onChange={(e) => setNewId(e.currentTarget.value.trim())} disabled={!editable}
                   error={renameError} onKeyDown={(e) => { if (e.key === "Enter" && !renameError && newId !== node.id) onRename(newId); }} />
        <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} disabled={!editable || Boolean(renameError) || newId === node.id}
                onClick={() => onRename(newId)}>
          Rename id
        </Button>
        <Text size="xs" c="dimmed">References in this catalog follow; decomposition rules and prices that name it do not.</Text>
      </Group>
      <Tabs defaultValue={spec ? "characteristics" : "properties"} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="properties">Properties</Tabs.Tab>
          {spec && <Tabs.Tab value="characteristics">Characteristics ({characteristicsOf(body, node.id).length})</Tabs.Tab>}
          {spec && <Tabs.Tab value="relationships">Relationships ({relationshipsOf(body, node.id).length})</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="properties" pt="xs">
          <SchemaForm key={`${node.level}:${node.id}`} idPrefix={`node-${node.level}`} schema={schema} value={formValue}
                      disabled={!editable} onCommit={commitForm} extraErrors={errorsUnder(problems, pointer)} />
        </Tabs.Panel>
        {spec && (
          <Tabs.Panel value="characteristics" pt="xs">
            <CharacteristicsGrid specName={spec.name} characteristics={characteristicsOf(body, node.id)} disabled={!editable}
                                 onChange={(next) => change((current) => setCharacteristics(current, node.id, next))} />
          </Tabs.Panel>
        )}
        {spec && (
          <Tabs.Panel value="relationships" pt="xs">
            <RelationshipsTable specName={spec.name} relationships={relationshipsOf(body, node.id)} targets={targets} disabled={!editable}
                                onChange={(next) => change((current) => setRelationships(current, node.id, next))} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Paper>
  );
}

/** What the form does not edit and must keep: a spec's characteristics and relationships. */
function keptOf(entry: Spec | Offering, level: Level): Record<string, unknown> {
  if (level === "offering") return {};
  const kept: Record<string, unknown> = {};
  for (const key of [CHARACTERISTICS[level], RELATIONSHIPS[level]]) if (key in entry) kept[key] = entry[key];
  return kept;
}

export function specLevelOf(body: CatalogBody, id: string) {
  return findSpec(body, id)?.level;
}
