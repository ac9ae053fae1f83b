// An rjsf field for members that hold any JSON (JsonLogic, free-form parameters): the value as JSON text,
// parsed on every change; text that does not parse stays in the box with the reason and changes nothing.
import { useEffect, useState } from "react";
import { JsonInput } from "@mantine/core";
import type { FieldProps } from "@rjsf/utils";

function show(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

export function JsonField(props: FieldProps) {
  const { formData, onChange, fieldPathId, schema, uiSchema, disabled, readonly, required, rawErrors, name } = props;
  const [text, setText] = useState(show(formData));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() && JSON.stringify(JSON.parse(current)) === JSON.stringify(formData)) return current;
      } catch {
        // the box holds text that does not parse: a new value from outside replaces it
      }
      return show(formData);
    });
  }, [formData]);

  const change = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setProblem(null);
      onChange(undefined, fieldPathId.path);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setProblem(null);
      onChange(parsed, fieldPathId.path);
    } catch (error) {
      setProblem(`Not JSON yet: ${(error as Error).message}`);
    }
  };

  const title = (uiSchema?.["ui:title"] as string | undefined) ?? (schema.title as string | undefined) ?? name;
  const help = (uiSchema?.["ui:help"] as string | undefined) ?? (schema.description as string | undefined);
  const errors = [problem, ...(rawErrors ?? [])].filter(Boolean).join("; ");
  return (
    <JsonInput id={fieldPathId.$id} label={title} description={help ? `${help} (JSON)` : "JSON"} value={text} onChange={change}
      disabled={disabled} readOnly={readonly} required={required} error={errors || undefined}
      autosize minRows={1} maxRows={12} formatOnBlur={!problem} mb="xs" />
  );
}
