// S3: the enrichment flow's steps on the shared graph canvas.
import { IconEqual, IconFilter, IconForms, IconGitBranch, IconListCheck, IconRepeat, IconTable } from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import { FLOW_SPEC, type Item } from "./model";
import type { Fact } from "./nodes";
import { GraphEditor, type GraphConfig } from "./GraphEditor";
import type { PaletteEntry } from "./Palette";

const STEP_TYPES: Record<string, Omit<PaletteEntry, "type">> = {
  condition: { label: "Condition", color: "grape", icon: <IconGitBranch size={14} />, description: "A gate: when its rule is false every step after it is skipped." },
  lookup: { label: "Table lookup", color: "cyan", icon: <IconTable size={14} />, description: "Evaluate a decision table and write its outputs to order or item fields." },
  set: { label: "Set", color: "teal", icon: <IconEqual size={14} />, description: "Compute values (JsonLogic) into order or item fields." },
  validate: { label: "Validate", color: "orange", icon: <IconListCheck size={14} />, description: "A false rule is a validation error (or warning) with a message." },
  requireInformation: { label: "Require information", color: "yellow", icon: <IconForms size={14} />, description: "Missing fields send the order to pending until someone fills them." },
};

function look(item: Item) {
  const type = String(item.type ?? "");
  const meta = STEP_TYPES[type];
  const facts: Fact[] = [];
  if (item.forEach === "item") facts.push({ key: "per-item", icon: <IconRepeat size={10} />, text: "per item", label: "Runs once per order item" });
  if (item.condition !== undefined) facts.push({ key: "when", icon: <IconFilter size={10} />, text: "when", label: "Runs only when its condition holds" });
  if (type === "lookup" && typeof item.table === "string" && item.table) facts.push({ key: "table", icon: <IconTable size={10} />, text: item.table, label: `Decision table ${item.table}`, color: "cyan" });
  return { typeLabel: meta?.label ?? (type || "?"), color: meta?.color ?? "gray", shape: type === "condition" ? "approval" as const : "box" as const, facts };
}

const CONFIG: GraphConfig = {
  spec: FLOW_SPEC,
  palette: FLOW_SPEC.types.map((type) => ({ type, ...STEP_TYPES[type] })),
  look,
};

export default function EnrichmentFlowEditor(props: EditorProps) {
  return <GraphEditor {...props} config={CONFIG} />;
}
