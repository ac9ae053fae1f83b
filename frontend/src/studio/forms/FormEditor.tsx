// The editor of any kind from its JSON Schema (GET /studio/kinds): an rjsf form over the document's body.
// Form data stays local and goes up debounced, so a big form does not re-render the page on every key.
import { useEffect, useMemo, useRef, useState } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { Alert } from "@mantine/core";
import type { EditorProps } from "../editor/types";
import type { EditorProblem } from "../shared/problems";
import { JsonField } from "./JsonField";
import { normaliseSchema } from "./normaliseSchema";
import { validator } from "./validator";

const FIELDS = { json: JsonField };

type Body = Record<string, unknown>;

export default function FormEditor({ draft, kind, problems }: EditorProps) {
  const document = draft.document as Record<string, unknown>;
  const [body, setBody] = useState<Body>((document.body as Body) ?? {});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const external = document.body as Body;

  useEffect(() => setBody(external ?? {}), [external]);

  const extraErrors = useMemo(() => errorSchema(problems, "/body"), [problems]);
  const form = useMemo(() => {
    if (!kind) return null;
    const { schema, uiSchema } = normaliseSchema(kind.bodySchema as Record<string, unknown>, kind.fields);
    return { schema, uiSchema: { ...uiSchema, "ui:submitButtonOptions": { norender: true } } };
  }, [kind]);
  if (!kind || !form) return <Alert color="yellow">This kind is not known to the server's studio.</Alert>;

  const change = (next: Body) => {
    setBody(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => draft.setDocument((current) => ({ ...(current ?? {}), body: next })), 250);
  };

  return (
    <Form
      schema={form.schema as RJSFSchema}
      fields={FIELDS}
      formData={body}
      validator={validator}
      disabled={!draft.editable}
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors as ErrorSchema}
      onChange={(event) => change(event.formData as Body)}
      uiSchema={form.uiSchema}
    />
  );
}

/** Problems under `prefix` as an rjsf error schema ({rules: {0: {__errors: [...]}}}). */
export function errorSchema(problems: EditorProblem[], prefix: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    if (!problem.pointer.startsWith(`${prefix}/`) && problem.pointer !== prefix) continue;
    const path = problem.pointer.slice(prefix.length).split("/").filter(Boolean).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node = root;
    for (const part of path) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(problem.message);
  }
  return root;
}
