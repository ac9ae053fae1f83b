// The canvas's node components (module level, memoised: React Flow re-creates nothing on each render).
// A node shows what it is and its badges; every edit happens in the properties panel, never inside a node.
import { memo, type ReactNode } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconAlertCircle, IconPencil } from "@tabler/icons-react";

/** Text in a colour dark enough on its light tint (and light enough on dark): WCAG AA at badge sizes. */
export function ink(color: string): string {
  return `light-dark(color-mix(in srgb, var(--mantine-color-${color}-9), black 40%), var(--mantine-color-${color}-2))`;
}

export interface Fact { key: string; icon: ReactNode; text: string; label: string; color?: string }

export interface ItemNodeData extends Record<string, unknown> {
  id: string;
  label: string;
  typeLabel: string;
  color: string;
  shape: "box" | "milestone" | "approval";
  invalid: string[];
  changed: boolean;
  facts: Fact[];
}

export type ItemNode = Node<ItemNodeData, "item">;
export interface LaneNodeData extends Record<string, unknown> { lane: string }
export type LaneNode = Node<LaneNodeData, "lane">;

const SHAPES: Record<ItemNodeData["shape"], React.CSSProperties> = {
  box: { borderRadius: 8 },
  milestone: { borderRadius: 999, borderStyle: "double", borderWidth: 4 },
  approval: { borderRadius: 8, borderStyle: "dashed", borderWidth: 2 },
};

function ItemNodeView({ data, selected }: NodeProps<ItemNode>) {
  const border = data.invalid.length ? "var(--mantine-color-red-6)" : selected ? "var(--mantine-color-blue-6)" : `var(--mantine-color-${data.color}-5)`;
  return (
    <div
      data-testid={`node-${data.id}`}
      data-shape={data.shape}
      style={{
        width: 220, minHeight: 56, padding: "6px 10px", background: "var(--mantine-color-body)",
        border: `2px solid ${border}`, boxShadow: selected ? "0 0 0 3px var(--mantine-color-blue-2)" : undefined,
        ...SHAPES[data.shape], ...(data.shape !== "box" ? { borderColor: border } : {}),
      }}
    >
      <Handle type="target" position={Position.Left} />
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Badge size="xs" variant="light" color={data.color} c={ink(data.color)}>{data.typeLabel}</Badge>
        <Group gap={2} wrap="nowrap">
          {data.changed && (
            <Tooltip label="Changed since the published version">
              <Badge size="xs" color="blue.9" variant="filled" role="img" leftSection={<IconPencil size={10} />} aria-label="changed since published" data-testid="badge-changed">changed</Badge>
            </Tooltip>
          )}
          {data.invalid.length > 0 && (
            <Tooltip label={data.invalid.join("\n")} multiline maw={320}>
              <Badge size="xs" color="red.9" variant="filled" role="img" leftSection={<IconAlertCircle size={10} />} aria-label={`invalid: ${data.invalid.length} problem(s)`} data-testid="badge-invalid">{data.invalid.length}</Badge>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Text size="sm" fw={600} lineClamp={2} title={data.label}>{data.label}</Text>
      {data.label !== data.id && <Text size="xs" c="var(--ordo-muted)" ff="monospace" truncate>{data.id}</Text>}
      {data.facts.length > 0 && (
        <Group gap={4} mt={4}>
          {data.facts.map((fact) => (
            <Tooltip key={fact.key} label={fact.label}>
              <Badge size="xs" variant="outline" color={fact.color ?? "gray"} c={ink(fact.color ?? "gray")} leftSection={fact.icon} role="img" aria-label={fact.label} data-testid={`fact-${fact.key}`}>{fact.text}</Badge>
            </Tooltip>
          ))}
        </Group>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function LaneNodeView({ data, width, height }: NodeProps<LaneNode>) {
  return (
    <div
      data-testid={`lane-${data.lane}`}
      style={{ width, height, borderRadius: 6, background: "light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))",
        border: "1px dashed var(--mantine-color-gray-4)", pointerEvents: "none" }}
    >
      <Text size="xs" fw={700} c="var(--ordo-muted)" px={8} py={4}>{data.lane}</Text>
    </div>
  );
}

export const nodeTypes = { item: memo(ItemNodeView), lane: memo(LaneNodeView) };
