// Which editor opens a kind. Each loads in its own chunk; a kind without a dedicated editor gets the form
// editor built from its JSON Schema (so no kind is without an editor).
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { EditorProps } from "./types";

type Editor = LazyExoticComponent<ComponentType<EditorProps>>;

const FormEditor: Editor = lazy(() => import("../forms/FormEditor"));

export const EDITORS: Record<string, Editor> = {};

export function editorFor(kind: string): Editor {
  return EDITORS[kind] ?? FormEditor;
}
EDITORS.catalog = lazy(() => import("../designer/CatalogEditor"));
EDITORS.decomposition_rules = lazy(() => import("../designer/DecompositionRulesEditor"));
EDITORS.price_list = lazy(() => import("../rules/PriceListEditor"));
EDITORS.jeopardy_rules = lazy(() => import("../rules/JeopardyRulesEditor"));
EDITORS.fallout_rules = lazy(() => import("../rules/FalloutRulesEditor"));
