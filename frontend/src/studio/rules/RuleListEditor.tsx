// A rule list as a simple typed table (one row per rule, a few summary columns) with add / duplicate / move / delete,
// and each row edited in a drawer by an rjsf form from the rule's schema. The body's other members (levels, fulfilment
// systems, currency…) are a form above the table. Used for decomposition rules, price lists, jeopardy and fallout rules.
import { useMemo, useState, type ReactNode } from "react";
import { Accordion, ActionIcon, Alert, Badge, Button, Drawer, Group, Table, Text, Title, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconCopy, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import { itemSchema, withoutProperties, type Schema } from "../designer/deref";
import { SchemaForm } from "../designer/SchemaForm";
import { countUnder, errorsUnder, useBody } from "../designer/body";
import { cellText, duplicateRow, insertRow, moveRow, removeRow, replaceRow, type Row } from "./rows";
import { jsonUi } from "./jsonUi";

export interface Column {
  key: string;
  header: string;
  text?: (row: Row) => string;
}

export interface ListConfig {
  /** the body member holding the rows */
  list: string;
  /** the member that names a row (unique): id or name */
  keyField: string;
  /** what a row is called in buttons and labels */
  noun: string;
  columns: Column[];
  template: Row;
}

interface Props extends EditorProps {
  config: ListConfig;
  children?: ReactNode;
}

type Body = Record<string, unknown>;

export function RuleListEditor({ draft, kind, problems, config, children }: Props) {
  const [body, change] = useBody<Body>(draft);
  const [editing, setEditing] = useState<number | null>(null);
  const bodySchema = kind?.bodySchema as Schema | undefined;
  const schemas = useMemo(() => bodySchema && {
    row: itemSchema(bodySchema, config.list),
    rest: withoutProperties(bodySchema, [config.list]),
  }, [bodySchema, config.list]);
  const rowUi = useMemo(() => schemas && jsonUi(schemas.row), [schemas]);
  const restUi = useMemo(() => schemas && jsonUi(schemas.rest), [schemas]);
  if (!schemas) return <Alert color="yellow">This kind is not known to the server's studio.</Alert>;

  const rows = (body[config.list] as Row[] | undefined) ?? [];
  const setRows = (fn: (rows: Row[]) => Row[]) => change((b) => ({ ...b, [config.list]: fn(((b[config.list] as Row[]) ?? [])) }));
  const nameOf = (row: Row, index: number) => String(row[config.keyField] ?? `#${index + 1}`);
  const rest = Object.fromEntries(Object.entries(body).filter(([key]) => key !== config.list));
  const hasRest = Object.keys((schemas.rest.properties as Schema) ?? {}).length > 0;
  const disabled = !draft.editable;
  const open = editing !== null && rows[editing] ? editing : null;

  return (
    <div>
      {hasRest && (
        <Accordion variant="contained" mb="sm" defaultValue={null}>
          <Accordion.Item value="settings">
            <Accordion.Control>Settings ({Object.keys(schemas.rest.properties as Schema).join(", ")})</Accordion.Control>
            <Accordion.Panel>
              <SchemaForm idPrefix="settings" schema={schemas.rest} uiSchema={restUi ?? undefined} disabled={disabled}
                          value={rest}
                          onCommit={(next) => change((b) => ({ ...(next as Body), [config.list]: b[config.list] }))} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">{rows.length} {config.noun}s</Title>
        <Button size="xs" leftSection={<IconPlus size={14} />} disabled={disabled}
                onClick={() => { setRows((r) => insertRow(r, config.template, config.keyField)); setEditing(rows.length); }}>
          Add {config.noun}
        </Button>
      </Group>
      <Table striped highlightOnHover withTableBorder aria-label={`${config.noun}s`} data-testid="rule-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            {config.columns.map((column) => <Table.Th key={column.key}>{column.header}</Table.Th>)}
            <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => {
            const name = nameOf(row, index);
            const count = countUnder(problems, `/body/${config.list}/${index}`);
            return (
              <Table.Tr key={index} data-row={name} onDoubleClick={() => setEditing(index)}>
                <Table.Td>{index + 1}{count > 0 && <Badge ml={4} size="xs" color="red" title={`${count} problems`}>{count}</Badge>}</Table.Td>
                {config.columns.map((column) => (
                  <Table.Td key={column.key} style={{ maxWidth: 320, overflowWrap: "anywhere" }}>
                    {column.text ? column.text(row) : cellText(row[column.key])}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label="Edit"><ActionIcon variant="subtle" aria-label={`Edit ${config.noun} ${name}`} onClick={() => setEditing(index)}><IconPencil size={16} /></ActionIcon></Tooltip>
                    <Tooltip label="Duplicate"><ActionIcon variant="subtle" aria-label={`Duplicate ${config.noun} ${name}`} disabled={disabled} onClick={() => setRows((r) => duplicateRow(r, index, config.keyField))}><IconCopy size={16} /></ActionIcon></Tooltip>
                    <Tooltip label="Move up"><ActionIcon variant="subtle" aria-label={`Move ${config.noun} ${name} up`} disabled={disabled || index === 0} onClick={() => setRows((r) => moveRow(r, index, index - 1))}><IconArrowUp size={16} /></ActionIcon></Tooltip>
                    <Tooltip label="Move down"><ActionIcon variant="subtle" aria-label={`Move ${config.noun} ${name} down`} disabled={disabled || index === rows.length - 1} onClick={() => setRows((r) => moveRow(r, index, index + 1))}><IconArrowDown size={16} /></ActionIcon></Tooltip>
                    <Tooltip label="Delete"><ActionIcon variant="subtle" color="red" aria-label={`Delete ${config.noun} ${name}`} disabled={disabled} onClick={() => setRows((r) => removeRow(r, index))}><IconTrash size={16} /></ActionIcon></Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && <Text size="sm" c="dimmed" mt="xs">No {config.noun}s yet.</Text>}
      <Drawer opened={open !== null} onClose={() => setEditing(null)} position="right" size="lg" closeButtonProps={{ "aria-label": "Close" }}
              title={open !== null ? `${config.noun[0].toUpperCase()}${config.noun.slice(1)} ${nameOf(rows[open], open)}` : ""}>
        {open !== null && (
          <SchemaForm key={open} idPrefix={`row-${open}`} schema={schemas.row} uiSchema={rowUi ?? undefined} disabled={disabled}
                      value={rows[open]} extraErrors={errorsUnder(problems, `/body/${config.list}/${open}`)}
                      onCommit={(next) => setRows((r) => replaceRow(r, open, next as Row))} />
        )}
      </Drawer>
      {children}
    </div>
  );
}
