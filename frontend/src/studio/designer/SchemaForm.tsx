// An rjsf form over one part of the draft (a node, a rule row, the body's other members). Edits stay local and go
// up debounced (and on unmount, so switching nodes never drops a keystroke); each commit is one undo step.
import { useEffect, useMemo, useRef, useState } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RegistryFieldsType, RJSFSchema, UiSchema } from "@rjsf/utils";
import { JsonField } from "../rules/JsonField";
import { validator } from "../forms/validator";
import { sameJson } from "../../shared/draft/json";

interface Props<T> {
  schema: Record<string, unknown>;
  value: T;
  onCommit: (next: T) => void;
  disabled?: boolean;
  idPrefix: string;
  extraErrors?: Record<string, unknown>;
  uiSchema?: UiSchema;
}

const FIELDS: RegistryFieldsType = { json: JsonField };
const BEHAVIOUR = { emptyObjectFields: "skipEmptyDefaults" as const };

export function SchemaForm<T>({ schema, value, onCommit, disabled, idPrefix, extraErrors, uiSchema }: Props<T>) {
  const [local, setLocal] = useState<T>(value);
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // rjsf reports a change on mount when it fills in defaults: only what follows the user's own input is an edit
  const touched = useRef(false);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (pending.current === null) setLocal(value);
  }, [value]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    if (pending.current !== null) commit.current(pending.current);
  }, []);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next !== null) commit.current(next);
  };

  const ui = useMemo(() => ({ "ui:submitButtonOptions": { norender: true }, ...uiSchema }), [uiSchema]);
  const touch = () => { touched.current = true; };
  return (
    <div onKeyDownCapture={touch} onPointerDownCapture={touch} onPasteCapture={touch} onInputCapture={touch}>
    <Form
      schema={schema as RJSFSchema}
      formData={local}
      validator={validator}
      disabled={disabled}
      idPrefix={idPrefix}
      noHtml5Validate
      showErrorList={false}
      extraErrors={extraErrors as ErrorSchema | undefined}
      uiSchema={ui}
      fields={FIELDS}
      experimental_defaultFormStateBehavior={BEHAVIOUR}
      onChange={(event) => {
        const next = event.formData as T;
        if (!touched.current || sameJson(next, local)) return;
        setLocal(next);
        pending.current = next;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, 300);
      }}
      onBlur={() => flush()}
    />
    </div>
  );
}
