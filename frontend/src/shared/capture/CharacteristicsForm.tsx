// One item's characteristics as an rjsf form built from the offering's specification (the offering is chosen
// outside the form). Every change goes up at once, so the draft a click on "Place order" sends always holds what
// is on screen (the quote is debounced by the screen, which only lets an order be placed once the quote matches
// the draft); the server's problems show under each field (extraErrors), never rjsf's own live validation.
import { useMemo, useState } from "react";
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
  const uiSchema = useMemo<UiSchema>(() => ({ "ui:submitButtonOptions": { norender: true }, "ui:title": "" }), []);
  const hasFields = Object.keys((schema.properties as Values | undefined) ?? {}).length > 0;
  if (!hasFields) return null;

  const change = (next: Values) => {
    setLocal(next);
    onChange(next);
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
