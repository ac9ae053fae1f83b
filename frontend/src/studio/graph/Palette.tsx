// The palette: the kind's step / task types, searchable; a click (or Enter) adds one, a drag drops one on the canvas.
import { useState, type ReactNode } from "react";
import { Button, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { ink } from "./nodes";

export const DRAG_TYPE = "application/x-ordo-graph-type";

export interface PaletteEntry { type: string; label: string; description: string; icon: ReactNode; color: string }

export function Palette({ entries, noun, disabled, onAdd }: { entries: PaletteEntry[]; noun: string; disabled: boolean; onAdd: (type: string) => void }) {
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const shown = entries.filter((entry) => !needle || `${entry.type} ${entry.label} ${entry.description}`.toLowerCase().includes(needle));
  return (
    <Stack gap={6} role="region" aria-label={`${noun} palette`} className="nokey">
      <Text size="xs" fw={700} c="var(--ordo-muted)" tt="uppercase">Add a {noun}</Text>
      <TextInput size="xs" placeholder="Search types" aria-label={`Search ${noun} types`} leftSection={<IconSearch size={14} />}
        value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
      {shown.map((entry) => (
        <Tooltip key={entry.type} label={entry.description} multiline maw={260} position="right" openDelay={400}>
          <Button
            variant="light" color={entry.color} c={ink(entry.color)} size="xs" justify="flex-start" leftSection={entry.icon}
            disabled={disabled} draggable={!disabled} aria-label={`Add ${entry.label} ${noun}`}
            onDragStart={(event) => { event.dataTransfer.setData(DRAG_TYPE, entry.type); event.dataTransfer.effectAllowed = "copy"; }}
            onClick={() => onAdd(entry.type)}
          >
            {entry.label}
          </Button>
        </Tooltip>
      ))}
      {shown.length === 0 && <Text size="xs" c="var(--ordo-muted)">No type matches.</Text>}
    </Stack>
  );
}
