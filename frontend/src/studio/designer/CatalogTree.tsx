// The catalog as a keyboard-navigable tree (Mantine Tree: arrows move and expand, Enter selects).
import { useEffect, useMemo } from "react";
import { Badge, Group, Text, Tree, useTree, type TreeNodeData } from "@mantine/core";
import { IconAlertTriangle, IconChevronRight } from "@tabler/icons-react";
import type { TreeNode } from "./catalogModel";

interface Props {
  nodes: TreeNode[];
  selected: string | null;
  onSelect: (node: TreeNode) => void;
  initiallyExpanded: string[];
  /** ids of entries with lint or refused-save problems: marked in the tree */
  flagged: Set<string>;
}

function toData(nodes: TreeNode[]): TreeNodeData[] {
  return nodes.map((node) => ({ value: node.value, label: node.label, nodeProps: { node }, children: node.children?.length ? toData(node.children) : undefined }));
}

function index(nodes: TreeNode[], into = new Map<string, TreeNode>()): Map<string, TreeNode> {
  for (const node of nodes) {
    into.set(node.value, node);
    index(node.children ?? [], into);
  }
  return into;
}

const VIA_COLOUR: Record<string, string> = { realizedAs: "blue", bundles: "grape", requires: "orange", excludes: "red", specification: "teal" };

export function CatalogTree({ nodes, selected, onSelect, initiallyExpanded, flagged }: Props) {
  const data = useMemo(() => toData(nodes), [nodes]);
  const byValue = useMemo(() => index(nodes), [nodes]);
  const tree = useTree({
    initialExpandedState: Object.fromEntries(initiallyExpanded.map((v) => [v, true])),
    selectedState: selected ? [selected] : [],
  });
  const { setExpandedState, expandedState } = tree;
  useEffect(() => {
    // the selected node is always visible: expand every node above it
    if (!selected) return;
    const parts = selected.split("/");
    const above = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/")).filter((v) => !expandedState[v]);
    if (above.length) setExpandedState({ ...expandedState, ...Object.fromEntries(above.map((v) => [v, true])) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);
  const choose = (value: string | undefined) => {
    const node = value ? byValue.get(value) : undefined;
    if (node) onSelect(node);
  };
  return (
    <div
      onKeyDown={(event) => {
        if (event.key !== "Enter") return;
        const item = (event.target as HTMLElement).closest<HTMLElement>("[role=treeitem]");
        if (item) { event.preventDefault(); choose(item.dataset.value); }
      }}
    >
      <Tree
        aria-label="Catalog: offerings, product, service and resource specifications"
        data={data}
        tree={tree}
        levelOffset="md"
        expandOnClick={false}
        renderNode={({ node, expanded, hasChildren, elementProps, selected: isSelected }) => {
          const entry = byValue.get(node.value);
          return (
            <Group gap={6} wrap="nowrap" {...elementProps}
                   onClick={(event) => { elementProps.onClick(event); choose(node.value); }}
                   style={{ ...elementProps.style, cursor: "pointer", padding: "2px 4px", borderRadius: 4,
                            background: isSelected ? "var(--mantine-primary-color-light)" : undefined }}
                   data-testid="tree-node">
              {hasChildren ? (
                <IconChevronRight size={14} aria-hidden onClick={(event) => { event.stopPropagation(); tree.toggleExpanded(node.value); }}
                                  style={{ transform: expanded ? "rotate(90deg)" : undefined, transition: "transform 120ms", flex: "none" }} />
              ) : <span style={{ width: 14, flex: "none" }} />}
              {entry?.via && entry.via !== "none" && entry.via !== "specification" && (
                <Badge size="xs" variant="light" tt="none" color={VIA_COLOUR[entry.via] ?? "gray"} style={{ flex: "none" }}>{entry.via}</Badge>
              )}
              <Text size="sm" c={entry?.kind === "missing" ? "red" : entry?.kind === "link" || entry?.kind === "cycle" ? "dimmed" : undefined}
                    fs={entry?.kind === "link" ? "italic" : undefined} fw={entry?.kind === "group" ? 600 : undefined} truncate>
                {node.label}
              </Text>
              {entry?.kind === "node" && entry.ref && flagged.has(entry.ref.id) && (
                <IconAlertTriangle size={14} color="var(--mantine-color-red-8)" aria-label="has problems" role="img" style={{ flex: "none" }} />
              )}
            </Group>
          );
        }}
      />
    </div>
  );
}
