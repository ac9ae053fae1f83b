// The canvas both graph editors share: palette, React Flow canvas (wire handles → dependency, Delete key,
// node search, minimap, fit view, "Lay out" with dagre on request), the selected item's properties panel and
// the body's other members. Every structural change is one setDocument (one undo step); a move is one on drag
// stop. Positions live in document.ui (layout only). Read-only unless the version is a draft.
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from "react";
import {
  Background, Controls, MarkerType, MiniMap, Panel, Position, ReactFlow, ReactFlowProvider, applyEdgeChanges,
  applyNodeChanges, useReactFlow, type Connection, type Edge, type EdgeChange, type IsValidConnection, type Node,
  type NodeChange, type OnDelete, type OnSelectionChangeFunc,
} from "@xyflow/react";
import { Accordion, Alert, Box, Button, Group, Paper, ScrollArea, Select, Text, Tooltip, useComputedColorScheme } from "@mantine/core";
import { IconArrowsMaximize, IconLayoutDistributeHorizontal, IconSearch } from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import type { EditorProblem } from "../shared/problems";
import {
  addItem, bodyOf, changedSince, connect, edgesOf, idOf, itemsOf, labelOf, positionsOf, problemsByItem,
  removeElements, replaceItem, withPositions, wouldCycle, type GraphSpec, type Item, type Json, type Positions,
} from "./model";
import { DEFAULT_SIZE, laneBands, layout, placeMissing } from "./layout";
import { nodeTypes, type ItemNode, type ItemNodeData, type LaneNode } from "./nodes";
import { DRAG_TYPE, Palette, type PaletteEntry } from "./Palette";
import { PropertiesPanel } from "./PropertiesPanel";
import { BodyForm } from "./BodyForm";
import { usePublishedDocument } from "./queries";

export interface GraphConfig {
  spec: GraphSpec;
  palette: PaletteEntry[];
  /** Type badge, colour, shape and facts of an item's node. */
  look: (item: Item) => Pick<ItemNodeData, "typeLabel" | "color" | "shape" | "facts">;
  /** The swimlane of an item (plans); none: no lanes. */
  laneOf?: (item: Item) => string;
  /** Facts shown above the form in the properties panel. */
  summary?: (item: Item, body: Json) => ReactNode;
}

// dimmed text (ours and rjsf's descriptions) dark enough for WCAG AA on the light theme
const MUTED = {
  "--ordo-muted": "light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))",
  "--mantine-color-dimmed": "light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))",
} as React.CSSProperties;
const DELETE_KEYS = ["Delete", "Backspace"];
const EDGE_OPTIONS = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

export function GraphEditor(props: EditorProps & { config: GraphConfig }) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ draft, kind, problems, focus: focused, config }: EditorProps & { config: GraphConfig }) {
  const { spec } = config;
  const document = draft.document as Json;
  const editable = draft.editable;
  const flow = useReactFlow();
  const colorMode = useComputedColorScheme("light"); // the minimap, controls and background follow the theme
  const wrapper = useRef<HTMLDivElement>(null);
  const items = itemsOf(document, spec);
  const edgeList = useMemo(() => edgesOf(document, spec), [document, spec]);
  const ids = useMemo(() => items.map((item) => idOf(item, spec)), [items, spec]);
  const stored = useMemo(() => positionsOf(document), [document]);
  // never laid out: a first dagre placement with default sizes (not saved); else only new items are placed
  const positions = useMemo(() => (Object.keys(stored).length === 0
    ? layout(items.map((item) => ({ id: idOf(item, spec), lane: config.laneOf?.(item) })), edgeList)
    : placeMissing(ids, edgeList, stored)), [ids, edgeList, stored, items, spec, config]);
  const published = usePublishedDocument(editable ? draft.server?.key ?? "" : "");
  // a draft's changes against the newest published version (a published version shows none)
  const changed = useMemo(() => changedSince(document, editable ? published.data?.document : null, spec), [document, editable, published.data, spec]);
  const byItem = useMemo(() => problemsByItem(problems, document, spec), [problems, document, spec]);
  const [selected, setSelected] = useState<string | null>(null);
  const wanted = useRef<string | null>(null);
  const [nodes, setNodes] = useState<ItemNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);

  useEffect(() => {
    const want = wanted.current;
    wanted.current = null;
    setNodes((previous) => {
      const before = new Map(previous.map((node) => [node.id, node]));
      return items.map((item): ItemNode => {
        const id = idOf(item, spec);
        const old = before.get(id);
        const look = config.look(item);
        return {
          id, type: "item", position: positions[id],
          data: { id, label: labelOf(item, spec), ...look, invalid: (byItem.get(id) ?? []).map((p) => p.message), changed: changed.has(id) },
          selected: want ? id === want : old?.selected ?? false,
          measured: old?.measured,
          draggable: editable, connectable: editable, deletable: editable,
          sourcePosition: Position.Right, targetPosition: Position.Left,
          ariaLabel: `${look.typeLabel} ${spec.noun} ${labelOf(item, spec)}`,
        };
      });
    });
    if (want) setSelected(want);
  }, [items, positions, byItem, changed, editable, spec, config]);

  useEffect(() => {
    setEdges((previous) => {
      const chosen = new Set(previous.filter((edge) => edge.selected).map((edge) => edge.id));
      return edgeList.map((edge) => ({ ...edge, selected: chosen.has(edge.id), deletable: editable, ariaLabel: `${edge.target} after ${edge.source}` }));
    });
  }, [edgeList, editable]);

  const lanes = useMemo<LaneNode[]>(() => {
    if (!config.laneOf) return [];
    const byId = new Map(items.map((item) => [idOf(item, spec), item]));
    const placed = nodes.filter((node) => byId.has(node.id)).map((node) => ({
      id: node.id, lane: config.laneOf!(byId.get(node.id)!), position: node.position,
      size: node.measured?.width ? { width: node.measured.width, height: node.measured.height ?? DEFAULT_SIZE.height } : undefined,
    }));
    return laneBands(placed).map((band) => ({
      id: `lane:${band.lane}`, type: "lane", position: { x: band.x, y: band.y }, width: band.width, height: band.height,
      data: { lane: band.lane }, selectable: false, draggable: false, connectable: false, deletable: false, focusable: false, zIndex: -1,
    }));
  }, [config, items, nodes, spec]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    // removals go through onDelete → the document; lanes are drawn from the nodes, never changed directly
    const kept = changes.filter((change) => change.type !== "remove" && !("id" in change && change.id.startsWith("lane:")));
    setNodes((current) => applyNodeChanges(kept, current as Node[]) as ItemNode[]);
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes.filter((change) => change.type !== "remove"), current));
  }, []);

  const onDelete: OnDelete = useCallback(({ nodes: gone, edges: cut }) => {
    const itemIds = gone.filter((node) => node.type === "item").map((node) => node.id);
    if (itemIds.length === 0 && cut.length === 0) return;
    draft.setDocument((current) => removeElements(current as Json, spec, itemIds, cut));
  }, [draft, spec]);

  const onConnect = useCallback((connection: Connection) => {
    draft.setDocument((current) => connect(current as Json, spec, connection.source, connection.target));
  }, [draft, spec]);

  const isValidConnection: IsValidConnection = useCallback((connection) =>
    !wouldCycle(document, spec, connection.source, connection.target), [document, spec]);

  const onNodeDragStop = useCallback((_event: unknown, _node: Node, dragged: Node[]) => {
    const moved: Positions = {};
    for (const node of dragged) {
      const was = positions[node.id];
      if (node.type === "item" && (!was || Math.round(was.x) !== Math.round(node.position.x) || Math.round(was.y) !== Math.round(node.position.y))) moved[node.id] = node.position;
    }
    if (Object.keys(moved).length) draft.setDocument((current) => withPositions(current as Json, moved));
  }, [draft, positions]);

  const onSelectionChange: OnSelectionChangeFunc = useCallback(({ nodes: chosen }) => {
    const items = chosen.filter((node) => node.type === "item");
    setSelected(items.length === 1 ? items[0].id : null);
  }, []);

  const add = (type: string, at?: { x: number; y: number }) => {
    let point = at;
    if (!point) {
      const box = wrapper.current?.getBoundingClientRect();
      const centre = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 600) / 2, y: (box?.top ?? 0) + (box?.height ?? 400) / 2 });
      const shift = (items.length % 5) * 24;
      point = { x: centre.x - DEFAULT_SIZE.width / 2 + shift, y: centre.y - DEFAULT_SIZE.height / 2 + shift };
    }
    const added = addItem(document, spec, type, point);
    wanted.current = added.id;
    draft.setDocument(added.document);
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(DRAG_TYPE);
    if (!type || !editable) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    add(type, { x: at.x - DEFAULT_SIZE.width / 2, y: at.y - DEFAULT_SIZE.height / 2 });
  };

  const layOut = () => {
    const byId = new Map(items.map((item) => [idOf(item, spec), item]));
    const placed = layout(nodes.filter((node) => byId.has(node.id)).map((node) => ({
      id: node.id,
      size: node.measured?.width ? { width: node.measured.width, height: node.measured.height ?? DEFAULT_SIZE.height } : undefined,
      lane: config.laneOf ? config.laneOf(byId.get(node.id)!) : undefined,
    })), edgeList);
    draft.setDocument((current) => withPositions(current as Json, placed));
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.15 }));
  };

  const focus = (id: string | null) => {
    if (!id) return;
    setNodes((current) => current.map((node) => ({ ...node, selected: node.id === id })));
    setSelected(id);
    const node = flow.getNode(id);
    if (node) {
      const width = node.measured?.width ?? DEFAULT_SIZE.width;
      const height = node.measured?.height ?? DEFAULT_SIZE.height;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 1) });
    }
  };

  // a problem chosen in the list, or a ?node= link: select and centre the step or task it points into
  const shown = useRef<object | null>(null);
  useEffect(() => {
    if (!focused || shown.current === focused || nodes.length === 0) return;
    const [id] = problemsByItem([focused.problem], document, spec).keys();
    if (!id) return;
    shown.current = focused;
    focus(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focused, nodes.length]);

  const commit = useCallback((id: string, next: Item) => {
    draft.setDocument((current) => replaceItem(current as Json, spec, id, next));
    const newId = idOf(next, spec);
    if (newId && newId !== id) { wanted.current = newId; }
  }, [draft, spec]);

  const remove = useCallback((id: string) => {
    draft.setDocument((current) => removeElements(current as Json, spec, [id]));
    setSelected(null);
  }, [draft, spec]);

  if (!kind) return <Alert color="yellow">This kind is not known to the server's studio.</Alert>;
  const bodySchema = kind.bodySchema as Json;
  const selectedIndex = selected ? ids.indexOf(selected) : -1;
  const selectedItem = selectedIndex >= 0 ? items[selectedIndex] : undefined;
  const itemProblems: EditorProblem[] = selectedItem ? byItem.get(selected!) ?? [] : [];
  const Noun = spec.noun[0].toUpperCase() + spec.noun.slice(1);

  return (
    <Box data-testid="graph-editor" style={MUTED}>
      <Group gap="xs" mb="xs" wrap="wrap">
        <Select
          size="xs" w={260} searchable clearable placeholder={`Find a ${spec.noun} by id or name`} aria-label={`Find a ${spec.noun}`}
          leftSection={<IconSearch size={14} />} value={null} onChange={focus} className="nokey"
          data={items.map((item) => ({ value: idOf(item, spec), label: `${labelOf(item, spec)} (${idOf(item, spec)})` }))}
          nothingFoundMessage="No match"
        />
        <Tooltip label="Arrange left to right with dagre (positions are saved with the draft)">
          <Button size="xs" variant="default" leftSection={<IconLayoutDistributeHorizontal size={14} />} onClick={layOut} disabled={!editable}>Lay out</Button>
        </Tooltip>
        <Button size="xs" variant="default" leftSection={<IconArrowsMaximize size={14} />} onClick={() => void flow.fitView({ padding: 0.15 })}>Fit view</Button>
        <Text size="xs" c="var(--ordo-muted)">
          {editable ? "Drag from a node's right handle to another node's left to make it run after. Delete removes the selection." : "Read-only: open a new draft to edit."}
        </Text>
      </Group>
      <div style={{ display: "grid", gridTemplateColumns: editable ? "170px minmax(0, 1fr) 340px" : "minmax(0, 1fr) 340px", gap: 12, height: "max(480px, calc(100vh - 260px))" }}>
        {editable && (
          <ScrollArea h="100%" viewportProps={{ tabIndex: 0, "aria-label": "Palette" }}>
            <Palette entries={config.palette} noun={spec.noun} disabled={!editable} onAdd={(type) => add(type)} />
          </ScrollArea>
        )}
        <Paper withBorder ref={wrapper} style={{ height: "100%", minHeight: 0 }} onDragOver={(event) => { if (editable) { event.preventDefault(); event.dataTransfer.dropEffect = "copy"; } }} onDrop={onDrop}
          role="application" aria-label={`${kind.title} graph`} data-testid="graph-canvas">
          <ReactFlow
            colorMode={colorMode}
            nodes={[...lanes, ...nodes] as Node[]}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onDelete={onDelete}
            onNodeDragStop={onNodeDragStop}
            onSelectionChange={onSelectionChange}
            isValidConnection={isValidConnection}
            deleteKeyCode={editable ? DELETE_KEYS : null}
            nodesDraggable={editable}
            nodesConnectable={editable}
            elementsSelectable
            defaultEdgeOptions={EDGE_OPTIONS}
            fitView
            fitViewOptions={{ padding: 0.15 }}
            minZoom={0.15}
          >
            <Background gap={16} />
            <MiniMap pannable zoomable ariaLabel="Mini map" style={{ width: 150, height: 100 }} nodeColor={(node) => (node.type === "lane" ? "transparent" : "var(--mantine-color-gray-5)")} />
            <Controls showInteractive={false} showFitView={false} />
            <Panel position="top-right"><Text size="xs" c="var(--ordo-muted)">{items.length} {spec.noun}s</Text></Panel>
          </ReactFlow>
        </Paper>
        <ScrollArea h="100%" viewportProps={{ tabIndex: 0, "aria-label": "Properties" }}>
          {selectedItem ? (
            <PropertiesPanel
              spec={spec} item={selectedItem} index={selectedIndex} bodySchema={bodySchema} editable={editable}
              problems={itemProblems} typeLabels={Object.fromEntries(config.palette.map((entry) => [entry.type, entry.label]))}
              summary={config.summary?.(selectedItem, bodyOf(document))} onCommit={commit} onDelete={remove}
            />
          ) : (
            <Text size="sm" c="var(--ordo-muted)" p="sm">Select a {spec.noun} to see its properties{editable ? `, or add one from the palette` : ""}.</Text>
          )}
        </ScrollArea>
      </div>
      <Accordion variant="contained" mt="sm">
        <Accordion.Item value="other">
          <Accordion.Control>{kind.title}: other settings (not {Noun.toLowerCase()}s)</Accordion.Control>
          <Accordion.Panel>
            <BodyForm spec={spec} body={bodyOf(document)} bodySchema={bodySchema} editable={editable} problems={problems}
              onCommit={(members) => draft.setDocument((current) => {
                const doc = current as Json;
                return { ...doc, body: { ...members, [spec.list]: itemsOf(doc, spec) } };
              })} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Box>
  );
}
