// One item's characteristics as an rjsf form built from the offering's specification (the offering is chosen
// outside the form). Values stay local while typing and go up debounced; the server's problems show under
// each field (extraErrors), never rjsf's own live validation.
import { useEffect, useMemo, useRef, useState } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import { validator } from "./validator";

type Values = Record<string, unknown>;

export function CharacteristicsForm({ schema, values, errors, onChange, idPrefix }: {
  schema: Record<string, unknown>;
  values: Values;
  errors: Record<string, unknown>;
  onChange: (values: Values) => void;
  idPrefix: string;
}) {
  const [local, setLocal] = useState<Values>(values);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const uiSchema = useMemo<UiSchema>(() => ({ "ui:submitButtonOptions": { norender: true }, "ui:title": "" }), []);
  const hasFields = Object.keys((schema.properties as Values | undefined) ?? {}).length > 0;
  if (!hasFields) return null;

  const change = (next: Values) => {
    setLocal(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange(next), 300);
  };

  return (
    <Form
      schema={{ ...schema, title: undefined } as RJSFSchema}
      uiSchema={uiSchema}
      idPrefix={idPrefix}
      formData={local}
      validator={validator}
      noHtml5Validate
      showErrorList={false}
      extraErrors={errors as ErrorSchema}
      onChange={(event) => change((event.formData ?? {}) as Values)}
    />
  );
}
