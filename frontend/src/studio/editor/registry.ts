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
};

export function editorFor(kind: string): Editor {
  return EDITORS[kind] ?? FormEditor;
}
