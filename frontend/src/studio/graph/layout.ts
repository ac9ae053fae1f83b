// Placing nodes: a first placement by dependency depth for items without a stored position (nothing is
// written to the document for it), and the dagre left-to-right layout the user asks for with "Lay out",
// from measured node sizes; with lanes (a plan's assignment groups) each lane is a horizontal band.
import dagre from "@dagrejs/dagre";
import type { GraphEdge, Point, Positions } from "./model";

export interface Size { width: number; height: number }
export interface LayoutNode { id: string; size?: Size; lane?: string }

export const DEFAULT_SIZE: Size = { width: 220, height: 96 };
const RANK_GAP = 80;
const NODE_GAP = 28;
export const LANE_PADDING = 24;
export const LANE_HEADER = 28;

/** Depth (longest dependency chain) of every node; nodes in a cycle count from where the walk found them. */
export function depths(ids: string[], edges: GraphEdge[]): Map<string, number> {
  const before = new Map<string, string[]>();
  for (const edge of edges) before.set(edge.target, [...(before.get(edge.target) ?? []), edge.source]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const d = Math.max(-1, ...(before.get(id) ?? []).map(walk)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  ids.forEach(walk);
  return depth;
}

/** Positions for the nodes `positions` lacks: a column per depth, stacked in authored order. */
export function placeMissing(ids: string[], edges: GraphEdge[], positions: Positions): Positions {
  const missing = ids.filter((id) => !positions[id]);
  if (missing.length === 0) return positions;
  const depth = depths(ids, edges);
  const used = new Map<number, number>();
  const placed: Positions = { ...positions };
  const bottom = Math.max(0, ...Object.values(positions).map((p) => p.y + DEFAULT_SIZE.height + NODE_GAP));
  for (const id of missing) {
    const column = depth.get(id) ?? 0;
    const row = used.get(column) ?? 0;
    used.set(column, row + 1);
    placed[id] = { x: column * (DEFAULT_SIZE.width + RANK_GAP), y: bottom + row * (DEFAULT_SIZE.height + NODE_GAP) };
  }
  return placed;
}

/** Dagre, left to right. With lanes: dagre gives the columns and the order, each lane stacks its own rows. */
export function layout(nodes: LayoutNode[], edges: GraphEdge[]): Positions {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { ...(node.size ?? DEFAULT_SIZE) });
  const ids = new Set(nodes.map((node) => node.id));
  for (const edge of edges) if (ids.has(edge.source) && ids.has(edge.target)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const placed: Positions = {};
  for (const node of nodes) {
    const at = graph.node(node.id) as unknown as Point & Size;
    const size = node.size ?? DEFAULT_SIZE;
    placed[node.id] = { x: at.x - size.width / 2, y: at.y - size.height / 2 };
  }
  if (!nodes.some((node) => node.lane !== undefined)) return placed;
  return intoLanes(nodes, placed);
}

function intoLanes(nodes: LayoutNode[], placed: Positions): Positions {
  const lanes = laneOrder(nodes, placed);
  const result: Positions = {};
  let top = 0;
  for (const lane of lanes) {
    const members = nodes.filter((node) => (node.lane ?? "") === lane)
      .sort((a, b) => placed[a.id].y - placed[b.id].y || placed[a.id].x - placed[b.id].x);
    // a row per node sharing a column with an earlier node of the lane
    const columns = new Map<number, number>();
    let height = 0;
    for (const node of members) {
      const x = Math.round(placed[node.id].x);
      const row = columns.get(x) ?? 0;
      columns.set(x, row + 1);
      const size = node.size ?? DEFAULT_SIZE;
      const rowHeight = Math.max(DEFAULT_SIZE.height, size.height) + NODE_GAP;
      result[node.id] = { x: placed[node.id].x, y: top + LANE_HEADER + row * rowHeight };
      height = Math.max(height, LANE_HEADER + row * rowHeight + size.height);
    }
    top += height + LANE_PADDING * 2;
  }
  return result;
}

/** Lanes in the order their first node appears top to bottom in dagre's layout. */
function laneOrder(nodes: LayoutNode[], placed: Positions): string[] {
  const first = new Map<string, number>();
  for (const node of nodes) {
    const lane = node.lane ?? "";
    first.set(lane, Math.min(first.get(lane) ?? Infinity, placed[node.id].y));
  }
  return [...first.keys()].sort((a, b) => first.get(a)! - first.get(b)!);
}

export interface LaneBand { lane: string; x: number; y: number; width: number; height: number }

/** The background band of each lane around its nodes' current positions. */
export function laneBands(nodes: Array<LayoutNode & { position: Point }>): LaneBand[] {
  if (nodes.length === 0) return [];
  const left = Math.min(...nodes.map((n) => n.position.x)) - LANE_PADDING;
  const right = Math.max(...nodes.map((n) => n.position.x + (n.size ?? DEFAULT_SIZE).width)) + LANE_PADDING;
  const lanes = new Map<string, { top: number; bottom: number }>();
  for (const node of nodes) {
    const lane = node.lane ?? "";
    const span = lanes.get(lane) ?? { top: Infinity, bottom: -Infinity };
    span.top = Math.min(span.top, node.position.y - LANE_HEADER);
    span.bottom = Math.max(span.bottom, node.position.y + (node.size ?? DEFAULT_SIZE).height);
    lanes.set(lane, span);
  }
  return [...lanes.entries()].map(([lane, span]) => ({
    lane, x: left, y: span.top - LANE_PADDING / 2, width: right - left, height: span.bottom - span.top + LANE_PADDING,
  }));
}
