// An rjsf field for free-form JSON (a JsonLogic condition, a durable-rules "when", parameters): a text area that
// commits on blur when the text parses, and says why when it does not.
import { useEffect, useState } from "react";
import { Textarea } from "@mantine/core";
import type { FieldProps } from "@rjsf/utils";
import { fromJsonText, toJsonText } from "./jsonUi";

export function JsonField({ formData, onChange, fieldPathId, schema, name, disabled, readonly, required, rawErrors }: FieldProps) {
  const [text, setText] = useState(toJsonText(formData));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setText(toJsonText(formData)); setError(null); }, [formData]);
  const label = (schema.title as string | undefined) ?? name;
  return (
    <Textarea
      id={fieldPathId.$id}
      label={label}
      description={schema.description as string | undefined}
      required={required}
      value={text}
      disabled={disabled || readonly}
      autosize
      minRows={2}
      maxRows={12}
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
      error={error ?? (rawErrors?.length ? rawErrors.join("; ") : undefined)}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => {
        const parsed = fromJsonText(text);
        if (parsed.error) { setError(`Not JSON: ${parsed.error}`); return; }
        setError(null);
        onChange(parsed.value, fieldPathId.path);
      }}
      mb="sm"
    />
  );
}
