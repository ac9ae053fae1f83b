// A new decision table from scratch: the smallest valid document (one input, one output, no rules) created as
// version 1, a draft (POST /api/v1/studio/artifacts). The catalog's "New artifact" can use this too.
import { api } from "../../shared/api/client";
import { unwrapWithEtag } from "../../shared/api/problem";

export interface NewTableOptions {
  key: string;
  title?: string;
  inputName?: string;
  outputName?: string;
}

/** The minimal decision_table document for `key`. */
export function newDecisionTableDocument({ key, title, inputName = "input1", outputName = "output1" }: NewTableOptions) {
  return {
    kind: "decision_table" as const,
    key,
    schemaVersion: 1 as const,
    title: title || key,
    body: {
      hitPolicy: "FIRST",
      inputs: [{ name: inputName, type: "string" }],
      outputs: [{ name: outputName, type: "string" }],
      rules: [],
    },
    tests: [],
  };
}

/** Create the table on the server; the stored version 1 (a draft) and its ETag. */
export async function createDecisionTable(options: NewTableOptions) {
  return unwrapWithEtag(await api.POST("/api/v1/studio/artifacts", { body: newDecisionTableDocument(options) as never }));
}

/** Where the editor of a created version is. */
export function editorPath(key: string, version: number): string {
  return `/studio/artifacts/${encodeURIComponent(key)}/versions/${version}`;
}
