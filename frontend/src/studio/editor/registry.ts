// Which editor opens a kind. Each loads in its own chunk; a kind without a dedicated editor gets the form
// editor built from its JSON Schema (so no kind is without an editor).
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { EditorProps } from "./types";

type Editor = LazyExoticComponent<ComponentType<EditorProps>>;

const FormEditor: Editor = lazy(() => import("../forms/FormEditor"));

const TableEditor: Editor = lazy(() => import("../table/TableEditor"));

export const EDITORS: Record<string, Editor> = {
  decision_table: TableEditor,
  pricing_matrix: TableEditor,
  enrichment_flow: lazy(() => import("../graph/EnrichmentFlowEditor")),
  orchestration_plan: lazy(() => import("../graph/OrchestrationPlanEditor")),
  catalog: lazy(() => import("../designer/CatalogEditor")),
  decomposition_rules: lazy(() => import("../designer/DecompositionRulesEditor")),
  price_list: lazy(() => import("../rules/PriceListEditor")),
  jeopardy_rules: lazy(() => import("../rules/JeopardyRulesEditor")),
  fallout_rules: lazy(() => import("../rules/FalloutRulesEditor")),
};

export function editorFor(kind: string): Editor {
  return EDITORS[kind] ?? FormEditor;
}
