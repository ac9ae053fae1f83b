// "Columns": the popover every list uses to show or hide its columns; the fixed ones stay and the order is the table's.
import { Button, Checkbox, Popover, Stack } from "@mantine/core";
import { IconColumns } from "@tabler/icons-react";

/** `shown` with `id` shown or hidden, in the order of `columns`; a fixed column never changes. */
export function toggledColumns<Id extends string>(columns: readonly Id[], fixed: ReadonlySet<Id>, shown: Id[], id: Id): Id[] {
  if (fixed.has(id)) return shown;
  const next = new Set(shown);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return columns.filter((c) => next.has(c));
}

export function ColumnChooser<Id extends string>({ columns, labels, fixed, shown, onChange }: {
  columns: readonly Id[];
  labels: Record<Id, string>;
  fixed: ReadonlySet<Id>;
  shown: Id[];
  onChange: (shown: Id[]) => void;
}) {
  return (
    <Popover position="bottom-end" shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>Columns</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Visible columns">
          {columns.map((id) => (
            <Checkbox key={id} label={labels[id]} checked={shown.includes(id)} disabled={fixed.has(id)}
              onChange={() => onChange(toggledColumns(columns, fixed, shown, id))} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
