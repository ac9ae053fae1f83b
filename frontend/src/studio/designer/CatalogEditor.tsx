// S5: the catalog designer. Tree of offerings → product spec → CFS / RFS → resource spec (relationships shown),
// the selected node's panel, and the decomposition preview of a sample order under the draft catalog.
import { useMemo, useState } from "react";
import { Alert, Button, Grid, Group, ScrollArea, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import type { Schema } from "./deref";
import { useBody } from "./body";
import {
  addNode, buildTree, findNode, idsWithProblems, removeNode, renameId, valueOf, type CatalogBody, type Level, type NodeRef, type TreeNode,
} from "./catalogModel";
import { CatalogTree } from "./CatalogTree";
import { NodePanel } from "./NodePanel";
import { DecompositionPreview } from "./DecompositionPreview";

export default function CatalogEditor({ draft, kind, problems }: EditorProps) {
  const [body, change] = useBody<CatalogBody>(draft);
  const tree = useMemo(() => buildTree(body), [body]);
  const flagged = useMemo(() => idsWithProblems(body, problems.map((p) => p.pointer)), [body, problems]);
  // the selections so far, newest last: the panel shows the newest that still exists, so undoing a rename (or an
  // add) falls back to the node as it was, and redo brings the renamed one back
  const [trail, setTrail] = useState<{ value: string; ref: NodeRef }[]>([]);
  const setSelected = (next: { value: string; ref: NodeRef } | null) => setTrail((t) => (next ? [...t.slice(-20), next] : []));
  const initiallyExpanded = useMemo(() => tree.slice(0, 1).flatMap((root) => [root.value, ...(root.children ?? []).map((c) => c.value)]),
    // only the first tree: later changes keep what the user expanded
    // eslint-disable-next-line react-hooks/exhaustive-deps
    []);
  if (!kind) return <Alert color="yellow">This kind is not known to the server's studio.</Alert>;
  const bodySchema = kind.bodySchema as Schema;
  const current = [...trail].reverse().find((entry) => findNode(body, entry.ref)) ?? null;
  const highlighted = current ? valueOf(tree, current.ref, current.value) : null;

  const select = (node: TreeNode) => { if (node.ref) setSelected({ value: node.value, ref: node.ref }); };
  const rename = (to: string) => {
    if (!current) return;
    change((b) => renameId(b, current.ref, to));
    setSelected({ value: "", ref: { ...current.ref, id: to } });
  };
  const add = (level: Level, relationshipType: string, parent?: NodeRef) => {
    const { ref } = addNode(body, level, parent, relationshipType);
    change((b) => addNode(b, level, parent, relationshipType).body);
    setSelected({ value: "", ref });
  };
  const remove = () => {
    if (!current) return;
    change((b) => removeNode(b, current.ref));
    setSelected(null);
  };
  const offerings = body.productOfferings.map((o) => ({ id: o.id, name: o.name }));

  return (
    <div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Group gap="xs" mb="xs">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={!draft.editable} onClick={() => add("offering", "")}>Offering</Button>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={!draft.editable} onClick={() => add("product", "")}>Product spec</Button>
          </Group>
          <ScrollArea.Autosize mah="65vh" type="auto">
            <CatalogTree nodes={tree} selected={highlighted} onSelect={select} initiallyExpanded={initiallyExpanded} flagged={flagged} />
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed" mt={4}>Arrow keys move and expand, Enter selects.</Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {current ? (
            <NodePanel body={body} bodySchema={bodySchema} node={current.ref} editable={draft.editable} problems={problems}
                       change={change} onRename={rename} onRemove={remove}
                       onAdd={(level, type) => add(level, type, current.ref)} />
          ) : (
            <Text c="dimmed" size="sm">Select an offering or a specification in the tree to edit it.</Text>
          )}
        </Grid.Col>
      </Grid>
      <DecompositionPreview catalog={draft.document as Record<string, unknown>} rules={null} offerings={offerings} />
    </div>
  );
}

