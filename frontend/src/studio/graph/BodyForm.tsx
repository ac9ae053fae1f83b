// The body's members other than the graph's list (a flow's description; a plan's description and compensation
// tasks) in an rjsf form from the kind's schema, so the dedicated editor leaves nothing uneditable.
import { useEffect, useMemo, useRef, useState } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { validator } from "../forms/validator";
import { errorSchema } from "../forms/FormEditor";
import type { EditorProblem } from "../shared/problems";
import { stableJson, type GraphSpec, type Json } from "./model";
import { DEFAULTS } from "./PropertiesPanel";
import { JsonField } from "./JsonField";

const FIELDS = { json: JsonField };

export function otherMembersSchema(bodySchema: Json, spec: GraphSpec): Json {
  const properties = { ...((bodySchema.properties as Json | undefined) ?? {}) };
  delete properties[spec.list];
  const required = ((bodySchema.required as string[] | undefined) ?? []).filter((name) => name !== spec.list);
  return { ...bodySchema, properties, required };
}

export function BodyForm({ spec, body, bodySchema, editable, problems, onCommit }: {
  spec: GraphSpec; body: Json; bodySchema: Json; editable: boolean; problems: EditorProblem[]; onCommit: (members: Json) => void;
}) {
  const schema = useMemo(() => otherMembersSchema(bodySchema, spec), [bodySchema, spec]);
  const others = useMemo(() => { const rest = { ...body }; delete rest[spec.list]; return rest; }, [body, spec]);
  const [data, setData] = useState<Json>(others);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => { if (!timer.current) setData(others); }, [others]);
  const extraErrors = useMemo(() => errorSchema(problems.filter((p) => !p.pointer.startsWith(`/body/${spec.list}`)), "/body"), [problems, spec]);
  const uiSchema = useMemo(() => ({
    "ui:submitButtonOptions": { norender: true },
    compensationTasks: { items: { condition: { "ui:field": "json" }, params: { "ui:field": "json" }, until: { "ui:field": "json" } } },
  }), []);
  return (
    <div className="nokey">
      <Form
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        fields={FIELDS}
        formData={data}
        validator={validator}
        disabled={!editable}
        noHtml5Validate
        showErrorList={false}
        experimental_defaultFormStateBehavior={DEFAULTS}
        extraErrors={extraErrors as ErrorSchema}
        onChange={(event) => {
          const next = (event.formData ?? {}) as Json;
          setData(next);
          if (timer.current) clearTimeout(timer.current);
          timer.current = null;
          if (!editable || stableJson(next) === stableJson(others)) return;
          timer.current = setTimeout(() => { timer.current = null; onCommit(next); }, 300);
        }}
      />
    </div>
  );
}
